"""Constants written twice on purpose: once for the clients, once for the sandbox (which must not
import the clients it is used to test). Same names, and this test proves the values equal."""

from __future__ import annotations

import nlconsole.providers.maileon as maileon_client
import nlconsole.providers.newsletter2go as n2g_client
import nlconsole.sandbox.maileon as maileon_sandbox_rights
from nlconsole.sandbox.maileon import rules as maileon_sandbox
from nlconsole.sandbox.maileon import wire as maileon_wire
from nlconsole.sandbox.newsletter2go import attributes as n2g_attributes
from nlconsole.sandbox.newsletter2go import oauth as n2g_oauth


def test_maileon_field_rules_are_the_same_on_both_sides() -> None:
    for name in ("STANDARD_FIELDS", "READ_ONLY_FIELDS", "RESERVED_FIELD_NAMES"):
        assert set(getattr(maileon_client, name)) == set(getattr(maileon_sandbox, name)), name
    assert tuple(maileon_client.CUSTOM_FIELD_TYPES) == tuple(maileon_sandbox.CUSTOM_FIELD_TYPES)
    assert maileon_client.RIGHT_BY_METHOD == maileon_sandbox_rights.RIGHT_BY_METHOD
    assert maileon_client.XML_TYPE == maileon_wire.XML_TYPE


def test_newsletter2go_wire_constants_are_the_same_on_both_sides() -> None:
    assert n2g_client.PASSWORD_GRANT == n2g_oauth.PASSWORD_GRANT
    assert n2g_client.REFRESH_GRANT == n2g_oauth.REFRESH_GRANT
    assert n2g_client.ATTRIBUTE_NAME_RE.pattern == n2g_attributes.ATTRIBUTE_NAME_RE.pattern

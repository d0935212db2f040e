"""Maileon's secrets: the integration key and the optional test key, as people paste them.

The cmxOrganize guide tells customers to copy the key "after 'Authorization: Basic'", i.e. the
Base64 form, while Maileon's docs call the raw key the API key. Both arrive here, with or without
the header prefix; the raw key is stored and the recognised form is named.
"""

from __future__ import annotations

import re

from pydantic import SecretStr

from nlconsole.core.credentials import (
    CredentialError,
    ParsedSecret,
    b64decode_text,
    strip_auth_prefixes,
    two_pastes,
)
from nlconsole.i18n import Msg, _

UUID_RE = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)
MAILEON_KEY_MIN, MAILEON_KEY_MAX = 12, 265
WHERE = _("Maileon: Einstellungen → Konto → API-Keys, magnifier in column 'API-Key v1'.")


def parse_maileon_key(text: str) -> ParsedSecret:
    """Return the raw Maileon API key from a raw key, its Base64 form or the whole header line."""
    body, prefixes = strip_auth_prefixes(text)
    several = len(body.split()) > 1
    body = re.sub(r"\s+", "", body)
    if not body:
        raise CredentialError(
            _("the API key is empty after 'Basic'")
            if prefixes.basic
            else _("the API key is empty"),
            _("Paste the key shown in {where}", where=WHERE),
        )
    note: Msg | str = (
        _(" (the 'Authorization: Basic' prefix was removed)")
        if prefixes.header
        else (_(" (the 'Basic' prefix was removed)") if prefixes.basic else "")
    )
    if UUID_RE.fullmatch(body):
        return ParsedSecret(SecretStr(body), _("raw API key{note}", note=note))
    decoded = b64decode_text(body)
    if decoded is not None:
        key = decoded[:-1] if decoded.endswith(":") else decoded
        if UUID_RE.fullmatch(key):
            return ParsedSecret(
                SecretStr(key),
                _(
                    "Base64 form shown after 'Authorization: Basic', decoded to the raw key{note}",
                    note=note,
                ),
            )
        if prefixes.basic and _plausible_raw_key(key):
            return ParsedSecret(
                SecretStr(key),
                _("Base64 form after 'Basic', decoded{note}", note=note),
                (_non_uuid_warning(),),
            )
    if several:
        # A key wrapped over lines joins into a UUID above; anything else is two pastes.
        raise two_pastes(_("the API key"))
    if prefixes.basic:
        raise CredentialError(
            _("the text after 'Basic' is not the Base64 form of an API key"),
            _("Copy the whole value after 'Authorization: Basic' in {where}", where=WHERE),
        )
    if not _plausible_raw_key(body):
        printable = body.isascii() and body.isprintable()
        raise CredentialError(
            _(
                "this does not look like a Maileon API key: keys have {min} to {max} printable "
                "ASCII characters (got {count} characters{printable})",
                min=MAILEON_KEY_MIN,
                max=MAILEON_KEY_MAX,
                count=len(body),
                printable="" if printable else _(", some not printable ASCII"),
            ),
            _("Paste the key shown in {where}", where=WHERE),
        )
    return ParsedSecret(SecretStr(body), _("raw API key{note}", note=note), (_non_uuid_warning(),))


def _plausible_raw_key(value: str) -> bool:
    return (
        MAILEON_KEY_MIN <= len(value) <= MAILEON_KEY_MAX
        and value.isascii()
        and value.isprintable()
        and not any(ch.isspace() for ch in value)
    )


def _non_uuid_warning() -> Msg:
    return _(
        "The key is not UUID-shaped (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx) like Maileon's keys "
        "usually are; it was kept, but check that it was copied completely."
    )

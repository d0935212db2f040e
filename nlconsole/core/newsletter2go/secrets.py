"""Newsletter2Go's secrets from the API tab: auth key, username, password, as people paste them."""

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

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
WHERE = _("the API tab of the Newsletter2Go account (Konto → API)")


def parse_auth_key(text: str) -> ParsedSecret:
    """Return an auth key '<client id>:<secret>' (the secret may hold ':' or '#')."""
    body, prefixes = strip_auth_prefixes(text)
    parts = body.split()
    if sum(1 for part in parts if ":" in part) > 1:
        raise two_pastes(_("the auth key"))
    body = "".join(parts)
    if not body:
        raise CredentialError(_("the auth key is empty"), _("Copy it from {where}.", where=WHERE))
    form: Msg
    if ":" not in body and (decoded := b64decode_text(body)) is not None and ":" in decoded:
        body, form = decoded, _("Base64 form, decoded to the auth key")
    else:
        form = _("auth key (the 'Basic' prefix was removed)") if prefixes.basic else _("auth key")
    client_id, colon, secret = body.partition(":")
    if not colon:
        raise CredentialError(
            _("a Newsletter2Go auth key has the form '<client id>:<secret>'; this text has no ':'"),
            _("Copy the complete auth key from {where}; it contains one ':'.", where=WHERE),
        )
    if not client_id or not secret:
        raise CredentialError(
            _("the auth key has an empty client id before the ':'")
            if not client_id
            else _("the auth key has an empty secret after the ':'"),
            _("Copy the complete auth key from {where}; it may have been cut off.", where=WHERE),
        )
    return ParsedSecret(SecretStr(body), form)


def parse_username(text: str) -> ParsedSecret:
    """Return a user name (the login e-mail), trimmed."""
    value = text.strip()
    if not value:
        raise CredentialError(
            _("the username is empty"), _("Enter the login e-mail of the API user.")
        )
    if any(ch.isspace() for ch in value):
        raise CredentialError(
            _("a username contains no spaces"),
            _("Enter the login e-mail only (did two pastes land in the field?)."),
        )
    warnings = (
        ()
        if EMAIL_RE.fullmatch(value)
        else (
            _(
                "Newsletter2Go user names are the login e-mail address; this does not look like "
                "one."
            ),
        )
    )
    return ParsedSecret(SecretStr(value), _("username"), warnings)


def parse_password(text: str) -> ParsedSecret:
    """Return a password as typed, minus a trailing line break from a paste or a pipe."""
    value = text.rstrip("\r\n")
    if not value:
        raise CredentialError(_("the password is empty"), _("Enter the API user's password."))
    if "\n" in value or "\r" in value:
        raise CredentialError(
            _("the password holds a line break: two values were pasted"),
            _("Paste exactly one value; nothing was stored."),
        )
    warnings = (
        (_("The password starts or ends with a space; it is kept exactly as typed."),)
        if value != value.strip()
        else ()
    )
    return ParsedSecret(SecretStr(value), _("password"), warnings)

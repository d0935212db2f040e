"""Normalise what people paste: API keys, auth keys, user names, passwords, expiry dates.

The cmxOrganize guide tells customers to copy the Maileon key "after 'Authorization: Basic'",
i.e. the Base64 form, while Maileon's docs call the raw key the API key. Both arrive here, with
or without the header prefix and with stray whitespace; we store the raw key and say which form
we recognised. Nothing in an error message ever repeats the pasted value.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from pydantic import SecretStr

from nlconsole.core.models import ProviderKind
from nlconsole.errors import NLConsoleError

UUID_RE = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAILEON_KEY_MIN, MAILEON_KEY_MAX = 12, 265
EXPIRY_WARNING_DAYS = 30

_HEADER_RE = re.compile(r"^[\"']?authorization[\"']?\s*:\s*", re.IGNORECASE)
_BASIC_RE = re.compile(r"^[\"']?basic(\s+|$)", re.IGNORECASE)
_WHERE_MAILEON = "Maileon: Einstellungen → Konto → API-Keys, magnifier in column 'API-Key v1'."


class CredentialError(NLConsoleError):
    """Pasted text that cannot be a valid credential; the message never contains the value."""


@dataclass(frozen=True)
class ParsedSecret:
    """A normalised secret, how it was recognised, and anything worth a second look."""

    value: SecretStr
    form: str
    warnings: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class ParsedExpiry:
    """A key's expiry date ('Gültigkeit') and warnings such as 'expires soon'."""

    value: date
    warnings: tuple[str, ...] = ()


def parse_maileon_key(text: str) -> ParsedSecret:
    """Return the raw Maileon API key from a raw key, its Base64 form or the whole header line."""
    body, had_header, had_basic = _strip_auth_prefixes(text)
    compact = re.sub(r"\s+", "", body)
    if not compact:
        raise CredentialError(
            "the API key is empty" + (" after 'Basic'" if had_basic else ""),
            "Paste the key shown in " + _WHERE_MAILEON,
        )
    prefix_note = (
        " (the 'Authorization: Basic' prefix was removed)"
        if had_header
        else (" (the 'Basic' prefix was removed)" if had_basic else "")
    )
    if UUID_RE.fullmatch(compact):
        return ParsedSecret(SecretStr(compact), "raw API key" + prefix_note)
    decoded = _b64decode(compact)
    if decoded is not None:
        key = decoded[:-1] if decoded.endswith(":") else decoded
        if UUID_RE.fullmatch(key):
            return ParsedSecret(
                SecretStr(key),
                "Base64 form shown after 'Authorization: Basic', decoded to the raw key"
                + prefix_note,
            )
        if had_basic and _plausible_raw_key(key):
            return ParsedSecret(
                SecretStr(key),
                "Base64 form after 'Basic', decoded" + prefix_note,
                (_non_uuid_warning(),),
            )
    if had_basic:
        raise CredentialError(
            "the text after 'Basic' is not the Base64 form of an API key",
            "Copy the whole value after 'Authorization: Basic' in " + _WHERE_MAILEON,
        )
    if not _plausible_raw_key(compact):
        raise CredentialError(
            f"this does not look like a Maileon API key: keys have {MAILEON_KEY_MIN} to "
            f"{MAILEON_KEY_MAX} printable ASCII characters (got {len(compact)} characters"
            + (
                ", some not printable ASCII"
                if not compact.isascii() or not compact.isprintable()
                else ""
            )
            + ")",
            "Paste the key shown in " + _WHERE_MAILEON,
        )
    return ParsedSecret(SecretStr(compact), "raw API key" + prefix_note, (_non_uuid_warning(),))


def parse_n2g_auth_key(text: str) -> ParsedSecret:
    """Return a Newsletter2Go auth key '<client id>:<secret>' (the secret may hold ':' or '#')."""
    body, _, had_basic = _strip_auth_prefixes(text)
    compact = re.sub(r"\s+", "", body)
    if not compact:
        raise CredentialError("the auth key is empty", "Copy it from the API tab of the account.")
    if ":" not in compact and (decoded := _b64decode(compact)) is not None and ":" in decoded:
        compact, form = decoded, "Base64 form, decoded to the auth key"
    else:
        form = "auth key"
    client_id, colon, secret = compact.partition(":")
    if not colon:
        raise CredentialError(
            "a Newsletter2Go auth key has the form '<client id>:<secret>'; this text has no ':'",
            "Copy the complete auth key from the API tab (Account → API); it contains one ':'.",
        )
    if not client_id or not secret:
        raise CredentialError(
            "the auth key has an empty "
            + ("client id before" if not client_id else "secret after")
            + " the ':'",
            "Copy the complete auth key from the API tab; it may have been cut off.",
        )
    if had_basic and form == "auth key":
        form += " (the 'Basic' prefix was removed)"
    return ParsedSecret(SecretStr(compact), form)


def parse_username(text: str) -> ParsedSecret:
    """Return a Newsletter2Go user name (the login e-mail), trimmed."""
    value = text.strip()
    if not value:
        raise CredentialError("the username is empty", "Enter the login e-mail of the API user.")
    if any(ch.isspace() for ch in value):
        raise CredentialError("a username contains no spaces", "Enter the login e-mail only.")
    warnings = (
        ()
        if EMAIL_RE.fullmatch(value)
        else (
            "Newsletter2Go user names are the login e-mail address; this does not look like one.",
        )
    )
    return ParsedSecret(SecretStr(value), "username", warnings)


def parse_password(text: str) -> ParsedSecret:
    """Return a password as typed, minus a trailing line break from a paste or a pipe."""
    value = text.rstrip("\r\n")
    if not value:
        raise CredentialError("the password is empty", "Enter the API user's password.")
    warnings = (
        ("The password starts or ends with a space; it is kept exactly as typed.",)
        if value != value.strip()
        else ()
    )
    return ParsedSecret(SecretStr(value), "password", warnings)


def parse_secret(provider: ProviderKind, field_name: str, text: str) -> ParsedSecret:
    """Normalise `text` for one of a provider's secret fields."""
    if provider is ProviderKind.MAILEON and field_name in ("api_key", "test_api_key"):
        return parse_maileon_key(text)
    if provider is ProviderKind.NEWSLETTER2GO:
        parser = {
            "auth_key": parse_n2g_auth_key,
            "username": parse_username,
            "password": parse_password,
        }.get(field_name)
        if parser is not None:
            return parser(text)
    raise CredentialError(f"'{field_name}' is not a secret of a {provider.value} profile")


def parse_expiry(text: str, today: date) -> ParsedExpiry:
    """Parse a key's expiry ('Gültigkeit') as YYYY-MM-DD or DD.MM.YYYY; it must be in the future.

    Maileon keys expire at the start of their expiry day, so a key expiring today is already
    expired.
    """
    value = text.strip()
    parsed: date | None = None
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            parsed = datetime.strptime(value, pattern).date()
            break
        except ValueError:
            continue
    if parsed is None:
        raise CredentialError(
            f"'{value}' is not a date",
            "Enter the expiry date ('Gültigkeit') as YYYY-MM-DD or DD.MM.YYYY, e.g. 2027-03-31.",
        )
    return check_expiry(parsed, today)


def check_expiry(value: date, today: date) -> ParsedExpiry:
    """Refuse an expiry date that is not in the future; warn when it is near."""
    if value <= today:
        raise CredentialError(
            f"the expiry date {value.isoformat()} is not in the future: Maileon rejects an "
            "expired key with 401",
            "Set a future 'Gültigkeit' for the key under Einstellungen → Konto → API-Keys "
            "(or create a new key), then record that date here.",
        )
    days = (value - today).days
    warnings = (
        (
            f"The key expires in {days} day{'s' if days != 1 else ''}; the interface stops "
            "working then. Consider a later 'Gültigkeit'.",
        )
        if days < EXPIRY_WARNING_DAYS
        else ()
    )
    return ParsedExpiry(value, warnings)


def _strip_auth_prefixes(text: str) -> tuple[str, bool, bool]:
    body = text.strip().strip("\"'").strip()
    had_header = bool(_HEADER_RE.match(body))
    body = _HEADER_RE.sub("", body, count=1).strip()
    had_basic = bool(_BASIC_RE.match(body))
    body = _BASIC_RE.sub("", body, count=1).strip().strip("\"'")
    return body, had_header, had_basic


def _b64decode(candidate: str) -> str | None:
    padded = candidate + "=" * (-len(candidate) % 4)
    for altchars in (None, b"-_"):
        try:
            raw = base64.b64decode(padded, altchars=altchars, validate=True)
            decoded = raw.decode("utf-8")
        except (binascii.Error, ValueError):
            continue
        if decoded and decoded.isprintable() and decoded.isascii():
            return decoded
    return None


def _plausible_raw_key(value: str) -> bool:
    return (
        MAILEON_KEY_MIN <= len(value) <= MAILEON_KEY_MAX
        and value.isascii()
        and value.isprintable()
        and not any(ch.isspace() for ch in value)
    )


def _non_uuid_warning() -> str:
    return (
        "The key is not UUID-shaped (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx) like Maileon's keys "
        "usually are; it was kept, but check that it was copied completely."
    )

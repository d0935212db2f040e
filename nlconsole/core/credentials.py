"""What all credential parsing shares: parsed values, their errors, and expiry dates.

People paste credentials from PDFs, mails and web pages: with quotes, header prefixes, stray
whitespace, sometimes twice. Each provider kit parses its own fields with the helpers here and
says which form it recognised. Nothing in an error message ever repeats the pasted value.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from pydantic import SecretStr

from nlconsole.errors import NLConsoleError
from nlconsole.i18n import Msg, Text, _, _n

EXPIRY_WARNING_DAYS = 30
_HEADER_RE = re.compile(r"^[\"']?authorization[\"']?\s*:\s*", re.IGNORECASE)
_BASIC_RE = re.compile(r"^[\"']?basic(\s+|$)", re.IGNORECASE)


class CredentialError(NLConsoleError):
    """Pasted text that cannot be a valid credential; the message never contains the value."""


@dataclass(frozen=True)
class ParsedSecret:
    """A normalised secret, how it was recognised, and anything worth a second look."""

    value: SecretStr
    form: Text
    warnings: tuple[Text, ...] = field(default=())


@dataclass(frozen=True)
class ParsedExpiry:
    """A key's expiry date ('Gültigkeit') and warnings such as 'expires soon'."""

    value: date
    warnings: tuple[Msg, ...] = ()


@dataclass(frozen=True)
class Prefixes:
    """What `strip_auth_prefixes` removed."""

    header: bool
    basic: bool


def strip_auth_prefixes(text: str) -> tuple[str, Prefixes]:
    """Remove quotes, an `Authorization:` header name and a `Basic` scheme around a value."""
    body = text.strip().strip("\"'").strip()
    had_header = bool(_HEADER_RE.match(body))
    body = _HEADER_RE.sub("", body, count=1).strip()
    had_basic = bool(_BASIC_RE.match(body))
    body = _BASIC_RE.sub("", body, count=1).strip().strip("\"'")
    return body, Prefixes(had_header, had_basic)


def two_pastes(what: Msg) -> CredentialError:
    """Text that holds two values (two lines, or parts separated by spaces) that do not join
    into one valid value: storing the joined text would replace a good value with a bad one.
    Happens when a second paste lands behind the first."""
    return CredentialError(
        _("the text for {what} holds several parts that do not form one valid value", what=what),
        _("Paste exactly one value (did two pastes land in the field?); nothing was stored."),
    )


def b64decode_text(candidate: str) -> str | None:
    """The printable ASCII text a Base64 (or URL-safe Base64) string decodes to, else None."""
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
            _("'{value}' is not a date", value=value[:40]),
            _("Enter the expiry date ('Gültigkeit') as YYYY-MM-DD or DD.MM.YYYY, e.g. 2027-03-31."),
        )
    return check_expiry(parsed, today)


def check_expiry(value: date, today: date) -> ParsedExpiry:
    """Refuse an expiry date that is not in the future; warn when it is near."""
    if value <= today:
        raise CredentialError(
            _(
                "the expiry date {date} is not in the future: Maileon rejects an expired key "
                "with 401",
                date=value,
            ),
            _(
                "Set a future 'Gültigkeit' for the key under Einstellungen → Konto → API-Keys "
                "(or create a new key), then record that date here."
            ),
        )
    days = (value - today).days
    warnings = (
        (
            _n(
                "The key expires in {count} day; the interface stops working then. Consider a "
                "later 'Gültigkeit'.",
                "The key expires in {count} days; the interface stops working then. Consider a "
                "later 'Gültigkeit'.",
                days,
            ),
        )
        if days < EXPIRY_WARNING_DAYS
        else ()
    )
    return ParsedExpiry(value, warnings)

"""Path segments built from values (ids, e-mail addresses), validated before any request.

An empty, `.` or `..` id would turn a single-recipient call into a list-wide one
(`DELETE /lists/L/recipients/..` is `DELETE /lists/L/recipients`, or even the address book
itself); an e-mail with a control character would change the request line. So every value that
goes into a path is checked here and refused before anything is sent.
"""

from __future__ import annotations

from urllib.parse import quote

from nlconsole.i18n import Text, _
from nlconsole.providers.base import ProviderError


class InvalidValue(ProviderError):
    """A value that cannot safely go into a request; nothing was sent."""


def id_segment(value: str, what: Text) -> str:
    """An id as one percent-encoded path segment: non-empty, no '/', not '.' or '..'."""
    if (
        not value
        or value.strip() != value
        or value in (".", "..")
        or "/" in value
        or "\\" in value
        or any(not ch.isprintable() for ch in value)
    ):
        raise InvalidValue(
            _("refusing to send an invalid {what}: {value}", what=what, value=repr(value)),
            _("This is a bug or a corrupt record: nothing was sent."),
        )
    return quote(value, safe="")


def email_segment(email: str) -> str:
    """An e-mail address as one percent-encoded path segment (`+` becomes `%2B`)."""
    local, at, domain = email.partition("@")
    if (
        not at
        or not local
        or not domain
        or "@" in domain
        or email.strip() != email
        or any(not ch.isprintable() or ch.isspace() for ch in email)
    ):
        raise InvalidValue(
            _(
                "'{email}' is not a usable e-mail address",
                email=email.encode("unicode_escape").decode(),
            ),
            _("Check the address: one '@', no spaces or control characters."),
        )
    return quote(email, safe="")

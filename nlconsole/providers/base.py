"""The error taxonomy every provider client raises, each error with a remediation text, and
the one mapping from HTTP statuses to it.

The connectivity check and the console show `message` and `remediation` as they are, so both are
written for the administrator, and neither ever contains a credential: text a server sends back
is scrubbed of the connection's secrets before it goes into an error (a server may echo them).
"""

from __future__ import annotations

import base64
import html
import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import quote, quote_plus
from xml.sax.saxutils import escape as xml_escape

from nlconsole.errors import ServiceError
from nlconsole.i18n import Msg, Text, _


class ErrorKind(StrEnum):
    """What kind of failure, independent of the provider."""

    CREDENTIALS = "credentials"
    PERMISSION = "permission"
    NOT_FOUND = "not_found"
    BAD_REQUEST = "bad_request"
    CONFLICT = "conflict"
    RATE_LIMITED = "rate_limited"
    SERVER = "server"
    NETWORK = "network"
    PROTOCOL = "protocol"


class ProviderError(ServiceError):
    """A failed provider call: what happened, how to fix it, and the HTTP status if any."""

    kind: ErrorKind = ErrorKind.SERVER

    def __init__(
        self,
        message: Text,
        remediation: Text | None = None,
        *,
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, remediation)
        self.status = status
        self.retry_after = retry_after


class CredentialsRejected(ProviderError):
    """401, or an OAuth error: the credentials are invalid, expired or blocked."""

    kind = ErrorKind.CREDENTIALS


class PermissionDenied(ProviderError):
    """403: the credentials are valid but lack a right."""

    kind = ErrorKind.PERMISSION


class NotFound(ProviderError):
    """404: the resource does not exist."""

    kind = ErrorKind.NOT_FOUND


class BadRequest(ProviderError):
    """400 and other 4xx: the provider refused the request as sent."""

    kind = ErrorKind.BAD_REQUEST


class Conflict(ProviderError):
    """409 or a unique-constraint error: the thing already exists."""

    kind = ErrorKind.CONFLICT


class RateLimited(ProviderError):
    """429 after the retries allowed: the provider asks us to slow down."""

    kind = ErrorKind.RATE_LIMITED


class ServerError(ProviderError):
    """5xx: the provider failed."""

    kind = ErrorKind.SERVER


class NetworkError(ProviderError):
    """No usable HTTP answer: DNS, refused, timeout, TLS, or a dropped connection."""

    kind = ErrorKind.NETWORK

    def __init__(self, message: Text, remediation: Text | None = None, *, reason: str) -> None:
        super().__init__(message, remediation)
        self.reason = reason


class ProtocolError(ProviderError):
    """An answer that cannot be parsed as the API documents it."""

    kind = ErrorKind.PROTOCOL


@dataclass(frozen=True)
class StatusTexts:
    """What one provider says for each kind of failed answer (its own words and menu paths)."""

    service: str
    rejected: Msg
    """401: what was rejected (`{what}` and `{detail}` are filled in)."""
    rejected_fix: Msg
    denied: Msg
    """403 (`{what}`, `{detail}`)."""
    denied_fix: Msg
    bad_request_fix: Msg


def error_for_status(
    status: int,
    what: Text,
    detail: str | None,
    texts: StatusTexts,
    *,
    retry_after: float | None = None,
) -> ProviderError:
    """The taxonomy error for a non-2xx answer: one mapping for both clients.

    `detail` is the server's own explanation (already scrubbed of secrets by the caller).
    """
    said: Text = _(": {detail}", detail=detail) if detail else ""
    service = texts.service
    if status == 401:
        return CredentialsRejected(
            _(texts.rejected.msgid, what=what, detail=said), texts.rejected_fix, status=status
        )
    if status == 403:
        return PermissionDenied(
            _(texts.denied.msgid, what=what, detail=said), texts.denied_fix, status=status
        )
    if status == 404:
        return NotFound(
            _(
                "{service} found nothing for {what}{detail}",
                service=service,
                what=what,
                detail=said,
            ),
            status=status,
        )
    if status == 409:
        return Conflict(
            _(
                "{service} reports a conflict on {what}{detail}",
                service=service,
                what=what,
                detail=said,
            ),
            status=status,
        )
    if status == 429:
        return RateLimited(
            _("{service} asks to slow down (429) on {what}", service=service, what=what),
            _("Wait {seconds} s and try again.", seconds=round(retry_after))
            if retry_after
            else _("Wait a moment and try again."),
            status=status,
            retry_after=retry_after,
        )
    if status >= 500:
        return ServerError(
            _(
                "{service} failed with {status} on {what}{detail}",
                service=service,
                status=status,
                what=what,
                detail=said,
            ),
            _(
                "This is on {service}'s side: try again later; if it persists, contact {service} "
                "support.",
                service=service,
            ),
            status=status,
        )
    return BadRequest(
        _(
            "{service} refused {what} ({status}){detail}",
            service=service,
            what=what,
            status=status,
            detail=said,
        ),
        texts.bad_request_fix,
        status=status,
    )


MASK = "•••"


class Scrubber:
    """Removes a connection's secrets from text a server sent back, in every form they travel:
    raw, Base64 (with or without a trailing colon), URL-encoded, as a `Basic …` header, and
    escaped as a JSON string or XML/HTML text (a server echoing the request body or a form
    field sends `Passwort\\"1` or `Passwort&quot;1`, which is the secret all the same)."""

    def __init__(self, secrets: Iterable[str]) -> None:
        forms: set[str] = set()
        for secret in secrets:
            if len(secret) < 4:  # too short to scrub without mangling ordinary words
                continue
            raw = secret.encode("utf-8")
            forms |= {
                secret,
                quote(secret, safe=""),
                quote_plus(secret, safe=""),
                base64.b64encode(raw).decode("ascii"),
                base64.b64encode(raw + b":").decode("ascii"),
                base64.urlsafe_b64encode(raw).decode("ascii"),
                json.dumps(secret)[1:-1],
                json.dumps(secret, ensure_ascii=False)[1:-1],
                html.escape(secret, quote=True),
                html.escape(secret, quote=False),
                xml_escape(secret, {'"': "&quot;", "'": "&apos;"}),
                html.escape(secret, quote=True).replace("&#x27;", "&#39;"),
            }
            forms |= {form.rstrip("=") for form in list(forms) if form.endswith("=")}
        self._forms = sorted(forms, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for form in self._forms:
            if form in text:
                text = text.replace(form, MASK)
        return text

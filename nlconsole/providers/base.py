"""The error taxonomy every provider client raises, each error with a remediation text.

The connectivity check and the console show `message` and `remediation` as they are, so both are
written for the administrator, and neither ever contains a credential.
"""

from __future__ import annotations

from enum import StrEnum

from nlconsole.errors import NLConsoleError
from nlconsole.i18n import Text


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


class ProviderError(NLConsoleError):
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

"""One reused HTTP connection pool per provider connection, with timeouts, safe retries and a
size cap on every answer.

Retries happen only where repeating cannot do harm: idempotent methods on connect errors and on
429/502/503/504 (honouring Retry-After). A POST is never repeated here: a repeated DOI sign-up
would send a second confirmation mail. Logs carry method, path and status, never headers.
Bodies are streamed and abandoned past `max_response_bytes` (after decompression): a proxy or a
wrong base URL sending hundreds of megabytes must end in a clear error, not in a swapping machine.
"""

from __future__ import annotations

import asyncio
import email.utils
import functools
import importlib
import logging
import socket
import ssl
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

import httpx

from nlconsole import __version__
from nlconsole.i18n import _
from nlconsole.providers.base import NetworkError, ProtocolError
from nlconsole.providers.endpoints import check_base_url

log = logging.getLogger("nlconsole.http")

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
RETRY_STATUSES = frozenset({429, 502, 503, 504})
MAX_RESPONSE_BYTES = 4 * 1024 * 1024
"""The largest answer read (4 MiB): the biggest documented answer (a 1000-recipient page of an
address book) is far below it."""
QueryParams = Sequence[tuple[str, str]]
Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class HttpSettings:
    """Timeouts and retry policy for one provider connection."""

    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    max_attempts: int = 3
    backoff_base: float = 0.5
    max_retry_wait: float = 30.0
    max_response_bytes: int = MAX_RESPONSE_BYTES


@dataclass(frozen=True)
class HttpOptions:
    """How clients reach HTTP: injected through the services, so tests and the demo can route
    requests into the in-process sandbox (a transport) instead of a socket."""

    settings: HttpSettings = HttpSettings()
    transport: httpx.AsyncBaseTransport | None = None


LAZY_IMPORTS = (
    "httpcore",
    "httpcore._async.http11",
    "httpcore._backends.anyio",
    "anyio._backends._asyncio",
    "anyio.streams.tls",
    "h11",
)
"""What httpx imports only when the first client connects (~30 ms)."""


@functools.cache
def tls_context() -> ssl.SSLContext:
    """Loading the CA bundle costs ~50 ms: do it once per process, not per client."""
    return httpx.create_ssl_context()


def warm() -> None:
    """Pay now, in the calling thread, what the first request would pay wherever it runs: the
    TLS context and httpx's lazy imports. The console calls it off the event loop, so its first
    check does not freeze the screen."""
    tls_context()
    for name in LAZY_IMPORTS:
        importlib.import_module(name)


class HttpSession:
    """An httpx.AsyncClient bound to a base URL, plus retries and network-error mapping."""

    def __init__(
        self,
        base_url: str,
        *,
        headers: Mapping[str, str],
        settings: HttpSettings | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Sleep = asyncio.sleep,
        service: str = "the provider",
        options: HttpOptions | None = None,
    ) -> None:
        self.base_url = check_base_url(base_url)
        if options is not None:
            settings = settings or options.settings
            transport = transport or options.transport
        self.settings = settings or HttpSettings()
        self._sleep = sleep
        self._service = service
        timeout = httpx.Timeout(
            self.settings.read_timeout,
            connect=self.settings.connect_timeout,
            pool=self.settings.connect_timeout,
        )
        self._client = httpx.AsyncClient(
            headers={"User-Agent": f"nlconsole/{__version__}", **headers},
            timeout=timeout,
            transport=transport,
            verify=tls_context(),
            follow_redirects=False,
        )

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._client.aclose()

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: QueryParams | None = None,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        retry: bool | None = None,
    ) -> httpx.Response:
        """Send one request (retried when safe) and return the response, whatever its status.

        `retry` defaults to True for idempotent methods. Raises NetworkError when no response
        arrives.
        """
        allowed = method in IDEMPOTENT_METHODS if retry is None else retry
        url = f"{self.base_url}/{path.lstrip('/')}"
        attempts = self.settings.max_attempts if allowed else 1
        for attempt in range(1, attempts + 1):
            started = time.monotonic()
            request = self._client.build_request(
                method,
                url,
                params=list(params) if params else None,
                content=content,
                headers=dict(headers) if headers else None,
            )
            try:
                response = await self._send(request)
            except httpx.TransportError as exc:
                error = self._network_error(exc)
                log.info("%s %s failed: %s (attempt %d)", method, path, error.reason, attempt)
                if attempt < attempts and _retryable_transport_error(exc):
                    await self._sleep(self._backoff(attempt))
                    continue
                raise error from None
            log.info(
                "%s %s -> %d in %.0f ms",
                method,
                path,
                response.status_code,
                (time.monotonic() - started) * 1000,
            )
            if attempt < attempts and response.status_code in RETRY_STATUSES:
                await self._sleep(self._wait_before_retry(response, attempt))
                continue
            return response
        raise AssertionError("unreachable: the loop returns or raises")

    async def _send(self, request: httpx.Request) -> httpx.Response:
        """Send and read the body in chunks, refusing it once it exceeds the cap."""
        response = await self._client.send(request, stream=True)
        try:
            limit = self.settings.max_response_bytes
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > limit:
                raise self._too_large()
            chunks: list[bytes] = []
            size = 0
            try:
                async for chunk in response.aiter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise self._too_large()
                    chunks.append(chunk)
            except httpx.DecodingError:
                raise ProtocolError(
                    _(
                        "the answer from {host} could not be decoded (broken compression)",
                        host=httpx.URL(self.base_url).host,
                    ),
                    _("A proxy may be mangling the answers: check the network path."),
                ) from None
            # What `Response.aread()` does, with the cap applied while reading.
            response._content = b"".join(chunks)
        finally:
            await response.aclose()
        return response

    def _too_large(self) -> ProtocolError:
        return ProtocolError(
            _(
                "the answer from {host} is larger than {mib} MiB; nlconsole stopped reading it",
                host=httpx.URL(self.base_url).host,
                mib=f"{self.settings.max_response_bytes / 1024 / 1024:g}",
            ),
            _(
                "The API never sends that much: check that the base URL points at the API and "
                "not at a download or a proxy page."
            ),
        )

    def _backoff(self, attempt: int) -> float:
        delay = self.settings.backoff_base * 2 ** (attempt - 1)
        return float(min(delay, self.settings.max_retry_wait))

    def _wait_before_retry(self, response: httpx.Response, attempt: int) -> float:
        advised = parse_retry_after(response.headers.get("Retry-After"))
        if advised is None:
            return self._backoff(attempt)
        return min(advised, self.settings.max_retry_wait)

    def _network_error(self, exc: httpx.TransportError) -> NetworkError:
        host = httpx.URL(self.base_url).host
        service = self._service
        if isinstance(exc, httpx.ConnectTimeout):
            return NetworkError(
                _(
                    "connecting to {host} timed out after {seconds} s",
                    host=host,
                    seconds=f"{self.settings.connect_timeout:g}",
                ),
                _(
                    "Check the network path to {service} (proxy, firewall) and the base URL.",
                    service=service,
                ),
                reason="timeout",
            )
        if isinstance(exc, httpx.TimeoutException):
            return NetworkError(
                _(
                    "{host} did not answer within {seconds} s",
                    host=host,
                    seconds=f"{self.settings.read_timeout:g}",
                ),
                _("{service} is slow or overloaded; try again later.", service=service),
                reason="timeout",
            )
        causes = list(_causes(exc))
        if isinstance(exc, httpx.ConnectError):
            if any(isinstance(c, socket.gaierror) for c in causes):
                return NetworkError(
                    _("the host name {host} cannot be resolved (DNS)", host=host),
                    _("Check the base URL for typos and that this machine can resolve host names."),
                    reason="dns",
                )
            if any(isinstance(c, ssl.SSLError) for c in causes):
                return NetworkError(
                    _("the TLS handshake with {host} failed", host=host),
                    _(
                        "A proxy may intercept HTTPS, or the system clock or CA certificates are "
                        "wrong."
                    ),
                    reason="tls",
                )
            if any(isinstance(c, ConnectionRefusedError) for c in causes):
                return NetworkError(
                    _("{host} refused the connection", host=host),
                    _(
                        "Nothing listens at that address: check the base URL and port (is the "
                        "sandbox running?)."
                    ),
                    reason="refused",
                )
            return NetworkError(
                _("cannot connect to {host}: {error}", host=host, error=type(exc).__name__),
                _("Check the network connection and the base URL."),
                reason="connect",
            )
        return NetworkError(
            _("the connection to {host} broke off before a complete answer arrived", host=host),
            _("{service} or a proxy dropped the connection; try again.", service=service),
            reason="dropped",
        )


class SessionClient:
    """Base of the provider clients: owns one HttpSession and closes it as a context manager."""

    _http: HttpSession

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.aclose()


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _retryable_transport_error(exc: httpx.TransportError) -> bool:
    """Connect failures never reached the server; a dropped reply to an idempotent call is safe.
    A connection reset while reading (ReadError) is a dropped reply too: it is what a kept
    keep-alive connection gives when the server or a middlebox closed it meanwhile (the fleet
    check reuses connections across checks), and what an overloaded server does."""
    return isinstance(
        exc,
        httpx.ConnectError | httpx.ConnectTimeout | httpx.RemoteProtocolError | httpx.ReadError,
    )


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def json_or_none(response: httpx.Response) -> Any:
    """The JSON body, or None when the body is not JSON."""
    try:
        return response.json()
    except ValueError:
        return None

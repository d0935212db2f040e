"""An in-process httpx transport into `Sandbox.dispatch`: core and UI tests without ports.

Usage::

    sandbox = Sandbox()
    async with httpx.AsyncClient(transport=SandboxTransport(sandbox)) as client:
        await client.get(sandbox.base_urls()["maileon"] + "/ping", headers=...)

Any `http://127.0.0.1[:port]` URL works (the transport ignores host and port); use
`sandbox.base_urls()`, whose host is `127.0.0.1` unless a server set another one. A loopback
host keeps the clients' "https except loopback" rule and the control API's Host check happy.
Request-level faults behave as over a socket: latency sleeps (asyncio), error, rate_limit and
html replace the answer, drop raises `httpx.RemoteProtocolError`, lost_response dispatches and
then raises it, slow_body streams 16-byte chunks with pauses.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx

from nlconsole.sandbox.emulator import Sandbox
from nlconsole.sandbox.faults import SLOW_BODY_CHUNK
from nlconsole.sandbox.web import MAX_BODY_BYTES, Request, Response


class _SlowBody(httpx.AsyncByteStream):
    """A body that arrives in small chunks with a pause after each (the slow_body fault)."""

    def __init__(self, body: bytes, delay_ms: int) -> None:
        self._body = body
        self._delay = delay_ms / 1000

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for start in range(0, len(self._body), SLOW_BODY_CHUNK):
            yield self._body[start : start + SLOW_BODY_CHUNK]
            await asyncio.sleep(self._delay)


class SandboxTransport(httpx.AsyncBaseTransport):
    """Answers httpx requests from a `Sandbox` in the same process, faults included."""

    def __init__(self, sandbox: Sandbox | None = None) -> None:
        self.sandbox = sandbox or Sandbox()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Turn the httpx request into a sandbox request and the answer into an httpx one."""
        body = await _read_capped(request)
        if body is None:
            return _to_httpx(request, Response.text(413, "request body too large"))
        sandbox_request = Request.parse(
            request.method,
            request.url.raw_path.decode("ascii"),
            {key: value for key, value in request.headers.items()},
            body,
        )
        decision = self.sandbox.decide_faults(sandbox_request)
        if decision.latency_ms:
            await asyncio.sleep(decision.latency_ms / 1000)
        if decision.drop:
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            )
        response = self.sandbox.answer(sandbox_request, decision)
        if decision.lost_response:
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            )
        return _to_httpx(request, response, decision.slow_chunk_delay_ms)


async def _read_capped(request: httpx.Request) -> bytes | None:
    """The request body, or None when it is larger than the sandbox accepts."""
    if not isinstance(request.stream, httpx.AsyncByteStream):
        body = request.read()
        return body if len(body) <= MAX_BODY_BYTES else None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream:
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _to_httpx(
    request: httpx.Request, response: Response, chunk_delay_ms: int | None = None
) -> httpx.Response:
    headers = {
        "Content-Type": response.content_type,
        "Content-Length": str(len(response.body)),
        **response.headers,
    }
    body = b"" if request.method == "HEAD" else response.body
    if chunk_delay_ms is None:
        return httpx.Response(response.status, headers=headers, content=body, request=request)
    return httpx.Response(
        response.status,
        headers=headers,
        stream=_SlowBody(body, chunk_delay_ms),
        request=request,
    )

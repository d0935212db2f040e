"""A connection pool that outlives the clients using it, for checking many profiles in a row.

Every check builds its own client (the profile's credentials are in its headers) and closes it
at the end, and closing a client closes its connection pool. In `check --all` that meant each of
a Maileon check's ~6 concurrent requests opened a fresh TCP connection (and, against a real
provider, a TLS handshake). A fleet slot keeps one `KeptPool` and gives it to every check it
runs as the client's transport: the check's client closing leaves it open, so the next check on
that slot reuses its keep-alive connections (the server accepts and the client sets up ~6
connections per slot instead of per check).

The pool holds connections only: cookies, headers and timeouts stay with each check's client,
so nothing of one profile's session reaches another's requests. httpx applies proxies from the
environment only to clients that build their own transport, so with a proxy configured there is
no kept pool (`kept_pools_possible`) and each check keeps its own pool as before.
"""

from __future__ import annotations

import ssl
import urllib.request

import httpx


class KeptPool(httpx.AsyncBaseTransport):
    """An httpx transport whose `aclose` (a client closing) keeps it open; `close` closes it."""

    def __init__(self, verify: ssl.SSLContext) -> None:
        self._pool = httpx.AsyncHTTPTransport(verify=verify)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send the request over one of the pool's connections (a kept one when idle)."""
        return await self._pool.handle_async_request(request)

    async def aclose(self) -> None:
        """Called when a check's client closes: the pool stays open for the slot's next check."""

    async def close(self) -> None:
        """Close the pool and its connections (when the fleet is done)."""
        await self._pool.aclose()


def kept_pools_possible() -> bool:
    """Whether a kept pool reaches hosts as a client of its own would (no proxy configured)."""
    return not urllib.request.getproxies()

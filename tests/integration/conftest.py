"""Raw API access to an in-process sandbox over real sockets, for the sandbox's own tests.

A test module may define its own `server` fixture (other options, module scope); the clients
below then talk to that one.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from nlconsole.sandbox.seeds import maileon_key, n2g_account
from nlconsole.sandbox.server import SandboxServer, running_sandbox
from tests.support.sandbox import maileon_auth, n2g_bearer


@pytest.fixture
def server() -> Iterator[SandboxServer]:
    """A sandbox on a free loopback port."""
    with running_sandbox() as running:
        yield running


@pytest.fixture
def maileon(server: SandboxServer) -> Iterator[httpx.Client]:
    """Maileon's API with the all-rights key."""
    base = server.sandbox.base_urls()["maileon"]
    with httpx.Client(base_url=base, headers=maileon_auth(maileon_key("all_rights"))) as client:
        yield client


@pytest.fixture
def n2g(server: SandboxServer) -> Iterator[httpx.Client]:
    """Newsletter2Go's API, logged in as the working account."""
    seed = n2g_account("working")
    base = server.sandbox.base_urls()["newsletter2go"]
    with httpx.Client(base_url=base) as client:
        client.headers.update(n2g_bearer(client, base, seed.auth_key, seed.username, seed.password))
        yield client

"""Raw API access to an in-process sandbox over real sockets, for the sandbox's own tests.

A test module may define its own `server` fixture (other options, module scope); the clients
below then talk to that one.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from nlconsole.core.clock import FixedClock
from nlconsole.core.services import Services
from nlconsole.sandbox.seeds import maileon_key, n2g_account
from nlconsole.sandbox.server import SandboxServer, running_sandbox
from tests.support.sandbox import maileon_auth, n2g_bearer
from tests.support.secret_service import missing_programs, secret_service
from tests.ui.conftest import FIXED_NOW


@pytest.fixture
def server() -> Iterator[SandboxServer]:
    """A sandbox on a free loopback port."""
    with running_sandbox() as running:
        yield running


@pytest.fixture
def sandbox() -> Iterator[SandboxServer]:
    """A sandbox on a free loopback port, for the tests of what runs against it (checks,
    journeys, cleanup): the same as `server`, under the name those tests use."""
    with running_sandbox() as running:
        yield running


@pytest.fixture
def services(tmp_path: Path) -> Services:
    """Profiles in a temp dir, secrets in memory, a fixed clock (journeys record times)."""
    built = Services.in_memory(tmp_path / "config")
    built.clock = FixedClock(FIXED_NOW)
    return built


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


@pytest.fixture(scope="module")
def service_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A real Secret Service (dbus + gnome-keyring) for one test module; CI must have it."""
    missing = missing_programs()
    if missing:
        reason = f"no Secret Service: {', '.join(missing)} not installed (apt: dbus gnome-keyring)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must run the real-keyring tests")
        pytest.skip(reason)
    with secret_service(tmp_path_factory.mktemp("keyring-home")) as env:
        yield env


def keyring_cli(
    env: dict[str, str], home: Path, *argv: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """`python -m nlconsole --home HOME ARGV` with the real keyring's environment."""
    return subprocess.run(
        [sys.executable, "-m", "nlconsole", "--home", str(home), *argv],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )

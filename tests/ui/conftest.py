"""Building the console for tests: injected services, never the user's config or keyring."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input
from textual.worker import WorkerCancelled

from nlconsole.core.clock import FixedClock
from nlconsole.core.models import Profile
from nlconsole.core.profile_rows import ProfileRow, preview_rows
from nlconsole.core.services import Services
from nlconsole.i18n import Language
from nlconsole.providers.http import HttpOptions
from nlconsole.sandbox.emulator import Sandbox
from nlconsole.sandbox.server import SandboxServer, running_sandbox
from nlconsole.sandbox.transport import SandboxTransport
from nlconsole.ui.app import NLConsoleApp
from nlconsole.ui.boot import Environment, seed_demo_profiles
from tests.support.bootstrap import create_mapped_fields

FIXED_NOW = datetime(2026, 11, 22, 10, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor makes snapshots flaky."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)


@pytest.fixture
def services(tmp_path: Path) -> Services:
    """Profiles in a temp dir, secrets in memory, a fixed clock."""
    built = Services.in_memory(tmp_path / "config")
    built.clock = FixedClock(FIXED_NOW)
    return built


@dataclass
class ServicesBoot:
    """A boot handing over services built by the test; its preview reads their profiles.toml
    as the real boot's does. `release`, when given, holds the boot until the test sets it."""

    services: Services
    environment: Environment
    release: threading.Event | None = None

    def __call__(self) -> tuple[Services, Environment]:
        if self.release is not None:
            assert self.release.wait(timeout=30), "the test never let the boot finish"
        return self.services, self.environment

    def preview(self) -> list[ProfileRow]:
        return preview_rows(self.services.profiles.path)


def in_process_demo(config_dir: Path, language: Language = "en") -> Services:
    """The demo's two profiles on a sandbox inside the process (no port), memory secrets and
    the fixed clock: what a test of a whole screen or check needs, without sockets."""
    sandbox = Sandbox()
    built = Services.in_memory(config_dir, language)
    built.clock = FixedClock(FIXED_NOW)
    built.http = HttpOptions(transport=SandboxTransport(sandbox))
    seed_demo_profiles(built, sandbox.base_urls())
    return built


def app_for(
    services: Services,
    *,
    demo_url: str | None = None,
    language: Language = "en",
    release: threading.Event | None = None,
) -> NLConsoleApp:
    """The console on the given services (an already-booted environment)."""
    environment = Environment(
        demo=demo_url is not None, sandbox_url=demo_url, config_dir=services.config_dir
    )
    return NLConsoleApp(ServicesBoot(services, environment, release), language=language)


def add_maileon_profile(services: Services, name: str = "acme", **maileon: object) -> Profile:
    """A Maileon profile with fixed values (for snapshots)."""
    profile = Profile.model_validate(
        {
            "name": name,
            "provider": "maileon",
            "display_name": "ACME Bildung e.V.",
            "base_url": "https://api.maileon.com/1.0",
            "maileon": {"key_expires": date(2027, 3, 31), **maileon},
        }
    )
    services.profiles.add(profile)
    return profile


@pytest.fixture
def sandbox() -> Iterator[SandboxServer]:
    """The sandbox in this process, on a free loopback port."""
    with running_sandbox() as server:
        yield server


@pytest.fixture
def demo_services(services: Services, sandbox: SandboxServer) -> Services:
    """The demo profiles, pointing at the in-process sandbox."""
    seed_demo_profiles(services, sandbox.sandbox.base_urls())
    return services


@pytest.fixture
def journey_demo(demo_services: Services, sandbox: SandboxServer) -> Services:
    """The demo after the Maileon bootstrap: the journeys export into its custom fields."""
    create_mapped_fields(sandbox)
    return demo_services


async def settle(pilot: Pilot[int]) -> None:
    """Let workers finish (an exclusive worker replaced by a newer one counts as finished)."""
    for _ in range(3):
        await pilot.pause()
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
    await pilot.pause()

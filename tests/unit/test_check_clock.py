"""Latencies come from the services' monotonic clock, like every other time of a run: a test
or a screenshot with a fixed clock shows the same figures on every machine."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlconsole.core.checks import load_check_inputs, run_check
from nlconsole.core.clock import FixedClock
from nlconsole.core.services import Services
from nlconsole.providers.http import HttpOptions
from nlconsole.sandbox.emulator import Sandbox
from nlconsole.sandbox.transport import SandboxTransport
from nlconsole.ui.boot import seed_demo_profiles
from tests.ui.conftest import FIXED_NOW


@pytest.mark.parametrize("profile", ["demo-maileon", "demo-n2g"])
async def test_every_latency_is_measured_on_the_services_clock(
    tmp_path: Path, profile: str
) -> None:
    sandbox = Sandbox()
    services = Services.in_memory(tmp_path / "config")
    services.clock = FixedClock(FIXED_NOW)  # stands still: every latency is 0
    services.http = HttpOptions(transport=SandboxTransport(sandbox))
    seed_demo_profiles(services, sandbox.base_urls())
    inputs = load_check_inputs(services.profiles.get(profile), services.secrets)
    report = await run_check(inputs, services)
    latencies = {f.latency_ms for f in report.findings if f.latency_ms is not None}
    assert latencies == {0.0}

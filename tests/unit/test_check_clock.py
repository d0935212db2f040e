"""Latencies come from the services' monotonic clock, like every other time of a run: a test
or a screenshot with a fixed clock shows the same figures on every machine."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlconsole.core.checks import load_check_inputs, run_check
from tests.ui.conftest import in_process_demo


@pytest.mark.parametrize("profile", ["demo-maileon", "demo-n2g"])
async def test_every_latency_is_measured_on_the_services_clock(
    tmp_path: Path, profile: str
) -> None:
    services = in_process_demo(tmp_path / "config")  # its FixedClock stands still: 0 ms
    inputs = load_check_inputs(services.profiles.get(profile), services.secrets)
    report = await run_check(inputs, services)
    latencies = {f.latency_ms for f in report.findings if f.latency_ms is not None}
    assert latencies == {0.0}

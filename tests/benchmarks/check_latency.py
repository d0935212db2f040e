"""Benchmark: wall time of the connectivity checks against the sandbox with injected latency.

Run as a script (not collected by pytest):

    .venv/bin/python tests/benchmarks/check_latency.py [--latency-ms 100] [--runs 5]

Targets (issue #3, #4): with 100 ms latency per request, the Maileon check takes at most one
round trip + 60 ms, the Newsletter2Go check at most two (token, then everything else at once)
+ 60 ms: every independent call concurrent, one reused connection pool per login.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from nlconsole.core.models import Profile
from nlconsole.sandbox.faults import FaultRule
from nlconsole.sandbox.seeds import maileon_key, n2g_account
from nlconsole.sandbox.server import SandboxOptions, running_sandbox
from tests.support.checks import english, run_check


async def maileon_once(url: str, with_test_key: bool) -> float:
    profile = Profile.model_validate(
        {
            "name": "bench",
            "provider": "maileon",
            "base_url": url,
            "maileon": {"key_expires": date.today() + timedelta(days=100)},
        }
    )
    secrets = {
        "api_key": maileon_key("all_rights" if not with_test_key else "create_update"),
        "test_api_key": maileon_key("read_delete") if with_test_key else None,
    }
    started = time.perf_counter()
    report = await run_check(profile, secrets, today=date.today())
    elapsed = time.perf_counter() - started
    if not report.ok:
        raise SystemExit(f"check failed unexpectedly: {english(report.summary())}")
    return elapsed


async def n2g_once(url: str) -> float:
    profile = Profile.model_validate(
        {
            "name": "bench",
            "provider": "newsletter2go",
            "base_url": url,
            "newsletter2go": {"newsletters": ["Standard-Adressbuch"]},
        }
    )
    account = n2g_account("working")
    secrets = {
        "auth_key": account.auth_key,
        "username": account.username,
        "password": account.password,
    }
    started = time.perf_counter()
    report = await run_check(profile, secrets, today=date.today())
    elapsed = time.perf_counter() - started
    if not report.ok:
        raise SystemExit(f"check failed unexpectedly: {english(report.summary())}")
    return elapsed


def report(label: str, times: list[float], latency: float, trips: int) -> None:
    median = statistics.median(times)
    target = trips * latency + 0.060
    verdict = "OK" if median <= target else "OVER TARGET"
    print(
        f"{label:<42} median {median * 1000:6.1f} ms = {median / latency:4.2f} round trips "
        f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}); "
        f"target <= {target * 1000:.0f} ms: {verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency-ms", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    latency = args.latency_ms / 1000
    options = SandboxOptions(faults=[FaultRule(kind="latency", latency_ms=args.latency_ms)])
    with running_sandbox(options) as server:
        url = server.sandbox.base_urls()["maileon"]
        for label, with_test_key, allowed_trips in (
            ("maileon check (one key)", False, 1),
            ("maileon check (integration + test key)", True, 1),
        ):
            times = [asyncio.run(maileon_once(url, with_test_key)) for _ in range(args.runs)]
            report(label, times, latency, allowed_trips)
        n2g_url = server.sandbox.base_urls()["newsletter2go"]
        times = [asyncio.run(n2g_once(n2g_url)) for _ in range(args.runs)]
        report("newsletter2go check", times, latency, 2)


if __name__ == "__main__":
    main()

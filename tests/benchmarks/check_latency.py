"""Benchmark: wall time of the connectivity checks against the sandbox with injected latency.

Run as a script (not collected by pytest):

    .venv/bin/python tests/benchmarks/check_latency.py [--latency-ms 100] [--runs 5]

Targets (issue #3, #4): with 100 ms latency per request, the Maileon check takes at most one
round trip + 60 ms, the Newsletter2Go check at most two (token, then everything else at once)
+ 60 ms: every independent call concurrent, one reused connection pool per login. A Maileon
profile with a recorded DOI key takes two: the DOI mailings' keys can only be asked for once
their ids are known (issue #15).

Also measured (issue #15): the first check in a fresh process, as `nlconsole check NAME` runs
it from a shell (interpreter start, imports, TLS context, the check, saving the result), next
to a bare `python -c pass`. `--latency-ms 0` measures the checks' own cost without a network
wait; round trips and targets are then not printed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from nlconsole.core.models import Profile
from nlconsole.sandbox.faults import FaultRule
from nlconsole.sandbox.seeds import MAILEON_DOI_KEY, maileon_key, n2g_account
from nlconsole.sandbox.server import SandboxOptions, running_sandbox
from tests.support.checks import english, run_check
from tests.support.file_keyring import FILE_ENV

ROOT = Path(__file__).resolve().parents[2]


async def maileon_once(url: str, with_test_key: bool, doi_key: str | None = None) -> float:
    settings = {"key_expires": date.today() + timedelta(days=100), "doi_mailing_key": doi_key}
    profile = Profile.model_validate(
        {"name": "bench", "provider": "maileon", "base_url": url, "maileon": settings}
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


def cli(env: dict[str, str], *argv: str, stdin: str | None = None) -> float:
    """Run `nlconsole argv` (or any command) as a fresh process; its wall time."""
    command = (
        list(argv) if argv[0] == sys.executable else [sys.executable, "-m", "nlconsole", *argv]
    )
    started = time.perf_counter()
    subprocess.run(
        command, env=env, input=stdin, text=True, check=True, stdout=subprocess.DEVNULL, timeout=120
    )
    return time.perf_counter() - started


def fresh_process(url: str, runs: int) -> tuple[list[float], list[float]]:
    """`nlconsole check` of a Maileon profile in fresh processes, interleaved with bare
    interpreter starts; secrets in a file keyring that every process reads."""
    with tempfile.TemporaryDirectory() as home:
        env = {
            **os.environ,
            "NLCONSOLE_HOME": home,
            "NLCONSOLE_LANG": "en",
            "PYTHONPATH": str(ROOT),
            "PYTHON_KEYRING_BACKEND": "tests.support.file_keyring.FileKeyring",
            FILE_ENV: str(Path(home) / "keyring.json"),
        }
        expires = (date.today() + timedelta(days=100)).isoformat()
        cli(env, "profiles", "add", "bench", "--provider", "maileon", "--base-url", url,
            "--key-expires", expires)  # fmt: skip
        cli(env, "secrets", "set", "bench", "api_key", stdin=maileon_key("all_rights"))
        cli(env, "check", "bench")  # warm the file cache
        checks, bare = [], []
        for _ in range(runs):
            checks.append(cli(env, "check", "bench"))
            bare.append(cli(env, sys.executable, "-c", "pass"))
    return checks, bare


def report(label: str, times: list[float], latency: float, trips: int) -> None:
    median = statistics.median(times)
    line = (
        f"{label:<42} median {median * 1000:6.1f} ms "
        f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f})"
    )
    if latency > 0:  # without latency there are no round trips to count
        target = trips * latency + 0.060
        verdict = "OK" if median <= target else "OVER TARGET"
        line += (
            f" = {median / latency:4.2f} round trips; target <= {target * 1000:.0f} ms: {verdict}"
        )
    print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency-ms", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if args.latency_ms < 0:
        parser.error("--latency-ms must be 0 or more")
    latency = args.latency_ms / 1000
    faults = [FaultRule(kind="latency", latency_ms=args.latency_ms)] if args.latency_ms else []
    with running_sandbox(SandboxOptions(faults=faults)) as server:
        url = server.sandbox.base_urls()["maileon"]
        for label, with_test_key, doi_key, allowed_trips in (
            ("maileon check (one key)", False, None, 1),
            ("maileon check (integration + test key)", True, None, 1),
            ("maileon check (recorded DOI key)", True, MAILEON_DOI_KEY, 2),
        ):
            times = [
                asyncio.run(maileon_once(url, with_test_key, doi_key)) for _ in range(args.runs)
            ]
            report(label, times, latency, allowed_trips)
        n2g_url = server.sandbox.base_urls()["newsletter2go"]
        times = [asyncio.run(n2g_once(n2g_url)) for _ in range(args.runs)]
        report("newsletter2go check", times, latency, 2)
        checks, bare = fresh_process(url, args.runs)
    check, start = statistics.median(checks), statistics.median(bare)
    print(
        f"{'first check in a fresh process (CLI)':<42} median {check * 1000:6.1f} ms; "
        f"python -c pass {start * 1000:.1f} ms; ratio {check / start:.2f}x; "
        f"beyond the interpreter start {(check - start) * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()

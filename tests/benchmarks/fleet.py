"""Benchmark: `nlconsole check --all` of 100 profiles against `check` of one, both against the
sandbox with 100 ms injected latency, in one run (target: ratio ≤ 3×).

Run as a script (not collected by pytest):

    .venv/bin/python tests/benchmarks/fleet.py [--profiles 100] [--latency-ms 100]

Both run in this process through the real CLI entry point (secrets in a memory keyring), so the
ratio compares the checks, not interpreter start-ups; the sandbox runs as its own process, as a
provider would, so it does not compete with the checks for this process's interpreter lock.

Also printed: this process's CPU time per profile in the fleet check. With a latency L, c
checks at a time need ceil(n / c) rounds of about one round trip each, but the CPU time of all
n checks is spent on one core whatever c is: the fleet cannot finish faster than n × that CPU
time, which is what bounds the ratio at a high concurrency. Both floors are printed: the
latency floor ceil(n / c) × L ÷ one check (13 rounds at the default concurrency 8: over 10×
whatever the CPU cost) and one core's floor (this process's CPU time ÷ one check).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import math
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ["PYTHON_KEYRING_BACKEND"] = "tests.support.memory_keyring.MemoryKeyring"

from nlconsole.cli import main as cli
from nlconsole.sandbox.seeds import maileon_key
from tests.support.sandbox import sandbox_process


def quiet(*argv: str, stdin: str = "") -> tuple[int, float]:
    """Run the CLI, swallow its output; return exit code and seconds."""
    sys.stdin = io.StringIO(stdin)
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = cli(list(argv))
    return code, time.perf_counter() - started


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of another process so far (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=100)
    parser.add_argument("--latency-ms", type=int, default=100)
    parser.add_argument(
        "--concurrency", nargs="+", default=["8", "32", "64"], help="values to measure"
    )
    args = parser.parse_args()
    latency = ("--latency-ms", str(args.latency_ms))
    with tempfile.TemporaryDirectory() as home, sandbox_process(*latency) as sandbox:
        os.environ["NLCONSOLE_HOME"] = home
        url = sandbox.maileon_url
        for index in range(args.profiles):
            name = f"p{index:03d}"
            quiet("profiles", "add", name, "--provider", "maileon", "--base-url", url)
            quiet("secrets", "set", name, "api_key", stdin=maileon_key("all_rights"))
        one = min(quiet("check", "p000")[1] for _ in range(3))
        print(f"check of one: {one * 1000:.0f} ms")
        for concurrency in args.concurrency:
            cpu, served = time.process_time(), cpu_seconds(sandbox.process.pid)
            code, fleet = quiet("check", "--all", "--concurrency", concurrency)
            cpu = time.process_time() - cpu
            served = cpu_seconds(sandbox.process.pid) - served
            if code != 0:
                raise SystemExit(f"check --all failed with exit code {code}")
            ratio = fleet / one
            verdict = "OK" if ratio <= 3 else "OVER TARGET"
            rounds = math.ceil(args.profiles / int(concurrency))
            print(
                f"check --all of {args.profiles} at --concurrency {concurrency}: "
                f"{fleet * 1000:.0f} ms; ratio {ratio:.2f} (target <= 3): {verdict}; "
                f"CPU per profile: {cpu * 1000 / args.profiles:.1f} ms here, "
                f"{served * 1000 / args.profiles:.1f} ms in the sandbox; "
                f"latency floor {rounds * args.latency_ms / 1000 / one:.1f}x; "
                f"one core's floor {cpu / one:.1f}x"
            )


if __name__ == "__main__":
    main()

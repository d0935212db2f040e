"""Benchmark: how long short CLI commands take against a bare `python -c pass`.

Run as a script (not collected by pytest):

    .venv/bin/python tests/benchmarks/cli_startup.py [--runs 15] [--profiles 2]

Targets (issue #15): `nlconsole --help` at most 4x and `nlconsole profiles list` at most 10x
the bare interpreter, both medians over runs interleaved with the bare interpreter's in the
same run (so a noisy machine slows all three alike). Every run is a fresh process of the
installed `nlconsole` entry point with its own config dir; the profiles come from
`nlconsole profiles add`, as a person would create them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ENTRY_POINT = Path(sys.executable).with_name("nlconsole")


def elapsed(command: list[str], env: dict[str, str]) -> float:
    """Wall time of one process from spawn to exit; it must succeed."""
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, timeout=60)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--profiles", type=int, default=2, help="profiles for `profiles list`")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = {
            **os.environ,
            "NLCONSOLE_HOME": home,
            "NLCONSOLE_LANG": "en",
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }
        for index in range(args.profiles):
            provider = "maileon" if index % 2 == 0 else "newsletter2go"
            add = [str(ENTRY_POINT), "profiles", "add", f"customer-{index}"]
            subprocess.run(
                [*add, "--provider", provider],
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
                timeout=60,
            )
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "nlconsole --help": [str(ENTRY_POINT), "--help"],
            "nlconsole profiles list": [str(ENTRY_POINT), "profiles", "list"],
        }
        for command in commands.values():  # warm the file cache once
            elapsed(command, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(elapsed(command, env))
    medians = {name: statistics.median(values) for name, values in times.items()}
    bare = medians["python -c pass"]
    print(f"{args.runs} interleaved runs, {args.profiles} profiles")
    for name, median in medians.items():
        print(f"  {name:<26} {median * 1000:7.1f} ms  {median / bare:5.2f}x")
    help_ratio = medians["nlconsole --help"] / bare
    list_ratio = medians["nlconsole profiles list"] / bare
    print(f"--help ÷ python -c pass: {help_ratio:.2f}x (target ≤ 4x)")
    print(f"profiles list ÷ python -c pass: {list_ratio:.2f}x (target ≤ 10x)")


if __name__ == "__main__":
    main()

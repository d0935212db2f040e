"""Benchmark: the longest event-loop stalls of the console, against issue #15's targets.

Run as a script (not collected by pytest):

    .venv/bin/python tests/benchmarks/stall.py [--runs 5]

A 10 ms ticker runs on the console's event loop and records how late it wakes up; the longest
lateness within a window is that window's stall (a frozen screen for the person at the keys).
Each run is a fresh process, so the first check really is the process's first:

- checks: `nlconsole demo` (its sandbox in the same process, as in the demo), the first, second
  and tenth check of demo-maileon, each from pressing `c` until its result is shown and kept;
- return: the real console on 1000 profiles; one profile is changed while the checklist is
  open (as a check or an edit would), then Esc back to the list until the changed row shows.

Targets: < 50 ms for each. The machines are noisy: medians over the runs, with the worst.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

TARGET_MS = 50.0
TICK = 0.010
POLL_LIMIT = 3000
"""How many 10 ms polls a step may take (30 s) before the run is declared broken."""
CHECKS_MEASURED = (1, 2, 10)


class Ticker:
    """Wakes every 10 ms and keeps the longest lateness since the last `take`."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            started = loop.time()
            await asyncio.sleep(TICK)
            self.worst = max(self.worst, loop.time() - started - TICK)

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[Ticker]:
        self._task = asyncio.get_running_loop().create_task(self._run())
        try:
            yield self
        finally:
            self._task.cancel()

    def take(self) -> float:
        """The longest stall (ms) since the last take; starts a new window."""
        worst, self.worst = self.worst, 0.0
        return worst * 1000


async def until(condition: Callable[[], bool], what: str) -> None:
    """Poll (bounded) until `condition` holds."""
    for _ in range(POLL_LIMIT):
        if condition():
            return
        await asyncio.sleep(TICK)
    raise SystemExit(f"timed out waiting for {what}")


async def quiet(settled: Callable[[], Awaitable[None]]) -> None:
    """Let the console finish what it started (workers, the next few frames)."""
    await settled()
    await asyncio.sleep(0.1)


async def measure_checks() -> dict[str, float]:
    from nlconsole.ui.app import NLConsoleApp
    from nlconsole.ui.boot import demo_boot
    from nlconsole.ui.screens.check import CheckScreen
    from nlconsole.ui.screens.profiles import ProfilesScreen

    app = NLConsoleApp(demo_boot, language="en")
    stalls: dict[str, float] = {}
    async with app.run_test(size=(110, 36)) as pilot, Ticker().running() as ticker:

        async def settled() -> None:
            await pilot.app.workers.wait_for_complete()

        def listed() -> bool:
            screen = app.screen
            return isinstance(screen, ProfilesScreen) and screen.loaded and screen.table.complete

        await until(listed, "the profile list")
        await quiet(settled)
        for number in range(1, max(CHECKS_MEASURED) + 1):
            ticker.take()
            await pilot.press("c")
            await until(
                lambda: isinstance(app.screen, CheckScreen) and app.screen.report is not None,
                "the check's result",
            )
            await quiet(settled)
            stall = ticker.take()
            if number in CHECKS_MEASURED:
                stalls[f"check {number}"] = stall
            await pilot.press("escape")
            await until(listed, "the profile list again")
            await quiet(settled)
    return stalls


async def measure_return(home: Path, rounds: int = 3) -> dict[str, float]:
    from nlconsole.core.models import Profile
    from nlconsole.core.paths import profiles_path
    from nlconsole.core.profiles import ProfileStore
    from nlconsole.ui.app import NLConsoleApp
    from nlconsole.ui.boot import real_boot
    from nlconsole.ui.screens.checklist import ChecklistScreen
    from nlconsole.ui.screens.profiles import ProfilesScreen

    store = ProfileStore(profiles_path(home))
    app = NLConsoleApp(real_boot(home), language="en")
    worst: list[float] = []
    async with app.run_test(size=(110, 36)) as pilot, Ticker().running() as ticker:

        async def settled() -> None:
            await pilot.app.workers.wait_for_complete()

        def shows(title: str) -> bool:
            screen = app.screen
            if not isinstance(screen, ProfilesScreen) or not screen.loaded:
                return False
            table = screen.table
            return (
                table.complete
                and table.shown.get("p0500", None) is not None
                and (table.shown["p0500"].title == title)
            )

        first_title = await asyncio.to_thread(lambda: store.get("p0500").title)
        await until(lambda: shows(first_title), "1000 profiles listed")
        await quiet(settled)
        for round_number in range(rounds):
            await pilot.press("l")
            await until(lambda: isinstance(app.screen, ChecklistScreen), "the checklist")
            await quiet(settled)
            title = f"Changed in {os.getpid()}, round {round_number}"

            def rename(profile: Profile, title: str = title) -> Profile:
                return profile.model_copy(update={"display_name": title})

            await asyncio.to_thread(store.update, "p0500", rename)
            ticker.take()
            await pilot.press("escape")
            await until(partial(shows, title), "the changed row")
            await quiet(settled)
            worst.append(ticker.take())
    return {"return to 1000": max(worst)}


def child(kind: str, home: str | None) -> None:
    stalls = asyncio.run(measure_checks() if kind == "checks" else measure_return(Path(home or "")))
    print("STALLS " + json.dumps(stalls), flush=True)


def run_child(kind: str, home: Path | None = None) -> dict[str, float]:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    argv = [sys.executable, __file__, "--child", kind]
    if home is not None:
        argv += ["--home", str(home)]
    done = subprocess.run(
        argv, capture_output=True, text=True, env=env, cwd=ROOT, timeout=300, check=False
    )
    for line in done.stdout.splitlines():
        if line.startswith("STALLS "):
            result: dict[str, float] = json.loads(line.removeprefix("STALLS "))
            return result
    raise SystemExit(f"the {kind} run failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", choices=("checks", "return"), help=argparse.SUPPRESS)
    parser.add_argument("--home", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.home)
        return
    from tests.support.homes import write_profiles

    samples: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as temp:
        home = Path(temp, "thousand")
        write_profiles(home, 1000)
        for _ in range(args.runs):
            for name, stall in {**run_child("checks"), **run_child("return", home)}.items():
                samples.setdefault(name, []).append(stall)
    print(f"longest event-loop stall (10 ms ticker), {args.runs} fresh processes each")
    for name, values in samples.items():
        median = statistics.median(values)
        verdict = "OK" if median < TARGET_MS else "OVER"
        print(
            f"{name:<15}: median {median:5.0f} ms, worst {max(values):5.0f} ms "
            f"(target < {TARGET_MS:.0f} ms: {verdict})"
        )


if __name__ == "__main__":
    main()

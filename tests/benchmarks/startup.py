"""Benchmark: time until the console is usable (its profile rows painted) against a bare Textual
app's first frame (Header, Static, Footer), measured interleaved in the same run.

Run as a script (not collected by pytest):

    .venv/bin/python tests/benchmarks/startup.py [--runs 10]

Three consoles are measured: `nlconsole demo`, and the real console (`nlconsole` on a config dir
given by NLCONSOLE_HOME, keyring disabled) with 2 and with 1000 profiles; each once through the
CLI entry point, as a person starts it, and once as the app alone (same app and boot, without
the CLI's imports, which the CLI half of issue #15 works on). Targets (issue #15):
usable ÷ bare ≤ 1.3× for the demo and for 2 profiles, ≤ 1.6× for 1000 profiles; the demo's
peak memory ≤ 1.3× the bare app's (issue #5). Every app runs through Textual's headless driver
and exits once it is usable: a console reports only after a refresh at which its table holds
every profile row that fits on the screen (a "Loading …" placeholder does not count; with
1000 profiles the rows below the screen follow a page per refresh). Time runs from spawning the
process to that report; memory is the child's peak RSS at that moment. The machines are noisy:
the figures are medians of the rounds.

nlconsole is byte-compiled first, as `pip install` does (and as any editable install does on its
first start): Textual, the baseline, comes compiled from its wheel, while with
PYTHONDONTWRITEBYTECODE=1 in the environment an editable nlconsole would be compiled from source
on every start (30–45 ms here for the ~55 modules before the first frame), which no installed
console pays. `--source` measures that way instead (it deletes nlconsole's bytecode caches first).
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

REPORT = (
    "import resource, sys\n"
    "def report():\n"
    "    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "    print(f'USABLE {rss}', flush=True)\n"
)
BARE = REPORT + (
    "from textual.app import App\n"
    "from textual.widgets import Footer, Header, Static\n"
    "class Bare(App):\n"
    "    def compose(self):\n"
    "        yield Header(); yield Static('hello'); yield Footer()\n"
    "    def on_mount(self):\n"
    "        self.call_after_refresh(self.painted)\n"
    "    def painted(self):\n"
    "        report(); self.exit()\n"
    "Bare().run()\n"
)
CONSOLE = REPORT + (
    "from nlconsole.ui.app import NLConsoleApp\n"
    "from nlconsole.ui.widgets.profile_table import ProfileTable\n"
    "EXPECTED = @EXPECTED@\n"
    "def painted(app):\n"
    "    tables = app.screen.query(ProfileTable)\n"
    "    table = tables.first() if tables else None\n"
    "    visible = table.size.height - 1 if table else 0  # below the header row\n"
    "    if visible <= 0 or table.row_count < min(EXPECTED, visible):\n"
    "        app.call_after_refresh(painted, app)  # not usable yet: look after the next one\n"
    "        return\n"
    "    report(); app.exit()\n"
    "mounted = NLConsoleApp.on_mount\n"
    "def on_mount(self):\n"
    "    self.call_after_refresh(painted, self)\n"
    "    mounted(self)\n"
    "NLConsoleApp.on_mount = on_mount\n"
    "@RUN@\n"
)
THROUGH_CLI = "from nlconsole.cli import main\nsys.exit(main(@ARGV@))"
"""As a person starts it: `nlconsole demo` / `nlconsole`."""
APP_ALONE = (
    "from nlconsole.core.paths import config_dir\n"
    "from nlconsole.ui.boot import demo_boot, real_boot\n"
    "boot = demo_boot if @ARGV@ == ['demo'] else real_boot(config_dir(None))\n"
    "NLConsoleApp(boot).run()"
)
"""The same console and boot without the CLI's own imports (the CLI half of issue #15 cuts
those; this line shows what the console itself costs)."""


def console(expected: int, argv: list[str], run: str = THROUGH_CLI) -> str:
    """The console's code, reporting once `expected` rows (or a screenful) are painted."""
    code = CONSOLE.replace("@RUN@", run).replace("@EXPECTED@", str(expected))
    return code.replace("@ARGV@", repr(argv))


TARGETS = {
    "nlconsole demo": 1.3,
    "console, 2 profiles": 1.3,
    "console, 1000 profiles": 1.6,
    "app alone: demo": 1.3,
    "app alone: 2 profiles": 1.3,
    "app alone: 1000 profiles": 1.6,
}
MEMORY_TARGET = 1.3


def measure(code: str, home: Path | None = None) -> tuple[float, int]:
    """Seconds from spawning `code` until it reports, and its peak RSS (KiB) then."""
    env = {
        **os.environ,
        "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    if home is not None:
        env["NLCONSOLE_HOME"] = str(home)
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("USABLE"):
            elapsed = time.perf_counter() - started
            rss_kb = int(line.split()[1])
            break
    else:
        raise SystemExit("the app never reported that it was usable")
    process.wait(timeout=60)
    return elapsed, rss_kb


def bytecode(compiled: bool) -> str:
    """Byte-compile nlconsole (as an installed one is), or delete its caches (`--source`)."""
    package = ROOT / "nlconsole"
    if compiled:
        compileall.compile_dir(package, quiet=1)
        return "nlconsole byte-compiled, as installed"
    for cache in package.rglob("__pycache__"):
        shutil.rmtree(cache)
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        return "nlconsole compiled from source on every start (PYTHONDONTWRITEBYTECODE)"
    return "nlconsole's bytecode caches deleted (the warm-up run writes them again)"


def main() -> None:
    from tests.support.homes import write_profiles

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--source", action="store_true", help="do not byte-compile nlconsole first")
    args = parser.parse_args()
    how = bytecode(not args.source)
    with tempfile.TemporaryDirectory() as temp:
        small, large = Path(temp, "two"), Path(temp, "thousand")
        write_profiles(small, 2)
        write_profiles(large, 1000)
        apps: dict[str, tuple[str, Path | None]] = {
            "bare Textual app": (BARE, None),
            "nlconsole demo": (console(2, ["demo"]), None),
            "console, 2 profiles": (console(2, []), small),
            "console, 1000 profiles": (console(1000, []), large),
            "app alone: demo": (console(2, ["demo"], APP_ALONE), None),
            "app alone: 2 profiles": (console(2, [], APP_ALONE), small),
            "app alone: 1000 profiles": (console(1000, [], APP_ALONE), large),
        }
        for code, home in apps.values():
            measure(code, home)  # warm the file cache for all of them
        samples: dict[str, list[tuple[float, int]]] = {label: [] for label in apps}
        for _ in range(args.runs):
            for label, (code, home) in apps.items():
                samples[label].append(measure(code, home))
    seconds = {label: statistics.median(t for t, _ in runs) for label, runs in samples.items()}
    memory = {label: statistics.median(m for _, m in runs) for label, runs in samples.items()}
    bare = "bare Textual app"
    print(f"medians of {args.runs} interleaved rounds; {how}")
    for label in apps:
        what = "first frame" if label == bare else "usable     "
        line = f"{label:<25}: {what} {seconds[label] * 1000:6.0f} ms, peak RSS "
        line += f"{memory[label] / 1024:6.1f} MiB"
        if label in TARGETS:
            ratio, target = seconds[label] / seconds[bare], TARGETS[label]
            line += f" | {ratio:.2f}x (target <= {target}x: {'OK' if ratio <= target else 'OVER'})"
        print(line)
    memory_ratio = memory["nlconsole demo"] / memory[bare]
    verdict = "OK" if memory_ratio <= MEMORY_TARGET else "OVER"
    print(f"demo memory              : {memory_ratio:.2f}x (target <= {MEMORY_TARGET}x: {verdict})")


if __name__ == "__main__":
    main()

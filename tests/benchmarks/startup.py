"""Benchmark: time to first frame and memory of `nlconsole demo` against a bare Textual app
(Header, Static, Footer), measured interleaved in the same run.

Run as a script (not collected by pytest):

    .venv/bin/python tests/benchmarks/startup.py [--runs 10]

Targets (issue #5): at most 1.15x the bare app's time and 1.3x its memory. Both apps run
through Textual's headless driver and exit right after their first frame has been painted;
time is measured from spawning the process to the "painted" line, memory is the child's peak
RSS at that moment.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

REPORT = (
    "import resource, sys\n"
    "def painted(app):\n"
    "    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "    print(f'PAINTED {rss}', flush=True)\n"
    "    app.exit()\n"
)
BARE = REPORT + (
    "from textual.app import App\n"
    "from textual.widgets import Footer, Header, Static\n"
    "class Bare(App):\n"
    "    def compose(self):\n"
    "        yield Header(); yield Static('hello'); yield Footer()\n"
    "    def on_mount(self):\n"
    "        self.call_after_refresh(painted, self)\n"
    "Bare().run()\n"
)
DEMO = REPORT + (
    "from nlconsole.ui.app import NLConsoleApp\n"
    "mounted = NLConsoleApp.on_mount\n"
    "def on_mount(self):\n"
    "    self.call_after_refresh(painted, self)\n"
    "    mounted(self)\n"
    "NLConsoleApp.on_mount = on_mount\n"
    "from nlconsole.cli import main\n"
    "sys.exit(main(['demo']))\n"
)


def measure(code: str) -> tuple[float, int]:
    env = {
        **os.environ,
        "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("PAINTED"):
            elapsed = time.perf_counter() - started
            rss_kb = int(line.split()[1])
            break
    else:
        raise SystemExit("the app never reported its first frame")
    process.wait(timeout=30)
    return elapsed, rss_kb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    measure(BARE)
    measure(DEMO)  # warm the file cache for both
    bare: list[tuple[float, int]] = []
    demo: list[tuple[float, int]] = []
    for _ in range(args.runs):
        bare.append(measure(BARE))
        demo.append(measure(DEMO))
    bare_t = statistics.median(t for t, _ in bare)
    demo_t = statistics.median(t for t, _ in demo)
    bare_m = statistics.median(m for _, m in bare)
    demo_m = statistics.median(m for _, m in demo)
    time_ratio, memory_ratio = demo_t / bare_t, demo_m / bare_m
    for label, seconds, rss_kb in (
        ("bare Textual app", bare_t, bare_m),
        ("nlconsole demo", demo_t, demo_m),
    ):
        print(
            f"{label:<17}: first frame {seconds * 1000:6.0f} ms, peak RSS {rss_kb / 1024:6.1f} MiB"
        )
    print(
        f"ratio            : time {time_ratio:.2f}x (target <= 1.15x: "
        f"{'OK' if time_ratio <= 1.15 else 'OVER'}), memory {memory_ratio:.2f}x "
        f"(target <= 1.30x: {'OK' if memory_ratio <= 1.30 else 'OVER'})"
    )


if __name__ == "__main__":
    main()

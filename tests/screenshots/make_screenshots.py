"""Make the README screenshots from the demo, in English (`screenshots/`) and German
(`screenshots/de/`): SVG (Textual) and PNG (rsvg-convert, if installed).

Run as a script (not collected by pytest):

    .venv/bin/python tests/screenshots/make_screenshots.py

PNG needs `rsvg-convert` (apt: librsvg2-bin) and looks best with fonts-firacode installed.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import subprocess
from pathlib import Path

from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from nlconsole.i18n import Language
from nlconsole.ui.app import NLConsoleApp
from nlconsole.ui.boot import demo_boot

OUT = Path(__file__).resolve().parents[2] / "screenshots"
SIZE = (110, 32)


async def settle(pilot: Pilot[int]) -> None:
    for _ in range(3):
        await pilot.pause(0.05)
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()


async def shoot(language: Language, folder: Path) -> list[Path]:
    app = NLConsoleApp(demo_boot, language=language)
    shots: list[Path] = []

    async def save(name: str, pilot: Pilot[int]) -> None:
        await settle(pilot)
        shots.append(Path(app.save_screenshot(f"{name}.svg", str(folder))))

    async with app.run_test(size=SIZE) as pilot:
        await save("01-profiles", pilot)
        await pilot.press("l")
        await save("02-checklist-maileon", pilot)
        await pilot.press("escape")
        await pilot.press("s")
        await save("03-credentials-maileon", pilot)
        await pilot.press("escape")
        await pilot.press("c")
        await save("04-check-maileon", pilot)
        await pilot.press("escape", "down", "c")
        await save("05-check-newsletter2go", pilot)
        await pilot.press("escape", "l")
        await save("06-checklist-newsletter2go", pilot)
        await pilot.press("escape", "f1")
        await save("07-help", pilot)
        await pilot.press("escape")
        await pilot.press("b")
        await save("08-bootstrap-plan-newsletter2go", pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("y")
        await save("09-bootstrap-applied-newsletter2go", pilot)
        await pilot.press("escape", "up", "b")  # the Maileon custom fields, before its journeys
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("escape", "j")
        await settle(pilot)
        await pilot.press("s")
        for _ in range(100):
            await pilot.pause(0.1)
            if str(app.screen.query_one("#run-verdict").render()):
                break
        await save("10-journey-m1-passed", pilot)
        await pilot.press("escape", "escape", "i")
        await save("11-status", pilot)
        await pilot.press("escape", "A")
        await save("12-check-all", pilot)
    return shots


def main() -> None:
    (OUT / "de").mkdir(parents=True, exist_ok=True)
    shots = asyncio.run(shoot("en", OUT)) + asyncio.run(shoot("de", OUT / "de"))
    converter = shutil.which("rsvg-convert")
    for svg in shots:
        if converter:
            png = svg.with_suffix(".png")
            subprocess.run([converter, "--zoom", "1.5", "-o", str(png), str(svg)], check=True)
            print(f"{svg.name} + {png.name}")
        else:
            print(f"{svg.name} (no rsvg-convert: PNG skipped)")


if __name__ == "__main__":
    main()

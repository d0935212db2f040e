"""Make the README screenshots from the demo, in English (`screenshots/`) and German
(`screenshots/de/`): SVG (Textual) and PNG (rsvg-convert, if installed); and the first page
of a protocol PDF as PNG (`screenshots/protocol-page1.png`, pdftoppm, if installed).

Run as a script (not collected by pytest):

    .venv/bin/python tests/screenshots/make_screenshots.py            # everything
    .venv/bin/python tests/screenshots/make_screenshots.py protocol   # only the protocol page

PNG needs `rsvg-convert` (apt: librsvg2-bin) and looks best with fonts-firacode installed; the
protocol page needs `pdftoppm` (apt: poppler-utils).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from textual.pilot import Pilot
from textual.worker import WorkerCancelled

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from nlconsole.core.clock import FixedClock
from nlconsole.core.protocol import protocol_bytes
from nlconsole.core.services import Services
from nlconsole.i18n import Language, Translator
from nlconsole.ui.app import NLConsoleApp
from nlconsole.ui.boot import demo_boot
from tests.support.protocol import NOW, TESTER, evidence_profile

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


def protocol_page(folder: Path) -> Path | None:
    """Page 1 of the German protocol PDF of the test evidence (`tests/support/protocol.py`:
    fixed clock and tester, runs of every verdict, test addresses, no real data) as
    `protocol-page1.png`; None (with a message) when pdftoppm is missing."""
    renderer = shutil.which("pdftoppm")
    if renderer is None:
        print("protocol-page1.png skipped: pdftoppm is not installed (apt: poppler-utils)")
        return None
    with tempfile.TemporaryDirectory() as tmp:
        services = Services.in_memory(Path(tmp) / "config")
        services.clock = FixedClock(NOW)
        profile = evidence_profile(services)
        pdf = Path(tmp) / "protocol.pdf"
        pdf.write_bytes(
            protocol_bytes(
                profile,
                services.config_dir,
                "pdf",
                translate=Translator.for_language("de"),
                exported_at=NOW,
                tester=TESTER,
            )
        )
        page = folder / "protocol-page1"
        command = [renderer, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile"]
        subprocess.run([*command, str(pdf), str(page)], check=True)
    print("protocol-page1.png")
    return page.with_suffix(".png")


def main() -> None:
    parser = argparse.ArgumentParser(description="Make the README screenshots.")
    parser.add_argument("only", nargs="?", choices=["protocol"], help="only the protocol page")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    protocol_page(OUT)
    if args.only == "protocol":
        return
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

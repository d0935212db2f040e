"""The protocol screen: `p` on a profile previews the protocol, export writes the chosen file."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Markdown, Select, Static

from nlconsole.core.services import Services
from nlconsole.ui.screens.problem import ProblemScreen
from nlconsole.ui.screens.protocol import ProtocolScreen
from tests.support.protocol import canaries, evidence_profile
from tests.ui.conftest import app_for, settle


def written(path: Path) -> str:
    """What the export wrote (read synchronously: a few kilobytes)."""
    return path.read_text(encoding="utf-8")


def markdown_of(screen: ProtocolScreen) -> str:
    return screen.query_one("#protocol-markdown", Markdown).source


async def test_p_previews_the_protocol_and_exports_it_into_the_runs_folder(
    services: Services,
) -> None:
    evidence_profile(services)
    secrets = canaries(services)
    app = app_for(services)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProtocolScreen)
        preview = markdown_of(screen)
        assert preview.startswith("# Abnahmeprotokoll: ACME Bildung e.V.")  # German by default
        screen.query_one("#protocol-lang", Select).value = "en"
        await settle(pilot)
        preview = markdown_of(screen)
        assert preview.startswith("# Acceptance protocol: ACME Bildung e.V.")
        assert "### M3 – " in preview
        assert "✘ not accepted" in preview
        assert not any(canary in preview for canary in secrets)

        screen.query_one("#protocol-format", Select).value = "md"
        await pilot.pause()
        path_input = screen.query_one("#protocol-path", Input)
        target = Path(path_input.value)
        assert target == services.config_dir / "runs" / "acme" / "protocol-2026-11-22.md"
        path_input.focus()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert written(target) == preview
        status = str(screen.query_one("#protocol-status", Static).render())
        assert "Protocol written to" in status
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ProtocolScreen)


async def test_an_unwritable_target_is_reported_and_nothing_is_written(
    services: Services, tmp_path: Path
) -> None:
    evidence_profile(services)
    app = app_for(services)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProtocolScreen)
        target = tmp_path / "missing" / "protocol.pdf"
        screen.query_one("#protocol-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ProblemScreen)
        assert not target.exists()
        assert "Nothing was written." in str(screen.query_one("#protocol-status", Static).render())

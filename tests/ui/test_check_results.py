"""Issue 9 item 13: check results use the width, and can be copied and saved as text/JSON."""

from __future__ import annotations

import json

from textual.widgets import Static

from nlconsole.core.services import Services
from nlconsole.ui.screens.check import CheckScreen
from tests.ui.conftest import app_for, settle


async def test_results_use_the_width_at_120_columns(demo_services: Services) -> None:
    app = app_for(demo_services, demo_url="http://sandbox")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CheckScreen)
        table = screen.results.table
        widths = sum(c.get_render_width(table) for c in table.columns.values())
        assert table.size.width - 6 <= widths <= table.size.width, "the width is used, not more"
        for finding in screen.results.findings.values():
            shown = str(table.get_cell(finding.id, "detail"))
            full = app.translate(finding.detail)
            if shown != full:  # cut only when the whole text cannot fit
                assert shown.endswith("…")
                assert len(full) > len(shown)
                assert widths >= table.size.width - 6


async def test_a_result_can_be_copied_and_saved(demo_services: Services) -> None:
    app = app_for(demo_services, demo_url="http://sandbox")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CheckScreen)
        verdict = str(screen.query_one("#result-verdict", Static).render())
        await pilot.press("y")
        await pilot.pause()
        copied = app.clipboard
        assert "API key accepted" in copied
        last = copied.rstrip().splitlines()[-1]
        assert last.rsplit(" (", 1)[0] == "Result: " + verdict.rsplit(" (", 1)[0]
        await pilot.press("w")
        await settle(pilot)
    reports = sorted((demo_services.config_dir / "reports").iterdir())
    assert [p.suffix for p in reports] == [".json", ".txt"]
    document = json.loads(reports[0].read_text())
    assert document["profile"] == "demo-maileon"
    assert document["ok"] is True
    assert reports[1].read_text() == copied

"""The journeys screens: the catalogue from the profile list, a run going from waiting to pass."""

from __future__ import annotations

from rich.text import Text as RichText
from textual.widgets import DataTable, Static

from nlconsole.core.services import Services
from nlconsole.sandbox.server import SandboxServer
from nlconsole.ui.screens.journey_run import JourneyRunScreen
from nlconsole.ui.screens.journeys import JourneysScreen
from tests.ui.conftest import app_for, settle


async def test_catalogue_and_a_simulated_run_in_the_demo(
    journey_demo: Services, sandbox: SandboxServer
) -> None:
    app = app_for(journey_demo, demo_url=sandbox.url)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, JourneysScreen)
        table = screen.query_one("#journey-list", DataTable)
        assert [str(table.get_row_at(i)[0]) for i in range(3)] == ["M1", "M2", "M3"]
        await pilot.press("s")
        await settle(pilot)
        run_screen = app.screen
        assert isinstance(run_screen, JourneyRunScreen)
        for _ in range(200):
            await pilot.pause(0.1)
            verdict = str(run_screen.query_one("#run-verdict", Static).render())
            if verdict:
                break
        assert "pass" in verdict
        steps = run_screen.query_one("#run-steps", DataTable)
        cells = [str(c) for row in range(steps.row_count) for c in steps.get_row_at(row)]
        assert "Jürgen" in cells
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, JourneysScreen)
        first = app.screen.query_one("#journey-list", DataTable).get_row_at(0)
        assert isinstance(first[3], RichText)
        assert str(first[3]) == "pass"

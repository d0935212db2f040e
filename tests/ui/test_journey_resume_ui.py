"""An interrupted run shows as such in the catalogue; Enter offers to go on with it, and the
run screen continues with the same test address and the steps already judged."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence

import pytest
from textual.widgets import DataTable, Static

from nlconsole.core.journeys.run import StepRecord
from nlconsole.core.journeys.runner import RunOptions, run_journey
from nlconsole.core.journeys.start import prepare_run
from nlconsole.core.services import Services
from nlconsole.i18n import Text
from nlconsole.sandbox.server import SandboxServer
from nlconsole.ui.screens.confirm import ConfirmScreen
from nlconsole.ui.screens.journey_run import JourneyRunScreen
from nlconsole.ui.screens.journeys import JourneysScreen
from tests.ui.conftest import app_for, settle


class LeavesAtTheDoiClick:
    interactive = True

    def show(self, title: Text, instructions: Sequence[Text], values: Mapping[str, str]) -> None:
        """The tester reads the instructions, then closes the run."""

    async def wait(self) -> None:
        raise asyncio.CancelledError

    async def ask(self, question: Text) -> tuple[str, str | None]:
        raise AssertionError("no question before the DOI click")

    def step_done(self, step: StepRecord) -> None:
        """No live output."""


async def test_enter_on_an_interrupted_journey_goes_on_with_it(
    journey_demo: Services, sandbox: SandboxServer
) -> None:
    profile = journey_demo.profiles.get("demo-maileon")
    prepared = prepare_run(profile, "M1", journey_demo, simulate=True)
    with pytest.raises(asyncio.CancelledError):
        await run_journey(prepared, LeavesAtTheDoiClick(), RunOptions(simulate=True, timeout=10))
    app = app_for(journey_demo, demo_url=sandbox.url)
    async with app.run_test(size=(110, 32)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        assert isinstance(app.screen, JourneysScreen)
        first = app.screen.query_one("#journey-list", DataTable).get_row_at(0)
        assert str(first[3]) == "interrupted"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        run_screen = app.screen
        assert isinstance(run_screen, JourneyRunScreen)
        verdict = ""
        for _ in range(100):
            await pilot.pause(0.1)
            verdict = str(run_screen.query_one("#run-verdict", Static).render())
            if verdict:
                break
        assert "pass" in verdict
        title = str(run_screen.query_one("#run-title", Static).render())
        assert prepared.run.address in title
        steps = run_screen.query_one("#run-steps", DataTable)
        titles = [str(steps.get_row_at(row)[0]) for row in range(steps.row_count)]
        assert sum(t.startswith("The") and not t.startswith("  ") for t in titles) == 5

"""The tester's mailbox is asked once in the console, checked, kept in the profile, and the
journey that asked for it runs with an address derived from it."""

from __future__ import annotations

from textual.widgets import Input, Static

from nlconsole.core.models import Environment
from nlconsole.core.services import Services
from nlconsole.sandbox.server import SandboxServer
from nlconsole.ui.screens.journey_run import JourneyRunScreen
from nlconsole.ui.screens.journeys import JourneysScreen
from nlconsole.ui.screens.mailbox import MailboxScreen
from tests.ui.conftest import app_for, settle


async def test_a_staging_profile_asks_for_the_mailbox_before_its_first_run(
    journey_demo: Services, sandbox: SandboxServer
) -> None:
    journey_demo.profiles.update(
        "demo-maileon",
        lambda p: p.model_copy(update={"environment": Environment.STAGING}),
    )
    app = app_for(journey_demo, demo_url=sandbox.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        assert isinstance(app.screen, JourneysScreen)
        assert "not set yet" in str(app.screen.query_one("#journey-mailbox", Static).render())
        await pilot.press("s")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, MailboxScreen)
        await pilot.press(*"anna+x@verlag.de", "enter")
        await settle(pilot)
        assert app.screen is dialog, "a mailbox with '+' is refused"
        problem = str(dialog.query_one("#mailbox-problem", Static).render())
        assert "must not contain '+'" in problem
        dialog.query_one("#mailbox-input", Input).value = ""
        await pilot.press(*"anna@verlag.de", "enter")
        # The run waits for the tester to click the DOI link (a staging account does not
        # confirm by itself), so wait for its title rather than for its worker.
        title = ""
        for _ in range(100):
            await pilot.pause(0.05)
            if isinstance(app.screen, JourneyRunScreen):
                title = str(app.screen.query_one("#run-title", Static).render())
                if title:
                    break
        assert "anna+nlc-m1-" in title
        assert journey_demo.profiles.get("demo-maileon").test_mailbox == "anna@verlag.de"
        await pilot.press("escape")  # cancels the run
        await pilot.press("escape")  # back to the catalogue
        await settle(pilot)
        assert isinstance(app.screen, JourneysScreen)
        assert "anna@verlag.de" in str(app.screen.query_one("#journey-mailbox", Static).render())
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, MailboxScreen), "m changes the mailbox"
        assert app.screen.query_one("#mailbox-input", Input).value == "anna@verlag.de"


async def test_escape_leaves_the_mailbox_unset_and_runs_nothing(
    demo_services: Services, sandbox: SandboxServer
) -> None:
    demo_services.profiles.update(
        "demo-maileon",
        lambda p: p.model_copy(update={"environment": Environment.STAGING}),
    )
    app = app_for(demo_services, demo_url=sandbox.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MailboxScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, JourneysScreen)
        assert demo_services.profiles.get("demo-maileon").test_mailbox is None

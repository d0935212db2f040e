"""Issue 10 item 1, the console's half: a form or the checklist open while the CLI changes
the same profile writes only what the person changed, on the file as it is then, and never
replaces a profile the CLI created meanwhile."""

from __future__ import annotations

from textual.widgets import Input

from nlconsole.core.models import Profile
from nlconsole.core.services import Services
from nlconsole.ui.screens.checklist import ChecklistScreen
from nlconsole.ui.screens.profile_form import ProfileFormScreen
from tests.ui.conftest import add_maileon_profile, app_for, settle

ELSEWHERE = "https://other.example/1.0"


def moved(profile: Profile) -> Profile:
    """What `nlconsole profiles edit acme --base-url …` does meanwhile."""
    return profile.model_copy(update={"base_url": ELSEWHERE})


async def test_the_edit_form_keeps_what_the_cli_changed_meanwhile(services: Services) -> None:
    add_maileon_profile(services, "acme")
    app = app_for(services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ProfileFormScreen)
        services.profiles.update("acme", moved)
        form.query_one("#display_name", Input).value = "ACME Süd"
        await pilot.press("ctrl+s")
        await settle(pilot)
    profile = services.profiles.get("acme")
    assert profile.display_name == "ACME Süd"
    assert profile.base_url == ELSEWHERE


async def test_the_new_form_never_replaces_a_profile_the_cli_created(services: Services) -> None:
    app = app_for(services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ProfileFormScreen)
        add_maileon_profile(services, "acme")  # the CLI, while the form is open
        form.query_one("#name", Input).value = "acme"
        form.query_one("#display_name", Input).value = "Someone else"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ProfileFormScreen), "the form stays open to rename"
        assert "already exists" in str(form.query_one("#form-error").render())
    assert services.profiles.get("acme").display_name == "ACME Bildung e.V."


async def test_the_checklist_keeps_what_the_cli_changed_meanwhile(services: Services) -> None:
    add_maileon_profile(services, "acme")
    app = app_for(services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, ChecklistScreen)
        services.profiles.update("acme", moved)
        await pilot.press("space")
        await settle(pilot)
    profile = services.profiles.get("acme")
    assert profile.base_url == ELSEWHERE
    assert any(entry.status == "done" for entry in profile.checklist.values())

"""Issue 9 item 7: Esc asks before typed or pasted values are thrown away."""

from __future__ import annotations

from textual.widgets import Input

from nlconsole.core.services import Services
from nlconsole.ui.screens.confirm import ConfirmScreen
from nlconsole.ui.screens.credentials import CredentialsScreen
from nlconsole.ui.screens.profile_form import ProfileFormScreen
from nlconsole.ui.screens.profiles import ProfilesScreen
from tests.ui.conftest import add_maileon_profile, app_for, settle


async def test_esc_on_an_untouched_form_just_closes(services: Services) -> None:
    add_maileon_profile(services)
    app = app_for(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ProfileFormScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProfilesScreen)


async def test_esc_on_a_changed_form_asks_and_keeps_the_values(services: Services) -> None:
    add_maileon_profile(services)
    app = app_for(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ProfileFormScreen)
        await pilot.press("end", *"XY")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is form  # type: ignore[comparison-overlap]
        assert form.query_one("#display_name", Input).value.endswith("XY")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ProfilesScreen)
    assert services.profiles.get("acme").display_name == "ACME Bildung e.V."


async def test_esc_on_credentials_with_a_pasted_key_asks(services: Services) -> None:
    add_maileon_profile(services)
    app = app_for(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CredentialsScreen)
        screen.query_one("#secret-api_key", Input).value = "a1b2c3d4-e5f6-4789-abcd-ef0123456789"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen  # type: ignore[comparison-overlap]
        screen.query_one("#secret-api_key", Input).value = ""
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProfilesScreen)

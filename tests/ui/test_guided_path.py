"""Issue 9 item 9: from nothing to a passing check without knowing the keys, like `gh auth login`:
new profile → its credentials → the check is offered."""

from __future__ import annotations

from textual.widgets import Input, Select, Static

from nlconsole.core.services import Services
from nlconsole.sandbox.seeds import maileon_key
from nlconsole.sandbox.server import SandboxServer
from nlconsole.ui.screens.check import CheckScreen
from nlconsole.ui.screens.confirm import ConfirmScreen
from nlconsole.ui.screens.credentials import CredentialsScreen
from nlconsole.ui.screens.profile_form import ProfileFormScreen
from nlconsole.ui.screens.profiles import ProfilesScreen
from tests.ui.conftest import add_maileon_profile, app_for, settle


async def test_new_profile_goes_on_to_credentials_then_the_check(
    services: Services, sandbox: SandboxServer
) -> None:
    app = app_for(services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ProfileFormScreen)
        form.query_one("#name", Input).value = "acme"
        form.query_one("#environment", Select).value = "sandbox"
        form.query_one("#base_url", Input).value = sandbox.sandbox.base_urls()["maileon"]
        form.query_one("#set-key_expires", Input).value = "31.12.2027"
        await pilot.press("ctrl+s")
        await settle(pilot)
        credentials = app.screen
        assert isinstance(credentials, CredentialsScreen)
        assert credentials.profile.name == "acme"
        credentials.query_one("#secret-api_key", Input).value = maileon_key("all_rights")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await settle(pilot)
        check = app.screen
        assert isinstance(check, CheckScreen)
        verdict = str(check.query_one("#result-verdict", Static).render())
        assert verdict.startswith(("PASS", "WARN")), verdict
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ProfilesScreen)
        assert app.screen.selected_name() == "acme"
    assert services.profiles.get("acme").last_check is not None


async def test_c_on_the_credentials_screen_runs_the_check(services: Services) -> None:
    add_maileon_profile(services)
    app = app_for(services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, CredentialsScreen)
        await pilot.press("tab", "tab")  # off the key field (it takes typed letters)
        focused = app.focused
        assert not isinstance(focused, Input), focused
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CheckScreen)

"""Issue 9 item 10: the console's status panel and its keyring notice at start."""

from __future__ import annotations

from pydantic import SecretStr
from textual.widgets import Static

from nlconsole.core.secrets import KeyringSecretStore
from nlconsole.core.services import Services
from nlconsole.ui.screens.profiles import ProfilesScreen
from nlconsole.ui.screens.status import StatusScreen
from tests.ui.conftest import add_maileon_profile, app_for, settle

KEY = "a1b2c3d4-e5f6-4789-abcd-ef012345746c"


async def test_i_opens_the_status_panel_with_masked_tails(services: Services) -> None:
    add_maileon_profile(services)
    services.secrets.set("acme", "api_key", SecretStr(KEY))
    app = app_for(services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StatusScreen)
        text = str(screen.query_one("#status-text", Static).render())
        assert f"Config dir: {services.config_dir}" in text
        assert "Keyring: memory (demo)" in text
        assert "stored …746c" in text
        assert KEY not in text
        assert "Last check: never" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProfilesScreen)


async def test_the_console_says_at_start_when_no_keyring_is_available(
    services: Services,
) -> None:
    services.secrets = KeyringSecretStore()  # the test process pins the failing backend
    app = app_for(services)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await settle(pilot)
        titles = [n.title for n in app._notifications]
        assert "No secure keyring: secrets cannot be stored" in titles
        assert isinstance(app.screen, ProfilesScreen)


async def test_the_status_panel_speaks_german(services: Services) -> None:
    add_maileon_profile(services)
    app = app_for(services)
    app.language = "de"
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        text = str(app.screen.query_one("#status-text", Static).render())
        assert "Konfigurationsverzeichnis:" in text
        assert "Letzter Verbindungstest: nie" in text

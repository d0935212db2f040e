"""The console's "Import hand-over…" dialog: path and masked password in, forms shown, values
stored only after confirmation, the credentials screen's status reloaded."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Button, Input, Static

from nlconsole.core.services import Services
from nlconsole.ui.app import NLConsoleApp
from nlconsole.ui.screens.credentials import CredentialsScreen
from nlconsole.ui.screens.handover import HandoverImportScreen
from nlconsole.ui.screens.problem import ProblemScreen
from tests.support.zips import crafted_zip
from tests.ui.conftest import add_maileon_profile, app_for, settle

KEY = "a1b2c3d4-e5f6-4789-abcd-ef0123456789"
PASSWORD = "Kennwort-1234"
DOCUMENT = (
    '[handover]\nformat = "nlconsole-handover/1"\nprovider = "maileon"\n'
    f'[secrets]\napi_key = "{KEY}"\n'
).encode()


async def open_dialog(pilot: Pilot[int], app: NLConsoleApp) -> HandoverImportScreen:
    await pilot.press("s")
    await settle(pilot)
    assert isinstance(app.screen, CredentialsScreen)
    await pilot.press("ctrl+o")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, HandoverImportScreen)
    return dialog


async def test_import_dialog_shows_forms_stores_after_confirming_and_reloads_status(
    services: Services, tmp_path: Path
) -> None:
    add_maileon_profile(services)
    archive = crafted_zip(tmp_path / "acme.zip", {"zugangsdaten.toml": DOCUMENT}, PASSWORD)
    app = app_for(services)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await settle(pilot)
        dialog = await open_dialog(pilot, app)
        password = dialog.query_one("#handover-password", Input)
        assert password.password is True
        dialog.query_one("#handover-path", Input).value = str(archive)
        password.value = PASSWORD
        await pilot.click("#read")
        await settle(pilot)
        found = str(dialog.query_one("#handover-found", Static).render())
        assert "api_key: raw API key" in found
        assert KEY not in found
        assert password.value == "", "the password is dropped once the zip is read"
        assert services.secrets.get("acme", "api_key") is None, "nothing before confirming"

        await pilot.click("#store")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CredentialsScreen)
        assert "stored" in str(screen.query_one("#status-api_key", Static).render())
        assert KEY not in " ".join(n.message for n in app._notifications)
    stored = services.secrets.get("acme", "api_key")
    assert stored is not None
    assert stored.get_secret_value() == KEY


async def test_wrong_password_shows_the_problem_and_stores_nothing(
    services: Services, tmp_path: Path
) -> None:
    add_maileon_profile(services)
    archive = crafted_zip(tmp_path / "acme.zip", {"zugangsdaten.toml": DOCUMENT}, PASSWORD)
    app = app_for(services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        dialog = await open_dialog(pilot, app)
        dialog.query_one("#handover-path", Input).value = str(archive)
        dialog.query_one("#handover-password", Input).value = "falsch"
        await pilot.click("#read")
        await settle(pilot)
        assert isinstance(app.screen, ProblemScreen)
        assert "wrong password" in str(app.screen.query_one("#problem-message", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        back: object = app.screen
        assert back is dialog
        assert dialog.query_one("#store", Button).disabled
    assert services.secrets.get("acme", "api_key") is None

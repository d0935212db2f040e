"""Issue 9 item 5: F1 help shows the user's keys; bad keymap entries are reported; ctrl+q stays."""

from __future__ import annotations

from rich.table import Table
from textual.widgets import Static

from nlconsole.core.services import Services
from nlconsole.ui.screens.help import HelpScreen
from tests.ui.conftest import add_maileon_profile, app_for, settle


def _keymap(services: Services, text: str) -> None:
    services.config_dir.mkdir(parents=True, exist_ok=True)
    (services.config_dir / "keymap.toml").write_text(text)


def _help_rows(screen: HelpScreen) -> dict[str, str]:
    """Binding id → the keys the help shows for it."""
    table = screen.query_one("#help-keys", Static).content
    assert isinstance(table, Table)
    keys = [str(c) for c in table.columns[0]._cells]
    ids = [str(c) for c in table.columns[2]._cells]
    return dict(zip(ids, keys, strict=True))


async def test_f1_help_shows_the_users_keys(services: Services) -> None:
    add_maileon_profile(services)
    _keymap(services, '"profile.check" = "ctrl+k"\n')
    app = app_for(services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        rows = _help_rows(screen)
        assert rows["profile.check"] == "^k"
        assert rows["help"] == "f1"


async def test_unknown_ids_and_invalid_keys_are_reported(services: Services) -> None:
    _keymap(services, '"profile.chek" = "x"\n"profile.new" = "ctrl+nope"\n"profile.edit" = "E"\n')
    app = app_for(services)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await settle(pilot)
        messages = " | ".join(n.message for n in app._notifications)
        assert "there is no binding 'profile.chek'" in messages
        assert "'ctrl+nope' for 'profile.new' is not a key" in messages
        assert "profile.edit" not in messages


async def test_remapping_quit_keeps_ctrl_q(services: Services) -> None:
    _keymap(services, '"quit" = "x"\n')
    app = app_for(services)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await settle(pilot)
        assert any("'ctrl+q' keeps working" in n.message for n in app._notifications)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code is not None or not app.is_running

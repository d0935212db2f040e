"""The profile list: rows in the first frame, updated in place, and `A` checks every profile."""

from __future__ import annotations

import threading

import pytest
from pydantic import SecretStr
from textual.widgets import Static
from textual.widgets._footer import FooterKey
from textual.widgets.data_table import ColumnKey, RowKey

from nlconsole.core.secrets import SecretStoreLocked
from nlconsole.core.services import Services
from nlconsole.sandbox.faults import FaultRule
from nlconsole.sandbox.server import SandboxServer
from nlconsole.ui.boot import DEMO_TABLES, DemoBoot, first_rows
from nlconsole.ui.screens.checklist import ChecklistScreen
from nlconsole.ui.screens.problem import ProblemScreen
from nlconsole.ui.screens.profiles import ProfilesScreen
from nlconsole.ui.widgets.profile_table import STATUS, ProfileTable
from tests.ui.conftest import add_maileon_profile, app_for, settle


def table_of(screen: object) -> ProfileTable:
    assert isinstance(screen, ProfilesScreen)
    return screen.table


def cells(table: ProfileTable, column: str) -> dict[str, str]:
    """Row name → the plain text of one column."""
    return {name: str(table.get_cell(name, column)) for name in table.shown}


async def test_first_frame_lists_the_profiles_before_the_services_are_up(
    services: Services,
) -> None:
    add_maileon_profile(services, "acme")
    add_maileon_profile(services, "zeta")
    services.profiles.update("zeta", lambda p: p.model_copy(update={"display_name": "Zeta"}))
    release = threading.Event()
    app = app_for(services, release=release)
    try:
        async with app.run_test(size=(110, 30)) as pilot:
            await pilot.pause()  # the first refresh; the boot is still held
            assert app.services is None
            table = table_of(app.screen)
            assert list(table.shown) == ["acme", "zeta"]
            assert cells(table, "title") == {"acme": "ACME Bildung e.V.", "zeta": "Zeta"}
            assert cells(table, "provider") == {"acme": "Maileon", "zeta": "Maileon"}
            await pilot.press("c")  # the rows are there, the profiles are not validated yet
            assert isinstance(app.screen, ProfilesScreen)
            release.set()
            await settle(pilot)
            assert app.screen.loaded
            assert list(table.shown) == ["acme", "zeta"]
    finally:
        release.set()


def test_the_demo_lists_its_profiles_before_the_sandbox_starts() -> None:
    rows = first_rows(DemoBoot())
    assert [row.name for row in rows] == list(DEMO_TABLES)
    assert {row.provider for row in rows} == {"Maileon", "Newsletter2Go"}
    assert {row.environment for row in rows} == {"sandbox"}


async def test_an_invalid_file_shows_its_message_and_no_rows(services: Services) -> None:
    """The fast read finds a row; the full validation says what is wrong and the row goes."""
    services.profiles.path.parent.mkdir(parents=True, mode=0o700)
    text = '[profiles.acme]\nprovider = "maileon"\nbase_url = "ftp://nope"\n'
    services.profiles.path.write_text(text)
    services.profiles.path.chmod(0o600)
    release = threading.Event()
    app = app_for(services, release=release)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert list(table_of(app.screen).shown) == ["acme"]
        release.set()
        await settle(pilot)
        assert isinstance(app.screen, ProblemScreen)
        assert "acme" in str(app.screen.message)
        await pilot.press("escape")
        await pilot.pause()
        assert table_of(app.screen).row_count == 0
        detail = str(app.screen.query_one("#detail", Static).render())
        assert "left untouched" in detail
    assert services.profiles.path.read_text() == text


async def test_returning_to_the_list_keeps_the_cursor_and_updates_rows_in_place(
    services: Services,
) -> None:
    for name in ("alpha", "beta", "gamma"):
        add_maileon_profile(services, name)
    app = app_for(services)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        table = table_of(app.screen)
        await pilot.press("down", "down")
        assert table.selected_name == "gamma"
        row_before = table.rows[RowKey("beta")]
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, ChecklistScreen)
        services.profiles.update("beta", lambda p: p.model_copy(update={"display_name": "Beta"}))
        await pilot.press("escape")
        await settle(pilot)
        assert table_of(app.screen) is table
        assert table.selected_name == "gamma"
        assert cells(table, "title")["beta"] == "Beta"
        assert table.rows[RowKey("beta")] is row_before, "the row was changed, not rebuilt"


def store_locked_for(services: Services, locked: str) -> None:
    """The secret store fails for one profile (as a locked keyring does)."""
    original = services.secrets.get

    def get(profile: str, field: str) -> SecretStr | None:
        if profile == locked:
            raise SecretStoreLocked("the keyring is locked", "test", "unlock it")
        return original(profile, field)

    services.secrets.get = get  # type: ignore[method-assign]


async def test_check_all_shows_each_result_in_the_status_column(
    demo_services: Services,
) -> None:
    add_maileon_profile(demo_services, "keyless")
    add_maileon_profile(demo_services, "locked")
    store_locked_for(demo_services, "locked")
    app = app_for(demo_services)
    async with app.run_test(size=(130, 30)) as pilot:
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        table = table_of(app.screen)
        status = cells(table, STATUS)
        assert status["demo-maileon"] == "passed"
        assert status["demo-n2g"] == "passed"
        assert status["keyless"] == "1 finding"
        assert status["locked"] == "error"
        last = cells(table, "last")
        assert last["demo-maileon"].startswith("PASS")
        assert last["keyless"].startswith("FAIL")
        assert last["locked"] == "never"
    recorded = demo_services.profiles.load().profiles
    assert recorded["demo-maileon"].last_check is not None
    assert recorded["demo-n2g"].last_check is not None
    assert recorded["locked"].last_check is None


@pytest.mark.parametrize("key", ["escape", "A"])
async def test_check_all_is_cancelled_with_escape_or_a_second_a(
    demo_services: Services, sandbox: SandboxServer, key: str
) -> None:
    sandbox.sandbox.faults.add(FaultRule(kind="latency", latency_ms=5000))
    app = app_for(demo_services)
    try:
        async with app.run_test(size=(130, 30)) as pilot:
            await settle(pilot)
            await pilot.press("A")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ProfilesScreen)
            assert screen.fleet_running
            assert set(cells(screen.table, STATUS).values()) == {"running…"}
            await pilot.press(key)
            await settle(pilot)
            assert not screen.fleet_running
            assert set(cells(screen.table, STATUS).values()) == {"cancelled"}
    finally:
        sandbox.sandbox.faults.clear()
    assert demo_services.profiles.get("demo-maileon").last_check is None


async def test_a_saved_profile_is_selected_even_after_a_load_from_before_the_save(
    services: Services,
) -> None:
    """Closing the form reloads the list while the save may still run: that older load must not
    use up the selection of the profile being saved."""
    from nlconsole.core.profile_rows import rows_of
    from nlconsole.ui.messages import ProfilesChanged, ProfilesLoaded

    add_maileon_profile(services, "aaa")
    add_maileon_profile(services, "zzz")
    app = app_for(services)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProfilesScreen)
        before = list(services.profiles.load().profiles.values())
        add_maileon_profile(services, "mmm")
        screen.post_message(ProfilesChanged("mmm"))
        screen.post_message(ProfilesLoaded(before, [], rows_of(before)))  # read before the save
        await settle(pilot)
        assert screen.table.selected_name == "mmm"


async def test_a_saved_profile_is_selected_when_an_earlier_load_already_read_it(
    services: Services,
) -> None:
    """The load started when the form closed can read the saved file before the save's own
    message arrives; the message must still select the new profile."""
    from nlconsole.core.profile_rows import rows_of
    from nlconsole.ui.messages import ProfilesChanged, ProfilesLoaded

    add_maileon_profile(services, "aaa")
    add_maileon_profile(services, "zzz")
    app = app_for(services)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProfilesScreen)
        add_maileon_profile(services, "mmm")
        after = list(services.profiles.load().profiles.values())
        screen._fingerprint = services.profiles.fingerprint()  # that load saw the saved file
        screen.post_message(ProfilesLoaded(after, [], rows_of(after)))
        screen.post_message(ProfilesChanged("mmm"))
        await settle(pilot)
        assert screen.table.selected_name == "mmm"


async def test_the_last_check_column_speaks_german(services: Services) -> None:
    from datetime import UTC, datetime

    from nlconsole.core.models import LastCheck

    add_maileon_profile(services, "acme")
    checked = LastCheck(at=datetime(2026, 11, 22, 10, 30, tzinfo=UTC), outcome="pass", summary="")
    services.profiles.update("acme", lambda p: p.model_copy(update={"last_check": checked}))
    app = app_for(services, language="de")
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        last = cells(table_of(app.screen), "last")["acme"]
        assert last.startswith("OK "), last
        assert "PASS" not in last


async def test_a_changed_title_widens_its_column_but_a_shorter_one_measures_no_column(
    services: Services,
) -> None:
    """Re-measuring a column goes over every row (and lays the screen out again): only a cell
    wider than its column asks for it."""
    for name in ("alpha", "beta"):
        add_maileon_profile(services, name)
    app = app_for(services)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        table = table_of(app.screen)
        title = table.columns[ColumnKey("title")]
        before = title.content_width
        measured: list[object] = []
        original = table._update_column_widths

        def spy(cells: object) -> None:
            measured.append(cells)
            original(cells)  # type: ignore[arg-type]

        table._update_column_widths = spy  # type: ignore[method-assign,assignment]
        services.profiles.update("beta", lambda p: p.model_copy(update={"display_name": "B"}))
        await pilot.press("r")
        await settle(pilot)
        assert cells(table, "title")["beta"] == "B"
        assert measured == []
        assert title.content_width == before, "not narrower: the column was not re-measured"
        longer = "A much longer display name than any"
        services.profiles.update("beta", lambda p: p.model_copy(update={"display_name": longer}))
        await pilot.press("r")
        await settle(pilot)
        assert cells(table, "title")["beta"] == longer
        assert title.content_width == len(longer) > before


async def test_the_footer_is_composed_again_only_when_its_keys_change(
    demo_services: Services, sandbox: SandboxServer
) -> None:
    """Textual recomposes the footer on every return to a screen; it now keeps its keys unless
    they differ (here: Esc to cancel "check all" shows only while it runs)."""
    sandbox.sandbox.faults.add(FaultRule(kind="latency", latency_ms=5000))
    app = app_for(demo_services)
    try:
        async with app.run_test(size=(130, 30)) as pilot:
            await settle(pilot)
            keys = list(app.screen.query(FooterKey))
            await pilot.press("l")
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
            assert list(app.screen.query(FooterKey)) == keys, "the same keys, not new ones"
            await pilot.press("A")
            await pilot.pause()
            await pilot.pause()
            assert "cancel_check_all" in {key.action for key in app.screen.query(FooterKey)}
            await pilot.press("escape")
            await settle(pilot)
            assert "cancel_check_all" not in {key.action for key in app.screen.query(FooterKey)}
    finally:
        sandbox.sandbox.faults.clear()

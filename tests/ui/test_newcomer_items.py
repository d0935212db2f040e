"""Issue 9 items 2, 3, 4 and 14: what a newcomer saw go wrong in the list, the check and the
credentials, each pinned by a test."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from nlconsole.core.models import Profile
from nlconsole.core.services import Services
from nlconsole.sandbox.server import SandboxServer
from nlconsole.ui.screens.check import CheckScreen
from nlconsole.ui.screens.credentials import CredentialsScreen
from nlconsole.ui.screens.profile_form import ProfileFormScreen
from nlconsole.ui.screens.profiles import ProfilesScreen
from tests.ui.conftest import FIXED_NOW, add_maileon_profile, app_for, settle

LONG = "Verein zur Förderung der außerschulischen Bildung " * 6


async def test_cancelled_check_marks_unfinished_rows(
    demo_services: Services, sandbox: SandboxServer
) -> None:
    """Item 2: with 8 s latency, Esc cancels and no row keeps saying 'running'."""
    from nlconsole.sandbox.faults import FaultRule

    sandbox.sandbox.faults.add(FaultRule(kind="latency", latency_ms=8000))
    app = app_for(demo_services)
    try:
        async with app.run_test(size=(110, 36)) as pilot:
            await settle(pilot)
            await pilot.press("c")
            for _ in range(200):
                await pilot.pause(0.05)
                screen = app.screen
                if isinstance(screen, CheckScreen) and screen.results.running:
                    break
            await pilot.press("escape")
            await pilot.pause(0.2)
            screen = app.screen
            assert isinstance(screen, CheckScreen)
            table = screen.results.table
            statuses = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
            assert statuses
            assert not any("running" in s for s in statuses), statuses
            assert any("cancelled / not run" in s for s in statuses), statuses
    finally:
        sandbox.sandbox.faults.clear()


def _columns_fit(table: DataTable[object]) -> bool:
    widths = sum(c.get_render_width(table) for c in table.columns.values())
    return widths <= table.size.width


async def test_long_display_names_never_push_columns_off_screen(services: Services) -> None:
    """Item 3: the form says a name is over 80 characters and refuses to save it (it used to cut
    typed text without a word); the list cuts at 40 with '…', and the
    columns stay visible after that profile is deleted and after r."""
    add_maileon_profile(services)
    services.profiles.add(
        Profile.model_validate({"name": "long", "provider": "maileon", "display_name": LONG[:80]})
    )
    app = app_for(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#profiles", DataTable)
        titles = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert any(t.endswith("…") and len(t) <= 40 for t in titles), titles
        assert _columns_fit(table)
        table.move_cursor(row=table.get_row_index("long"))
        await pilot.press("d", "y")
        await settle(pilot)
        assert table.row_count == 1
        assert _columns_fit(table)
        await pilot.press("r")
        await settle(pilot)
        assert _columns_fit(table)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ProfileFormScreen)
        field = form.query_one("#display_name", Input)
        field.value = ""
        field.focus()
        await pilot.press(*"x" * 90)
        await pilot.pause()
        note = str(form.query_one("#display_name-note", Static).render())
        assert "the display name has 90 characters; at most 80 are allowed" in note
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form, "the form stays open until the name is shorter"
        assert "at most 80 are allowed" in str(form.query_one("#form-error", Static).render())
    assert services.profiles.get("acme").display_name == "ACME Bildung e.V."


async def test_a_checked_profile_shows_its_whole_last_check_at_80_columns(
    services: Services,
) -> None:
    """The demo's names at 80×24 cut the last check's time ("PASS 2026-11-2"): the title gets
    only the room the other columns leave, and the whole title where they leave enough."""
    for name, title, checked in (
        ("demo-n2g", "Demo: PEIQ PORTAL → Newsletter2Go", True),
        ("demo-maileon", "Demo: cmxOrganize → Maileon", False),
    ):
        last = {"at": FIXED_NOW, "outcome": "pass", "summary": "fine"} if checked else None
        services.profiles.add(
            Profile.model_validate(
                {
                    "name": name,
                    "provider": "newsletter2go" if "n2g" in name else "maileon",
                    "environment": "sandbox",
                    "display_name": title,
                    "last_check": last,
                }
            )
        )
    app = app_for(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#profiles", DataTable)
        assert _columns_fit(table)
        titles = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert all(t.endswith("…") for t in titles), titles
        assert str(table.get_row("demo-n2g")[3]) == "PASS 2026-11-22 10:30"
    app = app_for(services)
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#profiles", DataTable)
        assert "Demo: PEIQ PORTAL → Newsletter2Go" in [
            str(table.get_row_at(i)[0]) for i in range(table.row_count)
        ]


async def test_a_new_profile_is_selected_after_saving(services: Services) -> None:
    """Item 4: `s` right after creating a profile opens the new profile's credentials."""
    add_maileon_profile(services, "aaa")
    add_maileon_profile(services, "zzz")
    app = app_for(services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ProfileFormScreen)
        form.query_one("#name", Input).value = "mmm"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CredentialsScreen)
        await pilot.press("escape")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProfilesScreen)
        assert screen.selected_name() == "mmm"
        await pilot.press("s")
        await settle(pilot)
        credentials = app.screen
        assert isinstance(credentials, CredentialsScreen)
        assert credentials.profile.name == "mmm"


async def test_the_n2g_username_is_shown_in_clear(services: Services) -> None:
    """Item 14: the username is not a secret to hide from its owner; the password is."""
    services.profiles.add(Profile.model_validate({"name": "peiq", "provider": "newsletter2go"}))
    app = app_for(services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CredentialsScreen)
        assert screen.query_one("#secret-username", Input).password is False
        assert screen.query_one("#secret-password", Input).password is True
        assert screen.query_one("#secret-auth_key", Input).password is True

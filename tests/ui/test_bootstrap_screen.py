"""The bootstrap screen: from the profile list and from the check, plan → confirm → apply with
live rows, the result kept; snapshots of the plan and the result in English and German."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from pydantic import SecretStr
from textual.pilot import Pilot

from nlconsole.core.models import Profile
from nlconsole.core.report import Status
from nlconsole.core.services import Services
from nlconsole.i18n import Language
from nlconsole.providers.http import HttpOptions
from nlconsole.sandbox.emulator import Sandbox
from nlconsole.sandbox.seeds import n2g_account
from nlconsole.sandbox.transport import SandboxTransport
from nlconsole.ui.app import NLConsoleApp
from nlconsole.ui.screens.bootstrap import BootstrapScreen
from nlconsole.ui.screens.check import CheckScreen
from nlconsole.ui.screens.confirm import ConfirmScreen
from tests.ui.conftest import app_for, settle

SIZE = (100, 30)
SnapCompare = Callable[..., bool]


@pytest.fixture
def peiq(services: Services) -> Services:
    """A Newsletter2Go profile whose calls go to an in-process sandbox (fixed URL, no port)."""
    services.http = HttpOptions(transport=SandboxTransport(Sandbox()))
    seed = n2g_account("working")
    services.profiles.add(
        Profile.model_validate(
            {
                "name": "peiq",
                "provider": "newsletter2go",
                "display_name": "Stadtanzeiger",
                "base_url": "http://127.0.0.1/newsletter2go",
                "newsletter2go": {"newsletters": ["Lokales", "Sport"]},
            }
        )
    )
    for field, value in (
        ("auth_key", seed.auth_key),
        ("username", seed.username),
        ("password", seed.password),
    ):
        services.secrets.set("peiq", field, SecretStr(value))
    return services


def statuses(screen: Any) -> dict[str, Status]:
    return {f.id: f.status for f in screen.results.findings.values()}


def on_screen(app: NLConsoleApp) -> BootstrapScreen:
    screen = app.screen
    assert isinstance(screen, BootstrapScreen)
    return screen


async def apply(pilot: Pilot[int]) -> None:
    await pilot.press("a")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ConfirmScreen)
    await pilot.press("y")
    await settle(pilot)


async def test_plan_confirm_apply_from_the_profile_list(peiq: Services) -> None:
    app = app_for(peiq)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        screen = on_screen(app)
        assert statuses(screen)["book.Lokales"] is Status.INFO
        assert peiq.profiles.get("peiq").n2g_settings.list_ids == {}
        await apply(pilot)
        assert on_screen(app) is screen
        assert screen.result is not None
        assert statuses(screen)["book.Lokales"] is Status.PASS
        assert statuses(screen)["attribute.Sport.title"] is Status.PASS
        assert sorted(peiq.profiles.get("peiq").n2g_settings.list_ids) == ["Lokales", "Sport"]
        await pilot.press("r")
        await settle(pilot)
        assert screen.current is not None
        assert screen.current.settled


async def test_declining_the_confirmation_changes_nothing(peiq: Services) -> None:
    app = app_for(peiq)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, BootstrapScreen)
        assert app.screen.result is None
        assert peiq.profiles.get("peiq").n2g_settings.list_ids == {}


async def test_from_the_check_then_the_check_passes(peiq: Services) -> None:
    app = app_for(peiq)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        check = app.screen
        assert isinstance(check, CheckScreen)
        assert statuses(check)["book.Lokales"] is Status.INFO
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, BootstrapScreen)
        await apply(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CheckScreen)
        await pilot.press("r")
        await settle(pilot)
        assert statuses(app.screen)["book.Lokales"] is Status.PASS
        assert statuses(app.screen)["book.Sport"] is Status.PASS


def in_language(services: Services, language: Language) -> NLConsoleApp:
    app = app_for(services)
    app.language = language
    return app


def steps(*actions: str) -> Callable[[Pilot[int]], Awaitable[None]]:
    async def run(pilot: Pilot[int]) -> None:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        if "apply" in actions:
            await apply(pilot)

    return run


@pytest.mark.parametrize("language", ["en", "de"])
def test_plan_snapshot(snap_compare: SnapCompare, peiq: Services, language: Language) -> None:
    assert snap_compare(in_language(peiq, language), terminal_size=SIZE, run_before=steps())


@pytest.mark.parametrize("language", ["en", "de"])
def test_result_snapshot(snap_compare: SnapCompare, peiq: Services, language: Language) -> None:
    assert snap_compare(in_language(peiq, language), terminal_size=SIZE, run_before=steps("apply"))


def footer_keys(app: NLConsoleApp) -> set[str]:
    """The keys the footer offers on the current screen (what check_action lets through)."""
    return {
        binding.key for _node, binding, enabled, _tip in app.active_bindings.values() if enabled
    }


async def test_enter_on_a_missing_book_row_opens_bootstrap_and_the_row_passes_after(
    peiq: Services,
) -> None:
    """Issue 11: the action is on the check's 'address book missing' row; b shows in the
    footer only while the report has a row bootstrap settles; back from the apply, the check
    runs again and the row passes."""
    from textual.widgets import DataTable

    app = app_for(peiq)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        check = app.screen
        assert isinstance(check, CheckScreen)
        assert statuses(check)["book.Lokales"] is Status.INFO
        assert "b" in footer_keys(app)
        table = check.query_one("#results", DataTable)
        table.focus()
        other = next(i for i, key in enumerate(table.rows) if key.value == "login")
        table.move_cursor(row=other)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is check  # a row bootstrap does not settle: nothing opens
        row = next(i for i, key in enumerate(table.rows) if key.value == "book.Lokales")
        table.move_cursor(row=row)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BootstrapScreen)
        await apply(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is check
        assert statuses(check)["book.Lokales"] is Status.PASS
        assert statuses(check)["book.Sport"] is Status.PASS
        assert "b" not in footer_keys(app)

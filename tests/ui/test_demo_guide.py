"""Issue 9 item 12: the demo explains itself: its scenarios one key away, new profiles default to
the sandbox, and environment 'sandbox' fills in the running sandbox's URL."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Select, Static

from nlconsole.core.services import Services
from nlconsole.i18n import Language
from nlconsole.sandbox.server import SandboxServer
from nlconsole.ui.app import NLConsoleApp
from nlconsole.ui.boot import Environment
from nlconsole.ui.screens.check import CheckScreen
from nlconsole.ui.screens.demo import DemoScreen
from nlconsole.ui.screens.profile_form import ProfileFormScreen
from tests.ui.conftest import add_maileon_profile, app_for, settle


def demo_app(services: Services, sandbox: SandboxServer, language: Language = "en") -> NLConsoleApp:
    """The console as `nlconsole demo` starts it (sandbox description included)."""
    environment = Environment(
        demo=True,
        sandbox_url=sandbox.url,
        config_dir=services.config_dir,
        sandbox=sandbox.sandbox.describe(include_control_token=False),
    )
    return NLConsoleApp(lambda: (services, environment), language=language)


async def test_t_lists_the_scenarios_and_enter_tries_one(
    demo_services: Services, sandbox: SandboxServer
) -> None:
    app = demo_app(demo_services, sandbox)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        assert "t: scenarios to try" in str(app.screen.query_one("#banner", Static).render())
        await pilot.press("t")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DemoScreen)
        table = screen.query_one("#scenarios", DataTable)
        names = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert {"expired", "create_update", "developer_mode_off", "limited_plan"} <= set(names)
        table.move_cursor(row=names.index("expired"))
        await pilot.pause()
        detail = str(screen.query_one("#scenario-detail", Static).render())
        assert "Try this" in detail
        assert "api_key:" in detail
        await pilot.press("enter")
        await settle(pilot)
        check = app.screen
        assert isinstance(check, CheckScreen)
        assert check.profile.name == "demo-maileon"
        assert check.results.findings["key.valid"].status.value == "fail"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DemoScreen)


async def test_scenarios_read_in_german_and_fit_80_columns(
    demo_services: Services, sandbox: SandboxServer
) -> None:
    app = demo_app(demo_services, sandbox, "de")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DemoScreen)
        table = screen.query_one("#scenarios", DataTable)
        rows = {str(table.get_row_at(i)[1]): str(table.get_row_at(i)[2]) for i in range(6)}
        assert rows["all_rights"] == "alle vier Rechte"
        shown = rows["create_update"]
        assert shown.startswith("nur Erstellungs- und")
        assert shown.endswith("…"), "cut where the screen ends, and said so"
        table.move_cursor(row=list(rows).index("create_update"))
        await pilot.pause()
        detail = str(screen.query_one("#scenario-detail", Static).render())
        assert "der Key, den die cmxOrganize-Anleitung verlangt" in detail, "whole below"


async def test_t_is_not_offered_outside_the_demo(services: Services) -> None:
    add_maileon_profile(services)
    app = app_for(services)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert not isinstance(app.screen, DemoScreen)
        assert "t" not in app.screen.active_bindings or not app.screen.active_bindings["t"].enabled


async def test_new_demo_profiles_default_to_the_sandbox(
    demo_services: Services, sandbox: SandboxServer
) -> None:
    urls = sandbox.sandbox.base_urls()
    app = demo_app(demo_services, sandbox)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ProfileFormScreen)
        assert form.query_one("#environment", Select).value == "sandbox"
        assert form.query_one("#base_url", Input).value == urls["maileon"]
        form.query_one("#provider", Select).value = "newsletter2go"
        await pilot.pause()
        assert form.query_one("#base_url", Input).value == urls["newsletter2go"]
        form.query_one("#environment", Select).value = "production"
        form.query_one("#base_url", Input).value = ""
        await pilot.pause()
        form.query_one("#environment", Select).value = "sandbox"
        await pilot.pause()
        assert form.query_one("#base_url", Input).value == urls["newsletter2go"]
        await pilot.press("escape")
        await pilot.pause()


async def test_the_demo_defaults_do_not_count_as_unsaved_changes(
    demo_services: Services, sandbox: SandboxServer
) -> None:
    app = demo_app(demo_services, sandbox)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ProfileFormScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ProfileFormScreen), "nothing typed: Esc just closes"

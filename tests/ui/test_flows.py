"""Pilot tests of the console's flows, on injected services."""

from __future__ import annotations

import asyncio
import base64

from textual.widgets import DataTable, Input, Select, Static

from nlconsole.core.models import StepStatus
from nlconsole.core.secrets import KeyringSecretStore
from nlconsole.core.services import Services
from nlconsole.sandbox.server import SandboxServer
from nlconsole.ui.screens.check import CheckScreen
from nlconsole.ui.screens.checklist import ChecklistScreen
from nlconsole.ui.screens.credentials import CredentialsScreen
from nlconsole.ui.screens.help import HelpScreen
from nlconsole.ui.screens.problem import ProblemScreen
from nlconsole.ui.screens.profile_form import ProfileFormScreen
from nlconsole.ui.screens.profiles import ProfilesScreen
from tests.ui.conftest import add_maileon_profile, app_for, settle

KEY = "a1b2c3d4-e5f6-4789-abcd-ef0123456789"


async def test_create_a_profile(services: Services) -> None:
    app = app_for(services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ProfileFormScreen)
        form.query_one("#name", Input).value = "acme-maileon"
        form.query_one("#display_name", Input).value = "ACME Bildung e.V."
        form.query_one("#set-key_expires", Input).value = "31.03.2027"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CredentialsScreen), "the new profile's credentials come next"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ProfilesScreen)
        table = app.screen.query_one("#profiles", DataTable)
        assert table.row_count == 1
    stored = services.profiles.get("acme-maileon")
    assert stored.display_name == "ACME Bildung e.V."
    assert stored.maileon_settings.key_expires is not None


async def test_profile_form_shows_errors_inline_and_keeps_the_form(services: Services) -> None:
    app = app_for(services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        form.query_one("#name", Input).value = "Bad Name"
        form.query_one("#set-key_expires", Input).value = "2001-01-01"
        await pilot.pause()
        note = str(form.query_one("#set-key_expires-note", Static).render())
        assert "not in the future" in note
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProfileFormScreen)
        assert "not in the future" in str(form.query_one("#form-error", Static).render())
        form.query_one("#set-key_expires", Input).value = ""
        form.query_one("#provider", Select).value = "newsletter2go"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "profile name" in str(form.query_one("#form-error", Static).render())
    assert services.profiles.load().profiles == {}


async def test_enter_and_save_credentials(services: Services) -> None:
    add_maileon_profile(services)
    app = app_for(services)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CredentialsScreen)
        field = screen.query_one("#secret-api_key", Input)
        assert field.password is True
        field.value = "Authorization: Basic " + base64.b64encode(KEY.encode()).decode()
        await pilot.pause()
        assert "decoded to the raw key" in str(screen.query_one("#note-api_key", Static).render())
        await pilot.press("ctrl+r")
        assert field.password is False
        await pilot.press("ctrl+r")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert field.value == ""
        assert "stored" in str(screen.query_one("#status-api_key", Static).render())
        messages = " ".join(n.message for n in app._notifications)
        assert KEY not in messages
    stored = services.secrets.get("acme", "api_key")
    assert stored is not None
    assert stored.get_secret_value() == KEY


async def test_invalid_secret_is_not_saved(services: Services) -> None:
    add_maileon_profile(services)
    app = app_for(services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        app.screen.query_one("#secret-api_key", Input).value = "short"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CredentialsScreen)
    assert services.secrets.get("acme", "api_key") is None


async def test_run_a_check_against_the_sandbox(demo_services: Services) -> None:
    app = app_for(demo_services, demo_url="http://sandbox")
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        banner = str(app.screen.query_one("#banner", Static).render())
        assert "DEMO" in banner
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CheckScreen)
        assert screen.results.findings["key.valid"].status.value == "pass"
        assert screen.results.findings["doi.mailing"].status.value == "pass"
        result = str(screen.query_one("#result-verdict", Static).render())
        assert result.startswith("PASS")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ProfilesScreen)
        table = app.screen.query_one("#profiles", DataTable)
        assert "PASS" in str(table.get_row_at(0)[3])
    last = demo_services.profiles.get("demo-maileon").last_check
    assert last is not None
    assert last.outcome == "pass"


async def test_a_running_check_keeps_the_ui_responsive_and_can_be_cancelled(
    demo_services: Services, sandbox: SandboxServer
) -> None:
    from nlconsole.sandbox.faults import FaultRule

    sandbox.sandbox.faults.add(FaultRule(kind="latency", latency_ms=5000))
    app = app_for(demo_services)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        for _ in range(200):
            await pilot.pause(0.05)
            if (
                isinstance(app.screen, CheckScreen)
                and app.screen.query_one("#results", DataTable).row_count
            ):
                break
        started = asyncio.get_running_loop().time()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen), "help opens while the check waits on the network"
        await pilot.press("escape")
        await pilot.pause()
        assert asyncio.get_running_loop().time() - started < 4.0, "not after the 5 s answer"
        await pilot.press("escape")
        await pilot.pause(0.2)
        screen = app.screen
        assert isinstance(screen, CheckScreen)
        assert "cancelled" in str(screen.query_one("#result-verdict", Static).render())
    sandbox.sandbox.faults.clear()


async def test_tick_checklist_steps(services: Services) -> None:
    add_maileon_profile(services)
    app = app_for(services)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, ChecklistScreen)
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("down", "down", "k")
        await settle(pilot)
    checklist = services.profiles.get("acme").checklist
    assert checklist["privacy_policy"].status is StepStatus.DONE
    assert checklist["key_label"].status is StepStatus.SKIPPED


async def test_keyring_unavailable_shows_a_helpful_screen(services: Services) -> None:
    add_maileon_profile(services)
    services.secrets = KeyringSecretStore()  # the test process pins the failing backend
    app = app_for(services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProblemScreen)
        assert str(screen.title_text) == "The keyring cannot be used"
        assert "no secure keyring" in str(screen.message)
        assert "gnome-keyring-daemon" in str(screen.remediation)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CredentialsScreen)


async def test_delete_needs_confirmation(services: Services) -> None:
    add_maileon_profile(services)
    services.secrets.set("acme", "api_key", __import__("pydantic").SecretStr(KEY))
    app = app_for(services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("n")
        await settle(pilot)
        assert "acme" in services.profiles.load().profiles
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
    assert services.profiles.load().profiles == {}
    assert services.secrets.get("acme", "api_key") is None


async def test_f1_opens_help_for_the_screen(services: Services) -> None:
    app = app_for(services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProfilesScreen)


async def test_corrupt_profiles_file_is_explained(services: Services) -> None:
    services.profiles.path.parent.mkdir(parents=True)
    services.profiles.path.write_text("[profiles.acme\n")
    app = app_for(services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProblemScreen)
        assert "line 1" in str(screen.message)
        await pilot.press("escape")
        await pilot.pause()
        detail = str(app.screen.query_one("#detail", Static).render())
        assert "left untouched" in detail
    assert services.profiles.path.read_text() == "[profiles.acme\n"


async def test_german_labels_follow_the_language(services: Services) -> None:
    add_maileon_profile(services)
    app = app_for(services)
    app.language = "de"
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#profiles", DataTable)
        assert [str(c.label) for c in table.columns.values()][:2] == ["Profile", "Anbieter"]
        await pilot.press("l")
        await settle(pilot)
        steps = app.screen.query_one("#steps", DataTable)
        assert str(steps.get_row_at(0)[1]) == "Datenschutzerklärung angepasst"
        detail = str(app.screen.query_one("#step-detail", Static).render())
        assert "Warum:" in detail


async def test_keymap_file_remaps_a_binding(services: Services) -> None:
    add_maileon_profile(services)
    services.config_dir.mkdir(parents=True, exist_ok=True)
    (services.config_dir / "keymap.toml").write_text('"profile.check" = "x"\nbroken = 1\n')
    app = app_for(services)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await settle(pilot)
        assert any("'broken' must map to keys" in n.message for n in app._notifications)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, CheckScreen)

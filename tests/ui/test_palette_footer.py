"""Issue 9 item 11: the palette finds profiles and runs actions on them, lists each action once
with its key; modal screens show their own keys; F1 stays visible at 80 columns."""

from __future__ import annotations

from textual.command import CommandList
from textual.widgets._footer import FooterKey

from nlconsole.core.services import Services
from nlconsole.ui.screens.check import CheckScreen
from nlconsole.ui.screens.profile_form import ProfileFormScreen
from tests.ui.conftest import add_maileon_profile, app_for, settle


async def _palette(pilot: object, query: str) -> list[str]:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*query)
    await pilot.pause(0.6)
    options = pilot.app.screen.query_one(CommandList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_palette_lists_each_action_once_with_its_key(services: Services) -> None:
    add_maileon_profile(services)
    app = app_for(services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        prompts = await _palette(pilot, "")
        titles = [p.split("\n")[0] for p in prompts]
        assert len(titles) == len(set(titles)), titles
        assert "Quit\n^q" in prompts
        assert "Theme\n^t" in prompts
        assert "Check: test the connection and the credentials\nc" in prompts
        assert not any(p.startswith("Try scenarios") for p in prompts), "demo only"


async def test_check_acme_from_the_palette_checks_acme(services: Services) -> None:
    add_maileon_profile(services, "aaa")
    add_maileon_profile(services, "acme")
    app = app_for(services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        prompts = await _palette(pilot, "check acme")
        assert prompts[0].startswith("Check acme · ACME Bildung e.V. · Maileon"), prompts
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CheckScreen)
        assert screen.profile.name == "acme"


async def test_palette_finds_profiles_by_provider(services: Services) -> None:
    add_maileon_profile(services)
    app = app_for(services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        prompts = await _palette(pilot, "go maileon")
        assert prompts[0].startswith("Go to acme"), prompts


def _footer_keys(app: object) -> dict[str, FooterKey]:
    from textual.app import App

    assert isinstance(app, App)
    return {k.action: k for k in app.screen.query(FooterKey) if k.region.width > 0}


async def test_f1_stays_visible_in_the_footer_at_80_columns(services: Services) -> None:
    add_maileon_profile(services)
    app = app_for(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = _footer_keys(app)
        assert "help" in keys
        assert keys["help"].region.right <= 80


async def test_a_modal_form_shows_its_own_keys(services: Services) -> None:
    app = app_for(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ProfileFormScreen)
        keys = _footer_keys(app)
        assert {"save", "cancel", "help"} <= set(keys), set(keys)
        assert "new_profile" not in keys


async def test_f1_opens_help_on_a_dialog_and_closes_it(services: Services) -> None:
    from nlconsole.ui.screens.help import HelpScreen

    app = app_for(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        assert screen.about.__class__ is ProfileFormScreen
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, ProfileFormScreen)

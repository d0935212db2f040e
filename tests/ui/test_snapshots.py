"""Snapshots of every screen at a fixed size (pytest-textual-snapshot), and a scan of the
stored SVGs for the secrets typed into them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import SecretStr
from textual.pilot import Pilot

from nlconsole.core.models import Profile
from nlconsole.core.secrets import KeyringSecretStore
from nlconsole.core.services import Services
from nlconsole.ui.app import NLConsoleApp
from tests.ui.conftest import add_maileon_profile, app_for, settle

SNAPSHOTS = Path(__file__).parent / "__snapshots__"
TYPED_SECRETS = ("a1b2c3d4-e5f6-4789-abcd-ef0123456789", "Geheim-Passwort-42")
SIZE = (100, 30)
SnapCompare = Callable[..., bool]
RunBefore = Callable[[Pilot[int]], Awaitable[None]]


def demo_like(services: Services) -> NLConsoleApp:
    """Fixed demo profiles (fixed URLs) so the picture does not depend on a port."""
    add_maileon_profile(services, "demo-maileon", key_label="Sandbox Bildung gGmbH")
    services.profiles.add(
        Profile.model_validate(
            {
                "name": "demo-n2g",
                "provider": "newsletter2go",
                "environment": "sandbox",
                "display_name": "Demo: PEIQ PORTAL → Newsletter2Go",
                "base_url": "http://127.0.0.1:8765/newsletter2go",
                "newsletter2go": {"newsletters": ["Lokales", "Sport"]},
            }
        )
    )
    return app_for(services, demo_url="http://127.0.0.1:8765")


def keys(*names: str) -> RunBefore:
    async def run(pilot: Pilot[int]) -> None:
        await settle(pilot)
        for name in names:
            await pilot.press(name)
            await settle(pilot)

    return run


def test_profiles_screen(snap_compare: SnapCompare, services: Services) -> None:
    assert snap_compare(demo_like(services), terminal_size=SIZE, run_before=keys())


def test_profiles_screen_at_80x24_light(snap_compare: SnapCompare, services: Services) -> None:
    assert snap_compare(demo_like(services), terminal_size=(80, 24), run_before=keys("ctrl+t"))


def test_new_profile_form(snap_compare: SnapCompare, services: Services) -> None:
    assert snap_compare(app_for(services), terminal_size=SIZE, run_before=keys("n"))


def test_credentials_screen_with_typed_secrets(
    snap_compare: SnapCompare, services: Services
) -> None:
    add_maileon_profile(services)
    services.secrets.set("acme", "api_key", SecretStr("stored-but-never-shown-0001"))

    async def run(pilot: Pilot[int]) -> None:
        await keys("s")(pilot)
        for char in TYPED_SECRETS[0]:
            await pilot.press(char)
        await pilot.press("tab", "tab")
        for char in TYPED_SECRETS[1]:
            await pilot.press(char)
        await settle(pilot)

    assert snap_compare(app_for(services), terminal_size=SIZE, run_before=run)


def test_check_screen_without_a_key(snap_compare: SnapCompare, services: Services) -> None:
    add_maileon_profile(services)
    assert snap_compare(app_for(services), terminal_size=SIZE, run_before=keys("c"))


def test_checklist_screen(snap_compare: SnapCompare, services: Services) -> None:
    add_maileon_profile(services, key_expires=date(2027, 3, 31))
    assert snap_compare(app_for(services), terminal_size=SIZE, run_before=keys("l", "space"))


def test_help_screen(snap_compare: SnapCompare, services: Services) -> None:
    assert snap_compare(app_for(services), terminal_size=SIZE, run_before=keys("f1"))


def test_keyring_problem_screen(snap_compare: SnapCompare, services: Services) -> None:
    add_maileon_profile(services)
    services.secrets = KeyringSecretStore()
    assert snap_compare(app_for(services), terminal_size=SIZE, run_before=keys("s"))


def test_no_secret_in_any_snapshot(**_: Any) -> None:
    svgs = list(SNAPSHOTS.rglob("*.svg"))
    assert svgs, "snapshots must exist (run pytest --snapshot-update once)"
    for svg in svgs:
        text = svg.read_text(encoding="utf-8").replace("&#160;", " ")
        for secret in (*TYPED_SECRETS, "stored-but-never-shown-0001"):
            assert secret not in text, f"{secret!r} is visible in {svg.name}"
            assert secret[:12] not in text, f"part of {secret!r} is visible in {svg.name}"

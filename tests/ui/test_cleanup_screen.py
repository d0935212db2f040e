"""The cleanup screen: the ledger's test contacts listed, then deleted for real after a yes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import httpx
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from nlconsole.core.journeys.store import LedgerEntry, RunStore
from nlconsole.core.services import Services
from nlconsole.i18n import Language
from nlconsole.sandbox.seeds import maileon_key
from nlconsole.sandbox.server import SandboxServer
from nlconsole.ui.app import NLConsoleApp
from nlconsole.ui.screens.cleanup import CleanupScreen
from tests.support.sandbox import maileon_auth
from tests.ui.conftest import add_maileon_profile, app_for, settle

ADDRESS = "qa+nlc-m1-ab2c@acme.example"
SnapCompare = Callable[..., bool]


def ledger(services: Services, profile: str, *addresses: str) -> None:
    store = RunStore(services.config_dir, profile)
    for address in addresses:
        at = datetime(2026, 11, 22, 10, 30, tzinfo=UTC)
        store.record(LedgerEntry(address, "M1", "20261122103000-m1-ab2c", at, ["maileon"]))


async def test_cleanup_lists_then_deletes_at_the_sandbox(
    demo_services: Services, sandbox: SandboxServer
) -> None:
    url = sandbox.sandbox.base_urls()["maileon"]
    address = "tester+nlc-m1-zz9x@sandbox.test"
    contact = f"{url}/contacts/email/{address.replace('+', '%2B').replace('@', '%40')}"
    auth = maileon_auth(maileon_key("all_rights"))
    httpx.post(contact, headers=auth, content=b"").raise_for_status()
    ledger(demo_services, "demo-maileon", address)
    app = app_for(demo_services, demo_url=sandbox.url)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CleanupScreen)
        table = screen.query_one("#cleanup-list", DataTable)
        assert str(table.get_row_at(0)[0]) == address
        assert "will be deleted" in str(table.get_row_at(0)[3])
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert "Every test contact is gone." in str(
            screen.query_one("#cleanup-result", Static).render()
        )
    assert httpx.get(contact, headers=auth).status_code == 404
    assert list(RunStore(demo_services.config_dir, "demo-maileon").open_entries()) == []


def cleanup_app(services: Services, language: Language) -> NLConsoleApp:
    add_maileon_profile(services)
    ledger(services, "acme", ADDRESS, "qa+nlc-m4-kk7m@acme.example")
    return app_for(services, language=language)


def test_cleanup_screen_snapshot_en(snap_compare: SnapCompare, services: Services) -> None:
    app = cleanup_app(services, "en")
    assert snap_compare(app, terminal_size=(100, 24), run_before=_open_cleanup)


def test_cleanup_screen_snapshot_de(snap_compare: SnapCompare, services: Services) -> None:
    app = cleanup_app(services, "de")
    assert snap_compare(app, terminal_size=(100, 24), run_before=_open_cleanup)


async def _open_cleanup(pilot: Pilot[int]) -> None:
    await settle(pilot)
    await pilot.press("j")
    await settle(pilot)
    await pilot.press("x")
    await settle(pilot)

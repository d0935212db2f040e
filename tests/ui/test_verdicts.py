"""Issue 9 item 6: verdicts never overstate, and the console and the CLI say the same thing
with the same exit meaning (run against the in-process sandbox)."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest
from pydantic import SecretStr
from textual.widgets import Static

from nlconsole.cli import check_cmd
from nlconsole.cli.context import Context
from nlconsole.core.models import Profile
from nlconsole.core.services import Services
from nlconsole.sandbox.seeds import maileon_key, n2g_account
from nlconsole.sandbox.server import SandboxServer
from nlconsole.ui.screens.check import CheckScreen
from tests.ui.conftest import app_for, settle


def _profile(services: Services, sandbox: SandboxServer, provider: str, **settings: object) -> str:
    key = "maileon" if provider == "maileon" else "newsletter2go"
    profile = Profile.model_validate(
        {
            "name": "customer",
            "provider": provider,
            "base_url": sandbox.sandbox.base_urls()[key],
            key: settings,
        }
    )
    services.profiles.add(profile)
    return profile.name


def _secrets(services: Services, **values: str) -> None:
    for field, value in values.items():
        services.secrets.set("customer", field, SecretStr(value))


async def _tui(services: Services) -> tuple[str, dict[str, str]]:
    """The console's verdict line and each row's status after `c`."""
    app = app_for(services)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CheckScreen)
        verdict = str(screen.query_one("#result-verdict", Static).render())
        statuses = {f.id: f.status.value for f in screen.results.findings.values()}
    return verdict, statuses


def _cli(services: Services, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """The CLI's exit code and its result line for the same profile."""
    import argparse

    context = Context(None, "en")
    context.services = services
    arguments = argparse.Namespace(
        names=["customer"], all=False, concurrency="8", deadline=None, json=False
    )
    code = check_cmd._check(context, arguments)
    out = capsys.readouterr().out
    result = next(line for line in out.splitlines() if line.startswith("Result: "))
    return code, result.removeprefix("Result: ")


def _same_line(tui: str, cli: str) -> None:
    """Both lines without the duration (it differs between the two runs)."""
    assert tui.rsplit(" (", 1)[0] == cli.rsplit(" (", 1)[0]


@pytest.mark.parametrize("newsletters", [["Lokales", "Sport"], ["Lokales"]])
async def test_lite_plan_the_portal_outgrows_fails(
    services: Services,
    sandbox: SandboxServer,
    capsys: pytest.CaptureFixture[str],
    newsletters: list[str],
) -> None:
    """6a: a plan limit the setup exceeds is blocking, in the console and the CLI; one
    newsletter exceeds it too, because the Lite account's one book is its standard book."""
    _profile(
        services,
        sandbox,
        "newsletter2go",
        newsletters=newsletters,
        developer_mode_confirmed=True,
    )
    account = n2g_account("limited_plan")
    _secrets(
        services, auth_key=account.auth_key, username=account.username, password=account.password
    )
    verdict, statuses = await _tui(services)
    assert statuses["plan.limit"] == "fail"
    assert verdict.startswith("FAIL: The interface cannot work like this")
    code, line = await asyncio.to_thread(_cli, services, capsys)
    assert code == 1
    _same_line(verdict, line)


async def test_rejected_key_never_passes_its_expiry(
    services: Services, sandbox: SandboxServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """6b: the recorded expiry cannot pass next to 'key rejected'."""
    _profile(services, sandbox, "maileon", key_expires=date(2027, 12, 31))
    _secrets(services, api_key=maileon_key("expired"))
    verdict, statuses = await _tui(services)
    assert statuses["key.valid"] == "fail"
    assert statuses["key.expiry"] == "unknown"
    assert verdict.startswith("FAIL")
    code, line = await asyncio.to_thread(_cli, services, capsys)
    assert code == 1
    _same_line(verdict, line)


async def test_unverified_doi_mailing_is_said_plainly(
    services: Services, sandbox: SandboxServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """6c: without the read right and a test key the DOI mailing is unknown, and the verdict
    names what could not be verified and how to verify it."""
    _profile(
        services,
        sandbox,
        "maileon",
        key_expires=date(2027, 12, 31),
        rights_confirmed=["create", "update"],
    )
    _secrets(services, api_key=maileon_key("create_update"))
    verdict, statuses = await _tui(services)
    assert statuses["doi.mailing"] == "unknown"
    assert verdict.startswith("WARN")
    assert "has what it needs" not in verdict
    assert "could not be verified" in verdict
    assert "DOI mailing" in verdict
    assert "test key" in verdict
    code, line = await asyncio.to_thread(_cli, services, capsys)
    assert code == 0
    _same_line(verdict, line)


async def test_info_rows_are_counted_apart(services: Services, sandbox: SandboxServer) -> None:
    """6d: 'all N checks passed' never counts rows that were only information: a Maileon
    account before bootstrap has its custom-field rows as information."""
    from nlconsole.core.checks import load_check_inputs, run_check
    from nlconsole.core.report import Status

    _profile(services, sandbox, "maileon", key_expires=date(2027, 12, 31))
    _secrets(services, api_key=maileon_key("all_rights"), test_api_key=maileon_key("read_delete"))
    inputs = load_check_inputs(services.profiles.get("customer"), services.secrets)
    report = await run_check(inputs, services)
    info = report.count(Status.INFO)
    passed = report.count(Status.PASS)
    assert info > 0, "the scenario has information rows"
    assert str(report.summary()) == f"{passed} checks passed, {info} for information"
    assert passed + info == len(report.findings)

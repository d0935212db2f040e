"""Journeys in simulate mode against the sandbox over real sockets, judged field by field."""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import Mapping, Sequence

import httpx
import pytest
from pydantic import SecretStr

from nlconsole.cli import main
from nlconsole.core.journeys.expect import Verdict
from nlconsole.core.journeys.run import JourneyRun, StepRecord
from nlconsole.core.journeys.runner import RunOptions, run_journey
from nlconsole.core.journeys.start import prepare_run
from nlconsole.core.journeys.store import RunStore
from nlconsole.core.models import Profile
from nlconsole.core.services import Services
from nlconsole.errors import UsageError
from nlconsole.i18n import Text
from nlconsole.providers.newsletter2go import Newsletter2GoClient
from nlconsole.sandbox.seeds import maileon_key, n2g_account
from nlconsole.sandbox.server import SandboxServer
from tests.support.bootstrap import create_mapped_fields


class Nobody:
    """No person at a terminal: acts are announced, questions not asked."""

    interactive = False

    def show(self, title: Text, instructions: Sequence[Text], values: Mapping[str, str]) -> None:
        """Nothing to show to."""

    async def wait(self) -> None:
        """Nobody to wait for."""

    async def ask(self, question: Text) -> tuple[str, str | None]:
        return "not asked", None

    def step_done(self, step: StepRecord) -> None:
        """No live output."""


def maileon_profile(
    services: Services, sandbox: SandboxServer, *, bootstrapped: bool = True, **settings: object
) -> Profile:
    profile = Profile.model_validate(
        {
            "name": "acme",
            "provider": "maileon",
            "environment": "sandbox",
            "base_url": sandbox.sandbox.base_urls()["maileon"],
            "maileon": settings,
        }
    )
    services.profiles.add(profile)
    services.secrets.set("acme", "api_key", SecretStr(maileon_key("create_update")))
    services.secrets.set("acme", "test_api_key", SecretStr(maileon_key("read_delete")))
    if bootstrapped:
        create_mapped_fields(sandbox)
    return profile


async def run(services: Services, profile: Profile, journey: str, **options: object) -> JourneyRun:
    prepared = prepare_run(profile, journey, services, simulate=True)
    settings = {"simulate": True, "timeout": 5.0, **options}
    return await run_journey(prepared, Nobody(), RunOptions(**settings))  # type: ignore[arg-type]


async def click_doi_link(sandbox: SandboxServer, address: str) -> None:
    """What a person does: open the mailbox, click the link (not --auto-confirm)."""
    async with httpx.AsyncClient() as client:
        for _ in range(400):
            mails = (await client.get(f"{sandbox.url}/mailbox.json", params={"to": address})).json()
            if mails["mails"]:
                await client.get(mails["mails"][-1]["confirm_url"])
                return
            await asyncio.sleep(0.05)
    raise AssertionError("no DOI mail arrived")


async def test_m1_passes_when_the_person_clicks_the_doi_link(
    sandbox: SandboxServer, services: Services
) -> None:
    profile = maileon_profile(services, sandbox)
    prepared = prepare_run(profile, "M1", services, simulate=True)
    running = asyncio.create_task(
        run_journey(prepared, Nobody(), RunOptions(simulate=True, timeout=10))
    )
    await click_doi_link(sandbox, prepared.context.address)
    result = await running
    assert result.verdict is Verdict.PASS, [s.as_json() for s in result.steps]
    last = result.steps[-1]
    assert {o.expectation.field: o.observed for o in last.observed}["permission"] == "4"
    ledger = RunStore(services.config_dir, "acme").ledger()
    assert [e.address for e in ledger] == [result.address]
    stored = RunStore(services.config_dir, "acme").load_run(result.id)
    assert stored["verdict"] == "pass"
    assert maileon_key("create_update") not in json.dumps(stored)


async def test_m2_ends_with_doi_plus_and_m4_stays_unconfirmed(
    sandbox: SandboxServer, services: Services
) -> None:
    profile = maileon_profile(services, sandbox, single_user_tracking=True)
    m2 = await run(services, profile, "M2", auto_confirm=True)
    assert m2.verdict is Verdict.PASS
    assert {o.expectation.field: o.observed for o in m2.steps[-1].observed}["permission"] == "5"
    m4 = await run(services, profile, "M4")
    assert m4.verdict is Verdict.PASS


async def test_a_timeout_fails_with_what_was_seen_last(
    sandbox: SandboxServer, services: Services
) -> None:
    profile = maileon_profile(services, sandbox)
    result = await run(services, profile, "M1", timeout=1.0)
    assert result.verdict is Verdict.FAIL
    failed = result.steps[-1]
    seen = {o.expectation.field: (o.observed, o.verdict) for o in failed.observed}
    assert seen["permission"] == ("1", Verdict.FAIL)
    assert "within 1 s" in str(failed.detail)


async def test_a_503_while_observing_is_retried(sandbox: SandboxServer, services: Services) -> None:
    profile = maileon_profile(services, sandbox)
    httpx.post(
        f"{sandbox.url}/_sandbox/faults",
        json={
            "kind": "error",
            "status": 503,
            "count": 4,
            "method": "GET",
            "path": "/maileon/1.0/contacts",
        },
    ).raise_for_status()
    result = await run(services, profile, "M4")
    assert result.verdict is Verdict.PASS


async def test_without_a_read_key_the_run_is_blocked_with_the_fix(
    sandbox: SandboxServer, services: Services
) -> None:
    profile = maileon_profile(services, sandbox)
    services.secrets.delete("acme", "test_api_key")
    result = await run(services, profile, "M1")
    assert result.verdict is Verdict.BLOCKED
    assert "test_api_key" in str(result.fix)
    assert RunStore(services.config_dir, "acme").ledger() == []


async def test_auto_confirm_is_refused_against_a_real_provider(services: Services) -> None:
    profile = Profile.model_validate(
        {"name": "live", "provider": "maileon", "test_mailbox": "anna@verlag.de"}
    )
    services.profiles.add(profile)
    services.secrets.set("live", "test_api_key", SecretStr(maileon_key("read_delete")))
    services.secrets.set("live", "api_key", SecretStr(maileon_key("create_update")))
    with pytest.raises(UsageError, match="only against the sandbox"):
        await run(services, profile, "M1", auto_confirm=True)


async def test_n2g_p1_p5_p6(sandbox: SandboxServer, services: Services) -> None:
    account = n2g_account("working")
    url = sandbox.sandbox.base_urls()["newsletter2go"]
    secrets = (account.auth_key, account.username, account.password)
    async with Newsletter2GoClient(url, *(SecretStr(s) for s in secrets)) as client:
        ids = {name: await client.create_list(name) for name in ("Lokales", "Sport")}
    profile = Profile.model_validate(
        {
            "name": "verlag",
            "provider": "newsletter2go",
            "environment": "sandbox",
            "base_url": url,
            "newsletter2go": {"newsletters": ["Lokales", "Sport"], "list_ids": ids},
        }
    )
    services.profiles.add(profile)
    for field, value in zip(("auth_key", "username", "password"), secrets, strict=True):
        services.secrets.set("verlag", field, SecretStr(value))
    for journey in ("P1", "P3", "P5", "P6"):
        result = await run(services, profile, journey)
        assert result.verdict is Verdict.PASS, (journey, [s.as_json() for s in result.steps])
    p1 = next(
        run for run in RunStore(services.config_dir, "verlag").runs() if run["journey"] == "P1"
    )
    expectations = {e["field"]: e["observed"] for e in p1["steps"][-1]["expectations"]}
    assert expectations["Lokales:last_name"] == "O'Brien-Weiß"
    assert expectations["Sport:present"] is None


def test_journeys_run_cli_exit_codes_and_json(
    sandbox: SandboxServer,
    memory_keyring: dict[tuple[str, str], str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = sandbox.sandbox.base_urls()["maileon"]
    assert main(["profiles", "add", "m", "--provider", "maileon", "--base-url", url]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(maileon_key("create_update")))
    assert main(["secrets", "set", "m", "api_key"]) == 0
    capsys.readouterr()
    assert main(["journeys", "run", "m", "M1", "--simulate"]) == 2
    assert "--test-mailbox" in capsys.readouterr().err
    assert main(["profiles", "edit", "m", "--test-mailbox", "anna@verlag.de"]) == 0
    capsys.readouterr()
    assert main(["journeys", "run", "m", "M1", "--simulate", "--json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["verdict"] == "blocked"
    assert "test_api_key" in document["fix"]
    assert main(["journeys", "run", "m", "M1", "--auto-confirm", "--simulate"]) == 2
    assert "only against the sandbox" in capsys.readouterr().err
    assert main(["journeys", "run", "m", "X9"]) == 2
    assert "not a journey of a Maileon profile" in capsys.readouterr().err

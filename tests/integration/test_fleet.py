"""`nlconsole check --all` and several names: concurrent, bounded, one result per profile."""

from __future__ import annotations

import io
import json
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from nlconsole.cli import main
from nlconsole.core.clock import FixedClock
from nlconsole.core.fleet import Slots, check_fleet
from nlconsole.core.models import Profile
from nlconsole.core.services import Services
from nlconsole.providers.http import HttpOptions
from nlconsole.providers.pool import KeptPool
from nlconsole.sandbox.emulator import Sandbox
from nlconsole.sandbox.faults import FaultRule
from nlconsole.sandbox.seeds import maileon_key, n2g_account
from nlconsole.sandbox.server import SandboxServer
from nlconsole.sandbox.transport import SandboxTransport
from tests.ui.conftest import FIXED_NOW


def cli(monkeypatch: pytest.MonkeyPatch, *argv: str, stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(list(argv))


def add_profiles(monkeypatch: pytest.MonkeyPatch, urls: dict[str, str]) -> None:
    add = ("profiles", "add")
    for name, key in (("good", "create_update"), ("expired", "expired")):
        assert (
            cli(monkeypatch, *add, name, "--provider", "maileon", "--base-url", urls["maileon"])
            == 0
        )
        assert cli(monkeypatch, "secrets", "set", name, "api_key", stdin=maileon_key(key)) == 0
    n2g = ("--provider", "newsletter2go", "--base-url", urls["newsletter2go"])
    assert cli(monkeypatch, *add, "verlag", *n2g) == 0
    account = n2g_account("working")
    for field in ("auth_key", "username", "password"):
        value = getattr(account, field)
        assert cli(monkeypatch, "secrets", "set", "verlag", field, stdin=value) == 0


def test_check_all_reports_every_profile_and_exits_1_for_any_failure(
    sandbox: SandboxServer,
    memory_keyring: dict[tuple[str, str], str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    add_profiles(monkeypatch, sandbox.sandbox.base_urls())
    capsys.readouterr()
    assert cli(monkeypatch, "check", "--all", "--json") == 1
    document = json.loads(capsys.readouterr().out)
    by_name = {entry["profile"]: entry for entry in document["profiles"]}
    assert [entry["profile"] for entry in document["profiles"]] == ["expired", "good", "verlag"]
    assert by_name["good"]["ok"]
    assert by_name["verlag"]["ok"]
    assert not by_name["expired"]["ok"]
    assert document["ok"] is False
    assert cli(monkeypatch, "check", "good", "verlag") == 0
    out = capsys.readouterr().out
    assert "2 of 2 profiles pass." in out
    assert "good" in out
    assert "verlag" in out


def test_check_all_results_are_kept_and_bad_usage_exits_2(
    sandbox: SandboxServer,
    memory_keyring: dict[tuple[str, str], str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    isolated_home: Path,
) -> None:
    add_profiles(monkeypatch, sandbox.sandbox.base_urls())
    assert cli(monkeypatch, "check", "--all") == 1
    stored = (isolated_home / "profiles.toml").read_text()
    assert stored.count("outcome =") == 3
    capsys.readouterr()
    assert cli(monkeypatch, "check", "--all", "--concurrency", "0") == 2
    assert "--concurrency must be a number from 1 to 64" in capsys.readouterr().err
    assert cli(monkeypatch, "check", "good", "nobody") == 2
    assert "no profile named 'nobody'" in capsys.readouterr().err


def test_a_keyring_error_is_an_error_for_that_profile_not_a_crash(
    sandbox: SandboxServer,
    memory_keyring: dict[tuple[str, str], str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    add_profiles(monkeypatch, sandbox.sandbox.base_urls())
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.support.memory_keyring.LockedKeyring")
    capsys.readouterr()
    assert cli(monkeypatch, "check", "--all", "--json") == 2
    document = json.loads(capsys.readouterr().out)
    assert all("locked" in entry["error"]["message"] for entry in document["profiles"])


class CountingTransport(httpx.AsyncBaseTransport):
    """Counts requests in flight at once."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.now = 0
        self.most = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.now += 1
        self.most = max(self.most, self.now)
        try:
            return await self.inner.handle_async_request(request)
        finally:
            self.now -= 1


async def test_concurrency_is_bounded(tmp_path: Path) -> None:
    sandbox = Sandbox()
    sandbox.faults.add(FaultRule(kind="latency", latency_ms=30))
    counting = CountingTransport(SandboxTransport(sandbox))
    services = Services.in_memory(tmp_path / "config")
    services.clock = FixedClock(FIXED_NOW)
    services.http = HttpOptions(transport=counting)
    url = sandbox.base_urls()["maileon"]
    profiles = [
        Profile.model_validate({"name": f"p{i}", "provider": "maileon", "base_url": url})
        for i in range(10)
    ]
    for profile in profiles:
        services.profiles.add(profile)
        services.secrets.set(profile.name, "api_key", SecretStr(maileon_key("all_rights")))
    finished: list[str] = []
    results = await check_fleet(
        profiles, services, concurrency=2, on_result=lambda r: finished.append(r.profile.name)
    )
    assert [r.profile.name for r in results] == [p.name for p in profiles]
    assert all(r.report is not None and r.report.ok for r in results)
    assert sorted(finished) == sorted(p.name for p in profiles)
    per_check = 6  # four pings, account and DOI mailings at once
    assert 0 < counting.most <= 2 * per_check


def counting_connections(sandbox: SandboxServer) -> list[object]:
    """The TCP connections the sandbox accepts from now on (one entry each)."""
    accepted: list[object] = []
    server = sandbox._server
    process = server.process_request

    def counted(request: object, client_address: object) -> None:
        accepted.append(client_address)
        process(request, client_address)  # type: ignore[arg-type]

    server.process_request = counted  # type: ignore[method-assign]
    return accepted


def maileon_profiles(services: Services, url: str, count: int, prefix: str = "p") -> list[Profile]:
    profiles = [
        Profile.model_validate({"name": f"{prefix}{i}", "provider": "maileon", "base_url": url})
        for i in range(count)
    ]
    for profile in profiles:
        services.profiles.add(profile)
        services.secrets.set(profile.name, "api_key", SecretStr(maileon_key("all_rights")))
    return profiles


async def test_each_slot_reuses_its_connections_across_the_checks_it_runs(
    sandbox: SandboxServer, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Six checks of ~6 concurrent requests on two slots: each slot's second and third check
    use the connections its first one opened (without the kept pools: 36 connections)."""
    for variable in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(variable, raising=False)  # with a proxy, pools are not kept
    services.http = HttpOptions()  # real sockets, as the CLI has
    profiles = maileon_profiles(services, sandbox.sandbox.base_urls()["maileon"], 6)
    accepted = counting_connections(sandbox)
    results = await check_fleet(profiles, services, concurrency=2)
    assert all(r.report is not None and r.report.ok for r in results)
    per_check = 6  # four pings, account and DOI mailings at once
    assert 0 < len(accepted) <= 2 * per_check


async def test_a_profile_that_cannot_connect_leaves_the_slot_usable_for_the_others(
    sandbox: SandboxServer, services: Services
) -> None:
    services.http = HttpOptions()
    profiles = maileon_profiles(services, sandbox.sandbox.base_urls()["maileon"], 3)
    refused = maileon_profiles(services, "http://127.0.0.1:9", 1, prefix="refused")
    results = await check_fleet([*refused, *profiles], services, concurrency=1)
    assert [r.profile.name for r in results] == ["refused0", "p0", "p1", "p2"]
    assert results[0].report is not None
    assert not results[0].report.ok
    assert all(r.report is not None and r.report.ok for r in results[1:])


async def test_slots_keep_one_pool_each_that_outlives_the_clients_until_the_end(
    sandbox: SandboxServer,
) -> None:
    slots = Slots(HttpOptions(), 2)
    async with slots.slot() as first, slots.slot() as second:
        assert isinstance(first.transport, KeptPool)
        assert isinstance(second.transport, KeptPool)
        assert first.transport is not second.transport
    async with slots.slot() as again:
        assert again.transport in (first.transport, second.transport)
    pool = again.transport
    assert isinstance(pool, KeptPool)
    accepted = counting_connections(sandbox)
    ping = sandbox.sandbox.base_urls()["maileon"] + "/ping"
    for _ in range(2):
        async with httpx.AsyncClient(transport=pool) as client:  # closes: the pool stays open
            await client.get(ping)
    assert len(accepted) == 1, "the second client used the first one's connection"
    await slots.aclose()
    assert pool._pool._pool.connections == []


def test_no_kept_pool_with_a_proxy_or_an_injected_transport(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """httpx applies proxies from the environment only to a client's own transport; an
    injected transport (the in-process sandbox) is used as it is."""
    injected = SandboxTransport(Sandbox())
    assert Slots(HttpOptions(transport=injected), 2)._open().transport is injected
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    assert Slots(HttpOptions(), 2)._open().transport is None


async def test_an_unexpected_error_stops_the_other_checks_before_their_pools_close(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug in one check (not a provider's answer) ends the fleet; the checks still running are
    cancelled and awaited first, so no check goes on using a pool that was closed under it."""
    import asyncio

    from nlconsole.core import fleet

    profiles = maileon_profiles(services, "http://127.0.0.1:9/maileon/1.0", 3)
    still_running: list[str] = []
    closed_while_running: list[str] = []

    async def run_check(inputs: object, *args: object, **kwargs: object) -> object:
        name = getattr(getattr(inputs, "profile", None), "name", "")
        if name == "p0":
            await asyncio.sleep(0.05)
            raise RuntimeError("a bug")
        still_running.append(name)
        try:
            await asyncio.sleep(30)
        finally:
            still_running.remove(name)
        raise AssertionError("never reached")

    real_close = Slots.aclose

    async def aclose(self: Slots) -> None:
        closed_while_running.extend(still_running)
        await real_close(self)

    monkeypatch.setattr(fleet, "run_check", run_check)
    monkeypatch.setattr(Slots, "aclose", aclose)
    with pytest.raises(RuntimeError, match="a bug"):
        await asyncio.wait_for(check_fleet(profiles, services, concurrency=3), timeout=10)
    assert closed_while_running == []
    assert still_running == []

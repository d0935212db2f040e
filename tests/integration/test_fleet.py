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
from nlconsole.core.fleet import check_fleet
from nlconsole.core.models import Profile
from nlconsole.core.services import Services
from nlconsole.providers.http import HttpOptions
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

"""Bootstrap against the sandbox over real sockets: plan, apply, plan again, then the check; a
lost answer to a create and a killed apply both end with every item exactly once."""

from __future__ import annotations

import io
import json
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from nlconsole.cli import main
from nlconsole.core.bootstrap import (
    Action,
    BootstrapPlan,
    applied_completely,
    apply_plan,
    make_plan,
)
from nlconsole.core.checks import load_check_inputs, run_check
from nlconsole.core.models import Profile
from nlconsole.core.paths import config_dir
from nlconsole.core.report import Report, Status
from nlconsole.core.services import Services
from nlconsole.sandbox.faults import FaultRule
from nlconsole.sandbox.seeds import maileon_key, n2g_account
from nlconsole.sandbox.server import SandboxServer, running_sandbox
from tests.support.checks import english, fast_http
from tests.support.sandbox import maileon_auth, n2g_bearer

NEWSLETTERS = ["Lokales", "Sport", "Kultur"]


class Terminal(io.StringIO):
    """Typed answers on what looks like a terminal."""

    def isatty(self) -> bool:
        return True


FIELDS = {"NAMENSPRAEFIX": "string", "cmx_einkauf": "integer", "EINZELNUTZERTRACKING": "boolean"}


@pytest.fixture
def server() -> Iterator[SandboxServer]:
    with running_sandbox() as running:
        yield running


@pytest.fixture
def services(tmp_path: Path) -> Services:
    built = Services.in_memory(tmp_path / "config")
    built.http = fast_http()
    return built


def add_n2g(services: Services, server: SandboxServer, scenario: str = "working") -> str:
    seed = n2g_account(scenario)
    profile = Profile.model_validate(
        {
            "name": "peiq",
            "provider": "newsletter2go",
            "base_url": server.sandbox.base_urls()["newsletter2go"],
            "newsletter2go": {
                "newsletters": NEWSLETTERS,
                "sender_email": "redaktion@example.org",
                "sender_name": "Redaktion",
            },
        }
    )
    services.profiles.add(profile)
    for field, value in (
        ("auth_key", seed.auth_key),
        ("username", seed.username),
        ("password", seed.password),
    ):
        services.secrets.set("peiq", field, SecretStr(value))
    return "peiq"


def add_maileon(services: Services, server: SandboxServer) -> str:
    profile = Profile.model_validate(
        {
            "name": "cmx",
            "provider": "maileon",
            "base_url": server.sandbox.base_urls()["maileon"],
            "maileon": {"rights_confirmed": ["create", "update"]},
        }
    )
    services.profiles.add(profile)
    services.secrets.set("cmx", "api_key", SecretStr(maileon_key("create_update")))
    services.secrets.set("cmx", "test_api_key", SecretStr(maileon_key("read_delete")))
    return "cmx"


async def plan_and_apply(services: Services, name: str) -> tuple[BootstrapPlan, Report]:
    inputs = load_check_inputs(services.profiles.get(name), services.secrets)
    plan = await make_plan(inputs, services)
    report = await apply_plan(inputs, services, plan)
    return plan, report


def n2g_counts(server: SandboxServer) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """Address books by name and attributes by (book, name), read through the raw API."""
    seed = n2g_account("working")
    base = server.sandbox.base_urls()["newsletter2go"]
    with httpx.Client(base_url=base) as client:
        client.headers.update(n2g_bearer(client, base, seed.auth_key, seed.username, seed.password))
        books = client.get("/lists", params={"_expand": "true"}).json()["value"]
        attributes: Counter[tuple[str, str]] = Counter()
        for book in books:
            for attr in client.get(
                f"/lists/{book['id']}/attributes", params={"_expand": "true"}
            ).json()["value"]:
                attributes[(book["name"], attr["name"])] += 1
    return Counter(b["name"] for b in books), attributes


def make_books(server: SandboxServer, names: list[str]) -> list[str]:
    """Address books made by hand, through the raw API; their ids."""
    seed = n2g_account("working")
    base = server.sandbox.base_urls()["newsletter2go"]
    with httpx.Client(base_url=base) as client:
        client.headers.update(n2g_bearer(client, base, seed.auth_key, seed.username, seed.password))
        return [
            str(client.post("/lists", json={"name": name}).json()["value"][0]["id"])
            for name in names
        ]


def maileon_fields(server: SandboxServer) -> list[str]:
    """Custom field names through the raw API (duplicates would show twice)."""
    from defusedxml import ElementTree

    base = server.sandbox.base_urls()["maileon"]
    response = httpx.get(
        f"{base}/contacts/fields/custom", headers=maileon_auth(maileon_key("all_rights"))
    )
    return [item.findtext("name") or "" for item in ElementTree.fromstring(response.content)]


def assert_n2g_exactly_once(server: SandboxServer, services: Services) -> None:
    books, attributes = n2g_counts(server)
    assert all(books[name] == 1 for name in NEWSLETTERS), books
    assert all(attributes[(name, "title")] == 1 for name in NEWSLETTERS), attributes
    recorded = services.profiles.get("peiq").n2g_settings.list_ids
    assert sorted(recorded) == sorted(NEWSLETTERS)


async def test_n2g_plan_apply_plan_is_empty_and_the_check_passes(
    server: SandboxServer, services: Services
) -> None:
    name = add_n2g(services, server)
    before = await run_check(
        load_check_inputs(services.profiles.get(name), services.secrets), services
    )
    missing = next(f for f in before.findings if f.id == "book.Lokales")
    assert missing.status is Status.INFO
    assert "nlconsole bootstrap peiq" in english(missing.remediation)
    plan, report = await plan_and_apply(services, name)
    assert [i.action for i in plan.items if i.kind == "book"] == [Action.CREATE] * 3
    assert applied_completely(plan, report)
    inputs = load_check_inputs(services.profiles.get(name), services.secrets)
    again = await make_plan(inputs, services)
    assert again.settled
    assert not again.changes
    check = await run_check(inputs, services)
    rows = {f.id: f.status for f in check.findings}
    assert all(rows[f"book.{n}"] is Status.PASS for n in NEWSLETTERS), rows
    assert rows["books.unowned"] is Status.PASS
    assert_n2g_exactly_once(server, services)


async def test_n2g_lost_answer_to_the_second_create_then_again(
    server: SandboxServer, services: Services
) -> None:
    name = add_n2g(services, server)
    server.sandbox.faults.add(
        FaultRule(kind="lost_response", path="/newsletter2go/attributes", method="POST", count=1)
    )
    plan, report = await plan_and_apply(services, name)
    # The create took effect, its answer was lost: a lookup finds it instead of a second create.
    assert applied_completely(plan, report)
    assert server.sandbox.faults.rules() == []
    plan, report = await plan_and_apply(services, name)
    assert not plan.changes
    assert_n2g_exactly_once(server, services)


async def test_n2g_existing_books_are_adopted_and_duplicates_conflict(
    server: SandboxServer, services: Services
) -> None:
    name = add_n2g(services, server)
    lokales, *ids = make_books(server, ["Lokales", "Sport", "Sport"])
    plan, report = await plan_and_apply(services, name)
    books = {i.subject: i for i in plan.items if i.kind == "book"}
    assert books["Lokales"].action is Action.ADOPT
    assert books["Sport"].action is Action.CONFLICT
    assert all(i in english(books["Sport"].detail) for i in ids)
    assert not applied_completely(plan, report)
    recorded = services.profiles.get(name).n2g_settings.list_ids
    assert recorded["Lokales"] == lokales
    assert "Sport" not in recorded
    counts, _attrs = n2g_counts(server)
    assert counts["Sport"] == 2
    assert counts["Lokales"] == 1
    assert counts["Kultur"] == 1


async def test_lite_plan_blocks_up_front(server: SandboxServer, services: Services) -> None:
    add_n2g(services, server, "limited_plan")
    inputs = load_check_inputs(services.profiles.get("peiq"), services.secrets)
    plan = await make_plan(inputs, services)
    assert {i.action for i in plan.items if i.kind == "book"} == {Action.BLOCKED}
    assert plan.items[0].action is Action.BLOCKED
    assert not plan.changes


async def test_maileon_fields_once_despite_a_lost_answer_and_the_check_passes(
    server: SandboxServer, services: Services
) -> None:
    name = add_maileon(services, server)
    inputs = load_check_inputs(services.profiles.get(name), services.secrets)
    before = {f.id: f for f in (await run_check(inputs, services)).findings}
    assert {before[f"field.{n}"].status for n in FIELDS} == {Status.INFO}
    assert "nlconsole bootstrap cmx" in english(before["field.cmx_einkauf"].remediation)
    server.sandbox.faults.add(
        FaultRule(
            kind="lost_response",
            path="/maileon/1.0/contacts/fields/custom/cmx_einkauf",
            method="POST",
            count=1,
        )
    )
    plan, report = await plan_and_apply(services, name)
    assert applied_completely(plan, report)
    assert server.sandbox.faults.rules() == []
    await plan_and_apply(services, name)
    names = maileon_fields(server)
    assert all(names.count(field) == 1 for field in FIELDS), names
    inputs = load_check_inputs(services.profiles.get(name), services.secrets)
    assert (await make_plan(inputs, services)).settled
    check = await run_check(inputs, services)
    rows = {f.id: f.status for f in check.findings}
    assert all(rows[f"field.{n}"] is Status.PASS for n in FIELDS), rows


def cli(home: Path, name: str) -> list[str]:
    """The bootstrap command line for a profile in `home` (a separate process)."""
    return [
        sys.executable,
        "-m",
        "nlconsole",
        "--lang",
        "en",
        "--home",
        str(home),
        "bootstrap",
        name,
    ]


def kill_after(command: list[str], row: str) -> list[str]:
    """Start an apply, kill -9 it once the row `row` has passed; the lines it printed."""
    process = subprocess.Popen([*command, "--apply", "--yes"], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    seen = []
    for line in process.stdout:
        seen.append(line)
        if line.lstrip().startswith("PASS") and row in line:
            break
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    return seen


def apply_again_settles(command: list[str]) -> None:
    """Applying again completes, and a plan after it has nothing left to do."""
    finished = subprocess.run(
        [*command, "--apply", "--yes", "--json"], capture_output=True, text=True, timeout=60
    )
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert json.loads(finished.stdout)["result"]["ok"] is True
    again = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert again.returncode == 0, again.stdout


@pytest.fixture
def file_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A keyring the subprocesses share (a file); the config dir to use with it."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.support.file_keyring.FileKeyring")
    monkeypatch.setenv("NLCONSOLE_TEST_KEYRING_FILE", str(tmp_path / "keyring.json"))
    return tmp_path / "home"


def test_killed_apply_then_again_leaves_every_book_once(
    server: SandboxServer, file_keyring: Path
) -> None:
    home = file_keyring
    add_n2g(Services.real(config_dir(str(home)), "en"), server)
    # The first attribute's create hangs: the kill lands after a book was created.
    server.sandbox.faults.add(
        FaultRule(kind="latency", path="/newsletter2go/attributes", method="POST", latency_ms=3000)
    )
    seen = kill_after(cli(home, "peiq"), "Address book")
    server.sandbox.faults.clear()
    books, _attributes = n2g_counts(server)
    assert 1 <= sum(books[n] for n in NEWSLETTERS) < 3, seen
    apply_again_settles(cli(home, "peiq"))
    books, attributes = n2g_counts(server)
    assert all(books[n] == 1 for n in NEWSLETTERS), books
    assert all(attributes[(n, "title")] == 1 for n in NEWSLETTERS), attributes


def test_killed_maileon_apply_then_again_leaves_every_field_once(
    server: SandboxServer, file_keyring: Path
) -> None:
    home = file_keyring
    add_maileon(Services.real(config_dir(str(home)), "en"), server)
    # The second field's create hangs: the kill lands after the first field was created.
    server.sandbox.faults.add(
        FaultRule(
            kind="latency",
            path="/maileon/1.0/contacts/fields/custom/cmx_einkauf",
            method="POST",
            latency_ms=3000,
        )
    )
    seen = kill_after(cli(home, "cmx"), "Custom field 'NAMENSPRAEFIX'")
    server.sandbox.faults.clear()
    names = maileon_fields(server)
    assert 1 <= sum(names.count(f) for f in FIELDS) < 3, (names, seen)
    apply_again_settles(cli(home, "cmx"))
    names = maileon_fields(server)
    assert all(names.count(field) == 1 for field in FIELDS), names


def test_cli_exit_codes_plan_apply_and_json(
    server: SandboxServer,
    memory_keyring: dict[tuple[str, str], str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_n2g(Services.real(config_dir(), "en"), server)
    assert main(["--lang", "en", "bootstrap", "peiq"]) == 1
    out = capsys.readouterr().out
    assert "would create  Address book 'Lokales'" in out
    # The closing sentence names the labels the rows carry.
    assert "Apply to settle the lines marked 'would create'; nothing else" in out
    assert not any(n2g_counts(server)[0][n] for n in NEWSLETTERS)
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    assert main(["--lang", "en", "bootstrap", "peiq", "--apply"]) == 2
    assert "pass --yes" in capsys.readouterr().err
    assert not any(n2g_counts(server)[0][n] for n in NEWSLETTERS)
    # Declining on a terminal is a choice: nothing changed, changes remain to apply (exit 1).
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    assert main(["--lang", "en", "bootstrap", "peiq", "--apply"]) == 1
    captured = capsys.readouterr()
    assert "Not applied: nothing was changed." in captured.out
    assert captured.err == ""
    assert not any(n2g_counts(server)[0][n] for n in NEWSLETTERS)
    assert main(["--lang", "en", "bootstrap", "peiq", "--apply", "--yes", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [i["action"] for i in document["plan"]["items"]][:2] == ["exists", "create"]
    assert document["result"]["ok"] is True
    assert {f["status"] for f in document["result"]["findings"]} == {"pass"}
    # The check ran again and was kept: its rows, status and the protocol see the new books.
    rechecked = {f["id"]: f["status"] for f in document["check"]["findings"]}
    assert {rechecked[f"book.{n}"] for n in NEWSLETTERS} == {"pass"}
    kept = Services.real(config_dir(), "en").profiles.get("peiq").last_check
    assert kept is not None
    assert {kept.statuses[f"book.{n}"] for n in NEWSLETTERS} == {"pass"}
    assert main(["--lang", "en", "bootstrap", "peiq", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["plan"]["settled"] is True
    assert main(["--lang", "en", "bootstrap", "nobody"]) == 2


def test_cli_without_secrets_is_a_config_error(
    server: SandboxServer,
    memory_keyring: dict[tuple[str, str], str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    add_n2g(Services.real(config_dir(), "en"), server)
    memory_keyring.clear()
    assert main(["--lang", "en", "bootstrap", "peiq"]) == 2
    assert "not stored: auth_key, username, password" in capsys.readouterr().err

"""Cleanup deletes exactly the ledger's test contacts, for real, and keeps what failed."""

from __future__ import annotations

import io
import json
from pathlib import Path
from urllib.parse import quote, urlsplit

import httpx
import pytest

from nlconsole.cli import main
from nlconsole.core.journeys.store import RunStore
from nlconsole.sandbox.seeds import maileon_key, n2g_account
from nlconsole.sandbox.server import SandboxServer
from nlconsole.sandbox.vendors.portal_accounts import NEWSLETTERS
from tests.support.sandbox import maileon_auth, n2g_bearer


def contact_exists(sandbox: SandboxServer, address: str) -> bool:
    url = sandbox.sandbox.base_urls()["maileon"]
    response = httpx.get(
        f"{url}/contacts/email/{address.replace('+', '%2B')}",
        headers=maileon_auth(maileon_key("all_rights")),
    )
    return response.status_code == 200


def test_cleanup_deletes_only_the_ledger_and_retries_what_failed(
    sandbox: SandboxServer,
    memory_keyring: dict[tuple[str, str], str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = sandbox.sandbox.base_urls()["maileon"]
    add = ["profiles", "add", "m", "--provider", "maileon", "--environment", "sandbox"]
    assert main([*add, "--base-url", url]) == 0
    for field, scenario in (("api_key", "create_update"), ("test_api_key", "read_delete")):
        monkeypatch.setattr("sys.stdin", io.StringIO(maileon_key(scenario)))
        assert main(["secrets", "set", "m", field]) == 0
    assert main(["bootstrap", "m", "--apply", "--yes"]) == 0
    addresses = []
    for journey in ("M1", "M4"):
        capsys.readouterr()
        main(["journeys", "run", "m", journey, "--simulate", "--auto-confirm", "--json"])
        addresses.append(json.loads(capsys.readouterr().out)["address"])
    outsider = "tester+nlc-m1-zzzz@sandbox.test"  # looks like a test address, not in the ledger
    httpx.post(
        f"{url}/contacts/email/{outsider.replace('+', '%2B')}",
        headers=maileon_auth(maileon_key("all_rights")),
        content=b"",
    ).raise_for_status()

    assert main(["cleanup", "m", "--dry-run", "--json"]) == 0
    planned = json.loads(capsys.readouterr().out)
    assert sorted(i["address"] for i in planned["items"]) == sorted(addresses)
    assert all(i["outcome"] == "planned" for i in planned["items"])
    assert all(contact_exists(sandbox, a) for a in addresses)

    assert main(["cleanup", "m"]) == 2  # no terminal, no --yes: nothing deleted
    assert all(contact_exists(sandbox, a) for a in addresses)

    fault = {"kind": "error", "status": 503, "count": 3, "method": "DELETE"}
    fault["path"] = "/maileon/1.0/contacts/email/" + quote(addresses[0], safe="")
    httpx.post(f"{sandbox.url}/_sandbox/faults", json=fault).raise_for_status()
    capsys.readouterr()
    assert main(["cleanup", "m", "--yes", "--json"]) == 1
    outcomes = {i["address"]: i for i in json.loads(capsys.readouterr().out)["items"]}
    assert outcomes[addresses[0]]["outcome"] == "failed"
    assert "503" in outcomes[addresses[0]]["reason"]
    assert outcomes[addresses[1]]["outcome"] == "deleted"
    assert contact_exists(sandbox, addresses[0])
    assert not contact_exists(sandbox, addresses[1])
    # the reason is kept translatable: the protocol says it in its own language
    reasons = {}
    for language in ("de", "en"):
        capsys.readouterr()
        assert main(["protocol", "m", "--format", "json", "--lang", language]) == 0
        (row,) = json.loads(capsys.readouterr().out)["cleanup"]["open"]
        reasons[language] = row["last_error"]
    assert reasons["de"].startswith("Maileon meldet Fehler 503 beim "), reasons
    assert reasons["en"].startswith("Maileon failed with 503 on "), reasons

    assert main(["cleanup", "m", "--yes", "--json"]) == 0
    again = json.loads(capsys.readouterr().out)["items"]
    assert [(i["address"], i["outcome"]) for i in again] == [(addresses[0], "deleted")]
    assert not contact_exists(sandbox, addresses[0])
    assert contact_exists(sandbox, outsider), "cleanup never touches addresses outside the ledger"
    assert main(["cleanup", "m"]) == 0
    assert "No test contacts to clean up." in capsys.readouterr().out


def n2g_raw(sandbox: SandboxServer) -> httpx.Client:
    """Newsletter2Go's API as the working account, past nlconsole (the raw answer)."""
    seed = n2g_account("working")
    base = sandbox.sandbox.base_urls()["newsletter2go"]
    client = httpx.Client(base_url=base, timeout=10)
    client.headers.update(n2g_bearer(client, base, seed.auth_key, seed.username, seed.password))
    return client


def books_holding(raw: httpx.Client, address: str) -> set[str]:
    """The ids of every address book of the account that has a recipient with this address."""
    holding = set()
    for book in raw.get("/lists").raise_for_status().json()["value"]:
        answer = raw.get(f"/lists/{book['id']}/recipients", params={"_expand": "true"})
        emails = {r["email"].lower() for r in answer.raise_for_status().json()["value"]}
        if address.lower() in emails:
            holding.add(book["id"])
    return holding


def test_newsletter2go_cleanup_deletes_only_the_ledger_and_retries_what_failed(
    sandbox: SandboxServer,
    memory_keyring: dict[tuple[str, str], str],
    isolated_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = sandbox.sandbox.base_urls()["newsletter2go"]
    add = ["profiles", "add", "n", "--provider", "newsletter2go", "--environment", "sandbox"]
    for name in NEWSLETTERS:
        add += ["--newsletter", name]
    assert main([*add, "--base-url", url]) == 0
    seed = n2g_account("working")
    for field in ("auth_key", "username", "password"):
        monkeypatch.setattr("sys.stdin", io.StringIO(getattr(seed, field)))
        assert main(["secrets", "set", "n", field]) == 0
    assert main(["bootstrap", "n", "--apply", "--yes"]) == 0
    runs = {}
    for journey in ("P1", "P5"):  # P1: the first book; P5: every book
        capsys.readouterr()
        main(["journeys", "run", "n", journey, "--simulate", "--auto-confirm", "--json"])
        result = json.loads(capsys.readouterr().out)
        assert result["verdict"] == "pass", result
        runs[journey] = result["address"]
    raw = n2g_raw(sandbox)
    capsys.readouterr()
    assert main(["profiles", "show", "n", "--json"]) == 0
    book_of = json.loads(capsys.readouterr().out)["newsletter2go"]["list_ids"]
    list_ids = [book_of[name] for name in NEWSLETTERS]
    first, second = list_ids[:2]
    assert books_holding(raw, runs["P1"]) == {first}
    assert books_holding(raw, runs["P5"]) == set(list_ids)
    outsider = "tester+nlc-p1-zzzz@sandbox.test"  # looks like a test address, not in the ledger
    raw.post("/recipients", json={"list_id": first, "email": outsider}).raise_for_status()
    assert books_holding(raw, outsider) == {first}

    assert main(["cleanup", "n", "--dry-run", "--json"]) == 0
    planned = json.loads(capsys.readouterr().out)["items"]
    assert sorted(i["address"] for i in planned) == sorted(runs.values())
    # where each may exist: every book of the profile (P1's recipient is only in the first)
    assert all(sorted(i["places"]) == sorted(list_ids) for i in planned)
    assert all(i["outcome"] == "planned" for i in planned)
    assert books_holding(raw, runs["P1"]) == {first}, "a dry run deletes nothing"

    # every DELETE of a recipient in the second book answers 503 (with the client's retries)
    path = urlsplit(url).path + f"/lists/{second}/recipients/"
    fault = {"kind": "error", "status": 503, "count": 3, "method": "DELETE", "path": path}
    httpx.post(f"{sandbox.url}/_sandbox/faults", json=fault).raise_for_status()
    capsys.readouterr()
    assert main(["cleanup", "n", "--yes", "--json"]) == 1
    outcomes = {i["address"]: i for i in json.loads(capsys.readouterr().out)["items"]}
    assert outcomes[runs["P1"]]["outcome"] == "deleted"
    assert outcomes[runs["P5"]]["outcome"] == "failed"
    assert "503" in outcomes[runs["P5"]]["reason"]
    assert books_holding(raw, runs["P1"]) == set()
    assert second in books_holding(raw, runs["P5"])
    ledger = RunStore(isolated_home, "n").ledger()
    still_open = {e.address: e for e in ledger if e.cleaned_at is None}
    assert list(still_open) == [runs["P5"]], "what failed stays in the ledger for the next try"
    assert "503" in str(still_open[runs["P5"]].last_error)

    assert main(["cleanup", "n", "--yes", "--json"]) == 0
    again = json.loads(capsys.readouterr().out)["items"]
    assert [(i["address"], i["outcome"]) for i in again] == [(runs["P5"], "deleted")]
    assert books_holding(raw, runs["P5"]) == set()
    assert books_holding(raw, outsider) == {first}, "cleanup never touches what is not its own"
    assert main(["cleanup", "n"]) == 0
    assert "No test contacts to clean up." in capsys.readouterr().out

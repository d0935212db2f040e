"""Cleanup deletes exactly the ledger's test contacts, for real, and keeps what failed."""

from __future__ import annotations

import io
import json
from urllib.parse import quote

import httpx
import pytest

from nlconsole.cli import main
from nlconsole.sandbox.seeds import maileon_key
from nlconsole.sandbox.server import SandboxServer
from tests.support.sandbox import maileon_auth


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

    assert main(["cleanup", "m", "--yes", "--json"]) == 0
    again = json.loads(capsys.readouterr().out)["items"]
    assert [(i["address"], i["outcome"]) for i in again] == [(addresses[0], "deleted")]
    assert not contact_exists(sandbox, addresses[0])
    assert contact_exists(sandbox, outsider), "cleanup never touches addresses outside the ledger"
    assert main(["cleanup", "m"]) == 0
    assert "No test contacts to clean up." in capsys.readouterr().out

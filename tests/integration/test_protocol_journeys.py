"""The protocol of real journey runs against the sandbox: what the runner stored is what the
protocol shows, and the keys the runs used appear in no format."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from nlconsole.cli import main
from nlconsole.core.protocol import FORMATS, protocol_bytes
from nlconsole.core.services import Services
from nlconsole.i18n import Translator
from nlconsole.sandbox.seeds import maileon_key
from nlconsole.sandbox.server import SandboxServer
from tests.integration.test_journeys import maileon_profile, run
from tests.ui.conftest import FIXED_NOW
from tests.unit.test_protocol import as_text


async def test_real_runs_end_up_in_every_format_without_a_key(
    sandbox: SandboxServer, services: Services, tmp_path: Path
) -> None:
    profile = maileon_profile(services, sandbox)
    passed = await run(services, profile, "M1", auto_confirm=True)
    services.secrets.delete("acme", "test_api_key")
    blocked = await run(services, profile, "M4")
    assert (passed.verdict.value, blocked.verdict.value) == ("pass", "blocked")

    outputs = {
        fmt: protocol_bytes(
            services.profiles.get("acme"),
            services.config_dir,
            fmt,
            translate=Translator.for_language("en"),
            exported_at=FIXED_NOW,
            tester="QA",
        )
        for fmt in FORMATS
    }
    document = json.loads(outputs["json"])
    journeys = {j["id"]: j for j in document["journeys"]}
    assert journeys["M1"]["run"]["id"] == passed.id
    assert journeys["M1"]["run"]["verdict"] == "pass"
    assert journeys["M4"]["run"]["fix"]
    assert [p["subject"] for p in document["open_points"]] == ["M4"]
    # a blocked run stops before anything could create its address: only M1's is in the ledger
    assert [e["address"] for e in document["cleanup"]["open"]] == [passed.address]

    keys = [maileon_key("create_update"), maileon_key("read_delete")]
    for fmt, data in outputs.items():
        text = as_text(data, fmt, tmp_path)
        assert document["sha256"] in text, fmt
        assert passed.address in text, fmt
        for key in keys:
            assert key not in text, fmt
            assert key.encode() not in data, fmt


def set_up_rows(capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The set-up section of `nlconsole protocol m --format md --lang de`."""
    capsys.readouterr()
    assert main(["protocol", "m", "--format", "md", "--lang", "de"]) == 0
    text = capsys.readouterr().out
    section = text.split("## Ergebnis der Einrichtung", 1)[1].split("\n## ", 1)[0]
    return [line for line in section.splitlines() if line.strip()]


def test_the_maileon_bootstrap_result_is_in_the_protocol(
    sandbox: SandboxServer,
    memory_keyring: dict[tuple[str, str], str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The mapping's custom fields, whether the last check found each, and the DOI mailing:
    missing before `bootstrap --apply`, found by the check after it."""
    url = sandbox.sandbox.base_urls()["maileon"]
    add = ["profiles", "add", "m", "--provider", "maileon", "--environment", "sandbox"]
    assert main([*add, "--base-url", url]) == 0
    for field, scenario in (("api_key", "create_update"), ("test_api_key", "read_delete")):
        monkeypatch.setattr("sys.stdin", io.StringIO(maileon_key(scenario)))
        assert main(["secrets", "set", "m", field]) == 0
    assert set_up_rows(capsys) == [
        "| Benutzerdefiniertes Feld | Typ | Letzte Prüfung |",
        "|---|---|---|",
        "| EINZELNUTZERTRACKING | boolean | noch nicht geprüft |",
        "| NAMENSPRAEFIX | string | noch nicht geprüft |",
        "| cmx_einkauf | integer | noch nicht geprüft |",
        "- DOI-Mailing: noch nicht geprüft",
    ]
    main(["check", "m"])
    assert "| NAMENSPRAEFIX | string | fehlt |" in set_up_rows(capsys)

    assert main(["bootstrap", "m", "--apply", "--yes"]) == 0
    main(["check", "m"])
    assert set_up_rows(capsys)[2:] == [
        "| EINZELNUTZERTRACKING | boolean | ✔ gefunden |",
        "| NAMENSPRAEFIX | string | ✔ gefunden |",
        "| cmx_einkauf | integer | ✔ gefunden |",
        "- DOI-Mailing: vorhanden",
    ]
    capsys.readouterr()
    assert main(["protocol", "m", "--format", "json"]) == 0
    bootstrap = json.loads(capsys.readouterr().out)["bootstrap"]
    assert bootstrap["custom_fields"][1] == {
        "name": "NAMENSPRAEFIX",
        "type": "string",
        "status": "pass",
        "status_label": "gefunden",  # German unless --lang en
    }
    assert bootstrap["doi_mailing"]["status"] == "pass"

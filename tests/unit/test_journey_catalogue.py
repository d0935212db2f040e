"""The journey catalogue of a profile: every journey, whether it applies, its last verdict."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlconsole.cli import main
from nlconsole.core.journeys.catalogue import catalogue
from nlconsole.core.journeys.store import RunStore
from nlconsole.core.models import Profile


def maileon(tracking: bool) -> Profile:
    return Profile.model_validate(
        {"name": "acme", "provider": "maileon", "maileon": {"single_user_tracking": tracking}}
    )


def n2g(*newsletters: str) -> Profile:
    return Profile.model_validate(
        {
            "name": "verlag",
            "provider": "newsletter2go",
            "newsletter2go": {"newsletters": list(newsletters)},
        }
    )


def test_each_provider_has_its_journeys_in_order(tmp_path: Path) -> None:
    assert [e.spec.id for e in catalogue(maileon(True), tmp_path)] == [
        f"M{i}" for i in range(1, 10)
    ]
    assert [e.spec.id for e in catalogue(n2g("A"), tmp_path)] == [f"P{i}" for i in range(1, 15)]


def test_applicability_follows_the_profile(tmp_path: Path) -> None:
    def applies(profile: Profile) -> dict[str, bool]:
        return {e.spec.id: e.not_applicable is None for e in catalogue(profile, tmp_path)}

    assert applies(maileon(True))["M2"] is True
    assert applies(maileon(False))["M2"] is False
    assert applies(n2g("Lokales"))["P5"] is False
    assert applies(n2g("Lokales", "Sport"))["P5"] is True
    assert applies(n2g("Lokales"))["P1"] is True


def test_last_verdict_is_the_newest_run(tmp_path: Path) -> None:
    store = RunStore(tmp_path, "acme")
    store.save_run("20261121-m1-aaaa", {"journey": "M1", "verdict": "fail"})
    store.save_run("20261122-m1-bbbb", {"journey": "M1", "verdict": "pass"})
    entries = {e.spec.id: e for e in catalogue(maileon(True), tmp_path)}
    assert entries["M1"].last_verdict == "pass"
    assert entries["M3"].last_verdict is None


def test_journeys_list_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["profiles", "add", "verlag", "--provider", "newsletter2go"]) == 0
    capsys.readouterr()
    assert main(["journeys", "list", "verlag", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    by_id = {j["id"]: j for j in document["journeys"]}
    assert by_id["P5"]["applies"] is False
    assert "fewer than two newsletters" in by_id["P5"]["not_applicable"]
    assert by_id["P7"]["simulated"] is False
    assert main(["--lang", "de", "journeys", "list", "verlag"]) == 0
    assert "P14" in capsys.readouterr().out
    assert main(["journeys", "list", "nobody"]) == 2

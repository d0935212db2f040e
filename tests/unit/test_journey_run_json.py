"""A run's JSON reads back into the same run (what resuming relies on), and a run file that
is not a run, or whose steps no longer match the journey, is refused with a clear message."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pydantic import SecretStr

from nlconsole.core.journeys.expect import Expectation, Observed, Verdict
from nlconsole.core.journeys.resume import prepare_resume, read_runs
from nlconsole.core.journeys.run import JourneyRun, StepRecord
from nlconsole.core.journeys.store import RunStore
from nlconsole.core.models import Profile
from nlconsole.core.services import Services
from nlconsole.errors import ConfigError, UsageError
from nlconsole.i18n import _

STARTED = datetime(2026, 11, 22, 10, 30, tzinfo=UTC)


def a_run(verdict: Verdict = Verdict.PENDING, first_title: str | None = None) -> JourneyRun:
    first = StepRecord(
        first_title or _("The purchase with the newsletter box"),
        "act",
        Verdict.PASS,
        STARTED,
        STARTED,
        detail=_("simulated: nlconsole made the integration's call"),
    )
    observed = StepRecord(
        _("The contact waits for the DOI confirmation (permission 1)"),
        "observe",
        Verdict.PASS,
        STARTED,
        STARTED,
        observed=[
            Observed(Expectation("LASTNAME", _("Name (LASTNAME)"), "von Müller"), "von Müller",
                     Verdict.PASS),
            Observed(Expectation("TITLE", "Titel", None), None, Verdict.PASS),
        ],
    )  # fmt: skip
    return JourneyRun(
        id="20261122103000-m1-7k3q",
        profile="acme",
        provider="maileon",
        journey="M1",
        title=_("Purchase with the newsletter box, no tracking consent"),
        mode="simulate",
        address="tester+nlc-m1-7k3q@sandbox.test",
        started_at=STARTED,
        verdict=verdict,
        steps=[first, observed],
        person={"Vorname": "Jürgen"},
        facts={"contact_id": "42"},
    )


def test_a_run_reads_back_from_its_json() -> None:
    run = a_run()
    document = json.loads(json.dumps(run.as_json()))
    again = JourneyRun.from_json(document)
    assert again.as_json() == run.as_json()
    assert again.interrupted
    assert not JourneyRun.from_json(a_run(Verdict.PASS).as_json()).interrupted


@pytest.fixture
def services(tmp_path: Path) -> Services:
    built = Services.in_memory(tmp_path / "config")
    built.profiles.add(
        Profile.model_validate(
            {"name": "acme", "provider": "maileon", "environment": "sandbox",
             "base_url": "http://127.0.0.1:9/maileon"}
        )
    )  # fmt: skip
    built.secrets.set("acme", "test_api_key", SecretStr("k" * 36))
    built.secrets.set("acme", "api_key", SecretStr("k" * 36))
    return built


def test_resume_refuses_a_run_whose_steps_changed(services: Services) -> None:
    store = RunStore(services.config_dir, "acme")
    run = a_run(first_title="An older first step")
    store.save_run(run.id, run.as_json())
    with pytest.raises(UsageError) as raised:
        prepare_resume(services.profiles.get("acme"), run.id, services)
    assert "changed since run" in str(raised.value)
    assert "nlconsole journeys run acme M1" in str(raised.value)


def test_resume_of_a_damaged_run_file_says_so_and_keeps_it(services: Services) -> None:
    store = RunStore(services.config_dir, "acme")
    document = a_run().as_json()
    del document["steps"][0]["verdict"]
    path = store.save_run("20261122103000-m1-7k3q", document)
    before = path.read_bytes()
    with pytest.raises(ConfigError) as raised:
        prepare_resume(services.profiles.get("acme"), "20261122103000-m1-7k3q", services)
    assert "cannot be read" in str(raised.value)
    assert path.read_bytes() == before
    assert read_runs(store) == ([], ["20261122103000-m1-7k3q"])


def test_runs_read_oldest_first_and_only_pending_ones_are_interrupted(services: Services) -> None:
    store = RunStore(services.config_dir, "acme")
    pending = a_run()
    finished = a_run(Verdict.PASS)
    finished.id = "20261122103001-m1-aaaa"
    finished.started_at = STARTED.replace(minute=31)
    for run in (finished, pending):
        store.save_run(run.id, run.as_json())
    runs, unreadable = read_runs(store)
    assert [r.id for r in runs] == [pending.id, finished.id]
    assert unreadable == []
    assert [r.id for r in runs if r.interrupted] == [pending.id]

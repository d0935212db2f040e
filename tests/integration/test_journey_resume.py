"""An interrupted journey run goes on where it stopped: the same run, test address and
evidence, no second test contact; a finished run is repeated, not resumed."""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from nlconsole.cli import main
from nlconsole.core.journeys.run import StepRecord
from nlconsole.core.journeys.runner import RunOptions, run_journey
from nlconsole.core.journeys.start import prepare_run
from nlconsole.core.journeys.store import RunStore
from nlconsole.core.services import Services
from nlconsole.i18n import Text
from nlconsole.sandbox.seeds import maileon_key
from nlconsole.sandbox.server import SandboxServer


class LeavesAtTheDoiClick:
    """A tester who closes the run while it waits for the DOI click (Esc, ctrl+c)."""

    interactive = True

    def show(self, title: Text, instructions: Sequence[Text], values: Mapping[str, str]) -> None:
        """The instructions are shown; the tester leaves."""

    async def wait(self) -> None:
        raise asyncio.CancelledError

    async def ask(self, question: Text) -> tuple[str, str | None]:
        raise AssertionError("no question before the DOI click")

    def step_done(self, step: StepRecord) -> None:
        """No live output."""


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_an_interrupted_run_resumes_and_a_finished_one_is_repeated(
    sandbox: SandboxServer,
    memory_keyring: dict[tuple[str, str], str],
    isolated_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = sandbox.sandbox.base_urls()["maileon"]
    assert cli(capsys, "profiles", "add", "m", "--provider", "maileon", "--base-url", url,
               "--environment", "sandbox")[0] == 0  # fmt: skip
    for field, key in (("api_key", "create_update"), ("test_api_key", "read_delete")):
        monkeypatch.setattr("sys.stdin", io.StringIO(maileon_key(key)))
        assert cli(capsys, "secrets", "set", "m", field)[0] == 0
    assert cli(capsys, "bootstrap", "m", "--apply", "--yes")[0] == 0

    services = Services.real(isolated_home)
    prepared = prepare_run(services.profiles.get("m"), "M1", services, simulate=True)
    with pytest.raises(asyncio.CancelledError):
        asyncio.run(
            run_journey(prepared, LeavesAtTheDoiClick(), RunOptions(simulate=True, timeout=10))
        )
    run_id, address = prepared.run.id, prepared.run.address
    stored = RunStore(isolated_home, "m").load_run(run_id)
    assert stored["verdict"] == "pending"
    verdicts = [s["verdict"] for s in stored["steps"]]
    assert verdicts == ["pass", "pass", "pass"], "fields there, bought, then seen at 1"

    code, out, _ = cli(capsys, "journeys", "runs", "m")
    assert code == 0
    assert run_id in out
    assert "interrupted" in out
    assert f"nlconsole journeys resume m {run_id}" in out

    code, out, err = cli(capsys, "journeys", "resume", "m", run_id, "--auto-confirm", "--json")
    assert code == 0, err
    document = json.loads(out)
    assert (document["id"], document["address"], document["verdict"]) == (run_id, address, "pass")
    assert len(document["steps"]) == 5, "the three judged steps kept, the DOI click, the check"
    permission = {e["field"]: e["observed"] for e in document["steps"][-1]["expectations"]}
    assert permission["permission"] == "4"
    assert [e.address for e in RunStore(isolated_home, "m").ledger()] == [address]

    code, _, err = cli(capsys, "journeys", "resume", "m", run_id)
    assert code == 2
    assert "is finished (verdict pass)" in err
    assert "nlconsole journeys run m M1" in err

    code, _, err = cli(capsys, "journeys", "resume", "m", "20261122-m1-zzzz")
    assert code == 2
    assert "there is no run '20261122-m1-zzzz'" in err

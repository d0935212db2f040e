"""Going on with an interrupted run: the same run, test address, person and facts, from the
first step that has no verdict yet.

A run is interrupted when it stopped before its verdict: the tester pressed Esc or closed the
terminal while waiting for a DOI click, the machine went down. Its file under runs/ has every
finished step. Resuming makes no second test contact (the address is the run's own, already in
the ledger) and keeps the evidence of the steps already judged. A finished run is not resumed:
it is repeated, as a new run with a new address.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nlconsole.core.journeys.run import JourneyRun
from nlconsole.core.journeys.script import Ask, JourneyContext, Script
from nlconsole.core.journeys.start import PreparedRun
from nlconsole.core.journeys.store import RunStore
from nlconsole.core.kit import kit_for
from nlconsole.core.models import Profile
from nlconsole.errors import ConfigError, UsageError
from nlconsole.i18n import _

if TYPE_CHECKING:
    from nlconsole.core.services import Services


def read_runs(store: RunStore) -> tuple[list[JourneyRun], list[str]]:
    """A profile's runs, oldest first, and the ids of run files that cannot be read as a run
    (left out, and named, never a traceback)."""
    runs: list[JourneyRun] = []
    unreadable: list[str] = []
    for document in store.runs():
        try:
            runs.append(JourneyRun.from_json(document))
        except (KeyError, ValueError, TypeError):
            unreadable.append(str(document.get("id", "?")))
    return sorted(runs, key=lambda r: r.started_at), unreadable


def prepare_resume(profile: Profile, run_id: str, services: Services) -> PreparedRun:
    """The interrupted run `run_id`, ready to go on (blocking: reads the keyring)."""
    store = RunStore(services.config_dir, profile.name)
    document = store.load_run(run_id)
    try:
        run = JourneyRun.from_json(document)
    except (KeyError, ValueError, TypeError) as error:
        raise ConfigError(
            _("the run file of '{run}' cannot be read: {problem}", run=run_id, problem=str(error))
        ) from None
    again = _(
        "Repeat the journey as a new run: {command}",
        command=f"nlconsole journeys run {profile.name} {run.journey}",
    )
    if not run.interrupted:
        raise UsageError(
            _(
                "run '{run}' is finished (verdict {verdict}); only an interrupted run resumes",
                run=run_id,
                verdict=run.verdict.value,
            ),
            again,
        )
    kit = kit_for(profile)
    specs = {spec.id: spec for spec in kit.journeys()}
    spec = specs.get(run.journey)
    if spec is None or run.provider != kit.kind.value:
        raise UsageError(_("run '{run}' is not a journey of this profile's provider", run=run_id))
    secrets = {f.name: services.secrets.get(profile.name, f.name) for f in kit.secret_fields}
    person = run.person or kit.journey_person()
    context = JourneyContext(
        profile, secrets, run.address, person, services.http, services.clock, dict(run.facts)
    )
    script = kit.journey_script(spec.id, context, run.mode == "simulate")
    if script is None:
        raise UsageError(
            _("{journey} cannot be run by nlconsole yet; walk it by hand", journey=spec.id)
        )
    if isinstance(script, Script) and not _same_steps(run, script):
        raise UsageError(
            _(
                "the steps of {journey} changed since run '{run}' began",
                journey=spec.id,
                run=run_id,
            ),
            again,
        )
    return PreparedRun(spec, script, context, run, store)


def _same_steps(run: JourneyRun, script: Script) -> bool:
    """The run's finished steps are the script's first steps (same titles, same order)."""
    if len(run.steps) > len(script.steps):
        return False
    return all(
        str(record.title) == str(step.question if isinstance(step, Ask) else step.title)
        for record, step in zip(run.steps, script.steps, strict=False)
    )

"""Run a journey: record the test address, act, observe until the expectations hold or time
runs out, ask what only a person can judge, and come to a verdict.

The run is written to runs/ after every step, so an interrupted run keeps its evidence, and the
test address goes into the ledger before the first act that could create it. Observation polls
with backoff; a provider error while observing is retried until the step's time is up, and a
failed step shows what was last seen.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from nlconsole.core.journeys.expect import Verdict, overall
from nlconsole.core.journeys.run import JourneyRun, StepRecord
from nlconsole.core.journeys.script import Act, Ask, Blocked, JourneyContext, Observe
from nlconsole.core.journeys.start import PreparedRun
from nlconsole.core.journeys.store import LedgerEntry, RunStore
from nlconsole.core.models import Environment
from nlconsole.errors import UsageError
from nlconsole.i18n import Text, _
from nlconsole.providers.base import ProviderError
from nlconsole.providers.mailbox import confirm_newest_doi, sandbox_root

FIRST_POLL, MAX_POLL = 0.2, 2.0


class Person(Protocol):
    """The person at the console or terminal during a run (or nobody: unattended)."""

    interactive: bool

    def show(self, title: Text, instructions: Sequence[Text], values: Mapping[str, str]) -> None:
        """Tell the person what to do now, with the values to use."""
        ...

    async def wait(self) -> None:
        """Return when the person says the act is done (at once when not interactive)."""
        ...

    async def ask(self, question: Text) -> tuple[str, str | None]:
        """'yes' / 'no' (and a note), or 'not asked' when nobody is there."""
        ...

    def step_done(self, step: StepRecord) -> None:
        """A step has its verdict (for live output)."""
        ...


@dataclass(frozen=True)
class RunOptions:
    """How to run: act by simulation or by a person, step timeout, auto-confirm (sandbox)."""

    simulate: bool
    timeout: float = 60.0
    auto_confirm: bool = False


def check_auto_confirm(context: JourneyContext, options: RunOptions) -> None:
    """--auto-confirm is for the sandbox only: a real DOI click is always a person's act."""
    sandbox = context.profile.environment is Environment.SANDBOX
    if options.auto_confirm and (not sandbox or sandbox_root(context.profile.base_url) is None):
        raise UsageError(
            _("--auto-confirm works only against the sandbox"),
            _(
                "Against a real provider the DOI click is a person's act: run without "
                "--auto-confirm and click the link in the test mailbox."
            ),
        )


async def run_journey(prepared: PreparedRun, person: Person, options: RunOptions) -> JourneyRun:
    """Walk the journey's steps and return the finished run (also written to the store)."""
    spec, script, context = prepared.spec, prepared.script, prepared.context
    run, store = prepared.run, prepared.store
    check_auto_confirm(context, options)
    if not run.steps:
        run.started_at = context.clock.now()
    if isinstance(script, Blocked):
        run.verdict, run.fix = Verdict.BLOCKED, script.fix
        run.steps.append(StepRecord(script.reason, "act", Verdict.BLOCKED, detail=script.fix))
        return _finish(run, store, context)
    done = len(run.steps)  # a resumed run goes on after its judged steps
    if done == 0:  # a resumed run's addresses are in the ledger already
        more = script.more_addresses(context) if script.more_addresses else []
        for address in (context.address, *more):
            store.record(
                LedgerEntry(address, spec.id, run.id, context.clock.now(), script.places(context))
            )
    store.save_run(run.id, run.as_json())
    for step in script.steps[done:]:
        record = await _do(step, context, person, options)
        run.steps.append(record)
        run.facts = dict(context.facts)
        person.step_done(record)
        store.save_run(run.id, run.as_json())
        if record.verdict in (Verdict.FAIL, Verdict.BLOCKED):
            if record.verdict is Verdict.BLOCKED:
                run.fix = record.detail
            break
    run.verdict = overall([s.verdict for s in run.steps])
    return _finish(run, store, context)


def _finish(run: JourneyRun, store: RunStore, context: JourneyContext) -> JourneyRun:
    run.ended_at = context.clock.now()
    store.save_run(run.id, run.as_json())
    return run


async def _do(
    step: Act | Observe | Ask, context: JourneyContext, person: Person, options: RunOptions
) -> StepRecord:
    started = context.clock.now()
    if isinstance(step, Observe):
        record = await _observe(step, context, options.timeout)
    elif isinstance(step, Ask):
        answer, note = await person.ask(step.question)
        verdict = {"yes": Verdict.PASS, "no": Verdict.FAIL}.get(answer, Verdict.SKIPPED)
        record = StepRecord(step.question, "ask", verdict, answer=answer, note=note)
    else:
        record = await _act(step, context, person, options)
    record.started_at, record.ended_at = started, context.clock.now()
    return record


async def _act(
    step: Act, context: JourneyContext, person: Person, options: RunOptions
) -> StepRecord:
    record = StepRecord(step.title, "act", Verdict.PASS)
    try:
        if step.confirms_doi and options.auto_confirm:
            root = sandbox_root(context.profile.base_url)
            assert root is not None  # check_auto_confirm refused anything else
            await confirm_newest_doi(root, context.address, context.http)
            record.detail = _("confirmed through the sandbox mailbox (--auto-confirm)")
        elif options.simulate and step.simulate is not None:
            await step.simulate(context)
            record.detail = _("simulated: nlconsole made the integration's call")
        else:
            person.show(step.title, step.instructions, context.person)
            await person.wait()
            record.detail = (
                _("done by the tester") if person.interactive else _("announced; not confirmed")
            )
    except ProviderError as exc:
        record.verdict = Verdict.FAIL
        record.detail = (
            _("{problem} — {fix}", problem=exc.message, fix=exc.remediation)
            if exc.remediation
            else exc.message
        )
    return record


async def _observe(step: Observe, context: JourneyContext, seconds: float) -> StepRecord:
    record = StepRecord(step.title, "observe")
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    wait, last_error = FIRST_POLL, None
    seen: Mapping[str, object] | None = None
    while True:
        try:
            seen = await step.read(context)
            last_error = None
            record.observed = [e.judge(seen) for e in step.expect(context)]
            block = step.precondition(context, seen) if step.precondition else None
            if block is not None:
                return _blocked(record, block)
            holds = all(o.verdict is Verdict.PASS for o in record.observed)
            if holds and not step.steady:
                record.verdict = Verdict.PASS
                return record
            if not holds and step.steady:
                break
        except ProviderError as exc:
            last_error = exc
        if loop.time() + wait > deadline:
            if step.steady and last_error is None:
                record.verdict = Verdict.PASS
                record.detail = _("held for {seconds} s of observation", seconds=f"{seconds:g}")
                return record
            break
        await asyncio.sleep(wait)
        wait = min(wait * 1.5, MAX_POLL)
    block = step.blocked(seen) if step.blocked and last_error is None else None
    if block is not None:
        return _blocked(record, block)
    record.verdict = Verdict.FAIL
    explained = step.explain(context, seen) if step.explain and last_error is None else None
    record.detail = (
        _("could not read the provider: {problem}", problem=last_error.message)
        if last_error is not None
        else explained
        or _(
            "not as expected within {seconds} s (the table shows what was seen last)",
            seconds=f"{seconds:g}",
        )
    )
    return record


def _blocked(record: StepRecord, block: Blocked) -> StepRecord:
    record.verdict = Verdict.BLOCKED
    record.detail = _("{problem} — {fix}", problem=block.reason, fix=block.fix)
    return record

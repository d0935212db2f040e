"""Setup checklists: what a step is, and how its state is decided.

A step is done or skipped when the administrator says so. Steps that a connectivity check can
verify (key accepted, rights, expiry, developer mode, ...) name the check's finding constants;
once the last check has an answer for them, that answer decides the step, so a wrong tick can
never hide a real problem. The steps themselves are content of the provider kits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from nlconsole.core.models import Profile, StepState, StepStatus
from nlconsole.core.report import FindingSpec
from nlconsole.i18n import Msg


@dataclass(frozen=True)
class ChecklistStep:
    """One step: what to do, where, and why; optionally the check rows that verify it."""

    id: str
    title: Msg
    what: Msg
    where: Msg
    why: Msg
    verified_by: tuple[FindingSpec, ...] = ()


class StepView(StrEnum):
    """What the console shows for a step."""

    PENDING = "pending"
    DONE = "done"
    SKIPPED = "skipped"
    VERIFIED = "verified"
    FAILED = "failed"


PASSING = frozenset({"pass", "info"})


def view_of(step: ChecklistStep, profile: Profile) -> StepView:
    """The state to show: the last check decides verifiable steps, else the administrator's tick.

    A verifiable step is VERIFIED when every row that verifies it passed, FAILED when any of
    them failed: a tick never turns a failed check into "done". Warnings and unknowns leave the
    decision to the administrator.
    """
    statuses = profile.last_check.statuses if profile.last_check else {}
    results = [statuses[spec.id] for spec in step.verified_by if spec.id in statuses]
    if any(r == "fail" for r in results):
        return StepView.FAILED
    complete = bool(step.verified_by) and len(results) == len(step.verified_by)
    if complete and all(r in PASSING for r in results):
        return StepView.VERIFIED
    state = profile.checklist.get(step.id)
    if state is None or state.status is StepStatus.PENDING:
        return StepView.PENDING
    return StepView.DONE if state.status is StepStatus.DONE else StepView.SKIPPED


def is_decided_by_check(step: ChecklistStep, profile: Profile) -> bool:
    """Whether the last check, not a tick, decides this step now."""
    return view_of(step, profile) in (StepView.VERIFIED, StepView.FAILED)


def mark(
    steps: Sequence[ChecklistStep],
    profile: Profile,
    step_id: str,
    status: StepStatus,
    now: datetime,
    *,
    by: str | None = None,
    note: str | None = None,
) -> Profile:
    """A copy of the profile with one step's state changed (who and when are recorded)."""
    if step_id not in {s.id for s in steps}:
        raise KeyError(step_id)
    checklist = dict(profile.checklist)
    previous = checklist.get(step_id)
    checklist[step_id] = StepState(
        status=status, at=now, by=by, note=note if note is not None else previous and previous.note
    )
    return profile.model_copy(update={"checklist": checklist})


def progress(steps: Sequence[ChecklistStep], profile: Profile) -> tuple[int, int]:
    """(steps done, verified or skipped; all steps)."""
    open_states = (StepView.PENDING, StepView.FAILED)
    finished = sum(1 for s in steps if view_of(s, profile) not in open_states)
    return finished, len(steps)

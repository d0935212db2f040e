"""Bootstrap: create what an interface needs in the provider account, planned first, never twice.

Each provider kit plans (what exists, what it would create or adopt, what conflicts or blocks)
and applies; this module holds what both share: the plan model, the plan as report rows for the
shared result table, the apply loop and the one rule every create follows. A create is never
retried blindly: the item is looked up right before it is created, and when the answer to a
create is lost (a network error after the request went out) it is looked up again to see
whether the create took effect. Bootstrap never deletes, renames or changes what exists.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from nlconsole.core.kit import BootstrapContext, kit_for
from nlconsole.core.report import (
    Finding,
    FindingSpec,
    Observer,
    Report,
    ReportRecorder,
    Status,
    recording,
)
from nlconsole.i18n import Joined, Msg, Text, Translator, _, joined
from nlconsole.providers.base import NetworkError, ProviderError

if TYPE_CHECKING:
    from nlconsole.core.checks import CheckInputs
    from nlconsole.core.models import Profile
    from nlconsole.core.services import Services

DEFAULT_DEADLINE = 180.0
"""Seconds a whole plan or apply may take."""


class Action(StrEnum):
    """What bootstrap does (or cannot do) about one item."""

    EXISTS = "exists"
    CREATE = "create"
    ADOPT = "adopt"
    """It exists under the expected name but is not recorded yet: its id is recorded."""
    CONFLICT = "conflict"
    BLOCKED = "blocked"
    UNOWNED = "unowned"
    """Found in the account, matches nothing the interface needs: reported, left alone."""
    MANUAL = "manual"
    """Needed, but the API cannot create it: the row says how to do it by hand."""


CHANGES = frozenset({Action.CREATE, Action.ADOPT})
OPEN = frozenset({Action.CONFLICT, Action.BLOCKED, Action.MANUAL})
ACTION_LABEL: dict[Action, Msg] = {
    Action.EXISTS: _("in place"),
    Action.CREATE: _("would create"),
    Action.ADOPT: _("would adopt"),
    Action.CONFLICT: _("conflict"),
    Action.BLOCKED: _("blocked"),
    Action.UNOWNED: _("not owned"),
    Action.MANUAL: _("by hand"),
}


@dataclass(frozen=True)
class PlanItem:
    """One thing bootstrap looked at, and what it would do about it."""

    spec: FindingSpec
    action: Action
    detail: Text
    remediation: Text | None = None
    ref: str | None = None
    """The provider's id of what exists (for exists and adopt)."""
    kind: str = ""
    """What sort of thing the item is, for the kit's apply ('book', 'attribute', 'field')."""
    subject: str = ""
    """Its name (an address book's, a field's)."""
    owner: str = ""
    """What it belongs to (an attribute's address book), if anything."""

    def finding(self) -> Finding:
        """The item as a row of the plan; conflicts and blocks are blocking failures."""
        spec = replace(self.spec, blocking=self.action in (Action.CONFLICT, Action.BLOCKED))
        if self.action is Action.EXISTS:
            return spec.passed(self.detail)
        if self.action in CHANGES:
            return spec.info(self.detail)
        if self.action in (Action.UNOWNED, Action.MANUAL):
            return spec.warn(self.detail, self.remediation)
        return spec.failed(self.detail, self.remediation)

    def as_json(self, translate: Translator) -> dict[str, Any]:
        """The item as JSON, texts in the reader's language."""
        return {
            "id": self.spec.id,
            "title": translate(self.spec.title),
            "action": self.action.value,
            "detail": translate(self.detail),
            "remediation": translate(self.remediation) or None,
            "ref": self.ref,
        }


@dataclass
class BootstrapPlan:
    """Everything bootstrap would do for one profile, in the order it would do it."""

    profile: str
    provider: str
    items: list[PlanItem] = field(default_factory=list)

    @property
    def changes(self) -> list[PlanItem]:
        """Items an apply would create or adopt."""
        return [item for item in self.items if item.action in CHANGES]

    @property
    def open(self) -> list[PlanItem]:
        """Conflicts, blocks and manual steps: what an apply cannot settle."""
        return [item for item in self.items if item.action in OPEN]

    @property
    def settled(self) -> bool:
        """Nothing to create or adopt and nothing left open: what exit code 0 means."""
        return not self.changes and not self.open

    def specs(self) -> list[FindingSpec]:
        """The rows of the plan (and of its apply)."""
        return [item.spec for item in self.items]

    def as_json(self, translate: Translator) -> dict[str, Any]:
        """The plan as JSON."""
        return {
            "profile": self.profile,
            "provider": self.provider,
            "settled": self.settled,
            "items": [item.as_json(translate) for item in self.items],
        }


ItemLabel = Callable[[PlanItem], Text]
"""How a plan's row is labelled where it is shown (the CLI's plan: the action; a result
table: the status mark), so the sentence under the rows names the labels really shown."""


def action_label(item: PlanItem) -> Text:
    """The CLI plan's label of a row: 'would create', 'conflict', …"""
    return ACTION_LABEL[item.action]


def status_label(item: PlanItem) -> Text:
    """The CLI result's label of a row: INFO, WARN, FAIL."""
    from nlconsole.core.report_text import MARK

    return MARK[item.finding().status.value]


def _marked(items: list[PlanItem], label: ItemLabel) -> Joined:
    """The labels of the rows, each once, in the order they are shown."""
    labels: list[Text] = []
    for item in items:
        text = label(item)
        if text not in labels:
            labels.append(text)
    return joined(labels, "', '")


def plan_verdict(plan: BootstrapPlan, label: ItemLabel = action_label) -> Msg:
    """The sentence under a plan, the same in the CLI and the console (each naming its labels)."""
    if plan.open:
        return _(
            "Some items need you first: resolve the lines marked '{labels}', then plan again.",
            labels=_marked(plan.open, label),
        )
    if plan.changes:
        return _(
            "Apply to settle the lines marked '{labels}'; nothing else is changed.",
            labels=_marked(plan.changes, label),
        )
    return _("Nothing to do: everything the interface needs is in place.")


def result_verdict(plan: BootstrapPlan, report: Report, label: ItemLabel = status_label) -> Msg:
    """The sentence under an apply's result."""
    if not changes_made(plan, report):
        return _("The apply stopped before the end: run it again, it continues where it stopped.")
    if plan.open:
        return _(
            "Applied; some items still need you: see the lines marked '{labels}'.",
            labels=_marked(plan.open, label),
        )
    return _("Applied: everything the interface needs is in place.")


def changes_made(plan: BootstrapPlan, report: Report) -> bool:
    """Every create and adopt of the plan passed."""
    done = {f.id for f in report.findings if f.status is Status.PASS}
    return all(item.spec.id in done for item in plan.changes)


def applied_completely(plan: BootstrapPlan, report: Report) -> bool:
    """Every change of the plan was made and nothing stays open (exit code 0)."""
    return changes_made(plan, report) and not plan.open


Realise = Callable[[PlanItem], Awaitable[Finding]]


async def apply_items(plan: BootstrapPlan, recorder: ReportRecorder, realise: Realise) -> None:
    """Settle the plan in order: changes through `realise`, the rest as planned. The first
    provider error stops the apply (the rest is marked not run); a rerun continues."""
    for index, item in enumerate(plan.items):
        if item.action not in CHANGES:
            recorder.add(item.finding())
            continue
        try:
            recorder.add(await realise(item))
        except ProviderError as exc:
            recorder.add(item.spec.failed(exc.message, exc.remediation))
            for rest in plan.items[index + 1 :]:
                recorder.add(rest.spec.skipped(_("not run: the apply stopped at an error above")))
            return


async def create_once(
    lookup: Callable[[], Awaitable[str | None]], create: Callable[[], Awaitable[str]]
) -> tuple[str, bool]:
    """Create something exactly once: look it up first, create only when it is not there, and
    when the answer to the create is lost, look again before giving up. Returns the id and
    whether this call created it (False: it was there already)."""
    found = await lookup()
    if found is not None:
        return found, False
    try:
        return await create(), True
    except NetworkError:
        found = await lookup()
        if found is None:
            raise
        return found, True


def bootstrap_context(inputs: CheckInputs, services: Services) -> BootstrapContext:
    """What a kit's planner gets: the profile, secrets, HTTP, and how to record ids in it."""
    profile = inputs.profile

    def remember(change: Callable[[Profile], Profile]) -> None:
        services.profiles.update(profile.name, change)

    return BootstrapContext(
        profile,
        inputs.secrets,
        services.clock.today(),
        services.clock.now(),
        services.http,
        services.clock.monotonic,
        remember,
    )


async def make_plan(
    inputs: CheckInputs, services: Services, *, deadline: float = DEFAULT_DEADLINE
) -> BootstrapPlan:
    """Look at the account and plan; changes nothing."""
    context = bootstrap_context(inputs, services)
    try:
        async with asyncio.timeout(deadline):
            return await kit_for(inputs.profile).plan_bootstrap(context)
    except TimeoutError:
        raise ProviderError(
            _("the account could not be read within {seconds} s", seconds=f"{deadline:g}"),
            _(
                "The provider answers too slowly: check the network path and the base URL, "
                "then plan again."
            ),
        ) from None


async def apply_plan(
    inputs: CheckInputs,
    services: Services,
    plan: BootstrapPlan,
    *,
    observer: Observer | None = None,
    deadline: float = DEFAULT_DEADLINE,
) -> Report:
    """Apply a plan (each create looked up first) and report each item as it is settled."""
    context = bootstrap_context(inputs, services)
    kit = kit_for(inputs.profile)
    with recording(
        "bootstrap",
        plan.profile,
        plan.provider,
        context.now,
        plan.specs(),
        observer,
        services.clock.monotonic,
    ) as recorder:
        try:
            async with asyncio.timeout(deadline):
                await kit.apply_bootstrap(context, plan, recorder)
        except TimeoutError:
            for spec in recorder.missing():
                recorder.add(
                    spec.unknown(
                        _(
                            "not finished within {seconds} s: run the apply again",
                            seconds=f"{deadline:g}",
                        )
                    )
                )
    return recorder.report


async def recheck(profile_name: str, services: Services) -> Report:
    """Run the check again after an apply and keep its result on the profile.

    The profile's last check predates the apply: without this, the check's rows, `status` and
    the acceptance protocol's set-up section would go on saying the books or fields are missing
    until someone thinks of running the check. The inputs are read again: the apply recorded
    list ids in the profile.
    """
    from nlconsole.core.checks import load_check_inputs, record_result, run_check

    profile = await asyncio.to_thread(services.profiles.get, profile_name)
    inputs = await asyncio.to_thread(load_check_inputs, profile, services.secrets)
    report = await run_check(inputs, services)
    await asyncio.to_thread(record_result, services, report)
    return report

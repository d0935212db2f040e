"""Bootstrap: the plan as a table, then (after a confirmation) the apply with live rows.

The plan changes nothing; `a` applies it, each item's row filling in as it is settled, and the
result stays on the screen. `r` plans again (after an apply, everything should be in place).
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text as RichText
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Header, Static
from textual.worker import Worker

from nlconsole.core.bootstrap import (
    BootstrapPlan,
    PlanItem,
    applied_completely,
    apply_plan,
    make_plan,
    plan_verdict,
    recheck,
    result_verdict,
)
from nlconsole.core.checks import CheckInputs, load_check_inputs
from nlconsole.core.models import Profile
from nlconsole.core.report import OUTCOME_LABEL, Finding, Report
from nlconsole.i18n import Msg, _, _n
from nlconsole.ui.bindings import bind
from nlconsole.ui.messages import (
    CheckRecorded,
    FindingUpdated,
    InputsLoaded,
    PlanReady,
    ReportFinished,
)
from nlconsole.ui.screens.base import ConsoleScreen
from nlconsole.ui.widgets.footer import ConsoleFooter
from nlconsole.ui.widgets.result_table import MARKS, ResultTable


def mark_label(item: PlanItem) -> Msg:
    """How the table marks a plan's row ('ℹ info', '✖ fail', …): what its verdict names."""
    return MARKS[item.finding().status][0]


class BootstrapTable(ResultTable):
    """The result table, with bootstrap's own sentence under the rows."""

    def show_plan(self, plan: BootstrapPlan) -> None:
        """The plan's rows (filled at once: no 'running' marks that would widen the status
        column), and what applying it would do."""
        self.table.clear()
        self.findings.clear()
        self.titles = {spec.id: self.translate(spec.title) for spec in plan.specs()}
        for item in plan.items:
            self.update(item.finding())
        self.running = False
        style = "yellow" if plan.open else ("cyan" if plan.changes else "green")
        self.say(plan_verdict(plan, mark_label), style)

    def show_result(self, plan: BootstrapPlan, report: Report) -> None:
        """The apply's rows and whether it completed."""
        self.finish(report)
        style = "green" if applied_completely(plan, report) else "yellow"
        self.say(result_verdict(plan, report, mark_label), style)

    def show_recheck(self, plan: BootstrapPlan, report: Report, check: Report) -> None:
        """The apply's sentence, and what the check ran afterwards says."""
        self.say(
            _(
                "{result} Check afterwards: {outcome} – {verdict}",
                result=result_verdict(plan, report, mark_label),
                outcome=OUTCOME_LABEL[check.outcome],
                verdict=check.verdict(),
            ),
            "green" if check.outcome == "pass" else "yellow",
        )

    def say(self, text: Msg, style: str) -> None:
        """The sentence under the rows."""
        self.query_one("#result-verdict", Static).update(
            RichText(self.translate(text), style=style)
        )


class BootstrapScreen(ConsoleScreen):
    """Plans, confirms and applies the creation of what the interface needs in the account."""

    NAME = _("Bootstrap")

    PURPOSE = _(
        "Creates what the interface needs in the account (address books, attributes, custom "
        "fields), never twice, and never deletes or changes what exists. The plan changes "
        "nothing; key a applies it after you confirm."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        bind("escape", "back", _("Back"), id="bootstrap.back"),
        bind("a", "apply", _("Apply"), id="bootstrap.apply"),
        bind("r", "replan", _("Plan again"), id="bootstrap.replan"),
    ]

    def __init__(self, profile: Profile) -> None:
        super().__init__()
        self.profile = profile
        self.inputs: CheckInputs | None = None
        self.current: BootstrapPlan | None = None
        self.result: Report | None = None
        self._busy: Worker[None] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="bootstrap"):
            yield Static(
                RichText(
                    self.t(
                        _(
                            "Bootstrap: {profile} → {url}",
                            profile=self.profile.title,
                            url=self.profile.base_url,
                        )
                    ),
                    style="bold",
                ),
                id="bootstrap-title",
            )
            yield BootstrapTable(self.translate, id="findings")
        yield ConsoleFooter()

    def on_mount(self) -> None:
        self.prepare()

    @property
    def results(self) -> BootstrapTable:
        """The plan's (and then the apply's) table."""
        return self.query_one(BootstrapTable)

    @property
    def busy(self) -> bool:
        """A plan or an apply is running."""
        return self._busy is not None and self._busy.is_running

    @work(thread=True, exclusive=True, group="bootstrap-inputs", exit_on_error=False)
    def prepare(self) -> None:
        """Read the profile as it is in the file now, and its secrets (blocking calls)."""
        profile = self.services.profiles.get(self.profile.name)
        self.post_message(InputsLoaded(load_check_inputs(profile, self.services.secrets)))

    @on(InputsLoaded)
    def _start(self, message: InputsLoaded) -> None:
        self.inputs = message.inputs
        self.results.say(_("Reading the account…"), "dim")
        self._busy = self.make(message.inputs)

    @work(exclusive=True, group="bootstrap", exit_on_error=False)
    async def make(self, inputs: CheckInputs) -> None:
        """Plan (reads only)."""
        self.post_message(PlanReady(await make_plan(inputs, self.services)))

    @on(PlanReady)
    def _planned(self, message: PlanReady) -> None:
        self.current = message.plan
        self.results.show_plan(message.plan)

    def action_apply(self) -> None:
        """Confirm, then apply the plan."""
        plan = self.current
        if self.busy or plan is None:
            return
        if not plan.changes:
            self.notify(self.t(plan_verdict(plan, mark_label)))
            return
        from nlconsole.ui.screens.confirm import ConfirmScreen

        question = _n(
            "Create or adopt {count} item in the account of '{profile}'? Nothing is deleted "
            "or changed.",
            "Create or adopt {count} items in the account of '{profile}'? Nothing is deleted "
            "or changed.",
            len(plan.changes),
            profile=self.profile.title,
        )

        def answered(yes: bool | None) -> None:
            if yes and self.inputs is not None:
                self.results.say(_("Applying…"), "dim")
                self._busy = self.apply(self.inputs, plan)

        self.app.push_screen(ConfirmScreen(question), answered)

    @work(exclusive=True, group="bootstrap", exit_on_error=False)
    async def apply(self, inputs: CheckInputs, plan: BootstrapPlan) -> None:
        """Apply, each settled item posted as it comes."""

        def observe(finding: Finding) -> None:
            self.post_message(FindingUpdated(finding))

        report = await apply_plan(inputs, self.services, plan, observer=observe)
        self.post_message(ReportFinished(report))
        if applied_completely(plan, report):
            # The profile's last check predates the apply: run it again and keep it, so the
            # list, the status and the protocol show the account as it is now.
            self.post_message(CheckRecorded(await recheck(self.profile.name, self.services)))

    @on(CheckRecorded)
    def _rechecked(self, message: CheckRecorded) -> None:
        if self.current is not None and self.result is not None:
            self.results.show_recheck(self.current, self.result, message.report)

    @on(FindingUpdated)
    def _finding(self, message: FindingUpdated) -> None:
        self.results.update(message.finding)

    @on(ReportFinished)
    def _finished(self, message: ReportFinished) -> None:
        self.result = message.report
        if self.current is not None:
            self.results.show_result(self.current, message.report)

    def worker_failed(self, worker: Worker[Any], error: BaseException) -> None:
        if worker.group in ("bootstrap", "bootstrap-inputs"):
            self.results.stopped(type(error).__name__)

    def action_replan(self) -> None:
        """Plan again from the account as it is now."""
        if not self.busy:
            self.prepare()

    def action_back(self) -> None:
        """Back to where the screen was opened (not while an apply is running)."""
        if self.busy:
            self.notify(self.t(_("Wait until it has finished.")))
            return
        self.app.pop_screen()

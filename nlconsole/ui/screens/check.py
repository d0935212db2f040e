"""The connectivity check with live per-finding status; cancellable, never blocking the UI."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static
from textual.worker import Worker, WorkerState

from nlconsole.core.checks import (
    CheckInputs,
    load_check_inputs,
    planned_findings,
    record_result,
    run_check,
)
from nlconsole.core.diagnostics import CheckReport, Finding
from nlconsole.core.models import Profile
from nlconsole.ui.messages import CheckFinished, FindingUpdated
from nlconsole.ui.screens.base import ConsoleScreen

MARKS = {
    "pass": ("✔ pass", "green"),
    "info": ("ℹ info", "cyan"),
    "warn": ("! warn", "yellow"),
    "fail": ("✖ fail", "bold red"),
    "unknown": ("? unknown", "magenta"),
}


class InputsLoaded(Message):
    """The profile's secrets were read from the store."""

    def __init__(self, inputs: CheckInputs) -> None:
        super().__init__()
        self.inputs = inputs


class CheckScreen(ConsoleScreen):
    """Runs the provider's check for one profile and shows each finding as it arrives."""

    HELP = (
        "Each line is one thing the check verifies, with its latency. Move to a line to read "
        "how to fix it. The last result is kept on the profile (without secrets)."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel_or_back", "Cancel/Back", id="check.cancel"),
        Binding("r", "rerun", "Run again", id="check.rerun"),
    ]

    def __init__(self, profile: Profile) -> None:
        super().__init__()
        self.profile = profile
        self.findings: dict[str, Finding] = {}
        self._check_worker: Worker[None] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="check"):
            yield Static(
                Text(
                    f"{self.t('check')}: {self.profile.title} → {self.profile.base_url}",
                    style="bold",
                ),
                id="check-title",
            )
            yield DataTable(id="findings", cursor_type="row")
            yield Static("", id="remediation")
            yield Static(self.t("running"), id="check-result")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#findings", DataTable)
        table.add_column(self.t("status"), key="status", width=10)
        table.add_column(self.t("check_column"), key="title")
        table.add_column(self.t("result"), key="detail")
        table.add_column("ms", key="latency", width=6)
        self.prepare()

    @work(thread=True, exclusive=True, group="check-inputs", exit_on_error=False)
    def prepare(self) -> None:
        """Read the secrets (keyring: blocking) before the async check starts."""
        try:
            inputs = load_check_inputs(self.profile, self.services.secrets)
        except Exception as exc:
            self.app.call_from_thread(self.show_problem, exc)
            return
        self.post_message(InputsLoaded(inputs))

    @on(InputsLoaded)
    def _start(self, message: InputsLoaded) -> None:
        table = self.query_one("#findings", DataTable)
        table.clear()
        self.findings.clear()
        for planned in planned_findings(message.inputs):
            table.add_row(
                Text("… " + self.t("running"), style="dim"), planned.title, "", "", key=planned.id
            )
        self.query_one("#check-result", Static).update(self.t("running"))
        self._check_worker = self.run(message.inputs)

    @work(exclusive=True, group="check", exit_on_error=False)
    async def run(self, inputs: CheckInputs) -> None:
        """The check itself, on the event loop (it only awaits network I/O)."""

        def observe(finding: Finding) -> None:
            self.post_message(FindingUpdated(finding))

        report = await run_check(inputs, self.services, observer=observe)
        self.post_message(CheckFinished(report))

    @on(FindingUpdated)
    def _finding(self, message: FindingUpdated) -> None:
        finding = message.finding
        self.findings[finding.id] = finding
        table = self.query_one("#findings", DataTable)
        mark, style = MARKS[finding.status.value]
        detail = finding.detail if len(finding.detail) <= 44 else finding.detail[:43] + "…"
        cells = (
            Text(mark, style=style),
            finding.title,
            Text(detail),
            "" if finding.latency_ms is None else f"{finding.latency_ms:.0f}",
        )
        if finding.id not in table.rows:
            table.add_row(*cells, key=finding.id)
            return
        for column, value in zip(("status", "title", "detail", "latency"), cells, strict=True):
            table.update_cell(finding.id, column, value, update_width=True)
        self._show_remediation()

    @on(CheckFinished)
    def _finished(self, message: CheckFinished) -> None:
        report = message.report
        table = self.query_one("#findings", DataTable)
        for row_key in table.rows:
            if str(row_key.value) not in self.findings:
                table.update_cell(row_key, "status", Text("– " + self.t("not_run"), style="dim"))
        verdict = self.t("result_ok") if report.ok else self.t("result_fail")
        style = {"pass": "green", "warn": "yellow", "fail": "bold red"}[report.outcome]
        self.query_one("#check-result", Static).update(
            Text(
                f"{report.outcome.upper()}: {verdict} ({report.duration_ms / 1000:.2f} s)",
                style=style,
            )
        )
        self._record(report)

    @work(thread=True, group="check-record", exit_on_error=False)
    def _record(self, report: CheckReport) -> None:
        try:
            record_result(self.services, report)
        except Exception as exc:
            self.app.call_from_thread(self.show_problem, exc)

    @on(Worker.StateChanged)
    def _worker_state(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "check":
            return
        result = self.query_one("#check-result", Static)
        if event.state is WorkerState.ERROR:
            error = event.worker.error
            result.update(Text(f"The check stopped: {type(error).__name__}: {error}", style="red"))
        elif event.state is WorkerState.CANCELLED:
            result.update(Text(self.t("cancelled"), style="yellow"))

    @on(DataTable.RowHighlighted)
    def _show_remediation(self) -> None:
        table = self.query_one("#findings", DataTable)
        panel = self.query_one("#remediation", Static)
        if table.row_count == 0:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        finding = self.findings.get(str(key))
        if finding is None:
            panel.update("")
            return
        text = Text(f"{finding.title}: {finding.detail}")
        if finding.remediation and finding.status.value != "pass":
            text.append(f"\n{self.t('how_to_fix')}: {finding.remediation}", style="bold")
        panel.update(text)

    def action_cancel_or_back(self) -> None:
        """Escape cancels a running check, else goes back."""
        if self._check_worker is not None and self._check_worker.is_running:
            self._check_worker.cancel()
            return
        self.app.pop_screen()

    def action_rerun(self) -> None:
        """Run the check again."""
        if self._check_worker is None or not self._check_worker.is_running:
            self.prepare()

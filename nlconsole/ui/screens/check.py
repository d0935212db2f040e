"""The pre-flight check with live per-row status; cancellable, never blocking the UI."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text as RichText
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static
from textual.worker import Worker, WorkerState

from nlconsole.core.checks import (
    CheckInputs,
    load_check_inputs,
    planned_findings,
    record_result,
    run_check,
)
from nlconsole.core.kit import bootstrap_settles, kit_for
from nlconsole.core.models import Profile
from nlconsole.core.report import Finding, Report
from nlconsole.i18n import _
from nlconsole.ui.bindings import bind
from nlconsole.ui.messages import FindingUpdated, InputsLoaded, ReportFinished, ReportSaved
from nlconsole.ui.screens.base import ConsoleScreen
from nlconsole.ui.widgets.footer import ConsoleFooter
from nlconsole.ui.widgets.result_table import ResultTable


class CheckScreen(ConsoleScreen):
    """Runs the provider's check for one profile and shows each finding as it arrives."""

    NAME = _("Connectivity check")

    PURPOSE = _(
        "Each line is one thing the check verifies, with its latency. Move to a line to read how "
        "to fix it. The last result is kept on the profile (without secrets). Enter on a "
        "missing address book or custom field opens bootstrap, which creates it (also b)."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        bind("escape", "cancel_or_back", _("Cancel/Back"), id="check.cancel"),
        bind("r", "rerun", _("Run again"), id="check.rerun"),
        bind("b", "bootstrap", _("Bootstrap"), id="check.bootstrap"),
        bind("y", "copy_report", _("Copy"), id="check.copy"),
        bind("w", "save_report", _("Save"), id="check.save"),
    ]

    def __init__(self, profile: Profile) -> None:
        super().__init__()
        self.profile = profile
        self._check_worker: Worker[None] | None = None
        self.report: Report | None = None
        """The last finished report (what y copies and w saves)."""
        self._bootstrap: Screen[Any] | None = None
        """The bootstrap screen opened from here: the check runs again when it applied."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="check"):
            yield Static(
                RichText(
                    self.t(
                        _(
                            "Connectivity check: {profile} → {url}",
                            profile=self.profile.title,
                            url=self.profile.base_url,
                        )
                    ),
                    style="bold",
                ),
                id="check-title",
            )
            yield ResultTable(self.translate, id="findings")
        yield ConsoleFooter()

    def on_mount(self) -> None:
        self.prepare()

    @property
    def results(self) -> ResultTable:
        """The live table."""
        return self.query_one(ResultTable)

    @work(thread=True, exclusive=True, group="check-inputs", exit_on_error=False)
    def prepare(self) -> None:
        """Read the secrets (keyring: blocking) before the async check starts."""
        self.post_message(InputsLoaded(load_check_inputs(self.profile, self.services.secrets)))

    @on(InputsLoaded)
    def _start(self, message: InputsLoaded) -> None:
        self.results.plan(planned_findings(message.inputs))
        self._check_worker = self.run(message.inputs)

    @work(exclusive=True, group="check", exit_on_error=False)
    async def run(self, inputs: CheckInputs) -> None:
        """The check itself, on the event loop (it only awaits network I/O)."""

        def observe(finding: Finding) -> None:
            self.post_message(FindingUpdated(finding))

        report = await run_check(inputs, self.services, observer=observe)
        self.post_message(ReportFinished(report))

    @on(FindingUpdated)
    def _finding(self, message: FindingUpdated) -> None:
        self.results.update(message.finding)
        self.refresh_bindings()

    @on(ReportFinished)
    def _finished(self, message: ReportFinished) -> None:
        self.report = message.report
        self.results.finish(message.report)
        self.refresh_bindings()
        self._record(message.report)

    @work(thread=True, group="check-record", exit_on_error=False)
    def _record(self, report: Report) -> None:
        record_result(self.services, report)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Rows of a cancelled check say so (errors go to the base handler)."""
        if event.worker.group == "check" and event.state is WorkerState.CANCELLED:
            self.results.cancel()

    def worker_failed(self, worker: Worker[Any], error: BaseException) -> None:
        if worker.group in ("check", "check-inputs"):
            self.results.stopped(type(error).__name__)

    def action_cancel_or_back(self) -> None:
        """Escape cancels a running check, else goes back."""
        if self._check_worker is not None and self._check_worker.is_running:
            self._check_worker.cancel()
            return
        self.app.pop_screen()

    def action_copy_report(self) -> None:
        """Copy the finished report as text to the clipboard (the terminal's, via OSC 52)."""
        from nlconsole.core.report_text import report_text

        if self.report is None:
            self.notify(self.t(_("The check has not finished yet.")), severity="warning")
            return
        self.app.copy_to_clipboard(report_text(self.report, self.profile.base_url, self.translate))
        self.notify(self.t(_("The result was copied to the clipboard.")))

    def action_save_report(self) -> None:
        """Save the finished report as text and JSON under the config dir."""
        if self.report is None:
            self.notify(self.t(_("The check has not finished yet.")), severity="warning")
            return
        self._save(self.report)

    @work(thread=True, group="check-save", exit_on_error=False)
    def _save(self, report: Report) -> None:
        from nlconsole.ui.report_export import save_report

        paths = save_report(report, self.profile.base_url, self.translate, self.services.config_dir)
        self.post_message(ReportSaved(*paths))

    @on(ReportSaved)
    def _saved(self, message: ReportSaved) -> None:
        text = _(
            "Saved the result as {text} and {json}",
            text=str(message.text_path),
            json=str(message.json_path),
        )
        self.notify(self.t(text), markup=False)

    def action_rerun(self) -> None:
        """Run the check again."""
        if self._check_worker is None or not self._check_worker.is_running:
            self.prepare()

    def _bootstrap_rows(self) -> list[Finding]:
        """The rows bootstrap would settle (a missing address book or custom field)."""
        kit = kit_for(self.profile)
        return [f for f in self.results.findings.values() if bootstrap_settles(kit, f)]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """b (Bootstrap) shows only when a row is one bootstrap settles."""
        if action == "bootstrap":
            return bool(self._bootstrap_rows())
        return True

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        """Enter on a missing address book or custom field opens bootstrap."""
        finding = self.results.findings.get(str(event.row_key.value))
        if finding is not None and bootstrap_settles(kit_for(self.profile), finding):
            event.stop()
            self.action_bootstrap()

    def action_bootstrap(self) -> None:
        """Create what a missing address book or custom field row asks for: open bootstrap."""
        from nlconsole.ui.screens.bootstrap import BootstrapScreen

        self._bootstrap = BootstrapScreen(self.profile)
        self.app.push_screen(self._bootstrap)

    def on_screen_resume(self) -> None:
        """Back from a bootstrap that applied: check again, so the rows show what is there."""
        opened, self._bootstrap = self._bootstrap, None
        if opened is not None and getattr(opened, "result", None) is not None:
            self.action_rerun()

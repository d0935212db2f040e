"""The live result table every run shows: planned rows first, then status, detail, latency.

Checks use it today; bootstrap plans and journey steps produce the same report model, so they
show in the same table. The highlighted row's full detail and how to fix it appear below the
table; the verdict line under that. Columns are sized to their content and the detail column
takes the rest of the width, cut with "…" only when it must be.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.events import Resize
from textual.widgets import DataTable, Static

from nlconsole.core.report import OUTCOME_LABEL, Finding, FindingSpec, Report, Status
from nlconsole.i18n import Msg, Text, Translator, _

MARKS: dict[str, tuple[Msg, str]] = {
    Status.PASS: (_("✔ pass"), "green"),
    Status.INFO: (_("ℹ info"), "cyan"),
    Status.WARN: (_("! warn"), "yellow"),
    Status.FAIL: (_("✖ fail"), "bold red"),
    Status.UNKNOWN: (_("? unknown"), "magenta"),
    Status.SKIPPED: (_("– not run"), "dim"),
}
OUTCOME_STYLE = {"pass": "green", "warn": "yellow", "fail": "bold red"}
RUNNING = _("… running")
CANCELLED = _("– cancelled / not run")
LATENCY_WIDTH = 7


class ResultTable(Vertical):
    """Rows of a run, live."""

    DEFAULT_CSS = """
    ResultTable { height: 1fr; }
    ResultTable > DataTable { height: 1fr; min-height: 5; }
    ResultTable > #result-detail {
        height: auto; max-height: 8; padding: 0 1; border-top: solid $primary 40%;
    }
    ResultTable > #result-verdict { height: auto; padding: 0 1; text-style: bold; }
    """

    def __init__(self, translate: Translator, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.translate = translate
        self.findings: dict[str, Finding] = {}
        self.titles: dict[str, str] = {}
        self.running = False

    def compose(self) -> ComposeResult:
        yield DataTable(id="results", cursor_type="row")
        yield Static("", id="result-detail")
        yield Static("", id="result-verdict")

    def on_mount(self) -> None:
        table = self.table
        t = self.translate
        table.add_column(t(_("Status")), key="status")
        table.add_column(t(_("Check")), key="title")
        table.add_column(t(_("Result")), key="detail")
        table.add_column("ms", key="latency", width=LATENCY_WIDTH)

    @property
    def table(self) -> DataTable[RichText | str]:
        """The rows."""
        return self.query_one("#results", DataTable)

    def plan(self, rows: Sequence[FindingSpec]) -> None:
        """Show the rows a run will fill, each as running."""
        table = self.table
        table.clear()
        self.findings.clear()
        self.titles = {spec.id: self.translate(spec.title) for spec in rows}
        running = RichText(self.translate(RUNNING), style="dim")
        for spec in rows:
            table.add_row(running, self.titles[spec.id], "", "", key=spec.id)
        self.running = True
        self._verdict(RichText(self.translate(RUNNING), style="dim"))
        self._show_detail()

    def update(self, finding: Finding) -> None:
        """Fill (or replace) one row."""
        self.findings[finding.id] = finding
        self.titles.setdefault(finding.id, self.translate(finding.title))
        table = self.table
        cells: tuple[RichText | str, ...] = (
            self._mark(finding.status),
            self.titles[finding.id],
            self._detail_cell(finding),
            "" if finding.latency_ms is None else f"{finding.latency_ms:.0f}",
        )
        if finding.id not in table.rows:
            table.add_row(*cells, key=finding.id)
        else:
            for column, value in zip(("status", "title", "detail", "latency"), cells, strict=True):
                table.update_cell(finding.id, column, value, update_width=True)
        self._show_detail()

    def finish(self, report: Report) -> None:
        """The run ended: unfinished rows say so, the verdict line shows the outcome."""
        for finding in report.findings:
            if self.findings.get(finding.id) != finding:
                self.update(finding)
        self._close_open_rows(self._mark(Status.SKIPPED))
        self._verdict(
            RichText(
                self.translate(
                    _(
                        "{outcome}: {verdict} ({seconds} s)",
                        outcome=OUTCOME_LABEL[report.outcome],
                        verdict=report.verdict(),
                        seconds=f"{report.duration_ms / 1000:.2f}",
                    )
                ),
                style=OUTCOME_STYLE[report.outcome],
            )
        )

    def cancel(self) -> None:
        """The run was cancelled: rows that did not finish say 'cancelled / not run'."""
        self._close_open_rows(RichText(self.translate(CANCELLED), style="yellow"))
        self._verdict(RichText(self.translate(_("cancelled")), style="yellow"))

    def stopped(self, reason: Text) -> None:
        """The run stopped on an error (the problem screen explains it)."""
        self._close_open_rows(RichText(self.translate(CANCELLED), style="yellow"))
        self._verdict(
            RichText(self.translate(_("The run stopped: {reason}", reason=reason)), style="red")
        )

    def selected(self) -> Finding | None:
        """The highlighted row's finding, if it has one yet."""
        table = self.table
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.findings.get(str(key))

    def _close_open_rows(self, mark: RichText) -> None:
        self.running = False
        for row_key in self.table.rows:
            if str(row_key.value) not in self.findings:
                self.table.update_cell(row_key, "status", mark, update_width=True)

    def _verdict(self, text: RichText) -> None:
        self.query_one("#result-verdict", Static).update(text)

    def _mark(self, status: Status) -> RichText:
        text, style = MARKS[status]
        return RichText(self.translate(text), style=style)

    def _detail_cell(self, finding: Finding) -> RichText:
        detail = self.translate(finding.detail)
        room = self._detail_room()
        if len(detail) > room:
            detail = detail[: max(room - 1, 1)] + "…"
        return RichText(detail)

    def _detail_room(self) -> int:
        """What the detail column may take: the width minus the other columns and padding."""
        width = self.size.width or 100
        status = max((len(self.translate(m)) for m, _style in MARKS.values()), default=10)
        title = max((len(t) for t in self.titles.values()), default=10)
        return max(24, width - status - title - LATENCY_WIDTH - 10)

    @on(Resize)
    def _refit(self) -> None:
        for finding in list(self.findings.values()):
            self.table.update_cell(finding.id, "detail", self._detail_cell(finding))

    @on(DataTable.RowHighlighted)
    def _show_detail(self) -> None:
        panel = self.query_one("#result-detail", Static)
        finding = self.selected()
        if finding is None:
            panel.update("")
            return
        text = RichText(f"{self.titles.get(finding.id, '')}: {self.translate(finding.detail)}")
        if finding.remediation and finding.status is not Status.PASS:
            text.append(
                "\n" + self.translate(_("How to fix: {fix}", fix=finding.remediation)),
                style="bold",
            )
        panel.update(text)

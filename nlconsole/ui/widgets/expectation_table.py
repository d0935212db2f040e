"""A journey run's evidence, step by step: each step's verdict, then expected | observed |
verdict for every field it checked. The same rows the protocol prints."""

from __future__ import annotations

from rich.text import Text as RichText
from textual.widgets import DataTable

from nlconsole.core.journeys.run import StepRecord
from nlconsole.i18n import Msg, Translator, _

VERDICT_STYLE: dict[str, tuple[Msg, str]] = {
    "pass": (_("✔ pass"), "green"),
    "fail": (_("✖ fail"), "bold red"),
    "blocked": (_("■ blocked"), "magenta"),
    "skipped": (_("– skipped"), "dim"),
    "pending": (_("… running"), "dim"),
}


WHAT_WIDTH, VALUE_WIDTH = 44, 28


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class ExpectationTable(DataTable[RichText | str]):
    """Steps and their field-by-field expectations."""

    def __init__(self, translate: Translator, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.translate = translate

    def on_mount(self) -> None:
        t = self.translate
        self.add_column(t(_("Step / field")), key="what")
        self.add_column(t(_("Expected")), key="expected")
        self.add_column(t(_("Observed")), key="observed")
        self.add_column(t(_("Verdict")), key="verdict")

    def add_step(self, step: StepRecord) -> None:
        """One finished step and its expectations (long texts cut, so the verdict stays in
        view; the run's JSON and the protocol keep them whole)."""
        t = self.translate
        title = RichText(_cut(t(step.title), WHAT_WIDTH), style="bold")
        detail = _cut(t(step.detail), VALUE_WIDTH)
        self.add_row(title, "", detail, self._mark(step.verdict.value))
        for observed in step.observed:
            self.add_row(
                "  " + _cut(t(observed.expectation.label), WHAT_WIDTH - 2),
                _cut(observed.expectation.expected or "–", VALUE_WIDTH),
                _cut(observed.observed or "–", VALUE_WIDTH),
                self._mark(observed.verdict.value),
            )
        self.move_cursor(row=self.row_count - 1)

    def _mark(self, verdict: str) -> RichText:
        text, style = VERDICT_STYLE[verdict]
        return RichText(self.translate(text), style=style)

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


FIXED = 2 * 4 + 12 + 2
"""Cell padding of four columns, the verdict column and the scrollbar."""
WHAT_SHARE, VALUE_SHARE = 0.44, 0.28
"""Of the rest of the table's width: the step or field, and each of expected and observed, so
the verdict stays in view without scrolling."""
MIN_WHAT, MIN_VALUE = 20, 12
YES = _("yes")
"""A contact or recipient that exists is recorded as 'yes' (the run's JSON keeps it)."""


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
        width = (self.size.width or 100) - FIXED
        what_width = max(MIN_WHAT, int(width * WHAT_SHARE))
        value_width = max(MIN_VALUE, int(width * VALUE_SHARE))
        title = RichText(_cut(t(step.title), what_width), style="bold")
        detail = _cut(t(step.detail), value_width)
        self.add_row(title, "", detail, self._mark(step.verdict.value))
        for observed in step.observed:
            self.add_row(
                "  " + _cut(t(observed.expectation.label), what_width - 2),
                _cut(self._value(observed.expectation.expected), value_width),
                _cut(self._value(observed.observed), value_width),
                self._mark(observed.verdict.value),
            )
        self.move_cursor(row=self.row_count - 1)

    def _value(self, value: str | None) -> str:
        if not value:
            return "–"
        return self.translate(YES) if value == "yes" else value

    def _mark(self, verdict: str) -> RichText:
        text, style = VERDICT_STYLE[verdict]
        return RichText(self.translate(text), style=style)

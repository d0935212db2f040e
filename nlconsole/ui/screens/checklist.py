"""The setup checklist of a profile: what to do, where, why; done/skip saved per profile,
verifiable steps shown from the last connectivity check."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, Static

from nlconsole.core.checklists import ChecklistStep, StepView, mark, steps_for, view_of
from nlconsole.core.models import Profile, StepStatus
from nlconsole.ui.screens.base import ConsoleScreen

STYLE = {
    StepView.PENDING: ("○", "dim"),
    StepView.DONE: ("✔", "green"),
    StepView.SKIPPED: ("–", "yellow"),
    StepView.VERIFIED: ("✔✔", "bold green"),
    StepView.FAILED: ("✖", "bold red"),
}


class ChecklistScreen(ConsoleScreen):
    """Steps from the seeds for the profile's provider."""

    HELP = (
        "Work through the steps top to bottom. Space marks a step done, k skips it, u reopens "
        "it. Steps marked 'verified' or 'failed' come from the last connectivity check (c) "
        "and cannot be ticked by hand."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "mark_done", "Done", id="checklist.done"),
        Binding("k", "skip", "Skip", id="checklist.skip"),
        Binding("u", "reopen", "Reopen", id="checklist.reopen"),
        Binding("c", "check", "Check", id="checklist.check"),
        Binding("escape", "app.pop_screen", "Back", id="checklist.back"),
    ]

    def __init__(self, profile: Profile) -> None:
        super().__init__()
        self.profile = profile
        self.steps: tuple[ChecklistStep, ...] = steps_for(profile.provider)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="checklist"):
            yield Static(Text(f"{self.t('checklist')}: {self.profile.title}", style="bold"))
            yield DataTable(id="steps", cursor_type="row")
            yield Static("", id="step-detail")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#steps", DataTable)
        table.add_column("", key="mark", width=3)
        table.add_column(self.t("step"), key="title")
        table.add_column(self.t("state"), key="state", width=16)
        for step in self.steps:
            table.add_row(*self._cells(step), key=step.id)
        self._detail()

    def on_screen_resume(self) -> None:
        self._reload()

    @work(thread=True, exclusive=True, group="checklist-load", exit_on_error=False)
    def _reload(self) -> None:
        try:
            profile = self.services.profiles.get(self.profile.name)
        except Exception as exc:
            self.app.call_from_thread(self.show_problem, exc)
            return
        self.app.call_from_thread(self._refresh, profile)

    def _cells(self, step: ChecklistStep) -> tuple[Text, str, Text]:
        state = view_of(step, self.profile)
        symbol, style = STYLE[state]
        return (
            Text(symbol, style=style),
            step.text("title", self.language),
            Text(self.t(state.value), style=style),
        )

    def _refresh(self, profile: Profile) -> None:
        self.profile = profile
        table = self.query_one("#steps", DataTable)
        for step in self.steps:
            for column, value in zip(("mark", "title", "state"), self._cells(step), strict=True):
                table.update_cell(step.id, column, value)
        self._detail()

    def _current(self) -> ChecklistStep:
        table = self.query_one("#steps", DataTable)
        return self.steps[table.cursor_row]

    @on(DataTable.RowHighlighted)
    def _detail(self) -> None:
        step = self._current()
        lang = self.language
        words = {"de": ("Was", "Wo", "Warum"), "en": ("What", "Where", "Why")}[lang]
        verified = " · verified by the connectivity check" if step.verified_by else ""
        text = Text()
        text.append(step.text("title", lang) + verified + "\n", style="bold")
        for word, part in zip(words, ("what", "where", "why"), strict=True):
            text.append(f"{word}: ", style="bold")
            text.append(step.text(part, lang) + "\n")
        self.query_one("#step-detail", Static).update(text)

    def _set(self, status: StepStatus) -> None:
        step = self._current()
        if view_of(step, self.profile) in (StepView.VERIFIED, StepView.FAILED):
            self.notify(
                "This step is decided by the connectivity check: press c to run it.",
                severity="warning",
            )
            return
        self._save(mark(self.profile, step.id, status, datetime.now(UTC)))

    @work(thread=True, group="checklist-save", exit_on_error=False)
    def _save(self, profile: Profile) -> None:
        try:
            self.services.profiles.put(profile)
        except Exception as exc:
            self.app.call_from_thread(self.show_problem, exc)
            return
        self.app.call_from_thread(self._refresh, profile)

    def action_mark_done(self) -> None:
        """Mark the highlighted step done."""
        self._set(StepStatus.DONE)

    def action_skip(self) -> None:
        """Skip the highlighted step."""
        self._set(StepStatus.SKIPPED)

    def action_reopen(self) -> None:
        """Set the highlighted step back to open."""
        self._set(StepStatus.PENDING)

    def action_check(self) -> None:
        """Run the connectivity check that verifies the automatic steps."""
        from nlconsole.ui.screens.check import CheckScreen

        self.app.push_screen(CheckScreen(self.profile))

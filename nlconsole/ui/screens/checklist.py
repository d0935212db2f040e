"""The setup checklist of a profile: what to do, where, why; done/skip saved per profile,
verifiable steps shown from the last connectivity check."""

from __future__ import annotations

import getpass
from typing import ClassVar

from rich.text import Text as RichText
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Header, Static

from nlconsole.core.checklists import ChecklistStep, StepView, is_decided_by_check, mark, view_of
from nlconsole.core.kit import kit_for
from nlconsole.core.models import Profile, StepStatus
from nlconsole.i18n import Msg, _
from nlconsole.ui.bindings import bind
from nlconsole.ui.messages import ProfileReloaded
from nlconsole.ui.screens.base import ConsoleScreen
from nlconsole.ui.widgets.footer import ConsoleFooter

STYLE: dict[StepView, tuple[str, str, Msg]] = {
    StepView.PENDING: ("○", "dim", _("open")),
    StepView.DONE: ("✔", "green", _("done")),
    StepView.SKIPPED: ("–", "yellow", _("skipped")),
    StepView.VERIFIED: ("✔✔", "bold green", _("verified")),
    StepView.FAILED: ("✖", "bold red", _("failed")),
}


class ChecklistScreen(ConsoleScreen):
    """Steps from the vendor's guide for the profile's provider."""

    NAME = _("Setup checklist")

    PURPOSE = _(
        "Work through the steps top to bottom. Space marks a step done, k skips it, u reopens "
        "it. Steps marked 'verified' or 'failed' come from the last connectivity check (c) and "
        "cannot be ticked by hand."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        bind("space", "mark_done", _("Done"), id="checklist.done"),
        bind("k", "skip", _("Skip"), id="checklist.skip"),
        bind("u", "reopen", _("Reopen"), id="checklist.reopen"),
        bind("c", "check", _("Check"), id="checklist.check"),
        bind("escape", "app.pop_screen", _("Back"), id="checklist.back"),
    ]

    def __init__(self, profile: Profile) -> None:
        super().__init__()
        self.profile = profile
        self.steps: tuple[ChecklistStep, ...] = tuple(kit_for(profile).checklist())

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="checklist"):
            yield Static(
                RichText(
                    self.t(_("Checklist: {profile}", profile=self.profile.title)), style="bold"
                )
            )
            yield DataTable(id="steps", cursor_type="row")
            yield Static("", id="step-detail")
        yield ConsoleFooter()

    def on_mount(self) -> None:
        table = self.query_one("#steps", DataTable)
        table.add_column("", key="mark", width=3)
        table.add_column(self.t(_("Step")), key="title")
        table.add_column(self.t(_("State")), key="state", width=16)
        for step in self.steps:
            table.add_row(*self._cells(step), key=step.id)
        self._detail()

    def on_screen_resume(self) -> None:
        self._reload()

    @work(thread=True, exclusive=True, group="checklist-load", exit_on_error=False)
    def _reload(self) -> None:
        self.post_message(ProfileReloaded(self.services.profiles.get(self.profile.name)))

    def _cells(self, step: ChecklistStep) -> tuple[RichText, str, RichText]:
        symbol, style, label = STYLE[view_of(step, self.profile)]
        return (
            RichText(symbol, style=style),
            self.t(step.title),
            RichText(self.t(label), style=style),
        )

    @on(ProfileReloaded)
    def _refresh(self, message: ProfileReloaded) -> None:
        self.profile = message.profile
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
        title = self.t(step.title)
        if step.verified_by:
            title = self.t(_("{title} · verified by the connectivity check", title=title))
        text = RichText()
        text.append(title + "\n", style="bold")
        for word, part in ((_("What"), step.what), (_("Where"), step.where), (_("Why"), step.why)):
            text.append(f"{self.t(word)}: ", style="bold")
            text.append(self.t(part) + "\n")
        state = self.profile.checklist.get(step.id)
        if state is not None and state.at is not None and state.status is not StepStatus.PENDING:
            text.append(
                self.t(
                    _(
                        "Marked {state} on {at} by {by}",
                        state=STYLE[view_of(step, self.profile)][2],
                        at=state.at,
                        by=state.by or "?",
                    )
                ),
                style="dim",
            )
        self.query_one("#step-detail", Static).update(text)

    def _set(self, status: StepStatus) -> None:
        step = self._current()
        if is_decided_by_check(step, self.profile):
            self.notify(
                self.t(_("This step is decided by the connectivity check: press c to run it.")),
                severity="warning",
            )
            return
        self._save(step.id, status)

    @work(thread=True, group="checklist-save", exit_on_error=False)
    def _save(self, step_id: str, status: StepStatus) -> None:
        """Mark the step in the profile as it is in the file now (the CLI may have changed it)."""
        now, by = self.services.clock.now(), _current_user()
        profile = self.services.profiles.update(
            self.profile.name, lambda fresh: mark(self.steps, fresh, step_id, status, now, by=by)
        )
        self.post_message(ProfileReloaded(profile))

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


def _current_user() -> str | None:
    """Who ticks the step (the protocol shows who did what when)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return None

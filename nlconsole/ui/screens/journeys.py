"""The journeys of a profile: the provider's catalogue, whether each applies, the last verdict;
Enter runs one with a tester, s simulates the vendor's side."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text as RichText
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Header, Static

from nlconsole.core.journeys.catalogue import CatalogueEntry, catalogue
from nlconsole.core.journeys.start import test_mailbox_of
from nlconsole.core.models import Profile
from nlconsole.i18n import _
from nlconsole.ui.bindings import bind
from nlconsole.ui.messages import JourneysLoaded, TestMailboxSaved
from nlconsole.ui.screens.base import ConsoleScreen
from nlconsole.ui.widgets.footer import ConsoleFooter

TITLE_FIXED = 4 + 10 + 16 + 2 * 4 + 2
"""Columns beside the title (id, applies, last verdict), cell padding and the scrollbar."""
VERDICT_STYLE = {
    "pass": "green",
    "fail": "bold red",
    "blocked": "magenta",
    "skipped": "dim",
    "pending": "yellow",
}


class JourneysScreen(ConsoleScreen):
    """The catalogue of acceptance journeys for one profile."""

    NAME = _("Journeys")

    PURPOSE = _(
        "Test sign-ups along the user journeys. Enter runs the highlighted journey with you as "
        "the tester (nlconsole tells you what to do and watches the provider); s lets nlconsole "
        "make the vendor's call itself (a rehearsal). Journeys that do not apply are dimmed. "
        "Test addresses derive from your own mailbox: it is asked once, m changes it."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        bind("enter", "run(False)", _("Start"), id="journeys.run", priority=True),
        bind("s", "run(True)", _("Simulate"), id="journeys.simulate"),
        bind("m", "mailbox", _("Test mailbox"), id="journeys.mailbox"),
        bind("x", "cleanup", _("Clean up"), id="journeys.cleanup"),
        bind("escape", "app.pop_screen", _("Back"), id="journeys.back"),
    ]

    def __init__(self, profile: Profile) -> None:
        super().__init__()
        self.profile = profile
        self.entries: list[CatalogueEntry] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="journeys"):
            title = self.t(_("Journeys: {profile}", profile=self.profile.title))
            yield Static(RichText(title, style="bold"))
            yield Static("", id="journey-mailbox", markup=False)
            yield DataTable(id="journey-list", cursor_type="row", zebra_stripes=True)
            yield Static("", id="journey-detail")
        yield ConsoleFooter()

    def on_mount(self) -> None:
        table = self.query_one("#journey-list", DataTable)
        table.add_column("ID", key="id")
        table.add_column(self.t(_("Journey")), key="title")
        table.add_column(self.t(_("Applies")), key="applies")
        table.add_column(self.t(_("Last verdict")), key="verdict")
        table.focus()
        self._show_mailbox()

    def _show_mailbox(self) -> None:
        mailbox = test_mailbox_of(self.profile)
        self.query_one("#journey-mailbox", Static).update(
            self.t(_("Test mailbox: {mailbox}", mailbox=mailbox))
            if mailbox
            else self.t(_("Test mailbox: not set yet (asked before the first run)"))
        )

    def on_screen_resume(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="journeys", exit_on_error=False)
    def load(self) -> None:
        """Read the catalogue and the last verdicts (files under runs/)."""
        self.post_message(JourneysLoaded(catalogue(self.profile, self.services.config_dir)))

    @on(JourneysLoaded)
    def _loaded(self, message: JourneysLoaded) -> None:
        table = self.query_one("#journey-list", DataTable)
        row = table.cursor_row
        table.clear()
        self.entries = message.entries
        # The title gives way, so that "applies" and the verdict stay in view at 80 columns.
        title_width = max(20, (table.size.width or 100) - TITLE_FIXED)
        for entry in self.entries:
            dim = "dim" if entry.not_applicable else ""
            verdict = entry.last_verdict
            title = self.t(entry.spec.title)
            if len(title) > title_width:
                title = title[: title_width - 1] + "…"
            table.add_row(
                RichText(entry.spec.id, style=dim),
                RichText(title, style=dim),
                RichText(self.t(_("yes") if entry.not_applicable is None else _("no")), style=dim),
                RichText(
                    self.t(_("interrupted"))
                    if verdict == "pending"
                    else verdict or self.t(_("not run")),
                    style=VERDICT_STYLE.get(verdict or "", "dim"),
                ),
                key=entry.spec.id,
            )
        if self.entries:
            table.move_cursor(row=min(row, len(self.entries) - 1))
        self._detail()

    def _current(self) -> CatalogueEntry | None:
        table = self.query_one("#journey-list", DataTable)
        if not self.entries or table.row_count == 0:
            return None
        return self.entries[table.cursor_row]

    @on(DataTable.RowHighlighted)
    def _detail(self) -> None:
        entry = self._current()
        panel = self.query_one("#journey-detail", Static)
        if entry is None:
            panel.update("")
            return
        text = RichText()
        text.append(self.t(_("Expected: ")), style="bold")
        text.append(self.t(entry.spec.expected) + "\n")
        for number, step in enumerate(entry.spec.tester_steps, 1):
            text.append(f"{number}. {self.t(step)}\n")
        if entry.not_applicable is not None:
            text.append(
                self.t(_("Does not apply: {why}", why=entry.not_applicable)), style="yellow"
            )
        panel.update(text)

    def action_run(self, simulate: bool) -> None:
        """Run the highlighted journey (simulated, or with a tester)."""
        entry = self._current()
        if entry is None:
            return
        if entry.not_applicable is not None:
            self.notify(self.t(entry.not_applicable), severity="warning", markup=False)
            return
        if entry.last_verdict == "pending" and entry.last_run is not None:
            self._offer_resume(entry.spec.id, entry.last_run, simulate)
            return
        if test_mailbox_of(self.profile) is None:
            self._ask_mailbox(then_run=(entry.spec.id, simulate))
            return
        self._start(entry.spec.id, simulate)

    def _offer_resume(self, journey: str, run_id: str, simulate: bool) -> None:
        """An interrupted run of this journey: go on with it, or start a new one."""
        from nlconsole.ui.screens.confirm import ConfirmScreen
        from nlconsole.ui.screens.journey_run import JourneyRunScreen

        question = _(
            "The last run of {journey} was interrupted. Go on with it (same test address, "
            "its judged steps kept)?\nNo starts a new run.",
            journey=journey,
        )

        def answered(resume: bool | None) -> None:
            if resume:
                self.app.push_screen(
                    JourneyRunScreen(self.profile, journey, simulate, resume=run_id)
                )
            elif test_mailbox_of(self.profile) is None:
                self._ask_mailbox(then_run=(journey, simulate))
            else:
                self._start(journey, simulate)

        self.app.push_screen(ConfirmScreen(question, offer=True), answered)

    def _start(self, journey: str, simulate: bool) -> None:
        from nlconsole.ui.screens.journey_run import JourneyRunScreen

        self.app.push_screen(JourneyRunScreen(self.profile, journey, simulate))

    def action_mailbox(self) -> None:
        """Set or change the tester's own mailbox (kept in the profile)."""
        self._ask_mailbox(then_run=None)

    def _ask_mailbox(self, then_run: tuple[str, bool] | None) -> None:
        from nlconsole.ui.screens.mailbox import MailboxScreen

        def answered(mailbox: str | None) -> None:
            if mailbox is not None:
                self._save_mailbox(mailbox, then_run)

        self.app.push_screen(MailboxScreen(self.profile.test_mailbox), answered)

    @work(thread=True, group="journeys-mailbox", exit_on_error=False)
    def _save_mailbox(self, mailbox: str, then_run: tuple[str, bool] | None) -> None:
        """Change the profile as it is in the file now (never a stale whole-profile write)."""
        profile = self.services.profiles.update(
            self.profile.name, lambda fresh: fresh.model_copy(update={"test_mailbox": mailbox})
        )
        self.post_message(TestMailboxSaved(profile, then_run))

    @on(TestMailboxSaved)
    def _mailbox_saved(self, message: TestMailboxSaved) -> None:
        self.profile = message.profile
        self._show_mailbox()
        self.notify(
            self.t(_("Test mailbox saved: {mailbox}", mailbox=message.profile.test_mailbox)),
            markup=False,
        )
        if message.then_run is not None:
            self._start(*message.then_run)

    def action_cleanup(self) -> None:
        """Delete the test contacts the journeys created (the ledger's)."""
        from nlconsole.ui.screens.cleanup import CleanupScreen

        self.app.push_screen(CleanupScreen(self.profile))

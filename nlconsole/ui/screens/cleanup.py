"""Cleanup in the console: the ledger's test contacts, what will be deleted where, then delete
for real after a confirmation; what could not be deleted stays listed with its reason."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text as RichText
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Header, Static

from nlconsole.core.cleanup import CleanupItem, clean_up
from nlconsole.core.models import Profile
from nlconsole.i18n import Msg, _, _n
from nlconsole.ui.bindings import bind
from nlconsole.ui.messages import CleanupDone, CleanupItems
from nlconsole.ui.screens.base import ConsoleScreen
from nlconsole.ui.widgets.footer import ConsoleFooter

OUTCOME: dict[str, tuple[Msg, str]] = {
    "planned": (_("will be deleted"), "yellow"),
    "deleted": (_("deleted"), "green"),
    "gone": (_("already gone"), "green"),
    "failed": (_("NOT deleted"), "bold red"),
}


class CleanupScreen(ConsoleScreen):
    """The test contacts of one profile's journeys."""

    NAME = _("Cleanup")

    PURPOSE = _(
        "Every address a journey created is in the ledger. d deletes them at the provider for "
        "real (after a confirmation): unsubscribing would leave blacklist entries that break the "
        "next re-subscribe journey. Nothing outside the ledger is touched."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        bind("d", "delete", _("Delete"), id="cleanup.delete"),
        bind("escape", "app.pop_screen", _("Back"), id="cleanup.back"),
    ]

    def __init__(self, profile: Profile) -> None:
        super().__init__()
        self.profile = profile
        self.items: list[CleanupItem] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="cleanup"):
            title = self.t(_("Cleanup: {profile}", profile=self.profile.title))
            yield Static(RichText(title, style="bold"))
            yield DataTable(id="cleanup-list", cursor_type="row", zebra_stripes=True)
            yield Static("", id="cleanup-result")
        yield ConsoleFooter()

    def on_mount(self) -> None:
        table = self.query_one("#cleanup-list", DataTable)
        table.add_column(self.t(_("Test address")), key="address")
        table.add_column(self.t(_("Where")), key="where")
        table.add_column(self.t(_("Run")), key="run")
        table.add_column(self.t(_("Outcome")), key="outcome")
        self.load(dry_run=True)

    @work(exclusive=True, group="cleanup", exit_on_error=False)
    async def load(self, *, dry_run: bool) -> None:
        """List the ledger (dry run), or delete for real."""
        items = await clean_up(self.profile, self.services, dry_run=dry_run)
        self.post_message(CleanupDone(items) if not dry_run else CleanupItems(items))

    @on(CleanupItems)
    def _listed(self, message: CleanupItems) -> None:
        self._show(message.items)
        self.query_one("#cleanup-result", Static).update(
            self.t(
                _n(
                    "{count} test contact will be deleted when you press d.",
                    "{count} test contacts will be deleted when you press d.",
                    len(message.items),
                )
                if message.items
                else _("No test contacts to clean up.")
            )
        )

    @on(CleanupDone)
    def _done(self, message: CleanupDone) -> None:
        self._show(message.items)
        failed = sum(1 for i in message.items if i.outcome == "failed")
        text = (
            _n(
                "{count} address could not be deleted; it stays in the ledger for the next try.",
                "{count} addresses could not be deleted; they stay in the ledger for the next try.",
                failed,
            )
            if failed
            else _("Every test contact is gone.")
        )
        style = "bold red" if failed else "green"
        self.query_one("#cleanup-result", Static).update(RichText(self.t(text), style=style))

    def _show(self, items: list[CleanupItem]) -> None:
        self.items = items
        table = self.query_one("#cleanup-list", DataTable)
        table.clear()
        for item in items:
            label, style = OUTCOME[item.outcome]
            outcome = self.t(label) + (f" ({self.t(item.reason)})" if item.reason else "")
            table.add_row(
                item.entry.address,
                ", ".join(item.entry.places),
                item.entry.run_id,
                RichText(outcome, style=style),
            )

    def action_delete(self) -> None:
        """Delete the listed test contacts at the provider (after a confirmation)."""
        if not self.items:
            return
        from nlconsole.ui.screens.confirm import ConfirmScreen

        question = _n(
            "Delete {count} test contact at the provider for real?",
            "Delete {count} test contacts at the provider for real?",
            len(self.items),
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self.load(dry_run=False)

        self.app.push_screen(ConfirmScreen(question), answered)

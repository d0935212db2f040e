"""Asks the tester once for their own mailbox: journeys derive their tagged test addresses from
it (`anna@verlag.de` → `anna+nlc-m1-7k3q@verlag.de`), so DOI mails reach a real person."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from nlconsole.core.journeys.addresses import check_mailbox
from nlconsole.errors import UsageError
from nlconsole.i18n import _
from nlconsole.ui.bindings import bind
from nlconsole.ui.screens.base import ConsoleModal
from nlconsole.ui.widgets.footer import ConsoleFooter


class MailboxScreen(ConsoleModal["str | None"]):
    """Dismisses with the checked mailbox (Enter or ctrl+s) or None (Escape)."""

    NAME = _("Test mailbox")

    PURPOSE = _(
        "Journeys send their test sign-ups to tagged addresses of your own mailbox, so the "
        "DOI mails reach you. The mailbox is kept in the profile; change it with m on the "
        "journeys screen or with: nlconsole profiles edit NAME --test-mailbox ADDRESS"
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        bind("ctrl+s", "save", _("Save"), id="mailbox.save"),
        bind("escape", "cancel", _("Cancel"), id="mailbox.cancel"),
    ]

    def __init__(self, current: str | None) -> None:
        super().__init__()
        self.current = current or ""

    def compose(self) -> ComposeResult:
        with Vertical(id="mailbox"):
            yield Static(RichText(self.t(_("Your test mailbox")), style="bold"))
            yield Static(
                self.t(
                    _(
                        "Test addresses derive from it: anna@verlag.de becomes "
                        "anna+nlc-m1-7k3q@verlag.de. The domain must accept '+' addresses."
                    )
                ),
                markup=False,
            )
            yield Input(
                value=self.current,
                placeholder=self.t(_("e.g. anna@verlag.de")),
                id="mailbox-input",
            )
            yield Static("", id="mailbox-problem", markup=False)
        yield ConsoleFooter()

    def on_mount(self) -> None:
        self.query_one("#mailbox-input", Input).focus()

    def _checked(self) -> str | None:
        """The mailbox as typed, checked; shows why when it cannot carry test addresses."""
        problem = self.query_one("#mailbox-problem", Static)
        try:
            mailbox = check_mailbox(self.query_one("#mailbox-input", Input).value)
        except UsageError as error:
            problem.update(f"{self.t(error.message)} {self.t(error.remediation)}".strip())
            return None
        problem.update("")
        return mailbox

    @on(Input.Submitted, "#mailbox-input")
    def action_save(self) -> None:
        """Keep the mailbox when it can carry test addresses."""
        mailbox = self._checked()
        if mailbox is not None:
            self.dismiss(mailbox)

    def action_cancel(self) -> None:
        """Leave without a mailbox."""
        self.dismiss(None)

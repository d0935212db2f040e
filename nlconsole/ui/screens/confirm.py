"""Yes/no confirmation before anything destructive."""

from __future__ import annotations

from typing import ClassVar

from rich.markup import escape
from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from nlconsole.i18n import Text, _
from nlconsole.ui.bindings import bind
from nlconsole.ui.screens.base import ConsoleModal
from nlconsole.ui.widgets.footer import ConsoleFooter


class ConfirmScreen(ConsoleModal[bool]):
    """Dismisses with True (y) or False (n, Escape). 'No' has the focus, unless the question
    offers a next step (`offer=True`): then 'Yes' has it and nothing is red."""

    NAME = _("Confirmation")

    BINDINGS: ClassVar[list[BindingType]] = [
        bind("y,j", "answer(True)", _("Yes"), id="confirm.yes"),
        bind("n,escape", "answer(False)", _("No"), id="confirm.no"),
    ]

    def __init__(self, question: Text, *, offer: bool = False) -> None:
        super().__init__()
        self.question = question
        self.offer = offer

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(RichText(self.t(self.question)))
            with Horizontal(id="confirm-buttons"):
                yield Button(
                    escape(self.t(_("Yes [y]"))),
                    id="yes",
                    variant="primary" if self.offer else "error",
                )
                yield Button(
                    escape(self.t(_("No [n]"))),
                    id="no",
                    variant="default" if self.offer else "primary",
                )
        yield ConsoleFooter()

    def on_mount(self) -> None:
        self.query_one("#yes" if self.offer else "#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        """Answer the question."""
        self.dismiss(yes)

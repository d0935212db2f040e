"""The status panel, like `gh auth status`: the same lines as `nlconsole status`."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text as RichText
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from nlconsole.i18n import _
from nlconsole.ui.bindings import bind
from nlconsole.ui.messages import StatusCollected
from nlconsole.ui.screens.base import ConsoleScreen
from nlconsole.ui.widgets.footer import ConsoleFooter


class StatusScreen(ConsoleScreen):
    """Config dir, keyring, and per profile: stored secrets (masked), last check, checklist."""

    NAME = _("Status")

    PURPOSE = _(
        "Where the console keeps things and how each profile stands: which secrets are stored "
        "(the last characters only, to recognise a key), the last check and its age, and the "
        "checklist progress. The same as 'nlconsole status'."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        bind("escape,q", "app.pop_screen", _("Back"), id="status.back"),
        bind("r", "refresh_status", _("Refresh"), id="status.refresh"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="status"):
            yield Static(self.t(_("Reading the status …")), id="status-text")
        yield ConsoleFooter()

    def on_mount(self) -> None:
        self.collect()

    @work(thread=True, exclusive=True, group="status", exit_on_error=False)
    def collect(self) -> None:
        """Read profiles and the keyring (blocking) off the event loop."""
        from nlconsole.core.status import collect_status

        self.post_message(StatusCollected(collect_status(self.services)))

    @on(StatusCollected)
    def _show(self, message: StatusCollected) -> None:
        from nlconsole.core.status import status_lines

        text = "\n".join(self.t(line) for line in status_lines(message.status))
        self.query_one("#status-text", Static).update(RichText(text))

    def action_refresh_status(self) -> None:
        """Read the status again."""
        self.collect()

"""Import a customer's password-protected hand-over zip into the keyring, from the console.

The zip is read and decrypted in memory in a thread worker; the dialog shows which fields it
found and in which form (never a value), and stores them only when confirmed. Dismisses with
True when something was stored, so the credentials screen reloads its status.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from rich.markup import escape
from rich.text import Text as RichText
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Static
from textual.worker import Worker

from nlconsole.core.handover import Handover, inspect_zip, open_sealed, store_handover
from nlconsole.core.kit import kit_for
from nlconsole.core.models import Profile
from nlconsole.i18n import Msg, _, joined
from nlconsole.ui.bindings import bind
from nlconsole.ui.messages import HandoverRead, HandoverStored
from nlconsole.ui.screens.base import ConsoleModal


class HandoverImportScreen(ConsoleModal[bool]):
    """Path, password, what was found, then store."""

    NAME = _("Import hand-over")

    DEFAULT_CSS = """
    HandoverImportScreen { align: center middle; }
    #handover { width: 80; max-width: 100%; height: auto; padding: 1 2; border: round $primary;
                background: $surface; }
    #handover Input, #handover Checkbox { margin-bottom: 1; }
    #handover-found { height: auto; margin-bottom: 1; }
    #handover-buttons { height: auto; }
    #handover-buttons Button { margin-right: 2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        bind("escape", "close", _("Cancel"), id="handover.cancel"),
    ]

    def __init__(self, profile: Profile) -> None:
        super().__init__()
        self.profile = profile
        self.kit = kit_for(profile)
        self.handover: Handover | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="handover"):
            yield Static(
                RichText(
                    self.t(
                        _(
                            "Import hand-over: {profile} ({provider})",
                            profile=self.profile.title,
                            provider=self.kit.title,
                        )
                    ),
                    style="bold",
                )
            )
            yield Static(
                RichText(
                    self.t(
                        _(
                            "The zip is read in memory only; nothing of it is written to disk. "
                            "Values are never shown."
                        )
                    )
                ),
                classes="note",
            )
            yield Input(placeholder=self.t(_("path of the .zip")), id="handover-path")
            yield Input(
                password=True, placeholder=self.t(_("zip password")), id="handover-password"
            )
            yield Checkbox(self.t(_("accept a zip without a password")), id="handover-unencrypted")
            yield Static("", id="handover-found")
            with Horizontal(id="handover-buttons"):
                yield Button(escape(self.t(_("Read zip"))), id="read", variant="primary")
                yield Button(escape(self.t(_("Store"))), id="store", disabled=True)
                yield Button(escape(self.t(_("Cancel [esc]"))), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#handover-path", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#read")
    def action_read(self) -> None:
        """Read the zip with the typed password (in a thread: decrypting takes a moment)."""
        path = self.query_one("#handover-path", Input).value.strip()
        if not path:
            self.notify(self.t(_("Enter the path of the .zip.")), severity="warning")
            return
        self._forget()
        password = self.query_one("#handover-password", Input).value
        allow = self.query_one("#handover-unencrypted", Checkbox).value
        self.read_zip(Path(path).expanduser(), password, allow)

    @work(thread=True, exclusive=True, group="handover", exit_on_error=False)
    def read_zip(self, path: Path, password: str, allow_unencrypted: bool) -> None:
        """Inspect, decrypt and parse in memory; raises HandoverError for bad input."""
        sealed = inspect_zip(path, allow_unencrypted=allow_unencrypted)
        self.post_message(HandoverRead(open_sealed(sealed, path, self.kit, password or None)))

    @on(HandoverRead)
    def _read(self, message: HandoverRead) -> None:
        self.handover = message.handover
        self.query_one("#handover-password", Input).value = ""
        lines: list[Msg] = [
            _("{field}: {form}", field=item.field.name, form=item.parsed.form)
            for item in message.handover.fields
        ]
        warnings = [
            *message.handover.warnings,
            *(w for item in message.handover.fields for w in item.parsed.warnings),
        ]
        text = RichText(self.t(_("Found:")), style="bold")
        for line in lines:
            text.append("\n" + self.t(line), style="green")
        for warning in warnings:
            text.append("\n" + self.t(warning), style="yellow")
        self.query_one("#handover-found", Static).update(text)
        store = self.query_one("#store", Button)
        store.disabled = False
        store.variant = "primary"
        store.focus()

    @on(Button.Pressed, "#store")
    def action_store(self) -> None:
        """Store what was found (confirmed by pressing this button)."""
        if self.handover is not None:
            self.store(self.handover)

    @work(thread=True, exclusive=True, group="handover", exit_on_error=False)
    def store(self, handover: Handover) -> None:
        """Write to the keyring off the event loop."""
        self.post_message(
            HandoverStored(store_handover(self.services.secrets, self.profile.name, handover))
        )

    @on(HandoverStored)
    def _stored(self, message: HandoverStored) -> None:
        self._forget()
        self.app.notify(
            self.t(
                _(
                    "Stored {fields} in {backend}",
                    fields=joined(message.names),
                    backend=self.services.secrets.backend_name,
                )
            ),
            markup=False,
        )
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_close(self) -> None:
        """Leave without storing anything."""
        self._forget()
        self.dismiss(False)

    def worker_failed(self, worker: Worker[Any], error: BaseException) -> None:
        self._forget()

    def _forget(self) -> None:
        """Drop what was read: nothing is stored without a fresh read and confirmation."""
        self.handover = None
        if self.is_mounted:
            self.query_one("#handover-found", Static).update("")
            self.query_one("#store", Button).disabled = True

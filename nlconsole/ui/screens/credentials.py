"""Enter a profile's secrets: masked, paste-tolerant, validated while typing, saved to the
keyring in a thread worker, never echoed back."""

from __future__ import annotations

from typing import ClassVar

from rich.markup import escape
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Footer, Header, Input, Static

from nlconsole.core.credentials import CredentialError, ParsedSecret, parse_secret
from nlconsole.core.models import Profile
from nlconsole.core.secrets import SECRET_FIELDS, SecretField
from nlconsole.ui.screens.base import ConsoleScreen


class SecretStatus(Message):
    """Which secrets are stored (never their values)."""

    def __init__(self, present: dict[str, bool]) -> None:
        super().__init__()
        self.present = present


class CredentialsScreen(ConsoleScreen):
    """The secret fields of one profile."""

    HELP = (
        "Paste each value as you got it: a Maileon key raw or as the Base64 text after "
        "'Authorization: Basic' (with or without that prefix); a Newsletter2Go auth key as "
        "'<client id>:<secret>'. Fields left empty keep what is stored. Values go to the "
        "keyring only; they are never shown after saving."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="credentials.save"),
        Binding("ctrl+r", "toggle_reveal", "Show/hide", id="credentials.reveal"),
        Binding("escape", "app.pop_screen", "Back", id="credentials.back"),
    ]

    def __init__(self, profile: Profile) -> None:
        super().__init__()
        self.profile = profile
        self.fields: tuple[SecretField, ...] = SECRET_FIELDS[profile.provider]
        self.revealed = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="credentials"):
            yield Static(
                Text(
                    f"{self.t('credentials')}: {self.profile.title} "
                    f"({self.profile.provider.value})",
                    style="bold",
                )
            )
            for field in self.fields:
                with Vertical(classes="secret-field"):
                    optional = "" if field.required else " (optional)"
                    yield Static(Text(f"{field.label}{optional} — {field.help}"))
                    with Horizontal(classes="secret-row"):
                        yield Input(password=True, id=f"secret-{field.name}", placeholder="…")
                        yield Static("", id=f"status-{field.name}", classes="secret-status")
                    yield Static("", id=f"note-{field.name}", classes="note")
            with Horizontal(id="credentials-buttons"):
                yield Button(escape(f"{self.t('save')} [ctrl+s]"), id="save", variant="primary")
                yield Button(escape(f"{self.t('show')}/{self.t('hide')} [ctrl+r]"), id="reveal")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(f"#secret-{self.fields[0].name}", Input).focus()
        self.load_status()

    @work(thread=True, exclusive=True, group="secrets", exit_on_error=False)
    def load_status(self) -> None:
        """Ask the keyring which secrets exist (a blocking call, so in a thread)."""
        try:
            present = {
                f.name: self.services.secrets.get(self.profile.name, f.name) is not None
                for f in self.fields
            }
        except Exception as exc:
            self.app.call_from_thread(self.show_problem, exc)
            return
        self.post_message(SecretStatus(present))

    @on(SecretStatus)
    def _status(self, message: SecretStatus) -> None:
        for name, present in message.present.items():
            status = self.query_one(f"#status-{name}", Static)
            status.update(
                Text(
                    self.t("stored") if present else self.t("missing"),
                    style="green" if present else "yellow",
                )
            )
            self.query_one(f"#secret-{name}", Input).placeholder = (
                "stored: type or paste to replace" if present else "type or paste"
            )

    @on(Input.Changed)
    def _validate(self, event: Input.Changed) -> None:
        if event.input.id is None or not event.input.id.startswith("secret-"):
            return
        name = event.input.id.removeprefix("secret-")
        note = self.query_one(f"#note-{name}", Static)
        if not event.value:
            note.update("")
            return
        parsed = self._parse(name, event.value)
        if isinstance(parsed, CredentialError):
            note.update(Text(parsed.message, style="red"))
        else:
            warnings = " ".join(parsed.warnings)
            note.update(
                Text(
                    f"recognised: {parsed.form}" + (f" · {warnings}" if warnings else ""),
                    style="yellow" if warnings else "green",
                )
            )

    def _parse(self, name: str, value: str) -> ParsedSecret | CredentialError:
        try:
            return parse_secret(self.profile.provider, name, value)
        except CredentialError as exc:
            return exc

    @on(Button.Pressed, "#reveal")
    def action_toggle_reveal(self) -> None:
        """Show or mask what was typed (values of stored secrets are never shown)."""
        self.revealed = not self.revealed
        for field in self.fields:
            self.query_one(f"#secret-{field.name}", Input).password = not self.revealed

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Check every filled field, then store them all or nothing."""
        parsed: dict[str, ParsedSecret] = {}
        for field in self.fields:
            value = self.query_one(f"#secret-{field.name}", Input).value
            if not value:
                continue
            result = self._parse(field.name, value)
            if isinstance(result, CredentialError):
                self.notify(f"{field.label}: {result.message}", severity="error", markup=False)
                return
            parsed[field.name] = result
        if not parsed:
            self.notify("Nothing to save: all fields are empty.", severity="warning")
            return
        self.store(parsed)

    @work(thread=True, exclusive=True, group="secrets", exit_on_error=False)
    def store(self, parsed: dict[str, ParsedSecret]) -> None:
        """Write to the keyring off the event loop."""
        try:
            for name, secret in parsed.items():
                self.services.secrets.set(self.profile.name, name, secret.value)
        except Exception as exc:
            self.app.call_from_thread(self.show_problem, exc)
            return
        self.app.call_from_thread(self._saved, sorted(parsed))

    def _saved(self, names: list[str]) -> None:
        for name in names:
            self.query_one(f"#secret-{name}", Input).value = ""
            self.query_one(f"#note-{name}", Static).update("")
        self.notify(
            f"Stored {', '.join(names)} in {self.services.secrets.backend_name}", markup=False
        )
        self.load_status()

"""Enter a profile's secrets: masked, paste-tolerant, validated while typing, saved to the
keyring in a thread worker, never echoed back."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.markup import escape
from rich.text import Text as RichText
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Header, Input, Static

from nlconsole.core.credentials import CredentialError, ParsedSecret
from nlconsole.core.kit import SecretField, kit_for
from nlconsole.core.models import Profile
from nlconsole.i18n import _, joined
from nlconsole.ui.bindings import bind
from nlconsole.ui.messages import SecretsSaved, SecretStatus
from nlconsole.ui.screens.base import ConsoleScreen
from nlconsole.ui.widgets.footer import ConsoleFooter


class CredentialsScreen(ConsoleScreen):
    """The secret fields of one profile."""

    NAME = _("Credentials")

    PURPOSE = _(
        "Paste each value as you got it: a Maileon key raw or as the Base64 text after "
        "'Authorization: Basic' (with or without that prefix); a Newsletter2Go auth key as "
        "'<client id>:<secret>'. Fields left empty keep what is stored. Values go to the keyring "
        "only; they are never shown after saving."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        bind("ctrl+s", "save", _("Save"), id="credentials.save"),
        bind("ctrl+r", "toggle_reveal", _("Show/hide"), id="credentials.reveal"),
        bind("ctrl+o", "import_handover", _("Import hand-over…"), id="credentials.handover"),
        bind("c", "check", _("Check"), id="credentials.check"),
        bind("escape", "back", _("Back"), id="credentials.back"),
    ]

    def __init__(self, profile: Profile) -> None:
        super().__init__()
        self.profile = profile
        self.kit = kit_for(profile)
        self.fields: tuple[SecretField, ...] = self.kit.secret_fields
        self.revealed = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="credentials"):
            yield Static(
                RichText(
                    self.t(
                        _(
                            "Credentials: {profile} ({provider})",
                            profile=self.profile.title,
                            provider=self.kit.title,
                        )
                    ),
                    style="bold",
                )
            )
            for field in self.fields:
                with Vertical(classes="secret-field"):
                    label = (
                        _("{label} — {help}", label=field.label, help=field.help)
                        if field.required
                        else _("{label} (optional) — {help}", label=field.label, help=field.help)
                    )
                    yield Static(RichText(self.t(label)))
                    with Horizontal(classes="secret-row"):
                        yield Input(
                            password=not field.shown, id=f"secret-{field.name}", placeholder="…"
                        )
                        yield Static("", id=f"status-{field.name}", classes="secret-status")
                    yield Static("", id=f"note-{field.name}", classes="note")
            with Horizontal(id="credentials-buttons"):
                yield Button(escape(self.t(_("Save [ctrl+s]"))), id="save", variant="primary")
                yield Button(escape(self.t(_("Show/hide [ctrl+r]"))), id="reveal")
        yield ConsoleFooter()

    def on_mount(self) -> None:
        self.query_one(f"#secret-{self.fields[0].name}", Input).focus()
        self.load_status()

    @work(thread=True, exclusive=True, group="secrets", exit_on_error=False)
    def load_status(self) -> None:
        """Ask the keyring which secrets exist (a blocking call, so in a thread)."""
        store = self.services.secrets
        self.post_message(
            SecretStatus(
                {f.name: store.get(self.profile.name, f.name) is not None for f in self.fields}
            )
        )

    @on(SecretStatus)
    def _status(self, message: SecretStatus) -> None:
        for name, present in message.present.items():
            status = self.query_one(f"#status-{name}", Static)
            status.update(
                RichText(
                    self.t(_("stored") if present else _("missing")),
                    style="green" if present else "yellow",
                )
            )
            self.query_one(f"#secret-{name}", Input).placeholder = self.t(
                _("stored: type or paste to replace") if present else _("type or paste")
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
            note.update(RichText(self.t(parsed.message), style="red"))
            return
        text = _("recognised: {form}", form=parsed.form)
        if parsed.warnings:
            text = _("{text} · {warnings}", text=text, warnings=joined(parsed.warnings, " "))
        note.update(RichText(self.t(text), style="yellow" if parsed.warnings else "green"))

    def _parse(self, name: str, value: str) -> ParsedSecret | CredentialError:
        field = next(f for f in self.fields if f.name == name)
        try:
            return field.parse(value)
        except CredentialError as exc:
            return exc

    def action_import_handover(self) -> None:
        """Open the hand-over import; reload the status once it stored something."""
        from nlconsole.ui.screens.handover import HandoverImportScreen

        def done(stored: bool | None) -> None:
            if stored:
                self.load_status()

        self.app.push_screen(HandoverImportScreen(self.profile), done)

    @on(Button.Pressed, "#reveal")
    def action_toggle_reveal(self) -> None:
        """Show or mask what was typed (values of stored secrets are never shown)."""
        self.revealed = not self.revealed
        for field in self.fields:
            if not field.shown:
                self.query_one(f"#secret-{field.name}", Input).password = not self.revealed

    def action_back(self) -> None:
        """Back to the list; ask first when a typed or pasted value would be lost."""
        self._leave(self.app.pop_screen)

    def _leave(self, then: Callable[[], object]) -> None:
        typed = any(self.query_one(f"#secret-{f.name}", Input).value for f in self.fields)
        if not typed:
            then()
            return
        from nlconsole.ui.screens.confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                then()

        question = _("Discard the values you typed? They were not saved.")
        self.app.push_screen(ConfirmScreen(question), answered)

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
                self.notify(
                    self.t(_("{label}: {problem}", label=field.label, problem=result.message)),
                    severity="error",
                    markup=False,
                )
                return
            parsed[field.name] = result
        if not parsed:
            self.notify(self.t(_("Nothing to save: all fields are empty.")), severity="warning")
            return
        self.store(parsed)

    @work(thread=True, exclusive=True, group="secrets", exit_on_error=False)
    def store(self, parsed: dict[str, ParsedSecret]) -> None:
        """Write to the keyring off the event loop."""
        for name, secret in parsed.items():
            self.services.secrets.set(self.profile.name, name, secret.value)
        self.post_message(SecretsSaved(sorted(parsed)))

    @on(SecretsSaved)
    def _saved(self, message: SecretsSaved) -> None:
        for name in message.names:
            self.query_one(f"#secret-{name}", Input).value = ""
            self.query_one(f"#note-{name}", Static).update("")
        self.notify(
            self.t(
                _(
                    "Stored {fields} in {backend}",
                    fields=joined(message.names),
                    backend=self.services.secrets.backend_name,
                )
            ),
            markup=False,
        )
        self.load_status()
        self._offer_check()

    def _offer_check(self) -> None:
        """The guided path: stored credentials are one key away from the check."""
        from nlconsole.ui.screens.confirm import ConfirmScreen

        def answered(run: bool | None) -> None:
            if run:
                self.action_check()

        question = _("Run the connectivity check of '{profile}' now?", profile=self.profile.name)
        self.app.push_screen(ConfirmScreen(question, offer=True), answered)

    def action_check(self) -> None:
        """Run the check with what is stored (Esc there returns to the profile list)."""
        from nlconsole.ui.screens.check import CheckScreen

        self._leave(lambda: self.app.switch_screen(CheckScreen(self.profile)))

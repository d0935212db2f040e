"""Create or edit a profile, with the provider's settings, validated inline."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from pydantic import ValidationError
from rich.markup import escape
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, Switch

from nlconsole.core.credentials import CredentialError, parse_expiry
from nlconsole.core.i18n import Language, label
from nlconsole.core.models import Environment, Profile, ProviderKind
from nlconsole.providers.endpoints import DEFAULT_BASE_URLS


class ProfileFormScreen(ModalScreen[Profile | None]):
    """Dismisses with the new or changed profile, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="form.save"),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
    ]
    HELP = "Name, provider and environment of a customer interface; secrets come separately."

    def __init__(self, profile: Profile | None, taken: set[str]) -> None:
        super().__init__()
        self.profile = profile
        self.taken = taken - ({profile.name} if profile else set())

    def _language(self) -> Language:
        return getattr(self.app, "language", "en")

    def compose(self) -> ComposeResult:
        p = self.profile
        maileon = p.maileon if p else None
        n2g = p.newsletter2go if p else None
        title = label("edit_profile" if p else "new_profile", self._language())
        with Vertical(id="form"):
            yield Static(Text(title, style="bold"))
            with VerticalScroll():
                yield Label("Name (a-z, 0-9, -, _)")
                yield Input(
                    p.name if p else "",
                    id="name",
                    disabled=p is not None,
                    placeholder="acme-maileon",
                )
                yield Label(label("provider", self._language()))
                yield Select(
                    [
                        ("Maileon (cmxOrganize)", "maileon"),
                        ("Newsletter2Go (PEIQ PORTAL)", "newsletter2go"),
                    ],
                    value=p.provider.value if p else "maileon",
                    id="provider",
                    allow_blank=False,
                    disabled=p is not None,
                )
                yield Label(label("environment", self._language()))
                yield Select(
                    [(e.value, e.value) for e in Environment],
                    value=p.environment.value if p else "production",
                    id="environment",
                    allow_blank=False,
                )
                yield Label(label("display_name", self._language()))
                yield Input(
                    p.display_name or "" if p else "",
                    id="display_name",
                    placeholder="ACME Bildung e.V.",
                )
                yield Label(label("base_url", self._language()))
                yield Input(p.base_url if p else "", id="base_url")
                with Vertical(id="maileon-fields"):
                    yield Label("Key label ('Bezeichnung')")
                    yield Input(maileon.key_label or "" if maileon else "", id="key_label")
                    yield Label("Key expiry ('Gültigkeit', YYYY-MM-DD or DD.MM.YYYY)")
                    yield Input(
                        maileon.key_expires.isoformat() if maileon and maileon.key_expires else "",
                        id="key_expires",
                    )
                    yield Static("", id="key_expires-note", classes="note")
                    with Horizontal(classes="switch-row"):
                        yield Switch(
                            maileon.single_user_tracking if maileon else False,
                            id="single_user_tracking",
                        )
                        yield Label("Einzelnutzertracking offered (DOI+)")
                with Vertical(id="n2g-fields"):
                    yield Label("Portal newsletters (comma-separated; one address book each)")
                    yield Input(", ".join(n2g.newsletters) if n2g else "", id="newsletters")
                    with Horizontal(classes="switch-row"):
                        yield Switch(
                            n2g.developer_mode_confirmed if n2g else False, id="developer_mode"
                        )
                        yield Label("Developer mode confirmed on (Entwicklermodus)")
            yield Static("", id="form-error", classes="error")
            with Horizontal(id="form-buttons"):
                save, cancel = label("save", self._language()), label("cancel", self._language())
                yield Button(escape(f"{save} [ctrl+s]"), id="save", variant="primary")
                yield Button(escape(f"{cancel} [esc]"), id="cancel")

    def on_mount(self) -> None:
        self._show_provider_fields()
        self.query_one("#name" if self.profile is None else "#display_name", Input).focus()

    @on(Select.Changed, "#provider")
    def _show_provider_fields(self) -> None:
        provider = self.query_one("#provider", Select).value
        self.query_one("#maileon-fields").display = provider == "maileon"
        self.query_one("#n2g-fields").display = provider == "newsletter2go"
        base_url = self.query_one("#base_url", Input)
        base_url.placeholder = DEFAULT_BASE_URLS.get(str(provider), "")

    @on(Input.Changed, "#key_expires")
    def _check_expiry(self, event: Input.Changed) -> None:
        note = self.query_one("#key_expires-note", Static)
        if not event.value.strip():
            note.update("")
            return
        try:
            parsed = parse_expiry(event.value, date.today())
        except CredentialError as exc:
            note.update(Text(exc.message, style="red"))
            return
        note.update(
            Text(
                " ".join(parsed.warnings) or f"OK: {parsed.value.isoformat()}",
                style="yellow" if parsed.warnings else "green",
            )
        )

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Validate and dismiss with the profile."""
        error = self.query_one("#form-error", Static)
        try:
            profile = self._build()
        except (ValueError, CredentialError) as exc:
            message = exc.message if isinstance(exc, CredentialError) else str(exc)
            error.update(Text(message, style="red"))
            return
        self.dismiss(profile)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value.strip()

    def _build(self) -> Profile:
        name = self._value("name")
        if self.profile is None and name in self.taken:
            raise ValueError(f"a profile named '{name}' already exists")
        provider = ProviderKind(str(self.query_one("#provider", Select).value))
        data: dict[str, Any] = (
            self.profile.model_dump() if self.profile else {"name": name, "provider": provider}
        )
        data["environment"] = str(self.query_one("#environment", Select).value)
        data["display_name"] = self._value("display_name") or None
        data["base_url"] = self._value("base_url") or DEFAULT_BASE_URLS[provider.value]
        if provider is ProviderKind.MAILEON:
            expiry_text = self._value("key_expires")
            settings = dict(data.get("maileon") or {})
            settings["key_label"] = self._value("key_label") or None
            settings["key_expires"] = (
                parse_expiry(expiry_text, date.today()).value if expiry_text else None
            )
            settings["single_user_tracking"] = self.query_one("#single_user_tracking", Switch).value
            data["maileon"] = settings
        else:
            names = [n.strip() for n in self._value("newsletters").split(",") if n.strip()]
            if len(set(names)) != len(names):
                raise ValueError("a newsletter is named twice")
            settings = dict(data.get("newsletter2go") or {})
            settings["newsletters"] = names
            settings["developer_mode_confirmed"] = self.query_one("#developer_mode", Switch).value
            data["newsletter2go"] = settings
        try:
            return Profile.model_validate(data)
        except ValidationError as exc:
            raise ValueError(
                "; ".join(
                    f"{'.'.join(str(x) for x in err['loc'])}: "
                    + str(err["msg"]).removeprefix("Value error, ")
                    for err in exc.errors()
                )
            ) from None

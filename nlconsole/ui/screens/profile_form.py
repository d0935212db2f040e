"""Create or edit a profile. The provider's settings are built from its kit's description, so
the form offers every setting the CLI does, validated by the same code."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.markup import escape
from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, SelectionList, Static, Switch

from nlconsole.core.credentials import CredentialError, parse_expiry
from nlconsole.core.kit import SettingField, all_kits, describe_provider, kit_for
from nlconsole.core.models import Environment, Profile
from nlconsole.core.settings import ProfileDraft
from nlconsole.errors import NLConsoleError
from nlconsole.i18n import _
from nlconsole.ui.bindings import bind
from nlconsole.ui.screens.base import ConsoleModal
from nlconsole.ui.widgets.footer import ConsoleFooter


class ProfileFormScreen(ConsoleModal["ProfileDraft | None"]):
    """Dismisses with what to save (a new profile, or the changed fields), or None."""

    NAME = _("Profile form")

    BINDINGS: ClassVar[list[BindingType]] = [
        bind("ctrl+s", "save", _("Save"), id="form.save"),
        bind("escape", "cancel", _("Cancel"), id="form.cancel"),
    ]
    PURPOSE = _("Name, provider and environment of a customer interface; secrets come separately.")

    def __init__(self, profile: Profile | None, taken: set[str]) -> None:
        super().__init__()
        self.profile = profile
        self.taken = taken - ({profile.name} if profile else set())

    def compose(self) -> ComposeResult:
        p = self.profile
        t = self.t
        with Vertical(id="form"):
            yield Static(RichText(t(_("Edit profile") if p else _("New profile")), style="bold"))
            with VerticalScroll(id="form-fields"):
                yield Label(t(_("Name (a-z, 0-9, -, _)")))
                yield Input(
                    p.name if p else "",
                    id="name",
                    disabled=p is not None,
                    placeholder="acme-maileon",
                )
                yield Label(t(_("Provider")))
                yield Select(
                    [(str(describe_provider(kit)), kit.kind.value) for kit in all_kits()],
                    value=p.provider.value if p else all_kits()[0].kind.value,
                    id="provider",
                    allow_blank=False,
                    disabled=p is not None,
                )
                yield Label(t(_("Environment")))
                yield Select(
                    [(e.value, e.value) for e in Environment],
                    value=p.environment.value if p else Environment.PRODUCTION.value,
                    id="environment",
                    allow_blank=False,
                )
                yield Label(t(_("Display name")))
                yield Input(
                    (p.display_name or "") if p else "",
                    id="display_name",
                    placeholder="ACME Bildung e.V.",
                )
                # No max_length: it cut a pasted name without a word; the note says why instead.
                yield Static("", id="display_name-note", classes="note")
                yield Label(t(_("Base URL (empty: the provider's real API)")))
                yield Input(p.base_url if p else "", id="base_url")
                for kit in all_kits():
                    settings = getattr(p, kit.settings_key, None) if p else None
                    with Vertical(id=f"fields-{kit.kind.value}", classes="provider-fields"):
                        yield Static(
                            RichText(t(_("{provider} settings", provider=kit.title)), style="bold"),
                            classes="group-title",
                        )
                        for field in kit.setting_fields:
                            if field.kind == "field_map":
                                yield from self._field_map(field, settings)
                            else:
                                yield from self._field(field, getattr(settings, field.key, None))
            yield Static("", id="form-error", classes="error")
            with Horizontal(id="form-buttons"):
                yield Button(escape(t(_("Save [ctrl+s]"))), id="save", variant="primary")
                yield Button(escape(t(_("Cancel [esc]"))), id="cancel")
        yield ConsoleFooter()

    def _field(self, field: SettingField, value: Any) -> ComposeResult:
        widget_id = f"set-{field.key}"
        if field.kind == "bool":
            with Horizontal(classes="switch-row"):
                yield Switch(bool(value), id=widget_id)
                yield Label(self.t(field.label))
            return
        yield Label(self.t(field.label))
        if field.kind == "rights":
            chosen = set(value or [])
            yield SelectionList[str](
                *((choice, choice, choice in chosen) for choice in field.choices),
                id=widget_id,
                classes="rights",
            )
            return
        if field.kind == "names":
            text = ", ".join(value or [])
        elif field.kind == "date":
            text = value.isoformat() if value else ""
        else:
            text = value or ""
        yield Input(text, id=widget_id)
        if field.kind == "date":
            yield Static("", id=f"{widget_id}-note", classes="note")

    def _field_map(self, field: SettingField, settings: Any) -> ComposeResult:
        """Per role: the field's name and its type (an empty name: no field of its own)."""
        from nlconsole.core.field_map import role_values

        yield Label(self.t(field.label))
        values = role_values(field, settings)
        for role in field.roles:
            name, kind = values[role.role]
            widget_id = f"set-{field.key}-{role.role}"
            yield Label(self.t(role.label), classes="role-label")
            with Horizontal(classes="role-row"):
                yield Input(name, id=widget_id, placeholder=role.default_name, max_length=64)
                yield Select(
                    [(choice, choice) for choice in field.choices],
                    value=kind or role.default_type,
                    id=f"{widget_id}-type",
                    allow_blank=False,
                )
            yield Static("", id=f"{widget_id}-note", classes="note")

    def on_mount(self) -> None:
        for field in self.query(Input):
            # Tab into a field selected all of it, so typing to add to a list (", Kultur")
            # replaced it: the cursor goes to the end instead.
            field.select_on_focus = False
        self._show_provider_fields()
        self.query_one("#name" if self.profile is None else "#display_name", Input).focus()
        if self.profile is None and self._sandbox_url() is not None:
            # In the demo a new profile talks to the running sandbox unless told otherwise.
            self.query_one("#environment", Select).value = Environment.SANDBOX.value
            self._fill_sandbox_url()
        self._initial = self._entered()

    def _sandbox_url(self) -> str | None:
        """The running sandbox's URL for the chosen provider (demo only)."""
        environment = self.console.environment
        if environment is None:
            return None
        return environment.sandbox_base_url(str(self.query_one("#provider", Select).value))

    @on(Select.Changed, "#environment")
    @on(Select.Changed, "#provider")
    def _fill_sandbox_url(self) -> None:
        """Environment 'sandbox' fills in the running sandbox's URL (never over a typed one)."""
        url = self._sandbox_url()
        if url is None or self.query_one("#environment", Select).value != "sandbox":
            return
        field = self.query_one("#base_url", Input)
        environment = self.console.environment
        assert environment is not None
        replaceable = (
            {""}
            | {environment.sandbox_base_url(kit.kind.value) or "" for kit in all_kits()}
            | {kit.default_base_url for kit in all_kits()}
        )
        if field.value.strip() in replaceable:
            field.value = url

    def _entered(self) -> dict[str, object]:
        """What every field holds now (to tell whether Esc would lose anything)."""
        values: dict[str, object] = {}
        for widget in self.query("Input, Select, Switch, SelectionList"):
            if isinstance(widget, SelectionList):
                values[str(widget.id)] = sorted(str(v) for v in widget.selected)
            elif isinstance(widget, Input | Select | Switch):
                values[str(widget.id)] = widget.value
        return values

    @on(Select.Changed, "#provider")
    def _show_provider_fields(self) -> None:
        chosen = str(self.query_one("#provider", Select).value)
        for kit in all_kits():
            self.query_one(f"#fields-{kit.kind.value}").display = kit.kind.value == chosen
        self.query_one("#base_url", Input).placeholder = kit_for(chosen).default_base_url

    @on(Input.Changed, "#display_name")
    def _check_display_name(self, event: Input.Changed) -> None:
        from nlconsole.core.settings import check_display_name
        from nlconsole.errors import UsageError

        note = self.query_one("#display_name-note", Static)
        try:
            check_display_name(event.value)
        except UsageError as exc:
            note.update(RichText(self.t(exc.message), style="red"))
            return
        note.update("")

    @on(Input.Changed, "#set-key_expires")
    def _check_expiry(self, event: Input.Changed) -> None:
        note = self.query_one("#set-key_expires-note", Static)
        if not event.value.strip():
            note.update("")
            return
        try:
            parsed = parse_expiry(event.value, self.services.clock.today())
        except CredentialError as exc:
            note.update(RichText(self.t(exc.message), style="red"))
            return
        warnings = " ".join(self.t(w) for w in parsed.warnings)
        note.update(
            RichText(
                warnings or self.t(_("OK: {date}", date=parsed.value)),
                style="yellow" if warnings else "green",
            )
        )

    @on(Input.Changed, ".role-row Input")
    @on(Select.Changed, ".role-row Select")
    def _check_role_field(self, event: Input.Changed | Select.Changed) -> None:
        """A role's field name and type, checked against the provider's rules as typed."""
        from nlconsole.core.field_map import check_role_field

        widget_id = str(event.control.id).removesuffix("-type")
        for field in self._field_maps():
            for role in field.roles:
                if widget_id != f"set-{field.key}-{role.role}":
                    continue
                note = self.query_one(f"#{widget_id}-note", Static)
                name = self.query_one(f"#{widget_id}", Input).value
                kind = str(self.query_one(f"#{widget_id}-type", Select).value)
                try:
                    check_role_field(field, role.role, name, kind, role.label)
                except NLConsoleError as exc:
                    note.update(RichText(self.t(exc.message), style="red"))
                    return
                note.update("" if name.strip() else self.t(_("No field of its own (not written)")))

    def _field_maps(self) -> list[SettingField]:
        return [f for kit in all_kits() for f in kit.setting_fields if f.kind == "field_map"]

    def _role_entries(self, field: SettingField) -> dict[str, tuple[str, str]]:
        """Role → (name, type) as the form holds them now; ('', '') for no field."""
        entries: dict[str, tuple[str, str]] = {}
        for role in field.roles:
            widget_id = f"set-{field.key}-{role.role}"
            name = self.query_one(f"#{widget_id}", Input).value.strip()
            kind = str(self.query_one(f"#{widget_id}-type", Select).value)
            entries[role.role] = (name, kind) if name else ("", "")
        return entries

    def _field_map_edit(self, field: SettingField) -> Any:
        """The roles whose field the person changed (checked), or None when none changed."""
        from nlconsole.core.field_map import FieldMapEdit, check_role_field, role_values

        profile = self.profile
        settings = getattr(profile, kit_for(profile).settings_key) if profile else None
        before = role_values(field, settings)
        labels = {role.role: role.label for role in field.roles}
        changed = {
            role: check_role_field(field, role, name, kind or None, labels[role])
            for role, (name, kind) in self._role_entries(field).items()
            if (name, kind) != before[role]
        }
        return FieldMapEdit(field, changed) if changed else None

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Validate and dismiss with the profile."""
        try:
            profile = self._build()
        except NLConsoleError as exc:
            self.query_one("#form-error", Static).update(RichText(self.t(exc.message), style="red"))
            return
        self.dismiss(profile)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without saving; ask first when something was typed."""
        if self._entered() == self._initial:
            self.dismiss(None)
            return
        from nlconsole.ui.screens.confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen(_("Discard the changes to this profile?")), answered)

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value.strip()

    def _build(self) -> ProfileDraft:
        from nlconsole.core.endpoints import checked_base_url
        from nlconsole.core.settings import (
            ProfileDraft,
            changed_only,
            check_display_name,
            check_profile_name,
            parse_setting,
            validated,
        )
        from nlconsole.errors import UsageError

        provider = self.profile.provider.value if self.profile else None
        kit = kit_for(provider or str(self.query_one("#provider", Select).value))
        today = self.services.clock.today()
        changes = {
            field.key: parse_setting(field, self._raw(field), today)[0]
            for field in kit.setting_fields
            if field.kind != "field_map"
        }
        maps = {f.key: self._field_map_edit(f) for f in kit.setting_fields if f.kind == "field_map"}
        edits = {key: edit for key, edit in maps.items() if edit is not None}
        base = self.profile
        if base is None:
            name = check_profile_name(self._value("name"))
            # The file as it is now: the CLI may have created the name while the form was open.
            if name in self.taken or name in self.services.profiles.load().profiles:
                raise UsageError(_("a profile named '{name}' already exists", name=name))
            base = validated({"name": name, "provider": kit.kind.value})
        url = checked_base_url(self._value("base_url") or kit.default_base_url, _("Base URL"))
        common = {
            "environment": str(self.query_one("#environment", Select).value),
            "display_name": check_display_name(self._value("display_name")),
            "base_url": url,
        }
        draft = ProfileDraft(
            base.name, kit.kind.value, common, {**changes, **edits}, self.profile is None
        )
        draft.apply(base)  # validates the whole profile before the form closes
        if self.profile is None:
            return draft
        original = self.profile.model_dump()
        return ProfileDraft(
            base.name,
            kit.kind.value,
            changed_only(original, common),
            {**changed_only(original.get(kit.settings_key) or {}, changes), **edits},
            False,
        )

    def _raw(self, field: SettingField) -> Any:
        widget: Widget = self.query_one(f"#set-{field.key}")
        if isinstance(widget, Switch):
            return widget.value
        if isinstance(widget, SelectionList):
            return ",".join(str(v) for v in widget.selected)
        assert isinstance(widget, Input)
        return widget.value

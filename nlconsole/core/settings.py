"""Provider settings from people's input: one parser for the CLI flags and the console's form.

Both are built from the kits' `SettingField` descriptions, so a setting the CLI can set is one
the form can set too, validated the same way and with the same messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import ValidationError

from nlconsole.core.credentials import parse_expiry
from nlconsole.core.kit import SettingField, kit_for
from nlconsole.core.models import PROFILE_NAME_RE, Profile
from nlconsole.errors import UsageError
from nlconsole.i18n import Msg, _, _n, joined

DISPLAY_NAME_MAX = 80
NAME_MAX = 80
"""A newsletter name becomes an address book name; the portal shows it in forms."""
TEXT_MAX = 255
"""Maileon and Newsletter2Go keep such values in 255-character fields."""
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
"""Longer names push the profile list's other columns off the screen."""


def parse_names(values: Iterable[str], label: Msg) -> list[str]:
    """Names from a list of inputs (each may be comma-separated); duplicates are refused."""
    names = [part.strip() for value in values for part in value.split(",") if part.strip()]
    for name in names:
        if any(not ch.isprintable() for ch in name) or len(name) > NAME_MAX:
            raise UsageError(
                _(
                    "{label}: '{name}' is not a usable name (at most {max} printable characters)",
                    label=label,
                    name=name[:40],
                    max=NAME_MAX,
                )
            )
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise UsageError(_("{label}: named twice: {names}", label=label, names=joined(twice)))
    return names


def parse_choices(text: str, field: SettingField) -> list[str]:
    """Comma-separated rights, each one of the field's allowed values."""
    names = [part.strip().lower() for part in text.split(",") if part.strip()]
    unknown = [n for n in names if n not in field.choices]
    if unknown:
        raise UsageError(
            _n(
                "unknown right: {values}",
                "unknown rights: {values}",
                len(unknown),
                values=joined(unknown),
            ),
            _("Use any of: {choices}.", choices=joined(field.choices)),
        )
    return names


def parse_setting(field: SettingField, raw: Any, today: date) -> tuple[Any, tuple[Msg, ...]]:
    """The stored value of one setting from what a person entered, and any warnings.

    `raw` is text (or a list of texts for names, a bool for a switch). Raises UsageError or
    CredentialError with a message naming the setting.
    """
    if field.kind == "bool":
        if isinstance(raw, bool):
            return raw, ()
        return str(raw).strip().lower() in ("yes", "ja", "true", "1", "on"), ()
    if field.kind == "names":
        values = raw if isinstance(raw, list) else [str(raw)]
        return parse_names(values, field.label), ()
    text = str(raw).strip()
    if field.kind == "rights":
        return parse_choices(text, field), ()
    if field.kind == "date":
        if not text:
            return None, ()
        expiry = parse_expiry(text, today)
        return expiry.value, expiry.warnings
    return check_text(text, field) or None, ()


def check_text(text: str, field: SettingField) -> str:
    """Free text, a token or an e-mail address, within its length and character rules."""
    if any(not ch.isprintable() for ch in text):
        raise UsageError(_("{label}: contains a control character", label=field.label))
    if len(text) > TEXT_MAX:
        raise UsageError(
            _("{label}: at most {max} characters are allowed", label=field.label, max=TEXT_MAX)
        )
    if field.kind == "token" and text and (any(ch.isspace() for ch in text) or "/" in text):
        raise UsageError(_("{label}: a code has no spaces and no '/'", label=field.label))
    if field.kind == "email" and text and not EMAIL_RE.fullmatch(text):
        raise UsageError(
            _("{label}: '{value}' is not an e-mail address", label=field.label, value=text[:80])
        )
    return text


def check_profile_name(name: str) -> str:
    """A valid profile name, or a UsageError saying the rule."""
    if not PROFILE_NAME_RE.fullmatch(name):
        raise UsageError(
            _(
                "'{name}' is not a valid profile name: use lower-case letters, digits, '-' and "
                "'_', start with a letter or digit, at most 63 characters",
                name=name[:80],
            )
        )
    return name


def check_display_name(text: str | None) -> str | None:
    """A display name of at most DISPLAY_NAME_MAX printable characters, or None."""
    value = (text or "").strip()
    if len(value) > DISPLAY_NAME_MAX:
        raise UsageError(
            _(
                "the display name has {count} characters; at most {max} are allowed",
                count=len(value),
                max=DISPLAY_NAME_MAX,
            ),
            _("Use a shorter name, e.g. the customer's short name."),
        )
    if any(not ch.isprintable() for ch in value):
        raise UsageError(_("the display name contains a control character"))
    return value or None


@dataclass(frozen=True)
class ProfileDraft:
    """What a form wants changed, applied to the profile as it is in the file at save time.

    Editing holds only what the person changed, so saving never writes back an older copy of
    the fields someone else (the CLI, a check) changed meanwhile.
    """

    name: str
    provider: str
    common: dict[str, Any]
    settings: dict[str, Any]
    is_new: bool

    def new_profile(self) -> Profile:
        """The profile to add."""
        return with_settings(
            validated({"name": self.name, "provider": self.provider}), self.common, self.settings
        )

    def apply(self, profile: Profile) -> Profile:
        """The edited profile, from the fresh one."""
        return with_settings(profile, self.common, self.settings)


def changed_only(original: Mapping[str, Any], wanted: Mapping[str, Any]) -> dict[str, Any]:
    """The entries of `wanted` that differ from `original`."""
    return {key: value for key, value in wanted.items() if original.get(key) != value}


def with_settings(
    profile: Profile, common: Mapping[str, Any], provider: Mapping[str, Any]
) -> Profile:
    """A validated copy of the profile with common fields and provider settings changed."""
    from nlconsole.core.field_map import FieldMapEdit

    kit = kit_for(profile)
    data = profile.model_dump()
    data.update(common)
    settings = dict(data.get(kit.settings_key) or {})
    for key, value in provider.items():
        if isinstance(value, FieldMapEdit):
            settings.update(value.apply(settings))
        else:
            settings[key] = value
    data[kit.settings_key] = settings
    return validated(data)


def validated(data: dict[str, Any]) -> Profile:
    """A profile from data, or a UsageError listing what is wrong."""
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        details = "; ".join(
            (".".join(str(x) for x in err["loc"]) + ": " if err["loc"] else "")
            + str(err["msg"]).removeprefix("Value error, ")
            for err in exc.errors()
        )
        raise UsageError(_("invalid profile: {details}", details=details)) from exc

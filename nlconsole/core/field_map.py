"""A provider's field mapping edited per role: `--custom-field ROLE=NAME[:TYPE]` and the form.

The mapping is stored as field name → type plus role → field name (where a role's field is not
named as its default). An edit names roles only; it is applied to the settings as they are in
the file at save time, so fields nobody touched (a hand-added one too) stay as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from nlconsole.core.kit import FieldRole, SettingField
from nlconsole.core.models import role_names
from nlconsole.errors import UsageError
from nlconsole.i18n import Text, _, joined

RoleChange = tuple[str, str | None] | None
"""A role's new field: (name, type; None keeps the field's type), or None: no field of its own."""


@dataclass(frozen=True)
class FieldMapEdit:
    """What to change in a field mapping: back to the defaults first, then per role."""

    setting: SettingField
    roles: Mapping[str, RoleChange] = field(default_factory=dict)
    reset: bool = False

    def apply(self, settings: Mapping[str, Any]) -> dict[str, Any]:
        """The mapping's two stored keys after the edit (None for both: the defaults)."""
        key, roles_key = self.setting.key, self.setting.roles_key
        stored = None if self.reset else settings.get(key)
        stored_roles = None if self.reset else settings.get(roles_key)
        mapping = dict(default_mapping(self.setting) if stored is None else stored)
        defaults = {role.role: role.default_name for role in self.setting.roles}
        held: dict[str, str] = {
            role: name for role, name in role_names(mapping, stored_roles, defaults).items()
        }
        old_types = {role: mapping.pop(held.pop(role)) for role in self.roles if role in held}
        for role, change in self.roles.items():
            if change is None:
                continue
            name, kind = change
            owner = next((other for other, taken in held.items() if taken == name), None)
            if owner is not None:
                raise UsageError(
                    _(
                        "{flag}: '{name}' already holds the role {other}",
                        flag=self.setting.flag,
                        name=name,
                        other=owner,
                    ),
                    _("Give the role {role} another field name.", role=role),
                )
            mapping[name] = kind or old_types.get(role) or _role(self.setting, role).default_type
            held[role] = name
        explicit = {role.role: held.get(role.role, "") for role in self.setting.roles}
        if mapping == default_mapping(self.setting) and explicit == defaults:
            return {key: None, roles_key: None}
        return {key: mapping, roles_key: explicit}


def default_mapping(setting: SettingField) -> dict[str, str]:
    """The mapping when the profile records none: each role's default field."""
    return {role.default_name: role.default_type for role in setting.roles}


def role_values(setting: SettingField, settings: Any) -> dict[str, tuple[str, str]]:
    """Role → (field name, type) as a profile's settings have them; ('', '') for no field."""
    stored = getattr(settings, setting.key, None) if settings is not None else None
    stored_roles = getattr(settings, setting.roles_key, None) if settings is not None else None
    mapping = default_mapping(setting) if stored is None else dict(stored)
    defaults = {role.role: role.default_name for role in setting.roles}
    held = role_names(mapping, stored_roles, defaults)
    return {
        role.role: (held[role.role], mapping[held[role.role]]) if role.role in held else ("", "")
        for role in setting.roles
    }


def check_role_field(
    setting: SettingField, role: str, name: str, kind: str | None, where: Text | None = None
) -> RoleChange:
    """A role's field as entered (empty name: none), or a UsageError naming the rule; `where`
    says where it was entered (default: the option and the role)."""
    name = name.strip()
    if not name:
        return None
    problem = (
        setting.rule(name, kind or _role(setting, role).default_type) if setting.rule else None
    )
    if problem is not None:
        raise UsageError(
            _("{where}: {problem}", where=where or f"{setting.flag} {role}", problem=problem)
        )
    return name, kind


def parse_field_map(setting: SettingField, values: Iterable[str]) -> dict[str, RoleChange]:
    """`ROLE=NAME[:TYPE]` options (`ROLE=`: no field of its own), each role at most once."""
    roles = [role.role for role in setting.roles]
    changes: dict[str, RoleChange] = {}
    for value in values:
        role, equals, rest = value.partition("=")
        role = role.strip().lower()
        if not equals or role not in roles:
            raise UsageError(
                _(
                    "{flag}: '{value}' is not ROLE=NAME[:TYPE] with a known role",
                    flag=setting.flag,
                    value=value[:80],
                ),
                _(
                    "Roles: {roles}; e.g. {example}.",
                    roles=joined(roles),
                    example=f"{setting.flag} {roles[0]}=NAME:{setting.choices[0]}",
                ),
            )
        if role in changes:
            raise UsageError(
                _("{flag}: the role {role} is named twice", flag=setting.flag, role=role)
            )
        name, colon, kind = rest.rpartition(":")
        if not colon:
            name, kind = rest, ""
        changes[role] = check_role_field(setting, role, name, kind.strip().lower() or None)
    return changes


def _role(setting: SettingField, role: str) -> FieldRole:
    return next(candidate for candidate in setting.roles if candidate.role == role)

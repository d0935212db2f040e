"""Maileon's field rules: standard and read-only field names, reserved names, custom field types.

Written twice on purpose (the sandbox has its own copy under the same names, because it must not
import the client it tests); a test proves the two copies equal.
"""

from __future__ import annotations

from nlconsole.i18n import Msg, _, joined

STANDARD_FIELDS = frozenset(
    {
        "ADDRESS",
        "BIRTHDAY",
        "CITY",
        "COUNTRY",
        "FIRSTNAME",
        "GENDER",
        "HNR",
        "LASTNAME",
        "FULLNAME",
        "LOCALE",
        "NAMEDAY",
        "ORGANIZATION",
        "REGION",
        "STATE",
        "SALUTATION",
        "TITLE",
        "ZIP",
    }
)
READ_ONLY_FIELDS = frozenset({"PERMISSION_STATUS", "SENDOUT_STATUS", "CUSTOM_SOURCE", "CHECKSUM"})
RESERVED_FIELD_NAMES = frozenset(
    {
        "id",
        "created",
        "external_id",
        "local_part",
        "permission_type",
        "permission_status",
        "sendout_status",
        "updated",
    }
)
CUSTOM_FIELD_TYPES = ("string", "integer", "float", "date", "boolean")
UNSUBSCRIBE_REASONS = frozenset(
    {
        "too_many_messages",
        "no_demand",
        "change_of_channel",
        "change_of_interest",
        "technical_reasons",
        "other",
    }
)


class FieldRuleError(ValueError):
    """A custom field name or type that Maileon would refuse; the message says which rule."""


def validate_custom_field(name: str, field_type: str) -> None:
    """Apply Maileon's custom field rules before sending; raises FieldRuleError with the rule."""
    from nlconsole.i18n import ENGLISH

    problem = custom_field_problem(name, field_type)
    if problem is not None:
        raise FieldRuleError(ENGLISH(problem))


def custom_field_problem(name: str, field_type: str) -> Msg | None:
    """The rule a custom field name or type breaks (a translatable text), or None."""
    if field_type not in CUSTOM_FIELD_TYPES:
        return _(
            "custom field type '{type}' is not one of {types}",
            type=field_type,
            types=joined(CUSTOM_FIELD_TYPES),
        )
    if not 3 <= len(name) <= 64:
        return _("custom field name '{name}' must have 3 to 64 characters", name=name)
    if name.upper() in STANDARD_FIELDS | READ_ONLY_FIELDS or name.lower() in RESERVED_FIELD_NAMES:
        return _("custom field name '{name}' is reserved by Maileon", name=name)
    if any(not ch.isprintable() for ch in name):
        return _("custom field name '{name}' contains a control character", name=name)
    return None

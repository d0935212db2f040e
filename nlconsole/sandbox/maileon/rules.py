"""Maileon's documented rules for e-mail addresses, standard fields and custom fields."""

from __future__ import annotations

import re

STANDARD_FIELDS = (
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
)
READ_ONLY_FIELDS = ("PERMISSION_STATUS", "SENDOUT_STATUS", "CUSTOM_SOURCE", "CHECKSUM")
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
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z0-9-]{2,}$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$")


def custom_field_name_problem(name: str) -> str | None:
    """Why `name` cannot be a custom field's name, or None."""
    if not 3 <= len(name) <= 64:
        return "the name of a custom field must have 3 to 64 characters"
    upper = name.upper()
    if (
        upper in STANDARD_FIELDS
        or upper in READ_ONLY_FIELDS
        or name.lower() in RESERVED_FIELD_NAMES
    ):
        return f"'{name}' is a reserved field name"
    return None


def fields_problem(
    standard: dict[str, str], custom: dict[str, str], known: dict[str, str]
) -> str | None:
    """Why these field values cannot be stored, or None."""
    for name, value in standard.items():
        if name not in STANDARD_FIELDS:
            return f"unknown or read-only standard field '{name}'"
        if len(value) > 255:
            return f"standard field {name} is longer than 255 characters"
        if name == "GENDER" and value and value not in ("m", "f", "d"):
            return "GENDER must be m, f or d"
        if name in ("BIRTHDAY", "NAMEDAY") and value and not DATE_RE.fullmatch(value):
            return f"{name} must be yyyy-MM-dd"
    for name, value in custom.items():
        kind = known.get(name)
        if kind is None:
            return f"custom field '{name}' does not exist; create it first"
        if not _valid_value(kind, value):
            return f"custom field '{name}' expects a {kind} value"
    return None


def _valid_value(kind: str, value: str) -> bool:
    if kind == "string":
        return len(value) <= 255
    if kind == "boolean":
        return value in ("true", "false", "1", "0")
    if kind == "date":
        return bool(DATE_RE.fullmatch(value))
    try:
        number = float(value) if kind == "float" else int(value)
    except ValueError:
        return False
    return kind == "float" or -(2**31) <= number < 2**31

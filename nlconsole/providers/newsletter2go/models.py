"""Newsletter2Go data as the client returns it: plain frozen dataclasses read from envelopes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from nlconsole.i18n import Text


def _bool(value: Any) -> bool:
    return value in (True, 1, "1", "true", "True")


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True)
class Company:
    """`GET /companies` value[0]."""

    id: str
    name: str | None
    state: str | None
    default_list_id: str | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Company:
        """Read the fields nlconsole uses."""
        return cls(
            str(data.get("id", "")),
            _str(data.get("name")),
            _str(data.get("state")),
            _str(data.get("default_list_id")),
        )


@dataclass(frozen=True)
class User:
    """The logged-in user (`GET /users?_filter=account_id==...`)."""

    id: str
    email: str | None
    is_developer_mode: bool
    is_active: bool
    plan: str | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> User:
        """Read the fields nlconsole uses."""
        return cls(
            str(data.get("id", "")),
            _str(data.get("email")),
            _bool(data.get("is_developer_mode")),
            _bool(data.get("is_active", True)),
            _str(data.get("current_plan_name")),
        )


@dataclass(frozen=True)
class AddressBook:
    """A list ("Adressbuch")."""

    id: str
    name: str
    is_disabled: bool = False

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AddressBook:
        """Read the fields nlconsole uses."""
        return cls(
            str(data.get("id", "")), str(data.get("name") or ""), _bool(data.get("is_disabled"))
        )


@dataclass(frozen=True)
class Attribute:
    """A custom attribute of a list."""

    id: str
    name: str
    type: str | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Attribute:
        """Read the fields nlconsole uses."""
        return cls(str(data.get("id", "")), str(data.get("name") or ""), _str(data.get("type")))


@dataclass(frozen=True)
class Recipient:
    """A recipient as seen in one list (subscription state is per list)."""

    id: str
    email: str
    is_unsubscribed: bool
    is_blacklisted: bool
    fields: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Recipient:
        """Read a recipient; every other key is kept in `fields`."""
        known = {"id", "email", "is_unsubscribed", "is_blacklisted", "_href"}
        return cls(
            str(data.get("id", "")),
            str(data.get("email") or ""),
            _bool(data.get("is_unsubscribed")),
            _bool(data.get("is_blacklisted")),
            {k: v for k, v in data.items() if k not in known},
        )


@dataclass(frozen=True)
class FormInfo:
    """`GET /forms/generate/{code}`: what a subscribe form asks for."""

    code: str
    required_fields: tuple[str, ...]
    list_ids: tuple[str, ...]
    url: str | None


@dataclass(frozen=True)
class FormSubmitResult:
    """What `POST /forms/submit/{code}` did."""

    outcome: str
    """'doi_sent', 'duplicate', 'invalid' or 'error'."""
    status: int
    message: Text

"""Pydantic models of what nlconsole stores about a customer: profiles and provider settings.

Only non-secret settings live here; secrets are in the keyring (see `secrets.py`). Models allow
unknown keys so that a newer or hand-edited profiles.toml loses nothing on a round trip; the
store reports such keys instead of silently keeping or dropping them.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    model_validator,
)

from nlconsole.i18n import Msg, Text
from nlconsole.providers.endpoints import DEFAULT_BASE_URLS, check_base_url

PROFILE_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")


class ProviderKind(StrEnum):
    """The newsletter provider a profile talks to."""

    MAILEON = "maileon"
    NEWSLETTER2GO = "newsletter2go"


class Environment(StrEnum):
    """Which of the customer's environments a profile targets."""

    STAGING = "staging"
    PRODUCTION = "production"
    SANDBOX = "sandbox"


class MaileonRight(StrEnum):
    """A right of a Maileon API key; each maps to one HTTP method (see providers.maileon)."""

    CREATE = "create"
    READ = "read"
    UPDATE = "update"
    DELETE = "delete"


class StepStatus(StrEnum):
    """Progress of one setup checklist step."""

    PENDING = "pending"
    DONE = "done"
    SKIPPED = "skipped"


def _check_profile_name(name: str) -> str:
    if not PROFILE_NAME_RE.fullmatch(name):
        raise ValueError(
            "a profile name uses lower-case letters, digits, '-' and '_', starts with a letter "
            "or digit and has at most 63 characters"
        )
    return name


ProfileName = Annotated[str, AfterValidator(_check_profile_name)]


def _unique_sorted(rights: list[MaileonRight]) -> list[MaileonRight]:
    order = list(MaileonRight)
    return sorted(set(rights), key=order.index)


Rights = Annotated[list[MaileonRight], AfterValidator(_unique_sorted)]


class _Stored(BaseModel):
    """Base for stored models: unknown keys are kept (and reported by the store)."""

    model_config = ConfigDict(extra="allow", validate_assignment=True)


PREFIX_FIELD, PURCHASE_FIELD, TRACKING_FIELD = (
    "NAMENSPRAEFIX",
    "cmx_einkauf",
    "EINZELNUTZERTRACKING",
)
"""The default custom fields' names; the journeys recognise what each holds by its name."""
DEFAULT_CUSTOM_FIELDS: dict[str, str] = {
    PREFIX_FIELD: "string",
    PURCHASE_FIELD: "integer",
    TRACKING_FIELD: "boolean",
}
"""What cmxOrganize transfers that Maileon has no standard field for (domain.md §7.2): the
Namenspräfix, the 'Autowert des Einkaufs' (a record number) and the Einzelnutzertracking flag."""
PREFIX_ROLE, PURCHASE_ROLE, TRACKING_ROLE = "prefix", "purchase", "tracking"
DEFAULT_ROLE_FIELDS: dict[str, str] = {
    PREFIX_ROLE: PREFIX_FIELD,
    PURCHASE_ROLE: PURCHASE_FIELD,
    TRACKING_ROLE: TRACKING_FIELD,
}
"""What each custom field of the mapping holds (its role) → the field's default name."""


def role_names(
    fields: dict[str, str], roles: dict[str, str] | None, defaults: dict[str, str]
) -> dict[str, str]:
    """Role → the mapped field that holds it: the recorded name, else the default name; a role
    whose field is not in the mapping has none (the journeys then use the fallback)."""
    named = {role: (roles or {}).get(role, default) for role, default in defaults.items()}
    return {role: name for role, name in named.items() if name in fields}


def _check_custom_fields(fields: dict[str, str]) -> dict[str, str]:
    from nlconsole.i18n import ENGLISH
    from nlconsole.providers.maileon.fields import custom_field_problem

    for name, field_type in fields.items():
        problem = custom_field_problem(name, field_type)
        if problem is not None:
            raise ValueError(ENGLISH(problem))
    return fields


class MaileonSettings(_Stored):
    """What the administrator recorded about the customer's Maileon API key."""

    key_label: str | None = None
    """The key's 'Bezeichnung' in Maileon: the cmxOrganize guide asks for the organisation name."""
    key_expires: date | None = None
    """The key's 'Gültigkeit': Maileon does not report it, so the administrator records it."""
    rights_confirmed: Rights = Field(default_factory=list)
    """Rights the administrator ticked for the integration key (create and update are required)."""
    test_key_rights_confirmed: Rights = Field(default_factory=list)
    """Rights of the optional test key the console uses to observe and clean up (read, delete)."""
    doi_mailing_key: str | None = None
    """DOI key of a specific DOI mailing; empty means the account's default DOI mailing."""
    single_user_tracking: bool = False
    """Whether cmxOrganize offers 'Einzelnutzertracking' (DOI+) to subscribers."""
    custom_fields: Annotated[dict[str, str], AfterValidator(_check_custom_fields)] | None = None
    """Custom field name → Maileon type the cmxOrganize mapping writes; unset means the
    defaults (`DEFAULT_CUSTOM_FIELDS`). Bootstrap creates the missing ones."""
    custom_field_roles: dict[str, str] | None = None
    """Role (`prefix`, `purchase`, `tracking`) → the custom field that holds it ('': none);
    a role not named here is held by its default field, if mapped. Written by
    `profiles edit --custom-field` and the console's form."""

    @property
    def field_mapping(self) -> dict[str, str]:
        """The custom fields the mapping needs: the recorded ones, else the defaults."""
        return dict(DEFAULT_CUSTOM_FIELDS if self.custom_fields is None else self.custom_fields)

    @property
    def role_fields(self) -> dict[str, str]:
        """Role → the name of the mapped custom field that holds it (roles without one left out)."""
        return role_names(self.field_mapping, self.custom_field_roles, DEFAULT_ROLE_FIELDS)

    @model_validator(mode="after")
    def _roles_in_mapping(self) -> MaileonSettings:
        roles = self.custom_field_roles or {}
        unknown = sorted(set(roles) - set(DEFAULT_ROLE_FIELDS))
        if unknown:
            raise ValueError(
                f"custom_field_roles: unknown role(s) {', '.join(unknown)} "
                f"(roles: {', '.join(DEFAULT_ROLE_FIELDS)})"
            )
        fields = self.field_mapping
        absent = sorted(
            f"{role}={name}" for role, name in roles.items() if name and name not in fields
        )
        if absent:
            raise ValueError(
                f"custom_field_roles: {', '.join(absent)} is not a field of the mapping"
            )
        held = list(self.role_fields.values())
        twice = sorted({name for name in held if held.count(name) > 1})
        if twice:
            raise ValueError(f"custom_field_roles: {', '.join(twice)} holds two roles")
        return self


class Newsletter2GoSettings(_Stored):
    """What the administrator recorded about the customer's Newsletter2Go account."""

    developer_mode_confirmed: bool = False
    """The PEIQ handover requires 'Entwicklermodus: an' for the API user."""
    newsletters: list[str] = Field(default_factory=list)
    """Names of the portal's newsletters; each becomes one address book (list)."""
    list_ids: dict[str, str] = Field(default_factory=dict)
    """Newsletter name → Newsletter2Go list id, once known."""
    doi_form_code: str | None = None
    """Code of a subscribe form linked to a DOI mailing, for double opt-in tests."""
    sender_email: str | None = None
    """Default sender address for address books the interface creates."""
    sender_name: str | None = None
    """Default sender name for address books the interface creates."""


class StepState(_Stored):
    """The saved state of one checklist step: what, when, by whom, and a note."""

    status: StepStatus = StepStatus.PENDING
    at: datetime | None = None
    by: str | None = None
    note: str | None = None


def _text_to_toml(text: Text) -> Any:
    return text if isinstance(text, str) else _without_none(text.to_json())


def _without_none(value: Any) -> Any:
    """TOML has no null: drop empty parameters of a stored text."""
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value]
    return value


StoredText = Annotated[
    Any, BeforeValidator(Msg.from_json), PlainSerializer(_text_to_toml, return_type=Any)
]
"""A translatable text kept in profiles.toml, so it is shown later in the reader's language."""


class LastCheck(_Stored):
    """Outcome of the most recent connectivity check (never contains secrets)."""

    at: datetime
    outcome: Literal["pass", "warn", "fail"]
    summary: StoredText
    statuses: dict[str, str] = Field(default_factory=dict)
    """Finding id → status ('pass', 'warn', ...): lets checklist steps show as verified."""


class Profile(_Stored):
    """One customer interface: a provider account in one environment."""

    name: ProfileName
    provider: ProviderKind
    display_name: str | None = None
    environment: Environment = Environment.PRODUCTION
    base_url: str = ""
    maileon: MaileonSettings | None = None
    newsletter2go: Newsletter2GoSettings | None = None
    checklist: dict[str, StepState] = Field(default_factory=dict)
    last_check: LastCheck | None = None
    test_mailbox: str | None = None
    """The tester's own mailbox; journeys derive tagged test addresses from it."""

    @model_validator(mode="before")
    @classmethod
    def _defaults_for_provider(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        provider = str(data.get("provider", ""))
        if not data.get("base_url") and provider in DEFAULT_BASE_URLS:
            data["base_url"] = DEFAULT_BASE_URLS[provider]
        if provider == ProviderKind.MAILEON and data.get("maileon") is None:
            data["maileon"] = {}
        if provider == ProviderKind.NEWSLETTER2GO and data.get("newsletter2go") is None:
            data["newsletter2go"] = {}
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Profile:
        if self.display_name and any(not ch.isprintable() for ch in self.display_name):
            raise ValueError("display_name contains a control character")
        self.__dict__["base_url"] = check_base_url(self.base_url)
        if self.provider is ProviderKind.MAILEON and self.newsletter2go is not None:
            raise ValueError("a Maileon profile cannot carry Newsletter2Go settings")
        if self.provider is ProviderKind.NEWSLETTER2GO and self.maileon is not None:
            raise ValueError("a Newsletter2Go profile cannot carry Maileon settings")
        return self

    @property
    def maileon_settings(self) -> MaileonSettings:
        """The Maileon settings (a Maileon profile always has them)."""
        if self.maileon is None:
            raise ValueError(f"profile {self.name!r} is not a Maileon profile")
        return self.maileon

    @property
    def n2g_settings(self) -> Newsletter2GoSettings:
        """The Newsletter2Go settings (a Newsletter2Go profile always has them)."""
        if self.newsletter2go is None:
            raise ValueError(f"profile {self.name!r} is not a Newsletter2Go profile")
        return self.newsletter2go

    @property
    def title(self) -> str:
        """What to show a person: the display name, else the profile name."""
        return self.display_name or self.name

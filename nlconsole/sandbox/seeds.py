"""Deterministic credentials the sandbox is seeded with, one per scenario.

The same values on every run and machine, so documentation, tests and integrators' staging
configs can name them. They are sandbox-only and grant nothing anywhere else.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

_NAMESPACE = uuid.UUID("6f1c2d1e-8a44-4e55-9a1b-5a4e0c0de000")


def _key(scenario: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"maileon:{scenario}"))


@dataclass(frozen=True)
class MaileonKeySeed:
    """A seeded Maileon API key and what it can do."""

    scenario: str
    key: str
    account: str
    rights: frozenset[str]
    expires: date | None
    active: bool
    description: str


ALL_RIGHTS = frozenset({"create", "read", "update", "delete"})

MAILEON_KEYS: tuple[MaileonKeySeed, ...] = (
    MaileonKeySeed(
        "all_rights",
        _key("all_rights"),
        "main",
        ALL_RIGHTS,
        date(2099, 12, 31),
        True,
        "all four rights",
    ),
    MaileonKeySeed(
        "create_update",
        _key("create_update"),
        "main",
        frozenset({"create", "update"}),
        date(2099, 12, 31),
        True,
        "create + update only: the key the cmxOrganize guide asks for",
    ),
    MaileonKeySeed(
        "read_delete",
        _key("read_delete"),
        "main",
        frozenset({"read", "delete"}),
        date(2099, 12, 31),
        True,
        "read + delete: a test key for the console",
    ),
    MaileonKeySeed(
        "expired",
        _key("expired"),
        "main",
        ALL_RIGHTS,
        date(2020, 1, 1),
        True,
        "expired (Gültigkeit in the past): 401",
    ),
    MaileonKeySeed(
        "inactive",
        _key("inactive"),
        "main",
        ALL_RIGHTS,
        date(2099, 12, 31),
        False,
        "set to inactive: 401",
    ),
    MaileonKeySeed(
        "no_doi_mailing",
        _key("no_doi_mailing"),
        "nodoi",
        ALL_RIGHTS,
        date(2099, 12, 31),
        True,
        "all rights, but the account has no default DOI mailing",
    ),
)

MAILEON_DOI_KEY = "sandbox-doi-2026"
"""DOI key of the sandbox main account's second DOI mailing (for `doimailing=`)."""


def maileon_key(scenario: str) -> str:
    """The seeded key of a scenario (KeyError for an unknown one)."""
    return {seed.scenario: seed.key for seed in MAILEON_KEYS}[scenario]


@dataclass(frozen=True)
class N2GAccountSeed:
    """A seeded Newsletter2Go login (auth key, user, password) and its account's setup."""

    scenario: str
    auth_key: str
    username: str
    password: str
    company: str
    developer_mode: bool
    description: str


N2G_COMPANIES: dict[str, dict[str, object]] = {
    "verlag": {
        "id": "vrlg2026",
        "name": "Sandbox Verlag GmbH",
        "state": "verified",
        "plan": "Pro",
        "max_lists": None,
    },
    "redaktion": {
        "id": "rdkt2026",
        "name": "Sandbox Redaktion KG",
        "state": "verified",
        "plan": "Pro",
        "max_lists": None,
    },
    "lite": {
        "id": "lite2026",
        "name": "Sandbox Lite e.K.",
        "state": "pending",
        "plan": "Lite",
        "max_lists": 1,
    },
}

N2G_ACCOUNTS: tuple[N2GAccountSeed, ...] = (
    N2GAccountSeed(
        "working",
        "sbx_verlag_api_client:S3cr#t:verlag",
        "api@verlag.sandbox.test",
        "Sandbox-Passwort-1",
        "verlag",
        True,
        "working account, developer mode on",
    ),
    N2GAccountSeed(
        "developer_mode_off",
        "sbx_redaktion_client:S3cr#t:redaktion",
        "api@redaktion.sandbox.test",
        "Sandbox-Passwort-2",
        "redaktion",
        False,
        "developer mode off (the PEIQ handover needs it on)",
    ),
    N2GAccountSeed(
        "limited_plan",
        "sbx_lite_client:S3cr#t:lite",
        "api@lite.sandbox.test",
        "Sandbox-Passwort-3",
        "lite",
        True,
        "Lite plan: at most one address book; company not yet verified",
    ),
)

N2G_WRONG_PASSWORD = "not-the-password"  # noqa: S105 (a deliberately wrong sandbox value)
"""Use with the working account's auth key and user to see a rejected password."""
N2G_DOI_FORM_CODE = "vrlg2026-dblopt1n-sbx"
"""Code of the working account's subscribe form, linked to a DOI mailing and its first list."""


def n2g_account(scenario: str) -> N2GAccountSeed:
    """The seeded login of a scenario (KeyError for an unknown one)."""
    return {seed.scenario: seed for seed in N2G_ACCOUNTS}[scenario]

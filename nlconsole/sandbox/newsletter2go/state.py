"""In-memory Newsletter2Go accounts: companies, users, lists, recipients, attributes, forms,
and the issued tokens."""

from __future__ import annotations

import random
import string
import threading
from dataclasses import dataclass, field
from typing import Any

from nlconsole.sandbox.clock import SandboxClock
from nlconsole.sandbox.mailbox import Mailbox
from nlconsole.sandbox.seeds import N2G_ACCOUNTS, N2G_COMPANIES, N2G_DOI_FORM_CODE
from nlconsole.sandbox.web import Params, Request

ROLE_LOCAL_PARTS = frozenset({"admin", "service", "postmaster", "abuse", "noreply", "no-reply"})
RECIPIENT_FIELDS = ("email", "phone", "gender", "first_name", "last_name", "birthday")
LIST_DEFAULTS: dict[str, Any] = {
    "uses_econda": False,
    "uses_googleanalytics": False,
    "has_opentracking": True,
    "has_clicktracking": True,
    "has_conversiontracking": False,
    "imprint": None,
    "header_from_email": None,
    "header_from_name": None,
    "header_reply_email": None,
    "header_reply_name": None,
    "landingpage": None,
    "tracking_url": None,
    "use_ecg_list": False,
}
"""The documented list fields besides `name`, with their documented defaults."""
LIST_FIELDS = ("name", *LIST_DEFAULTS)


def timestamp(clock: SandboxClock) -> str:
    """Newsletter2Go's timestamp form: ISO-8601 without a colon in the offset."""
    return clock.now().strftime("%Y-%m-%dT%H:%M:%S+0000")


@dataclass
class Membership:
    """A recipient's state in one list."""

    created_at: str
    is_unsubscribed: bool = False
    is_blacklisted: bool = False


@dataclass
class RecipientRecord:
    """A recipient of a company (one id, memberships per list)."""

    id: str
    email: str
    fields: dict[str, Any] = field(default_factory=dict)
    memberships: dict[str, Membership] = field(default_factory=dict)

    def view(self, list_id: str | None) -> dict[str, Any]:
        """JSON of the recipient as seen in one list (or globally)."""
        membership = self.memberships.get(list_id or "") if list_id else None
        data: dict[str, Any] = {
            "id": self.id,
            "email": self.email,
            "phone": None,
            "gender": "",
            "first_name": None,
            "last_name": None,
            **self.fields,
        }
        data["is_unsubscribed"] = membership.is_unsubscribed if membership else False
        data["is_blacklisted"] = membership.is_blacklisted if membership else False
        data["list_ids"] = sorted(self.memberships)
        return data


@dataclass
class ListRecord:
    """An address book."""

    id: str
    name: str
    created_at: str
    modified_at: str
    settings: dict[str, Any] = field(default_factory=dict)

    def view(self, company_id: str) -> dict[str, Any]:
        """JSON of the list."""
        return {
            "id": self.id,
            "company_id": company_id,
            "name": self.name,
            "created_at": self.created_at,
            "modified_at": self.modified_at,
            "is_disabled": False,
            **LIST_DEFAULTS,
            **self.settings,
        }


@dataclass
class AttributeRecord:
    """A custom attribute."""

    id: str
    name: str
    type: str
    list_ids: list[str]
    settings: dict[str, Any] = field(default_factory=dict)

    def view(self, company_id: str) -> dict[str, Any]:
        """JSON of the attribute."""
        return {
            "id": self.id,
            "company_id": company_id,
            "name": self.name,
            "type": self.type,
            "list_ids": list(self.list_ids),
            **self.settings,
        }


@dataclass
class FormRecord:
    """A subscribe form linked to a DOI mailing and one list."""

    code: str
    name: str
    list_id: str


@dataclass
class CompanyRecord:
    """A customer's account."""

    id: str
    name: str
    state: str
    plan: str
    max_lists: int | None
    default_list_id: str = ""
    lists: dict[str, ListRecord] = field(default_factory=dict)
    recipients: dict[str, RecipientRecord] = field(default_factory=dict)
    attributes: dict[str, AttributeRecord] = field(default_factory=dict)
    forms: dict[str, FormRecord] = field(default_factory=dict)

    def view(self) -> dict[str, Any]:
        """JSON of the company."""
        return {
            "id": self.id,
            "name": self.name,
            "state": self.state,
            "default_list_id": self.default_list_id,
            "country": "DE",
            "language": "de_DE",
            "is_recipienttracking_allowed": True,
            "created_at": "2026-01-05T09:00:00+0000",
        }


@dataclass
class UserRecord:
    """An API user: its login and the auth key of its API client."""

    id: str
    account_id: str
    company_id: str
    email: str
    password: str
    auth_key: str
    developer_mode: bool
    plan: str

    def view(self) -> dict[str, Any]:
        """JSON of the user."""
        return {
            "id": self.id,
            "account_id": self.account_id,
            "company_id": self.company_id,
            "email": self.email,
            "is_developer_mode": self.developer_mode,
            "is_active": True,
            "is_disabled": False,
            "is_main": True,
            "current_plan_name": self.plan,
            "language": "de_DE",
        }


@dataclass
class IssuedToken:
    """An access or refresh token: whose, and until when (monotonic)."""

    user_id: str
    expires_at: float


class N2GState:
    """All seeded companies and users and the issued tokens; ids are 8 lower-case characters,
    seeded per run."""

    def __init__(
        self, mailbox: Mailbox, clock: SandboxClock, token_lifetime: float, seed: int = 0
    ) -> None:
        self.mailbox = mailbox
        self.clock = clock
        self.token_lifetime = token_lifetime
        self.lock = threading.RLock()
        self.access_tokens: dict[str, IssuedToken] = {}
        self.refresh_tokens: dict[str, IssuedToken] = {}
        self._random = random.Random(seed)  # noqa: S311 (readable ids, not security)
        self.companies: dict[str, CompanyRecord] = {}
        self.users: dict[str, UserRecord] = {}
        for key, data in N2G_COMPANIES.items():
            company = CompanyRecord(
                str(data["id"]),
                str(data["name"]),
                str(data["state"]),
                str(data["plan"]),
                data["max_lists"] if isinstance(data["max_lists"], int) else None,
            )
            default = self.add_list(company, "Standard-Adressbuch")
            company.default_list_id = default.id
            self.companies[key] = company
        for seed_account in N2G_ACCOUNTS:
            company = self.companies[seed_account.company]
            user = UserRecord(
                self.new_id(),
                self.new_id(),
                company.id,
                seed_account.username,
                seed_account.password,
                seed_account.auth_key,
                seed_account.developer_mode,
                company.plan,
            )
            self.users[user.id] = user
        verlag = self.companies["verlag"]
        verlag.forms[N2G_DOI_FORM_CODE] = FormRecord(
            N2G_DOI_FORM_CODE, "Newsletter-Anmeldung (DOI)", verlag.default_list_id
        )

    def new_id(self) -> str:
        """An 8-character lower-case id, as Newsletter2Go uses."""
        return "".join(self._random.choices(string.ascii_lowercase + string.digits, k=8))

    def add_list(self, company: CompanyRecord, name: str, **settings: Any) -> ListRecord:
        """Create a list in a company."""
        created = timestamp(self.clock)
        record = ListRecord(self.new_id(), name, created, created, settings)
        company.lists[record.id] = record
        return record

    def company_of(self, user: UserRecord) -> CompanyRecord:
        """The company a user belongs to."""
        return next(c for c in self.companies.values() if c.id == user.company_id)

    def user_by_login(self, auth_key: str, username: str) -> UserRecord | None:
        """The user of an auth key and username (case-insensitive e-mail)."""
        return next(
            (
                u
                for u in self.users.values()
                if u.auth_key == auth_key and u.email.lower() == username.lower()
            ),
            None,
        )

    def known_auth_key(self, auth_key: str) -> bool:
        """Whether any API client has this auth key."""
        return any(u.auth_key == auth_key for u in self.users.values())

    def form(self, code: str) -> tuple[CompanyRecord, FormRecord] | None:
        """The company and form of a form code."""
        for company in self.companies.values():
            if code in company.forms:
                return company, company.forms[code]
        return None

    def membership(self) -> Membership:
        """A fresh, active membership stamped with the sandbox clock."""
        return Membership(timestamp(self.clock))


@dataclass(frozen=True)
class N2GCall:
    """What an API handler gets: the request, its path parameters, the logged-in user's
    company and the state."""

    request: Request
    params: Params
    user: UserRecord
    company: CompanyRecord
    state: N2GState

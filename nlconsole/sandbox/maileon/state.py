"""In-memory Maileon accounts: contacts, custom fields, DOI mailings, unsubscription markers."""

from __future__ import annotations

import heapq
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from nlconsole.sandbox.clock import SandboxClock
from nlconsole.sandbox.mailbox import Mailbox
from nlconsole.sandbox.seeds import MAILEON_DOI_KEY, MAILEON_KEYS, MaileonKeySeed
from nlconsole.sandbox.web import Params, Request

SENT_MAILING_ID = 601
"""A sent (sealed) regular mailing of the main account: a valid `mailingId` to unsubscribe."""
DRAFT_MAILING_ID = 602
"""A draft of the main account: naming it in an unsubscribe is refused (400)."""


@dataclass
class DoiMailing:
    """A DOI mailing and the key `doimailing=` selects it by."""

    id: int
    name: str
    doi_key: str
    default: bool
    state: str = "released"


@dataclass
class Mailing:
    """A regular mailing; only a sent (sealed) one can be named in an unsubscribe."""

    id: int
    name: str
    state: str


@dataclass
class Unsubscription:
    """One unsubscribe call: for the unsubscriber report the sandbox keeps."""

    email: str
    mailing_id: int | None
    reasons: tuple[str, ...]


@dataclass
class Contact:
    """One contact of an account."""

    id: int
    email: str
    permission: int
    created: datetime
    updated: datetime
    standard: dict[str, str] = field(default_factory=dict)
    custom: dict[str, str] = field(default_factory=dict)
    src: str = ""
    subscription_page: str = ""
    gone_at: float | None = None
    """Set by unsubscribe: the contact disappears at this monotonic time (asynchronously)."""


@dataclass
class Account:
    """A Maileon newsletter account."""

    key: str
    id: int
    name: str
    doi_mailings: list[DoiMailing]
    mailings: list[Mailing] = field(default_factory=list)
    contacts: dict[str, Contact] = field(default_factory=dict)
    custom_fields: dict[str, str] = field(default_factory=dict)
    unsubscription_markers: set[str] = field(default_factory=set)
    unsubscriptions: list[Unsubscription] = field(default_factory=list)
    removals: list[tuple[float, int, str]] = field(default_factory=list)
    """Heap of pending asynchronous removals: (due monotonic time, contact id, e-mail key)."""
    next_contact_id: int = 1000


class MaileonState:
    """Everything the Maileon emulator knows, guarded by one lock."""

    def __init__(
        self,
        mailbox: Mailbox,
        clock: SandboxClock,
        public_url: Callable[[], str],
        unsubscribe_delay: float,
    ) -> None:
        self.mailbox = mailbox
        self.clock = clock
        self.public_url = public_url
        self.unsubscribe_delay = unsubscribe_delay
        self.lock = threading.RLock()
        self.keys: dict[str, MaileonKeySeed] = {seed.key: seed for seed in MAILEON_KEYS}
        self.accounts = {
            "main": Account(
                "main",
                4711,
                "Sandbox Bildung gGmbH",
                [
                    DoiMailing(501, "DOI Standard", "sandbox-doi-default", True),
                    DoiMailing(502, "DOI Kurse 2026", MAILEON_DOI_KEY, False),
                ],
                [
                    Mailing(SENT_MAILING_ID, "Newsletter November 2026", "sealed"),
                    Mailing(DRAFT_MAILING_ID, "Newsletter Dezember 2026 (Entwurf)", "draft"),
                ],
            ),
            "nodoi": Account("nodoi", 4712, "Sandbox ohne DOI-Mailing", []),
        }

    def purge(self, account: Account) -> None:
        """Remove the contacts whose asynchronous unsubscribe has come due.

        Runs on every request, so it touches only the heap's due entries, never every contact.
        An entry whose contact was deleted, re-created or moved meanwhile is simply dropped.
        """
        now = self.clock.monotonic()
        while account.removals and account.removals[0][0] <= now:
            _, contact_id, key = heapq.heappop(account.removals)
            contact = account.contacts.get(key)
            if contact is not None and contact.id == contact_id and contact.gone_at is not None:
                del account.contacts[key]

    def schedule_removal(self, account: Account, contact: Contact) -> None:
        """Let an unsubscribed contact disappear after the unsubscribe delay."""
        if contact.gone_at is None:
            contact.gone_at = self.clock.monotonic() + self.unsubscribe_delay
            self.track_removal(account, contact)

    @staticmethod
    def track_removal(account: Account, contact: Contact) -> None:
        """(Re-)enter a contact's pending removal under its current e-mail key."""
        if contact.gone_at is not None:
            entry = (contact.gone_at, contact.id, contact.email.lower())
            heapq.heappush(account.removals, entry)


@dataclass(frozen=True)
class MaileonCall:
    """What a handler gets: the request, its path parameters, the key's account and the state."""

    request: Request
    params: Params
    account: Account
    state: MaileonState

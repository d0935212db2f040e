"""The mock PEIQ PORTAL's users and its Newsletter2Go interface.

The portal is the leading system (domain.md §2.1–2.6): a newsletter is an address book, a
subscription is a recipient in it; the interface creates the address books itself and syncs on
creation, change and deletion of user data. Registration and e-mail changes take effect only
after the portal's own verification link (mail in the sandbox mailbox) is followed; nothing
reaches Newsletter2Go before that (P12: assumed, the reference leaves it open).
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field

from nlconsole.sandbox.mailbox import Mail, Mailbox
from nlconsole.sandbox.vendors.interfaces import InterfaceError, Newsletter2GoInterface

NEWSLETTERS = ("Tageszeitung kompakt", "Kultur & Freizeit", "Lokalsport")
"""The portal's newsletters ("empfohlen sind max. 3"), one address book each."""
GENDERS = ("männlich", "weiblich", "divers")
N2G_GENDER = {"männlich": "m", "weiblich": "f", "divers": ""}
"""Newsletter2Go knows only m and f; divers goes as "" (domain.md §7.2)."""
MAX_USERS = 10_000
MAX_LOG_ENTRIES = 1000


@dataclass
class PortalUser:
    """A registered portal user."""

    id: str
    email: str
    first_name: str
    last_name: str
    gender: str
    password: str
    verified: bool = False
    newsletters: set[str] = field(default_factory=set)
    pending_email: str | None = None


@dataclass
class SyncLogEntry:
    """One push to Newsletter2Go, as an interface log would show it."""

    action: str
    email: str
    newsletter: str
    ok: bool
    message: str


class PortalAccounts:
    """Users, sessions and the sync; one lock for all of it."""

    def __init__(self, mailbox: Mailbox, n2g: Newsletter2GoInterface) -> None:
        self._mailbox = mailbox
        self._n2g = n2g
        self.lock = threading.RLock()
        self.users: dict[str, PortalUser] = {}
        self.sessions: dict[str, str] = {}
        self.log: list[SyncLogEntry] = []
        mailbox.register("portal", self.confirm)

    def by_email(self, email: str) -> PortalUser | None:
        """The user with this (verified or pending) address."""
        wanted = email.lower()
        return next((u for u in self.users.values() if u.email.lower() == wanted), None)

    def register(
        self,
        email: str,
        first_name: str,
        last_name: str,
        gender: str,
        password: str,
        newsletters: set[str],
    ) -> PortalUser:
        """A new unverified user and the verification mail."""
        with self.lock:
            if len(self.users) >= MAX_USERS:
                raise ValueError("the mock portal holds at most 10,000 users")
            user = PortalUser(
                secrets.token_urlsafe(12), email, first_name, last_name, gender, password
            )
            user.newsletters = newsletters & set(NEWSLETTERS)
            self.users[user.id] = user
        self._mailbox.send(
            "portal",
            email,
            "Bitte bestätigen Sie Ihre E-Mail-Adresse",
            "PEIQ PORTAL (Sandbox): Bitte bestätigen Sie Ihre Registrierung.",
            action="register",
            user=user.id,
        )
        return user

    def log_in(self, email: str, password: str) -> str | None:
        """A session id for a verified user with this password."""
        with self.lock:
            user = self.by_email(email)
            if user is None or not user.verified or user.password != password:
                return None
            session = secrets.token_urlsafe(18)
            self.sessions[session] = user.id
            return session

    def confirm(self, mail: Mail) -> str:
        """Follow a verification link (registration or e-mail change)."""
        with self.lock:
            user = self.users.get(str(mail.context["user"]))
            if user is None:
                return "Dieses Konto existiert nicht mehr."
            if mail.context["action"] == "register":
                user.verified = True
                for newsletter in sorted(user.newsletters):
                    self.subscribe(user, newsletter)
                return f"E-Mail-Adresse {user.email} bestätigt."
            new_email = str(mail.context["email"])
            if user.pending_email != new_email:
                return "Dieser Link ist nicht mehr gültig."
            old_email, user.email, user.pending_email = user.email, new_email, None
            self.push_profile(user, old_email)
            return f"Neue E-Mail-Adresse {new_email} bestätigt."

    def request_email_change(self, user: PortalUser, new_email: str) -> None:
        """Send the verification link to the new address; nothing changes before it is used."""
        with self.lock:
            user.pending_email = new_email
        self._mailbox.send(
            "portal",
            new_email,
            "Bitte bestätigen Sie Ihre neue E-Mail-Adresse",
            "PEIQ PORTAL (Sandbox): Bitte bestätigen Sie die Änderung Ihrer E-Mail-Adresse.",
            action="email_change",
            user=user.id,
            email=new_email,
        )

    def subscribe(self, user: PortalUser, newsletter: str) -> None:
        """Upsert the user into the newsletter's address book."""
        user.newsletters.add(newsletter)
        self._sync(
            "subscribe",
            user.email,
            newsletter,
            lambda list_id: self._n2g.request(
                "POST",
                "recipients",
                {
                    "list_id": list_id,
                    "email": user.email,
                    **self._fields(user),
                    "is_unsubscribed": False,
                },
            ),
        )

    def unsubscribe(self, user: PortalUser, newsletter: str) -> None:
        """Mark the user unsubscribed in that address book."""
        user.newsletters.discard(newsletter)
        self._each_recipient(
            "unsubscribe", user.email, [newsletter], "PATCH", {"is_unsubscribed": True}
        )

    def push_profile(self, user: PortalUser, lookup_email: str | None = None) -> None:
        """Send changed names (and a changed address) to every book the user is in."""
        body = {"email": user.email, **self._fields(user)}
        self._each_recipient("update", lookup_email or user.email, list(NEWSLETTERS), "PATCH", body)

    def delete(self, user: PortalUser) -> None:
        """The deletion request: the user goes, and out of every address book."""
        with self.lock:
            self.users.pop(user.id, None)
            for session in [s for s, uid in self.sessions.items() if uid == user.id]:
                del self.sessions[session]
        self._each_recipient("delete", user.email, list(NEWSLETTERS), "DELETE", None)

    @staticmethod
    def _fields(user: PortalUser) -> dict[str, str]:
        return {
            "first_name": user.first_name,
            "last_name": user.last_name,
            "gender": N2G_GENDER.get(user.gender, ""),
        }

    def _each_recipient(
        self,
        action: str,
        email: str,
        newsletters: list[str],
        method: str,
        body: Mapping[str, object] | None,
    ) -> None:
        for newsletter in newsletters:

            def change(list_id: str) -> None:
                recipient = self._n2g.recipient_id(list_id, email)
                if recipient is not None:
                    self._n2g.request(method, f"lists/{list_id}/recipients/{recipient}", body)

            self._sync(action, email, newsletter, change)

    def _sync(
        self, action: str, email: str, newsletter: str, change: Callable[[str], object]
    ) -> None:
        try:
            list_id = self._n2g.list_id(newsletter)
            change(list_id)
            entry = SyncLogEntry(action, email, newsletter, True, "ok")
        except InterfaceError as exc:
            entry = SyncLogEntry(action, email, newsletter, False, str(exc))
        with self.lock:
            self.log.append(entry)
            del self.log[:-MAX_LOG_ENTRIES]

    def log_json(self) -> list[dict[str, object]]:
        """The sync log for programs."""
        with self.lock:
            return [asdict(entry) for entry in self.log]

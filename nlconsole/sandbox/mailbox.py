"""The sandbox's outgoing mail: DOI mails with confirm links, shown as HTML and JSON.

The providers "send" mail by putting it here; following a confirm link calls back into the
provider that sent it (Maileon raises the permission, Newsletter2Go adds the recipient).
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from typing import Any

from nlconsole.sandbox.clock import SandboxClock

ConfirmHandler = Callable[["Mail"], str]


@dataclass
class Mail:
    """One mail in the mailbox."""

    id: int
    provider: str
    to: str
    subject: str
    text: str
    token: str
    sent_at: datetime
    context: dict[str, Any] = field(default_factory=dict)
    confirmed_at: datetime | None = None
    outcome: str | None = None

    @property
    def unsubscribes(self) -> bool:
        """A newsletter: its link unsubscribes (it is no DOI mail to confirm)."""
        return self.context.get("kind") == "newsletter"

    @property
    def link_path(self) -> str:
        """`confirm` for a DOI mail, `unsubscribe` for a newsletter (both follow the link)."""
        return "unsubscribe" if self.unsubscribes else "confirm"

    def as_json(self, base_url: str) -> dict[str, Any]:
        """JSON view for programs (tests, the console): a DOI mail has a `confirm_url`, a
        newsletter an `unsubscribe_url` instead."""
        link = f"{base_url}/mailbox/{self.link_path}/{self.token}"
        return {
            "id": self.id,
            "provider": self.provider,
            "to": self.to,
            "subject": self.subject,
            "text": self.text,
            "sent_at": self.sent_at.isoformat(),
            "confirm_url": None if self.unsubscribes else link,
            "unsubscribe_url": link if self.unsubscribes else None,
            "confirmed_at": self.confirmed_at.isoformat() if self.confirmed_at else None,
            "outcome": self.outcome,
        }


class Mailbox:
    """All mails the sandbox sent, newest last."""

    def __init__(self, clock: SandboxClock) -> None:
        self._clock = clock
        self._mails: list[Mail] = []
        self._handlers: dict[str, ConfirmHandler] = {}
        self._lock = threading.RLock()

    def register(self, provider: str, handler: ConfirmHandler) -> None:
        """Route confirm links of `provider`'s mails to `handler`."""
        self._handlers[provider] = handler

    def send(self, provider: str, to: str, subject: str, text: str, **context: Any) -> Mail:
        """Deliver a mail with a fresh confirm token."""
        with self._lock:
            mail = Mail(
                id=len(self._mails) + 1,
                provider=provider,
                to=to,
                subject=subject,
                text=text,
                token=secrets.token_urlsafe(16),
                sent_at=self._clock.now(),
                context=dict(context),
            )
            self._mails.append(mail)
            return mail

    def mails(self, to: str | None = None) -> list[Mail]:
        """All mails, or those to one address (case-insensitive)."""
        with self._lock:
            return [m for m in self._mails if to is None or m.to.lower() == to.lower()]

    def confirm(self, token: str) -> tuple[int, str]:
        """Follow a confirm link: (HTTP status, what happened)."""
        with self._lock:
            mail = next((m for m in self._mails if m.token == token), None)
            if mail is None:
                return 404, "This confirmation link is unknown."
            if mail.confirmed_at is not None:
                return 200, f"Already confirmed: {mail.outcome}"
        # Outside the mailbox lock: the handler takes its emulator's lock, and the emulators
        # send mail while holding theirs (the other order would deadlock).
        outcome = self._handlers[mail.provider](mail)
        with self._lock:
            if mail.confirmed_at is None:
                mail.confirmed_at = self._clock.now()
                mail.outcome = outcome
            return 200, mail.outcome or outcome

    def clear(self) -> None:
        """Forget all mails."""
        with self._lock:
            self._mails.clear()

    def render_html(self, base_url: str) -> str:
        """The mailbox as a page a browser shows, with clickable confirm links."""
        rows = []
        for mail in reversed(self.mails()):
            link = f"{base_url}/mailbox/{mail.link_path}/{mail.token}"
            state = (
                f"confirmed {mail.confirmed_at:%H:%M:%S}: {escape(mail.outcome or '')}"
                if mail.confirmed_at
                else f'<a href="{escape(link)}">{_link_label(mail)}</a>'
            )
            rows.append(
                "<tr>"
                f"<td>{mail.id}</td><td>{mail.sent_at:%H:%M:%S}</td>"
                f"<td>{escape(mail.provider)}</td><td>{escape(mail.to)}</td>"
                f"<td>{escape(mail.subject)}<br><small>{escape(mail.text)}</small></td>"
                f"<td>{state}</td></tr>"
            )
        body = "".join(rows) or '<tr><td colspan="6">No mail yet.</td></tr>'
        return (
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            "<title>nlconsole sandbox mailbox</title>"
            "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
            "td,th{border:1px solid #ccc;padding:.4em;vertical-align:top}</style></head><body>"
            "<h1>Sandbox mailbox</h1><p>DOI mails the sandbox sent. "
            f'<a href="{escape(base_url)}/mailbox.json">JSON</a></p>'
            "<table><tr><th>#</th><th>Sent</th><th>Provider</th><th>To</th><th>Mail</th>"
            f"<th>Confirm</th></tr>{body}</table></body></html>"
        )

    @staticmethod
    def render_confirmation(
        status: int, outcome: str, base_url: str, done_title: str = "Subscription confirmed"
    ) -> str:
        """The page a confirm link shows."""
        title = done_title if status == 200 else "Link not valid"
        return (
            f'<!doctype html><html><head><meta charset="utf-8"><title>{title}</title></head>'
            f"<body><h1>{title}</h1><p>{escape(outcome)}</p>"
            f'<p><a href="{escape(base_url)}/mailbox">Back to the mailbox</a></p></body></html>'
        )


def _link_label(mail: Mail) -> str:
    """What the mail's link does: a sender may name it (Newsletter2Go's test mailing:
    "Abmelden"); else a newsletter's unsubscribes and a DOI mail's confirms."""
    label = mail.context.get("link_label")
    if label:
        return escape(str(label))
    return "Unsubscribe (Abmelden)" if mail.unsubscribes else "Confirm subscription"

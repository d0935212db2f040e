"""A sent newsletter in the sandbox mailbox, with Maileon's unsubscribe link.

Journey M7 starts with a subscriber who unsubscribes "via the Maileon link in a mailing". In
Maileon the customer sends a (test) mailing; the sandbox has no mailing editor, so its control
API delivers the seeded sealed mailing to one contact. Following the link does what the API's
`DELETE contacts/email/{e}/unsubscribe?mailingId=N` does (maileon-api.md §7.1): a marker at
once, an entry for that mailing in the unsubscriber report, the contact gone after the delay.
"""

from __future__ import annotations

from nlconsole.sandbox.mailbox import Mail
from nlconsole.sandbox.maileon.contacts import (
    GONE,
    confirm_doi,
    mail_contact,
    record_unsubscription,
)
from nlconsole.sandbox.maileon.state import SENT_MAILING_ID, MaileonState

NEWSLETTER_ACCOUNT = "main"
NEWSLETTER_KIND = "newsletter"


def send_newsletter(state: MaileonState, email: str) -> tuple[int, str]:
    """Deliver the sealed mailing to one contact: (HTTP status, what happened).

    Only a contact Maileon may mail (permission above 1, no unsubscription marker) gets it,
    as a real send-out would skip the others.
    """
    with state.lock:
        account = state.accounts[NEWSLETTER_ACCOUNT]
        state.purge(account)
        contact = account.contacts.get(email.lower())
        if contact is None:
            return 404, f"no contact with email {email}"
        if contact.permission <= 1 or email.lower() in account.unsubscription_markers:
            return 409, f"{email} may not be mailed (permission {contact.permission})"
        mailing = next(m for m in account.mailings if m.id == SENT_MAILING_ID)
        state.mailbox.send(
            "maileon",
            contact.email,
            mailing.name,
            f"Maileon account '{account.name}': the newsletter. Abmelden: the link below.",
            kind=NEWSLETTER_KIND,
            account=account.key,
            email=contact.email,
            mailing_id=mailing.id,
        )
        return 201, f"mailing {mailing.id} sent to {contact.email}"


def follow_link(state: MaileonState, mail: Mail) -> str:
    """A Maileon mail's link: the DOI confirmation, or a newsletter's unsubscribe link."""
    if mail.context.get("kind") != NEWSLETTER_KIND:
        return confirm_doi(state, mail)
    with state.lock:
        account, contact = mail_contact(state, mail)
        if contact is None:
            return GONE
        mailing_id = int(mail.context["mailing_id"])
        record_unsubscription(state, account, contact, mailing_id)
        return f"{contact.email} unsubscribed from the newsletter (mailing {mailing_id})."

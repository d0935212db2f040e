"""`contacts/email/{email}`: create (with DOI), read, delete, unsubscribe, markers."""

from __future__ import annotations

from xml.sax.saxutils import escape

from nlconsole.sandbox.mailbox import Mail
from nlconsole.sandbox.maileon.rules import EMAIL_RE, fields_problem
from nlconsole.sandbox.maileon.state import (
    Account,
    Contact,
    DoiMailing,
    MaileonCall,
    MaileonState,
    Unsubscription,
)
from nlconsole.sandbox.maileon.wire import error, parse_contact_body, xml
from nlconsole.sandbox.web import Response

MAX_REASONS = 20


def create_contact(call: MaileonCall) -> Response:
    """`POST contacts/email/{email}`: create or (sync_mode=1) update, optionally with DOI."""
    request, account, email = call.request, call.account, call.params["email"]
    if not EMAIL_RE.fullmatch(email):
        return error(400, f"invalid email address '{email}'")
    try:
        standard, custom, _ = parse_contact_body(request.body, request.header("Content-Type"))
    except ValueError as exc:
        return error(400, str(exc))
    problem = fields_problem(standard, custom, account.custom_fields)
    if problem:
        return error(400, problem)
    try:
        permission = int(request.param("permission", "1") or "1")
        sync_mode = int(request.param("sync_mode", "2") or "2")
    except ValueError:
        return error(400, "permission and sync_mode must be numbers")
    if not 1 <= permission <= 6 or sync_mode not in (1, 2):
        return error(400, "permission must be 1..6 and sync_mode 1 or 2")
    doi = request.param("doi") == "true"
    doiplus = doi and request.param("doiplus") == "true"
    existing = account.contacts.get(email.lower())
    mailing = None
    if doi and (existing is None or existing.permission < 4):
        mailing = _doi_mailing(account, request.param("doimailing") or None)
        if mailing is None:
            # Maileon's FAQ: without a (matching) DOI mailing "der Kontakt taucht nicht auf".
            return xml(201 if existing is None else 200)
    now = call.state.clock.now()
    if existing is None:
        contact = Contact(
            account.next_contact_id,
            email,
            permission,
            now,
            now,
            standard,
            custom,
            request.param("src", "") or "",
            request.param("subscription_page", "") or "",
        )
        account.next_contact_id += 1
        account.contacts[email.lower()] = contact
        status = 201
    else:
        contact, status = existing, 200
        if sync_mode == 1:
            contact.standard.update(standard)
            contact.custom.update(custom)
            contact.updated = now
            if not mailing and contact.permission < 4:
                contact.permission = max(contact.permission, permission)
    if mailing is not None:
        _send_doi(call.state, account, contact, mailing, doiplus)
    return xml(status)


def update_contact(call: MaileonCall) -> Response:
    """`PUT contacts/email/{email}`: change the fields of an existing contact (XML or JSON
    body); an `<email>` in the body that differs from the path changes the address."""
    request, account, email = call.request, call.account, call.params["email"]
    contact = account.contacts.get(email.lower())
    if contact is None:
        return error(404, f"no contact with email {email}")
    try:
        standard, custom, new_email = parse_contact_body(
            request.body, request.header("Content-Type")
        )
        raw_permission = request.param("permission")
        permission = None if raw_permission is None else int(raw_permission)
    except ValueError as exc:
        return error(400, str(exc))
    problem = fields_problem(standard, custom, account.custom_fields)
    if problem:
        return error(400, problem)
    if permission is not None and not 1 <= permission <= 6:
        return error(400, "permission must be 1..6")
    if new_email and new_email.lower() != email.lower():
        if not EMAIL_RE.fullmatch(new_email):
            return error(400, f"invalid email address '{new_email}'")
        if new_email.lower() in account.contacts:
            return error(409, f"another contact already has the email {new_email}")
        del account.contacts[email.lower()]
        contact.email = new_email
        account.contacts[new_email.lower()] = contact
        call.state.track_removal(account, contact)
    contact.standard.update(standard)
    contact.custom.update(custom)
    if permission is not None and contact.permission < 4:
        contact.permission = permission  # a valid DOI(+) permission is never downgraded
    contact.updated = call.state.clock.now()
    return xml(201)


def _doi_mailing(account: Account, doi_key: str | None) -> DoiMailing | None:
    for mailing in account.doi_mailings:
        if (doi_key is None and mailing.default) or mailing.doi_key == doi_key:
            return mailing
    return None


def _send_doi(
    state: MaileonState, account: Account, contact: Contact, mailing: DoiMailing, doiplus: bool
) -> None:
    kind = "DOI+ (mit Einzelnutzertracking)" if doiplus else "DOI"
    state.mailbox.send(
        "maileon",
        contact.email,
        f"Bitte bestätigen Sie Ihre Anmeldung ({mailing.name})",
        f"Maileon account '{account.name}', {kind}: confirm to receive the newsletter.",
        account=account.key,
        email=contact.email,
        doiplus=doiplus,
    )


GONE = "The contact no longer exists in Maileon; nothing was changed."


def mail_contact(state: MaileonState, mail: Mail) -> tuple[Account, Contact | None]:
    """The account and contact a mail was sent for (None: gone meanwhile); hold state.lock."""
    account = state.accounts[mail.context["account"]]
    state.purge(account)
    return account, account.contacts.get(str(mail.context["email"]).lower())


def confirm_doi(state: MaileonState, mail: Mail) -> str:
    """Follow a DOI mail's link: the contact gets permission 4, or 5 for DOI+."""
    with state.lock:
        _account, contact = mail_contact(state, mail)
        if contact is None:
            return GONE
        contact.permission = 5 if mail.context["doiplus"] else 4
        contact.updated = state.clock.now()
        label = "DOI+ (5)" if contact.permission == 5 else "DOI (4)"
        return f"{contact.email} confirmed: permission {label}."


def get_contact(call: MaileonCall) -> Response:
    """`GET contacts/email/{email}` with the requested standard and custom fields."""
    request, account, email = call.request, call.account, call.params["email"]
    contact = account.contacts.get(email.lower())
    if contact is None:
        return error(404, f"no contact with email {email}")
    standard = []
    for name in request.params("standard_field"):
        value = _standard_value(account, contact, name.upper())
        standard.append(
            f"<field><name>{escape(name.upper())}</name>"
            + ('<value nil="true"></value>' if not value else f"<value>{escape(value)}</value>")
            + "</field>"
        )
    custom = "".join(
        f"<field><name>{escape(name)}</name><value>{escape(contact.custom[name])}</value></field>"
        for name in request.params("custom_field")
        if contact.custom.get(name)
    )
    return xml(
        200,
        "<contact>"
        f"<id>{contact.id}</id><email>{escape(contact.email)}</email>"
        '<external_id nil="true"></external_id>'
        f"<created>{contact.created:%Y-%m-%d %H:%M:%S}.0</created>"
        f"<updated>{contact.updated:%Y-%m-%d %H:%M:%S}.0</updated>"
        f"<permission>{contact.permission}</permission>"
        f"<standard_fields>{''.join(standard)}</standard_fields>"
        f"<custom_fields>{custom}</custom_fields>"
        "</contact>",
    )


def _standard_value(account: Account, contact: Contact, name: str) -> str:
    if name == "PERMISSION_STATUS":
        if contact.email.lower() in account.unsubscription_markers:
            return "unsubscribed"
        return "none" if contact.permission == 1 else "available"
    if name == "SENDOUT_STATUS":
        return "allowed" if contact.permission > 1 else "blocked"
    if name == "CUSTOM_SOURCE":
        return contact.src
    return contact.standard.get(name, "")


def delete_contact(call: MaileonCall) -> Response:
    """`DELETE contacts/email/{email}`: the hard delete."""
    email = call.params["email"]
    if call.account.contacts.pop(email.lower(), None) is None:
        return error(404, f"no contact with email {email}")
    return xml(200)


def unsubscribe(call: MaileonCall) -> Response:
    """`DELETE contacts/email/{email}/unsubscribe[?mailingId=..&reason=type|text]`: a marker at
    once, the contact goes later; a named mailing must have been sent."""
    account, email, request = call.account, call.params["email"], call.request
    mailing_id = request.param("mailingId")
    mailing = None
    if mailing_id is not None:
        mailing = next((m for m in account.mailings if str(m.id) == mailing_id), None)
        if mailing is None or mailing.state != "sealed":
            return error(400, f"mailing {mailing_id} does not exist or has not been sent")
    # Reasons are kept as sent: the official PHP client's own example sends a free-form type.
    reasons = tuple(request.params("reason"))[:MAX_REASONS]
    contact = account.contacts.get(email.lower())
    if contact is None:
        return error(404, f"no contact with email {email}")
    record_unsubscription(call.state, account, contact, mailing.id if mailing else None, reasons)
    return xml(204)


def record_unsubscription(
    state: MaileonState,
    account: Account,
    contact: Contact,
    mailing_id: int | None,
    reasons: tuple[str, ...] = (),
) -> None:
    """What an unsubscribe does, by API call or by the link in a mailing: a marker at once,
    an entry in the unsubscriber report, and the contact goes after the delay."""
    account.unsubscription_markers.add(contact.email.lower())
    account.unsubscriptions.append(Unsubscription(contact.email, mailing_id, reasons))
    state.schedule_removal(account, contact)


def has_unsubscription_marker(call: MaileonCall) -> Response:
    """`GET contacts/email/{email}/unsubscription`: 200 with a marker, else 404."""
    if call.params["email"].lower() in call.account.unsubscription_markers:
        return xml(200)
    return error(404, "no unsubscription marker")


def delete_unsubscription_marker(call: MaileonCall) -> Response:
    """`DELETE contacts/email/{email}/unsubscription`: removes the marker, not the contact."""
    email = call.params["email"].lower()
    if email not in call.account.unsubscription_markers:
        return error(404, "no unsubscription marker")
    call.account.unsubscription_markers.discard(email)
    return xml(200)

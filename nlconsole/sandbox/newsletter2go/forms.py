"""Public form calls (`forms/generate`, `forms/submit`) and the DOI confirm link."""

from __future__ import annotations

from typing import Any

from nlconsole.sandbox.mailbox import Mail
from nlconsole.sandbox.newsletter2go.recipients import acceptable_email, recipient_fields
from nlconsole.sandbox.newsletter2go.state import N2GState, RecipientRecord
from nlconsole.sandbox.newsletter2go.wire import envelope, json_object, rest_error
from nlconsole.sandbox.web import Params, Request, Response


def generate(state: N2GState, request: Request, params: Params) -> Response:
    """`GET /forms/generate/{code}`: the form's fields and messages."""
    found = state.form(params["code"])
    if found is None:
        return rest_error(404, 404, f"form {params['code']} not found")
    _, form = found
    items = [
        {"type": "attribute", "name": "email", "is_required": True, "label": "E-Mail"},
        {"type": "attribute", "name": "first_name", "is_required": False, "label": "Vorname"},
        {"type": "attribute", "name": "last_name", "is_required": False, "label": "Nachname"},
        {"type": "submit", "name": "submit", "label": "Anmelden"},
    ]
    return envelope(
        200,
        [
            {
                "items": items,
                "url": f"https://subscribe.newsletter2go.com?n2g={form.code}",
                "messages": {
                    "message_subscribe_doi": "Thank you for subscribing. We've sent you an "
                    "email with a confirmation link."
                },
                "attributes": {},
            }
        ],
    )


def submit(state: N2GState, request: Request, params: Params) -> Response:
    """`POST /forms/submit/{code}`: a DOI mail for a new address, `duplicate` for a known one."""
    found = state.form(params["code"])
    if found is None:
        return rest_error(404, 404, f"form {params['code']} not found")
    company, form = found
    body = json_object(request)
    recipient = body.get("recipient") if isinstance(body.get("recipient"), dict) else None
    email = str((recipient or {}).get("email") or "").strip()
    lists = [str(x) for x in body.get("lists") or [] if str(x) in company.lists] or [form.list_id]
    if recipient is None or not acceptable_email(email):
        return _form_result(0, duplicate=[], invalid=[{"email": email}])
    existing = company.recipients.get(email.lower())
    if existing is not None and all(x in existing.memberships for x in lists):
        # "The system will only send the DOI email to new contacts!" (help, re-opt-in page)
        return _form_result(0, duplicate=[{"email": email}], invalid=[])
    state.mailbox.send(
        "newsletter2go",
        email,
        "Bitte bestätigen Sie Ihre Newsletter-Anmeldung",
        f"Newsletter2Go form '{form.name}' of {company.name}: confirm to be added to "
        + ", ".join(company.lists[x].name for x in lists),
        company=company.id,
        lists=lists,
        recipient=recipient_fields(recipient),
        email=email,
    )
    return _form_result(1, duplicate=[], invalid=[], status=201)


def confirm(state: N2GState, mail: Mail) -> str:
    """Follow a DOI mail's link: the recipient joins the form's lists."""
    with state.lock:
        company = next(
            (c for c in state.companies.values() if c.id == mail.context["company"]), None
        )
        if company is None:
            return "n2g_state=doi_error"
        email = str(mail.context["email"])
        record = company.recipients.get(email.lower())
        if record is None:
            record = RecipientRecord(state.new_id(), email)
            company.recipients[email.lower()] = record
        record.fields.update(mail.context["recipient"])
        names = []
        for list_id in mail.context["lists"]:
            if list_id in company.lists:
                record.memberships.setdefault(list_id, state.membership())
                names.append(company.lists[list_id].name)
        return f"n2g_state=doi_success: {email} added to {', '.join(names)}."


def _form_result(
    inserted: int, *, duplicate: list[Any], invalid: list[Any], status: int = 200
) -> Response:
    failed = len(duplicate) + len(invalid)
    result = {
        "success": {"inserted": inserted, "updated": 0},
        "error": {"failed": failed, "recipients": {"duplicate": duplicate, "invalid": invalid}},
    }
    return Response.json(
        status, {"status": status, "info": {"count": inserted}, "value": [{"result": result}]}
    )

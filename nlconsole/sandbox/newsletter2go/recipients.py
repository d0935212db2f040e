"""Recipients: upsert, list per address book, update, unsubscribe and delete."""

from __future__ import annotations

import re
from typing import Any

from nlconsole.sandbox.newsletter2go.filters import parse_filter
from nlconsole.sandbox.newsletter2go.state import (
    RECIPIENT_FIELDS,
    ROLE_LOCAL_PARTS,
    CompanyRecord,
    Membership,
    N2GCall,
    RecipientRecord,
)
from nlconsole.sandbox.newsletter2go.wire import (
    PUBLIC,
    envelope,
    json_object,
    json_value,
    page,
    rest_error,
    select_fields,
)
from nlconsole.sandbox.web import Response

EMAIL_RE = re.compile(r"^[^@\s\"]+@[^@\s\"]+\.[A-Za-z0-9-]{2,}$")


def all_recipients(call: N2GCall) -> Response:
    """`GET /recipients` (SDK) and `GET /recipients/global` (docs)."""
    items = [r.view(None) for r in call.company.recipients.values()]
    return page(call.request, "recipients", items, parse_filter(call.request.param("_filter")))


def upsert(call: N2GCall) -> Response:
    """`POST /recipients`: one object or an array; invalid addresses are reported, not refused."""
    company, state = call.company, call.state
    body = json_value(call.request)
    items = body if isinstance(body, list) else [body]
    any_created, values, invalid = False, [], []
    for item in items:
        if not isinstance(item, dict):
            return rest_error(400, 1001, "recipients must be JSON objects")
        list_id = str(item.get("list_id") or company.default_list_id)
        if list_id not in company.lists:
            return rest_error(400, 1001, f"unknown list_id {list_id}")
        email = str(item.get("email") or "").strip()
        if not acceptable_email(email):
            invalid.append({"email": email})
            continue
        record = company.recipients.get(email.lower())
        if record is None:
            record = RecipientRecord(state.new_id(), email)
            company.recipients[email.lower()] = record
            any_created = True
        record.fields.update(recipient_fields(item))
        membership = record.memberships.setdefault(list_id, state.membership())
        apply_subscription(membership, item)
        values.append({"_href": f"{PUBLIC}/recipients/{record.id}", "id": record.id})
    status = 201 if any_created else 200
    return envelope(status, values, additional={"invalid_recipients": invalid})


def list_recipients(call: N2GCall) -> Response:
    """`GET /lists/{id}/recipients` with `info.additional.active`."""
    company, list_id = call.company, call.params["list_id"]
    if list_id not in company.lists:
        return rest_error(404, 404, "list not found")
    members = [r.view(list_id) for r in company.recipients.values() if list_id in r.memberships]
    active = sum(1 for m in members if not m["is_unsubscribed"] and not m["is_blacklisted"])
    return page(
        call.request,
        f"lists/{list_id}/recipients",
        members,
        parse_filter(call.request.param("_filter")),
        additional={"active": active},
    )


def get_one(call: N2GCall) -> Response:
    """`GET /lists/{l}/recipients/{r}[?_fields=...]`: the recipient as seen in that list."""
    company, list_id = call.company, call.params["list_id"]
    if list_id not in company.lists:
        return rest_error(404, 404, "list not found")
    record = _recipient_by_id(company, call.params["recipient_id"])
    if record is None or list_id not in record.memberships:
        return rest_error(404, 404, "recipient not found in this list")
    return envelope(200, [select_fields(call.request, record.view(list_id))])


def update_one(call: N2GCall) -> Response:
    """`PATCH` (docs) or `POST` (SDK) `/lists/{l}/recipients/{r}`."""
    company, list_id = call.company, call.params["list_id"]
    record = _recipient_by_id(company, call.params["recipient_id"])
    if record is None or list_id not in record.memberships:
        return rest_error(404, 404, "recipient not found in this list")
    body = json_object(call.request)
    email = str(body.get("email") or "").strip()
    if email and email.lower() != record.email.lower():
        if not acceptable_email(email):
            return rest_error(400, 1001, f"invalid email {email}")
        if email.lower() in company.recipients:
            return rest_error(400, 1062, f"a recipient with {email} exists already")
        del company.recipients[record.email.lower()]
        company.recipients[email.lower()] = record
    if email:
        record.email = email
    record.fields.update(recipient_fields(body))
    apply_subscription(record.memberships[list_id], body)
    return envelope(200, [], count=1)


def update_matching(call: N2GCall) -> Response:
    """`PATCH`/`POST /lists/{l}/recipients?_filter=...`; without a filter: every recipient."""
    company, list_id = call.company, call.params["list_id"]
    if list_id not in company.lists:
        return rest_error(404, 404, "list not found")
    matches = parse_filter(call.request.param("_filter"))
    body = json_object(call.request)
    count = 0
    for record in company.recipients.values():
        if list_id in record.memberships and matches(record.view(list_id)):
            record.fields.update(recipient_fields(body))
            apply_subscription(record.memberships[list_id], body)
            count += 1
    return envelope(200, [], count=count)


def delete_one(call: N2GCall) -> Response:
    """`DELETE /lists/{l}/recipients/{r}`."""
    if not _remove(call.company, call.params["list_id"], call.params["recipient_id"]):
        return rest_error(404, 404, "recipient not found in this list")
    return envelope(200, [], count=1)


def delete_matching(call: N2GCall) -> Response:
    """`DELETE /lists/{l}/recipients?_filter=...`."""
    company, list_id = call.company, call.params["list_id"]
    if list_id not in company.lists:
        return rest_error(404, 404, "list not found")
    matches = parse_filter(call.request.param("_filter"))
    doomed = [
        r
        for r in company.recipients.values()
        if list_id in r.memberships and matches(r.view(list_id))
    ]
    for record in doomed:
        _remove(company, list_id, record.id)
    return envelope(200, [], count=len(doomed))


def _remove(company: CompanyRecord, list_id: str, recipient_id: str) -> bool:
    record = _recipient_by_id(company, recipient_id)
    if record is None or record.memberships.pop(list_id, None) is None:
        return False
    if not record.memberships:
        del company.recipients[record.email.lower()]
    return True


def acceptable_email(email: str) -> bool:
    """A syntactically valid address that is not a role address (admin@, service@, ...)."""
    return bool(EMAIL_RE.fullmatch(email)) and email.split("@")[0].lower() not in ROLE_LOCAL_PARTS


def recipient_fields(item: dict[str, Any]) -> dict[str, Any]:
    """The attribute values of a recipient body (not its list, e-mail or state)."""
    skip = {"list_id", "email", "is_unsubscribed", "is_blacklisted", "id", "list_ids"}
    return {
        k: v
        for k, v in item.items()
        if k not in skip and v is not None and (k in RECIPIENT_FIELDS or not k.startswith("_"))
    }


def apply_subscription(membership: Membership, item: dict[str, Any]) -> None:
    """Unsubscribing blacklists the address in that list; nothing lifts the blacklist here."""
    if item.get("is_unsubscribed") is True or item.get("is_blacklisted") is True:
        membership.is_unsubscribed = True
        membership.is_blacklisted = True
    elif item.get("is_unsubscribed") is False and not membership.is_blacklisted:
        membership.is_unsubscribed = False


def _recipient_by_id(company: CompanyRecord, recipient_id: str) -> RecipientRecord | None:
    return next((r for r in company.recipients.values() if r.id == recipient_id), None)

"""Companies, users, lists (address books) and the form list."""

from __future__ import annotations

from typing import Any

from nlconsole.sandbox.newsletter2go.filters import parse_filter
from nlconsole.sandbox.newsletter2go.state import LIST_FIELDS, N2GCall, timestamp
from nlconsole.sandbox.newsletter2go.wire import created, envelope, json_object, page, rest_error
from nlconsole.sandbox.web import Response


def _page(call: N2GCall, href: str, items: list[dict[str, object]]) -> Response:
    return page(call.request, href, items, parse_filter(call.request.param("_filter")))


def companies(call: N2GCall) -> Response:
    """`GET /companies`: the logged-in user's company."""
    return envelope(200, [call.company.view()], href="companies")


def users(call: N2GCall) -> Response:
    """`GET /users`: the company's users."""
    items = [u.view() for u in call.state.users.values() if u.company_id == call.company.id]
    return _page(call, "users", items)


def user(call: N2GCall) -> Response:
    """`GET /users/{id}`."""
    found = call.state.users.get(call.params["user_id"])
    if found is None or found.company_id != call.company.id:
        return rest_error(404, 404, "user not found")
    return envelope(200, [found.view()])


def lists(call: N2GCall) -> Response:
    """`GET /lists`."""
    company = call.company
    return _page(call, "lists", [x.view(company.id) for x in company.lists.values()])


def get_list(call: N2GCall) -> Response:
    """`GET /lists/{id}`."""
    record = call.company.lists.get(call.params["list_id"])
    if record is None:
        return rest_error(404, 404, "list not found")
    return envelope(200, [record.view(call.company.id)])


def create_list(call: N2GCall) -> Response:
    """`POST /lists`: name required; a plan's list limit applies."""
    company, body = call.company, json_object(call.request)
    problem = _list_body_problem(body)
    name = str(body.get("name") or "").strip()
    if problem or not name:
        return rest_error(400, 1001, problem or "name is required")
    if company.max_lists is not None and len(company.lists) >= company.max_lists:
        return rest_error(
            400,
            1100,
            f"Your plan ({company.plan}) allows at most {company.max_lists} address book(s)",
        )
    settings = {k: v for k, v in body.items() if k != "name"}
    record = call.state.add_list(company, name, **settings)
    return created("lists", record.id)


def update_list(call: N2GCall) -> Response:
    """`PATCH /lists/{id}`: the fields `POST /lists` takes (name, sender settings, ...)."""
    record = call.company.lists.get(call.params["list_id"])
    if record is None:
        return rest_error(404, 404, "list not found")
    body = json_object(call.request)
    problem = _list_body_problem(body)
    if "name" in body and not str(body.get("name") or "").strip():
        problem = problem or "name must not be empty"
    if problem:
        return rest_error(400, 1001, problem)
    if "name" in body:
        record.name = str(body["name"]).strip()
    record.settings.update({k: v for k, v in body.items() if k != "name"})
    record.modified_at = timestamp(call.state.clock)
    return envelope(200, [], count=1)


def delete_list(call: N2GCall) -> Response:
    """`DELETE /lists/{id}`: the list, its memberships and its attribute links."""
    company, list_id = call.company, call.params["list_id"]
    if company.lists.pop(list_id, None) is None:
        return rest_error(404, 404, "list not found")
    for email, recipient in list(company.recipients.items()):
        recipient.memberships.pop(list_id, None)
        if not recipient.memberships:
            del company.recipients[email]
    for attr_id, attribute in list(company.attributes.items()):
        if list_id in attribute.list_ids:
            attribute.list_ids.remove(list_id)
            if not attribute.list_ids:
                del company.attributes[attr_id]
    return envelope(200, [], count=1)


def _list_body_problem(body: dict[str, Any]) -> str | None:
    unknown = sorted(set(body) - set(LIST_FIELDS))
    if unknown:
        return f"unknown list fields: {', '.join(unknown)}"
    return None


def forms(call: N2GCall) -> Response:
    """`GET /forms`: the company's forms (`hash` is the form code)."""
    items = [
        {
            "id": f.code,
            "hash": f.code,
            "name": f.name,
            "type_subscribe": True,
            "type_unsubscribe": False,
        }
        for f in call.company.forms.values()
    ]
    return _page(call, "forms", items)

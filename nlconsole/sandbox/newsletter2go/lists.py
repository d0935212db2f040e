"""Companies, users, lists (address books), attributes and the form list."""

from __future__ import annotations

import re

from nlconsole.sandbox.newsletter2go.filters import parse_filter
from nlconsole.sandbox.newsletter2go.state import AttributeRecord, N2GCall
from nlconsole.sandbox.newsletter2go.wire import created, envelope, json_object, page, rest_error
from nlconsole.sandbox.web import Response

ATTRIBUTE_NAME = re.compile(r"^[0-9a-zA-Z_]+$")


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
    name = str(body.get("name") or "").strip()
    if not name:
        return rest_error(400, 1001, "name is required")
    if company.max_lists is not None and len(company.lists) >= company.max_lists:
        return rest_error(
            400,
            1100,
            f"Your plan ({company.plan}) allows at most {company.max_lists} address book(s)",
        )
    settings = {k: v for k, v in body.items() if k != "name"}
    record = call.state.add_list(company, name, **settings)
    return created("lists", record.id)


def list_attributes(call: N2GCall) -> Response:
    """`GET /lists/{id}/attributes`."""
    list_id = call.params["list_id"]
    attrs = [
        {"id": a.id, "name": a.name, "type": a.type, **a.settings}
        for a in call.company.attributes.values()
        if list_id in a.list_ids
    ]
    return _page(call, f"lists/{list_id}/attributes", attrs)


def create_attribute(call: N2GCall) -> Response:
    """`POST /attributes`: the name rule `[0-9a-zA-Z_]+`; a duplicate name → code 1062."""
    company, body = call.company, json_object(call.request)
    name = str(body.get("name") or "")
    if not ATTRIBUTE_NAME.fullmatch(name):
        return rest_error(
            400, 1001, "Attribute names may only contain letters, numbers and underscores"
        )
    list_ids = [str(x) for x in body.get("list_ids") or []]
    if any(x not in company.lists for x in list_ids):
        return rest_error(400, 1001, "unknown list id in list_ids")
    if any(a.name == name and set(a.list_ids) & set(list_ids) for a in company.attributes.values()):
        return rest_error(400, 1062, f"attribute '{name}' already exists")
    attr_id = call.state.new_id()
    extra = {k: v for k, v in body.items() if k not in ("name", "list_ids", "type")}
    company.attributes[attr_id] = AttributeRecord(
        attr_id, name, str(body.get("type") or "text"), list_ids, extra
    )
    return created("attribute", attr_id)


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

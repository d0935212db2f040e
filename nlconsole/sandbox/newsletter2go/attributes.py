"""Attributes (custom recipient fields): list per address book, create, read, change, unlink."""

from __future__ import annotations

import re
from typing import Any

from nlconsole.sandbox.newsletter2go.filters import parse_filter
from nlconsole.sandbox.newsletter2go.state import AttributeRecord, CompanyRecord, N2GCall
from nlconsole.sandbox.newsletter2go.wire import created, envelope, json_object, page, rest_error
from nlconsole.sandbox.web import Response

ATTRIBUTE_NAME_RE = re.compile(r"^[0-9a-zA-Z_]+$")
NAME_RULE = "Attribute names may only contain letters, numbers and underscores"


def list_attributes(call: N2GCall) -> Response:
    """`GET /lists/{id}/attributes`; an unknown list → 404."""
    list_id = call.params["list_id"]
    if list_id not in call.company.lists:
        return rest_error(404, 404, "list not found")
    attrs = [
        {"id": a.id, "name": a.name, "type": a.type, **a.settings}
        for a in call.company.attributes.values()
        if list_id in a.list_ids
    ]
    matches = parse_filter(call.request.param("_filter"))
    return page(call.request, f"lists/{list_id}/attributes", attrs, matches)


def create_attribute(call: N2GCall) -> Response:
    """`POST /attributes`: the name rule `[0-9a-zA-Z_]+`; a duplicate name → code 1062."""
    company, body = call.company, json_object(call.request)
    name = str(body.get("name") or "")
    list_ids = [str(x) for x in body.get("list_ids") or []]
    problem = _problem(company, name, list_ids, ignore=None)
    if problem is not None:
        return problem
    attr_id = call.state.new_id()
    extra = {k: v for k, v in body.items() if k not in ("name", "list_ids", "type")}
    company.attributes[attr_id] = AttributeRecord(
        attr_id, name, str(body.get("type") or "text"), list_ids, extra
    )
    return created("attribute", attr_id)


def get_attribute(call: N2GCall) -> Response:
    """`GET /attributes/{id}`."""
    attribute = call.company.attributes.get(call.params["attribute_id"])
    if attribute is None:
        return rest_error(404, 404, "attribute not found")
    return envelope(200, [attribute.view(call.company.id)])


def update_attribute(call: N2GCall) -> Response:
    """`PATCH /attributes/{id}` with `name` and/or `list_ids`."""
    company = call.company
    attribute = company.attributes.get(call.params["attribute_id"])
    if attribute is None:
        return rest_error(404, 404, "attribute not found")
    body: dict[str, Any] = json_object(call.request)
    name = str(body["name"]) if "name" in body else attribute.name
    list_ids = [str(x) for x in body["list_ids"]] if "list_ids" in body else attribute.list_ids
    problem = _problem(company, name, list_ids, ignore=attribute.id)
    if problem is not None:
        return problem
    attribute.name, attribute.list_ids = name, list(list_ids)
    attribute.settings.update(
        {k: v for k, v in body.items() if k not in ("name", "list_ids", "type", "id")}
    )
    return envelope(200, [], count=1)


def delete_from_list(call: N2GCall) -> Response:
    """`DELETE /lists/{l}/attributes/{id}`: unlinks it; with no list left it is gone."""
    company, list_id = call.company, call.params["list_id"]
    attribute = company.attributes.get(call.params["attribute_id"])
    if list_id not in company.lists or attribute is None or list_id not in attribute.list_ids:
        return rest_error(404, 404, "attribute not found in this list")
    attribute.list_ids.remove(list_id)
    if not attribute.list_ids:
        del company.attributes[attribute.id]
    return envelope(200, [], count=1)


def _problem(
    company: CompanyRecord, name: str, list_ids: list[str], ignore: str | None
) -> Response | None:
    if not ATTRIBUTE_NAME_RE.fullmatch(name):
        return rest_error(400, 1001, NAME_RULE)
    if any(x not in company.lists for x in list_ids):
        return rest_error(400, 1001, "unknown list id in list_ids")
    if any(
        a.id != ignore and a.name == name and set(a.list_ids) & set(list_ids)
        for a in company.attributes.values()
    ):
        return rest_error(400, 1062, f"attribute '{name}' already exists")
    return None

"""`contacts/fields/custom`: list, create and delete custom contact fields."""

from __future__ import annotations

from xml.sax.saxutils import escape

from nlconsole.sandbox.maileon.rules import CUSTOM_FIELD_TYPES, custom_field_name_problem
from nlconsole.sandbox.maileon.state import MaileonCall
from nlconsole.sandbox.maileon.wire import error, xml
from nlconsole.sandbox.web import Response


def list_fields(call: MaileonCall) -> Response:
    """`GET contacts/fields/custom`: `<custom_field>` items, as the reference documents (the
    Java client and n8n read those; the PHP client reads either)."""
    items = "".join(
        f"<custom_field><name>{escape(name)}</name><type>{kind}</type></custom_field>"
        for name, kind in call.account.custom_fields.items()
    )
    return xml(200, f"<custom_fields>{items}</custom_fields>")


def create_field(call: MaileonCall) -> Response:
    """`POST contacts/fields/custom/{name}?type=...`."""
    name = call.params["name"]
    kind = call.request.param("type", "string") or "string"
    if kind not in CUSTOM_FIELD_TYPES:
        return error(400, f"invalid type {kind}; valid: {', '.join(CUSTOM_FIELD_TYPES)}")
    problem = custom_field_name_problem(name)
    if problem:
        return error(400, problem)
    if name in call.account.custom_fields:
        return error(409, f"custom field '{name}' already exists")
    call.account.custom_fields[name] = kind
    return xml(201)


def delete_field(call: MaileonCall) -> Response:
    """`DELETE contacts/fields/custom/{name}`: the field and all its values."""
    name = call.params["name"]
    if call.account.custom_fields.pop(name, None) is None:
        return error(404, f"no custom field '{name}'")
    for contact in call.account.contacts.values():
        contact.custom.pop(name, None)
    return xml(200)

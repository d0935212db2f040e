"""`ping`, `account/info` and the DOI mailings (`mailings/...`)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from nlconsole.sandbox.maileon.state import MaileonCall
from nlconsole.sandbox.maileon.wire import error, xml
from nlconsole.sandbox.web import Response


def ping(call: MaileonCall) -> Response:
    """Any method on `ping`: 200 with an empty body once the key and its right check out."""
    return xml(200)


def account_info(call: MaileonCall) -> Response:
    """`GET account/info`: JSON with `Accept: application/json`, else XML."""
    account = call.account
    info = {"id": account.id, "name": account.name, "locale": "de", "type": "demo"}
    if "json" in call.request.header("Accept"):
        return Response.json(200, info)
    fields = "".join(f"<{k}>{escape(str(v))}</{k}>" for k, v in info.items())
    return xml(200, f"<account>{fields}</account>")


def list_mailings(call: MaileonCall) -> Response:
    """`GET mailings/filter/types?types=doi` (DOI mailings) or `regular` (the seeded ones)."""
    types = {t for value in call.request.params("types") for t in value.split(",")}
    mailings = [(m.id, m.name, m.state) for m in call.account.doi_mailings if "doi" in types]
    mailings += [(m.id, m.name, m.state) for m in call.account.mailings if "regular" in types]
    items = "".join(
        f"<mailing><id>{mailing_id}</id><fields><field><name>name</name><value>{escape(name)}"
        f"</value></field><field><name>state</name><value>{state}</value></field>"
        "</fields></mailing>"
        for mailing_id, name, state in mailings
    )
    return xml(200, f"<mailings>{items}</mailings>")


def doi_key(call: MaileonCall) -> Response:
    """`GET mailings/{id}/settings/doi_key`: the key as text."""
    mailing_id = call.params["mailing_id"]
    mailing = next((m for m in call.account.doi_mailings if str(m.id) == mailing_id), None)
    if mailing is None:
        return error(404, f"no mailing {mailing_id}")
    return Response(200, mailing.doi_key.encode(), "text/html; charset=utf-8")

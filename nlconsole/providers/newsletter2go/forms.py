"""Newsletter2Go subscribe forms: reading a form code and submitting a DOI sign-up.

Both endpoints are public (no token). A submission starts a double opt-in and is never retried:
a repeat would send more mail.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from nlconsole.i18n import _
from nlconsole.providers.base import NotFound
from nlconsole.providers.http import HttpSession, json_or_none
from nlconsole.providers.newsletter2go.models import FormInfo, FormSubmitResult
from nlconsole.providers.newsletter2go.wire import Scrub, envelope, json_bytes, not_json
from nlconsole.providers.segments import id_segment


async def read_form(http: HttpSession, code: str, scrub: Scrub) -> FormInfo:
    """`GET /forms/generate/{code}`: checks a form code and what the form asks for."""
    path = "forms/generate/" + id_segment(code, _("form code"))
    response = await http.request("GET", path)
    data = envelope(response, _("reading form {code}", code=code), scrub)
    if not data["value"]:
        raise NotFound(_("Newsletter2Go has no form with code {code}", code=code))
    form = data["value"][0]
    items = [i for i in _list(form.get("items")) if isinstance(i, dict)]
    required = tuple(
        str(i.get("name")) for i in items if i.get("is_required") and i.get("type") == "attribute"
    )
    list_ids = tuple(
        str(v.get("id"))
        for i in items
        if i.get("type") == "list"
        for v in _list(i.get("values"))
        if isinstance(v, dict)
    )
    url = form.get("url")
    return FormInfo(code, required, list_ids, url if isinstance(url, str) else None)


def _list(value: object) -> list[Any]:
    """A JSON array as a list; anything else (a number, a string, null) as no entries."""
    return value if isinstance(value, list) else []


async def submit_form(
    http: HttpSession,
    code: str,
    recipient: Mapping[str, Any],
    lists: Sequence[str],
    scrub: Scrub,
) -> FormSubmitResult:
    """`POST /forms/submit/{code}`: starts a DOI. Never retried (a repeat sends more mail)."""
    body: dict[str, Any] = {"recipient": dict(recipient)}
    if lists:
        body["lists"] = list(lists)
    path = "forms/submit/" + id_segment(code, _("form code"))
    response = await http.request("POST", path, content=json_bytes(body), retry=False)
    data = json_or_none(response)
    if not isinstance(data, dict):
        raise not_json(response, _("the form submission"), scrub)
    raw_status = data.get("status")
    status = raw_status if isinstance(raw_status, int) else response.status_code
    value = data.get("value")
    first = value[0] if isinstance(value, list) and value and isinstance(value[0], dict) else {}
    result = first.get("result", {})
    error = result.get("error", {}) if isinstance(result, dict) else {}
    errors = error.get("recipients", {}) if isinstance(error, dict) else {}
    errors = errors if isinstance(errors, dict) else {}
    if status == 201:
        return FormSubmitResult(
            "doi_sent",
            status,
            _("DOI mail sent; the recipient appears in the list after confirming"),
        )
    if status == 200 and errors.get("duplicate"):
        return FormSubmitResult(
            "duplicate",
            status,
            _(
                "already known: no DOI mail was sent (Newsletter2Go sends DOI mails only to new "
                "contacts)"
            ),
        )
    if status == 200 and errors.get("invalid"):
        return FormSubmitResult("invalid", status, _("Newsletter2Go refused the data as invalid"))
    if response.status_code == 404 or status == 404:
        return FormSubmitResult(
            "error",
            status,
            _("no form with code {code}: check the form code in Newsletter2Go", code=code),
        )
    said = scrub(str(data.get("error_message") or data.get("error") or ""))
    return FormSubmitResult(
        "error", status, _("the form submission failed: {detail}", detail=said or str(status))
    )

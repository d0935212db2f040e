"""Newsletter2Go's wire format: JSON bodies, `{status, info, value}` envelopes, error shapes.

Every shape the server can send ends in a value or in a taxonomy error, never in a KeyError or
TypeError: a proxy, an outage or a changed API must produce a finding a person can act on.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx

from nlconsole.i18n import Text, _
from nlconsole.providers.base import (
    Conflict,
    CredentialsRejected,
    ProtocolError,
    ProviderError,
    RateLimited,
    StatusTexts,
    error_for_status,
)
from nlconsole.providers.http import json_or_none, parse_retry_after

API_TAB = "Konto → API"
"""Where the account shows auth key, username and password ('the API tab')."""
PASSWORD_GRANT = "https://nl2go.com/jwt"  # noqa: S105 (a grant type, not a password)
REFRESH_GRANT = "https://nl2go.com/jwt_refresh"

STATUS_TEXTS = StatusTexts(
    service="Newsletter2Go",
    rejected=_("Newsletter2Go rejected the token on {what}{detail}"),
    rejected_fix=_("Check the credentials from the API tab ({page}).", page=API_TAB),
    denied=_("Newsletter2Go denies {what} for this user{detail}"),
    denied_fix=_("The API user lacks access to this resource: check its role in Newsletter2Go."),
    bad_request_fix=_("Check the values sent."),
)
Scrub = Callable[[str], str]


def json_bytes(body: Any) -> bytes:
    """Compact UTF-8 JSON, as the official SDK sends it."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def not_json(response: httpx.Response, what: Text, scrub: Scrub) -> ProtocolError:
    """The answer is not the JSON the API documents (a proxy, a captive portal, an outage)."""
    start = scrub(response.content[:60].decode("utf-8", "replace").strip())
    return ProtocolError(
        _(
            "Newsletter2Go's answer to {what} is not JSON (HTTP {status}, starts with {start})",
            what=what,
            status=response.status_code,
            start=repr(start),
        ),
        _(
            "A proxy or captive portal may be answering instead of Newsletter2Go: check the "
            "base URL."
        ),
    )


def envelope(response: httpx.Response, what: Text, scrub: Scrub) -> dict[str, Any]:
    """The `{status, info, value}` envelope of a 2xx answer; `value` is a list of objects."""
    data = json_or_none(response)
    if not 200 <= response.status_code < 300:
        raise status_error(response, data if isinstance(data, dict) else {}, what, scrub)
    if not isinstance(data, dict):
        raise not_json(response, what, scrub)
    value = data.get("value")
    info = data.get("info", {})
    if (
        not isinstance(value, list)
        or not all(isinstance(item, dict) for item in value)
        or not isinstance(info, dict)
    ):
        raise not_json(response, what, scrub)
    return data


def count_of(data: dict[str, Any]) -> int:
    """`info.count` (the total behind the page) as an int; the page's length when absent."""
    raw = data.get("info", {}).get("count")
    if raw is None:
        return len(data["value"])
    if isinstance(raw, bool) or not isinstance(raw, int | str):
        raise ProtocolError(_("Newsletter2Go sent a count that is not a number"))
    try:
        count = int(raw)
    except ValueError:
        raise ProtocolError(_("Newsletter2Go sent a count that is not a number")) from None
    if count < 0:
        raise ProtocolError(_("Newsletter2Go sent a negative count"))
    return count


def status_error(
    response: httpx.Response, data: dict[str, Any], what: Text, scrub: Scrub
) -> ProviderError:
    """The taxonomy error of a failed REST answer (its server text scrubbed of secrets)."""
    raw = (
        data.get("error_message")
        or data.get("error_description")
        or data.get("message")
        or data.get("error")
        or ""
    )
    detail = scrub(str(raw).strip()) or None
    status = response.status_code
    if status == 400 and str(data.get("code")) == "1062":
        return Conflict(
            _("Newsletter2Go: it already exists ({what}): {detail}", what=what, detail=detail),
            status=status,
        )
    return error_for_status(
        status,
        what,
        detail,
        STATUS_TEXTS,
        retry_after=parse_retry_after(response.headers.get("Retry-After")),
    )


def token_error(
    error: str, description: str, status: int, *, grant: str, retry_after: float | None
) -> ProviderError:
    """The error of a refused token request, telling the auth key from username/password."""
    said = (
        _(" ({error}: {description})", error=error, description=description)
        if description
        else (_(" ({error})", error=error) if error else "")
    )
    if status == 429:
        return RateLimited(
            _("Newsletter2Go asks to slow down (429) on the login"),
            _("Too many logins in a short time: wait a few minutes, then try again."),
            status=status,
            retry_after=retry_after,
        )
    if error == "invalid_client":
        return CredentialsRejected(
            _("Newsletter2Go rejected the auth key{said}", said=said),
            _(
                "Copy the complete auth key from the API tab ({page}) again; it has the form "
                "'<client id>:<secret>'.",
                page=API_TAB,
            ),
            status=status,
        )
    if error == "invalid_grant" and grant == PASSWORD_GRANT:
        return CredentialsRejected(
            _("Newsletter2Go rejected the username or password{said}", said=said),
            _(
                "Check the login e-mail and password of the API user (a dedicated API user whose "
                "password does not change is recommended)."
            ),
            status=status,
        )
    if error == "invalid_grant":
        return CredentialsRejected(
            _("the refresh token was not accepted{said}", said=said), status=status
        )
    return CredentialsRejected(
        _("Newsletter2Go refused the login (HTTP {status}){said}", status=status, said=said),
        _("Check the auth key, username and password from the API tab ({page}).", page=API_TAB),
        status=status,
    )

"""Newsletter2Go REST client: OAuth token from auth key + user + password, then JSON envelopes.

Tokens live in memory only. A token is refreshed ahead of its expiry (`jwt_refresh`, falling
back to `jwt` + refresh token, then to a password login); a 401 on an API call refreshes once
and retries once, then logs in again. List-wide PATCH or DELETE without a filter is refused here:
the API would change or delete every recipient of the list.
"""

from __future__ import annotations

import asyncio
import base64
import json
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx
from pydantic import SecretStr

from nlconsole.providers.base import (
    BadRequest,
    Conflict,
    CredentialsRejected,
    NotFound,
    PermissionDenied,
    ProtocolError,
    ProviderError,
    RateLimited,
    ServerError,
)
from nlconsole.providers.http import (
    HttpSession,
    HttpSettings,
    SessionClient,
    json_or_none,
    parse_retry_after,
)
from nlconsole.providers.n2g_models import (
    AddressBook,
    Attribute,
    Company,
    FormInfo,
    FormSubmitResult,
    Recipient,
    User,
)

PASSWORD_GRANT = "https://nl2go.com/jwt"  # noqa: S105 (a grant type, not a password)
REFRESH_GRANT = "https://nl2go.com/jwt_refresh"
PAGE_SIZE = 50
REFRESH_AHEAD = 60.0
ATTRIBUTE_NAME_RE = re.compile(r"^[0-9a-zA-Z_]+$")
API_TAB = "the API tab of the Newsletter2Go account (Account → API)"


@dataclass
class _Token:
    access: SecretStr
    refresh: SecretStr | None
    expires_at: float
    account_id: str | None


def filter_equals(field: str, value: str) -> str:
    """`field=="value"` for `_filter`; refuses a value with a quote (escaping is undocumented)."""
    if '"' in value or "\\" in value:
        raise ValueError(f"cannot filter on a value containing a quote or backslash: {value!r}")
    return f'{field}=="{value}"'


class Newsletter2GoClient(SessionClient):
    """One Newsletter2Go connection (one connection pool, one token) for one API user."""

    def __init__(
        self,
        base_url: str,
        auth_key: SecretStr,
        username: SecretStr,
        password: SecretStr,
        *,
        settings: HttpSettings | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._http = HttpSession(
            base_url,
            headers={"Content-Type": "application/json", "Accept": "application/json"},
            settings=settings,
            transport=transport,
            service="Newsletter2Go",
        )
        self._basic = "Basic " + base64.b64encode(
            auth_key.get_secret_value().encode("utf-8")
        ).decode("ascii")
        self._username = username
        self._password = password
        self._clock = clock
        self._token: _Token | None = None
        self._token_lock = asyncio.Lock()
        self.logins = 0
        self.refreshes = 0

    async def aclose(self) -> None:
        """Close the connection pool and forget the token."""
        self._token = None
        await super().aclose()

    @property
    def account_id(self) -> str | None:
        """The logged-in account's id (after a login)."""
        return self._token.account_id if self._token else None

    # -- token ---------------------------------------------------------------------------------

    async def login(self) -> None:
        """Password grant: `POST /oauth/v2/token` with the whole auth key as Basic credentials."""
        async with self._token_lock:
            await self._password_login()

    async def _password_login(self) -> None:
        self._token = await self._token_request(
            {
                "username": self._username.get_secret_value(),
                "password": self._password.get_secret_value(),
                "grant_type": PASSWORD_GRANT,
            }
        )
        self.logins += 1

    async def _refresh(self) -> None:
        token = self._token
        if token is None or token.refresh is None:
            await self._password_login()
            return
        for grant in (REFRESH_GRANT, PASSWORD_GRANT):
            try:
                self._token = await self._token_request(
                    {"refresh_token": token.refresh.get_secret_value(), "grant_type": grant}
                )
            except CredentialsRejected:
                continue
            self.refreshes += 1
            return
        await self._password_login()

    async def _token_request(self, body: Mapping[str, str]) -> _Token:
        response = await self._http.request(
            "POST",
            "oauth/v2/token",
            content=_json_bytes(body),
            headers={"Authorization": self._basic},
            retry=False,
        )
        data = json_or_none(response)
        if not isinstance(data, dict):
            raise _not_json(response, "the token request")
        error = data.get("error")
        if response.status_code >= 500:
            raise _status_error(response, data, "the token request")
        if error or response.status_code >= 400 or not data.get("access_token"):
            raise _token_error(
                str(error or ""),
                str(data.get("error_description") or ""),
                response.status_code,
                grant=body.get("grant_type", ""),
            )
        expires_in = float(data.get("expires_in") or 7200)
        refresh = data.get("refresh_token")
        return _Token(
            SecretStr(str(data["access_token"])),
            SecretStr(str(refresh)) if refresh else None,
            self._clock() + expires_in,
            str(data["account_id"]) if data.get("account_id") is not None else None,
        )

    async def _bearer(self) -> str:
        async with self._token_lock:
            if self._token is None:
                await self._password_login()
            elif self._token.expires_at - self._clock() < REFRESH_AHEAD:
                await self._refresh()
            assert self._token is not None
            return "Bearer " + self._token.access.get_secret_value()

    # -- API calls -----------------------------------------------------------------------------

    async def _api(
        self,
        method: str,
        path: str,
        what: str,
        *,
        params: Sequence[tuple[str, str]] | None = None,
        body: Any = None,
    ) -> dict[str, Any]:
        """Call an authenticated endpoint and return its envelope (raises on errors)."""
        content = None if body is None else _json_bytes(body)
        for attempt in ("first", "refreshed", "relogged"):
            bearer = await self._bearer()
            response = await self._http.request(
                method, path, params=params, content=content, headers={"Authorization": bearer}
            )
            data = json_or_none(response)
            expired = response.status_code == 401 or (
                isinstance(data, dict) and data.get("error") == "invalid_grant"
            )
            if not expired:
                return _envelope(response, data, what)
            async with self._token_lock:
                if attempt == "first":
                    await self._refresh()
                elif attempt == "refreshed":
                    await self._password_login()
        raise CredentialsRejected(
            f"Newsletter2Go keeps rejecting fresh tokens on {what} (401)",
            "The user may have been disabled or lost access: check the API user in Newsletter2Go.",
            status=401,
        )

    async def companies(self) -> list[Company]:
        """`GET /companies`: the account's company (one)."""
        data = await self._api("GET", "companies", "reading the company")
        return [Company.from_json(item) for item in data["value"]]

    async def current_user(self) -> User:
        """The logged-in user, found by the token's account id."""
        if self._token is None:
            await self.login()
        account_id = self.account_id or ""
        data = await self._api(
            "GET",
            "users",
            "reading the user",
            params=[("_filter", filter_equals("account_id", account_id)), ("_expand", "true")],
        )
        if not data["value"]:
            raise NotFound(f"no user with account id {account_id} is visible to this login")
        return User.from_json(data["value"][0])

    async def lists(self) -> list[AddressBook]:
        """All address books (first page, then the rest concurrently)."""
        return [AddressBook.from_json(i) for i in await self._all("lists", "listing address books")]

    async def _all(self, path: str, what: str, extra: Sequence[tuple[str, str]] = ()) -> list[Any]:
        def page(offset: int) -> list[tuple[str, str]]:
            return [
                *extra,
                ("_expand", "true"),
                ("_limit", str(PAGE_SIZE)),
                ("_offset", str(offset)),
            ]

        first = await self._api("GET", path, what, params=page(0))
        items: list[Any] = list(first["value"])
        total = int(first.get("info", {}).get("count") or len(items))
        offsets = range(PAGE_SIZE, total, PAGE_SIZE)
        rest = await asyncio.gather(
            *(self._api("GET", path, what, params=page(o)) for o in offsets)
        )
        for data in rest:
            items.extend(data["value"])
        return items

    async def create_list(
        self, name: str, *, sender_email: str | None = None, sender_name: str | None = None
    ) -> str:
        """`POST /lists`; returns the new list id (never retried: it is not idempotent)."""
        body: dict[str, Any] = {"name": name}
        if sender_email:
            body["header_from_email"] = sender_email
        if sender_name:
            body["header_from_name"] = sender_name
        data = await self._api("POST", "lists", f"creating address book '{name}'", body=body)
        return _new_id(data, "address book")

    async def attributes(self, list_id: str) -> list[Attribute]:
        """`GET /lists/{id}/attributes`."""
        items = await self._all(f"lists/{_seg(list_id)}/attributes", "listing attributes")
        return [Attribute.from_json(item) for item in items]

    async def create_attribute(self, list_ids: Sequence[str], name: str) -> str:
        """`POST /attributes` (a text attribute); names follow `[0-9a-zA-Z_]+`."""
        if not ATTRIBUTE_NAME_RE.fullmatch(name):
            raise ValueError(f"attribute name {name!r} may only use letters, digits and '_'")
        body = {
            "list_ids": list(list_ids),
            "name": name,
            "type": "text",
            "sub_type": "text",
            "is_enum": False,
            "is_public": False,
            "is_multiselect": False,
            "html_element_type": "input",
            "is_global": False,
            "default_value": "",
            "display": "all",
        }
        data = await self._api("POST", "attributes", f"creating attribute '{name}'", body=body)
        return _new_id(data, "attribute")

    async def upsert_recipient(self, list_id: str, email: str, **fields: Any) -> str:
        """`POST /recipients` into a list (creates or updates; no DOI mail)."""
        body = {"list_id": list_id, "email": email, **fields}
        data = await self._api("POST", "recipients", f"adding {email}", body=body)
        invalid = data.get("info", {}).get("additional", {}).get("invalid_recipients") or []
        if invalid:
            raise BadRequest(
                f"Newsletter2Go refused {email} as an invalid recipient",
                "Check the address for typos; role addresses like admin@ are refused.",
            )
        return _new_id(data, "recipient")

    async def subscribe(self, list_id: str, email: str, **fields: Any) -> Recipient:
        """Add or re-activate a recipient in a list directly (no DOI) and verify the result.

        Raises Conflict when Newsletter2Go keeps the address blacklisted in that list (as it
        does after an unsubscribe): a plain re-subscribe does not lift the blacklist.
        """
        await self.upsert_recipient(list_id, email, is_unsubscribed=False, **fields)
        recipient = await self.find_recipient(list_id, email)
        if recipient is None:
            raise ProtocolError(f"{email} was accepted but is not in the address book")
        if recipient.is_blacklisted or recipient.is_unsubscribed:
            raise Conflict(
                f"{email} stays unsubscribed: Newsletter2Go keeps it on the address book's "
                "blacklist, and a plain re-subscribe does not lift that",
                "Only a new double opt-in re-subscribes an address, and Newsletter2Go sends DOI "
                "mails only to new contacts: remove the recipient from the address book (or "
                "from the blacklist in Newsletter2Go) before testing the re-subscription again.",
            )
        return recipient

    async def find_recipient(self, list_id: str, email: str) -> Recipient | None:
        """The recipient with this e-mail in a list, or None (also while DOI is pending)."""
        data = await self._api(
            "GET",
            f"lists/{_seg(list_id)}/recipients",
            f"looking up {email}",
            params=[("_filter", filter_equals("email", email)), ("_expand", "true")],
        )
        items = [Recipient.from_json(item) for item in data["value"]]
        return next((r for r in items if r.email.lower() == email.lower()), None)

    async def update_recipient(self, list_id: str, recipient_id: str, **fields: Any) -> None:
        """`PATCH /lists/{lid}/recipients/{rid}`."""
        await self._api(
            "PATCH",
            f"lists/{_seg(list_id)}/recipients/{_seg(recipient_id)}",
            "updating a recipient",
            body=fields,
        )

    async def unsubscribe(self, list_id: str, recipient_id: str) -> None:
        """Unsubscribe a recipient from one list (`is_unsubscribed: true`)."""
        await self.update_recipient(list_id, recipient_id, is_unsubscribed=True)

    async def delete_recipient(self, list_id: str, recipient_id: str) -> None:
        """`DELETE /lists/{lid}/recipients/{rid}`: removes one recipient from one list."""
        await self._api(
            "DELETE",
            f"lists/{_seg(list_id)}/recipients/{_seg(recipient_id)}",
            "deleting a recipient",
        )

    async def update_recipients_matching(self, list_id: str, fiql: str, **fields: Any) -> None:
        """List-wide PATCH with a filter; an empty filter is refused (it would hit everyone)."""
        _require_filter(fiql)
        await self._api(
            "PATCH",
            f"lists/{_seg(list_id)}/recipients",
            "updating recipients",
            params=[("_filter", fiql)],
            body=fields,
        )

    async def delete_recipients_matching(self, list_id: str, fiql: str) -> None:
        """List-wide DELETE with a filter; an empty filter is refused (it would delete everyone)."""
        _require_filter(fiql)
        await self._api(
            "DELETE",
            f"lists/{_seg(list_id)}/recipients",
            "deleting recipients",
            params=[("_filter", fiql)],
        )

    # -- forms (public, no token) --------------------------------------------------------------

    async def form(self, code: str) -> FormInfo:
        """`GET /forms/generate/{code}`: checks a form code and what the form asks for."""
        response = await self._http.request("GET", f"forms/generate/{_seg(code)}")
        data = _envelope(response, json_or_none(response), f"reading form {code}")
        if not data["value"]:
            raise NotFound(f"Newsletter2Go has no form with code {code}")
        form = data["value"][0]
        items = form.get("items") or []
        required = tuple(
            str(i.get("name"))
            for i in items
            if i.get("is_required") and i.get("type") == "attribute"
        )
        list_ids = tuple(
            str(v.get("id"))
            for i in items
            if i.get("type") == "list"
            for v in i.get("values") or []
        )
        return FormInfo(code, required, list_ids, form.get("url"))

    async def submit_form(
        self, code: str, recipient: Mapping[str, Any], lists: Sequence[str] = ()
    ) -> FormSubmitResult:
        """`POST /forms/submit/{code}`: starts a DOI. Never retried (a repeat sends more mail)."""
        body: dict[str, Any] = {"recipient": dict(recipient)}
        if lists:
            body["lists"] = list(lists)
        response = await self._http.request(
            "POST", f"forms/submit/{_seg(code)}", content=_json_bytes(body), retry=False
        )
        data = json_or_none(response)
        if not isinstance(data, dict):
            raise _not_json(response, "the form submission")
        status = int(data.get("status") or response.status_code)
        value = (data.get("value") or [{}])[0] if isinstance(data.get("value"), list) else {}
        result = value.get("result", {}) if isinstance(value, dict) else {}
        errors = result.get("error", {}).get("recipients", {}) if isinstance(result, dict) else {}
        if status == 201:
            return FormSubmitResult(
                "doi_sent",
                status,
                "DOI mail sent; the recipient appears in the list after confirming",
            )
        if status == 200 and errors.get("duplicate"):
            return FormSubmitResult(
                "duplicate",
                status,
                "already known: no DOI mail was sent "
                "(Newsletter2Go sends DOI mails only to new contacts)",
            )
        if status == 200 and errors.get("invalid"):
            return FormSubmitResult("invalid", status, "Newsletter2Go refused the data as invalid")
        message = str(data.get("error_message") or data.get("error") or "form submission failed")
        if response.status_code == 404 or status == 404:
            message = f"no form with code {code}: check the form code in Newsletter2Go"
        return FormSubmitResult("error", status, message)


def _json_bytes(body: Any) -> bytes:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _seg(value: str) -> str:
    return quote(value, safe="")


def _require_filter(fiql: str) -> None:
    if not fiql or not fiql.strip():
        raise ValueError(
            "refusing a list-wide change without _filter: Newsletter2Go would apply it to every "
            "recipient of the list"
        )


def _new_id(data: dict[str, Any], what: str) -> str:
    value = data.get("value") or []
    if not value or not isinstance(value[0], dict) or not value[0].get("id"):
        raise ProtocolError(f"Newsletter2Go created the {what} but returned no id")
    return str(value[0]["id"])


def _not_json(response: httpx.Response, what: str) -> ProtocolError:
    start = response.content[:60].decode("utf-8", "replace").strip()
    return ProtocolError(
        f"Newsletter2Go's answer to {what} is not JSON (HTTP {response.status_code}, starts "
        f"with {start!r})",
        "A proxy or captive portal may be answering instead of Newsletter2Go: check the base URL.",
    )


def _envelope(response: httpx.Response, data: Any, what: str) -> dict[str, Any]:
    if not 200 <= response.status_code < 300:
        raise _status_error(response, data if isinstance(data, dict) else {}, what)
    if not isinstance(data, dict) or not isinstance(data.get("value"), list):
        raise _not_json(response, what)
    return data


def _status_error(response: httpx.Response, data: dict[str, Any], what: str) -> ProviderError:
    status = response.status_code
    detail = str(
        data.get("error_message")
        or data.get("error_description")
        or data.get("message")
        or data.get("error")
        or ""
    ).strip()
    suffix = f": {detail}" if detail else ""
    if status == 401:
        return CredentialsRejected(
            f"Newsletter2Go rejected the token on {what}{suffix}",
            f"Check the credentials from {API_TAB}.",
            status=status,
        )
    if status == 403:
        return PermissionDenied(
            f"Newsletter2Go denies {what} for this user{suffix}",
            "The API user lacks access to this resource: check its role in Newsletter2Go.",
            status=status,
        )
    if status == 404:
        return NotFound(f"Newsletter2Go found nothing for {what}{suffix}", status=status)
    if status == 429:
        wait = parse_retry_after(response.headers.get("Retry-After"))
        return RateLimited(
            f"Newsletter2Go asks to slow down (429) on {what}",
            "Wait a moment and try again.",
            status=status,
            retry_after=wait,
        )
    if status >= 500:
        return ServerError(
            f"Newsletter2Go failed with {status} on {what}{suffix}",
            "This is on Newsletter2Go's side: try again later.",
            status=status,
        )
    if str(data.get("code")) == "1062":
        return Conflict(f"Newsletter2Go: it already exists ({what}){suffix}", status=status)
    return BadRequest(
        f"Newsletter2Go refused {what} ({status}){suffix}", "Check the values sent.", status=status
    )


def _token_error(error: str, description: str, status: int, *, grant: str) -> ProviderError:
    said = f" ({error}: {description})" if description else (f" ({error})" if error else "")
    if error == "invalid_client":
        return CredentialsRejected(
            f"Newsletter2Go rejected the auth key{said}",
            f"Copy the complete auth key from {API_TAB} again; it has the form "
            "'<client id>:<secret>'.",
            status=status,
        )
    if error == "invalid_grant" and grant == PASSWORD_GRANT:
        return CredentialsRejected(
            f"Newsletter2Go rejected the username or password{said}",
            "Check the login e-mail and password of the API user (a dedicated API user whose "
            "password does not change is recommended).",
            status=status,
        )
    if error == "invalid_grant":
        return CredentialsRejected(f"the refresh token was not accepted{said}", status=status)
    return CredentialsRejected(
        f"Newsletter2Go refused the login (HTTP {status}){said}",
        f"Check the auth key, username and password from {API_TAB}.",
        status=status,
    )

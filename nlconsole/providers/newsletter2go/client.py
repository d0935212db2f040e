"""Newsletter2Go REST client: OAuth token from auth key + user + password, then JSON envelopes.

A 401 on an API call refreshes the token once and retries once, then logs in again. Every id
that goes into a path is validated (an empty or `..` id would make a single-recipient call
list-wide), and a list-wide PATCH or DELETE without a filter is refused: the API would change or
delete every recipient of the list. Paging is capped.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import httpx
from pydantic import SecretStr

from nlconsole.i18n import Text, _
from nlconsole.providers.base import (
    BadRequest,
    Conflict,
    CredentialsRejected,
    NotFound,
    ProtocolError,
    Scrubber,
)
from nlconsole.providers.http import (
    HttpOptions,
    HttpSession,
    HttpSettings,
    SessionClient,
    json_or_none,
)
from nlconsole.providers.newsletter2go.auth import TokenManager, is_rejected_token
from nlconsole.providers.newsletter2go.forms import read_form, submit_form
from nlconsole.providers.newsletter2go.models import (
    AddressBook,
    Attribute,
    Company,
    FormInfo,
    FormSubmitResult,
    Recipient,
    User,
)
from nlconsole.providers.newsletter2go.wire import count_of, envelope, json_bytes
from nlconsole.providers.segments import id_segment

PAGE_SIZE = 50
MAX_PAGES = 200
"""At most 10,000 items per listing: more than any real account has address books."""
ATTRIBUTE_NAME_RE = re.compile(r"^[0-9a-zA-Z_]+$")


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
        options: HttpOptions | None = None,
    ) -> None:
        self._http = HttpSession(
            base_url,
            headers={"Content-Type": "application/json", "Accept": "application/json"},
            settings=settings,
            transport=transport,
            service="Newsletter2Go",
            options=options,
        )
        self._scrub = Scrubber(
            [auth_key.get_secret_value(), username.get_secret_value(), password.get_secret_value()]
        )
        self.auth = TokenManager(
            self._http, auth_key, username, password, clock=clock, scrub=self._scrub
        )

    async def aclose(self) -> None:
        """Close the connection pool and forget the token."""
        self.auth.token = None
        await super().aclose()

    @property
    def account_id(self) -> str | None:
        """The logged-in account's id (after a login)."""
        return self.auth.account_id

    @property
    def logins(self) -> int:
        """Password logins so far (tests and the benchmark count round trips with it)."""
        return self.auth.logins

    @property
    def refreshes(self) -> int:
        """Token refreshes so far."""
        return self.auth.refreshes

    async def login(self) -> None:
        """Log in with the password grant (the check's first step)."""
        await self.auth.login()

    # -- API calls -----------------------------------------------------------------------------

    async def _api(
        self,
        method: str,
        path: str,
        what: Text,
        *,
        params: Sequence[tuple[str, str]] | None = None,
        body: Any = None,
    ) -> dict[str, Any]:
        """Call an authenticated endpoint and return its envelope (raises on errors)."""
        content = None if body is None else json_bytes(body)
        for attempt in ("first", "refreshed", "relogged"):
            bearer = await self.auth.bearer()
            response = await self._http.request(
                method, path, params=params, content=content, headers={"Authorization": bearer}
            )
            if not is_rejected_token(response, json_or_none(response)):
                return envelope(response, what, self._scrub)
            async with self.auth.lock:
                if attempt == "first":
                    await self.auth.refresh()
                elif attempt == "refreshed":
                    await self.auth.password_login()
        raise CredentialsRejected(
            _("Newsletter2Go keeps rejecting fresh tokens on {what} (401)", what=what),
            _(
                "The user may have been disabled or lost access: check the API user in "
                "Newsletter2Go."
            ),
            status=401,
        )

    async def companies(self) -> list[Company]:
        """`GET /companies`: the account's company (one)."""
        data = await self._api("GET", "companies", _("reading the company"))
        return [Company.from_json(item) for item in data["value"]]

    async def current_user(self) -> User:
        """The logged-in user, found by the token's account id."""
        if self.auth.token is None:
            await self.login()
        account_id = self.account_id or ""
        data = await self._api(
            "GET",
            "users",
            _("reading the user"),
            params=[("_filter", filter_equals("account_id", account_id)), ("_expand", "true")],
        )
        if not data["value"]:
            raise NotFound(
                _("no user with account id {id} is visible to this login", id=account_id)
            )
        return User.from_json(data["value"][0])

    async def lists(self) -> list[AddressBook]:
        """All address books (first page, then the rest concurrently)."""
        items = await self._all("lists", _("listing address books"))
        return [AddressBook.from_json(i) for i in items]

    async def _all(
        self, path: str, what: Text, extra: Sequence[tuple[str, str]] = ()
    ) -> list[dict[str, Any]]:
        def page(offset: int) -> list[tuple[str, str]]:
            return [
                *extra,
                ("_expand", "true"),
                ("_limit", str(PAGE_SIZE)),
                ("_offset", str(offset)),
            ]

        first = await self._api("GET", path, what, params=page(0))
        items: list[dict[str, Any]] = list(first["value"])
        total = count_of(first)
        if total > PAGE_SIZE * MAX_PAGES:
            raise ProtocolError(
                _(
                    "Newsletter2Go reports {count} items for {what}; nlconsole reads at most "
                    "{limit}",
                    count=total,
                    what=what,
                    limit=PAGE_SIZE * MAX_PAGES,
                ),
                _("Remove unused entries in Newsletter2Go, or check that the base URL is right."),
            )
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
        data = await self._api(
            "POST", "lists", _("creating address book '{name}'", name=name), body=body
        )
        return _new_id(data, _("address book"))

    async def attributes(self, list_id: str) -> list[Attribute]:
        """`GET /lists/{id}/attributes`."""
        path = f"lists/{id_segment(list_id, _('address book id'))}/attributes"
        items = await self._all(path, _("listing attributes"))
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
        data = await self._api(
            "POST", "attributes", _("creating attribute '{name}'", name=name), body=body
        )
        return _new_id(data, _("attribute"))

    async def upsert_recipient(self, list_id: str, email: str, **fields: Any) -> str:
        """`POST /recipients` into a list (creates or updates; no DOI mail)."""
        id_segment(list_id, _("address book id"))
        body = {"list_id": list_id, "email": email, **fields}
        data = await self._api("POST", "recipients", _("adding {email}", email=email), body=body)
        additional = data.get("info", {}).get("additional", {})
        invalid = additional.get("invalid_recipients") if isinstance(additional, dict) else None
        if invalid:
            raise BadRequest(
                _("Newsletter2Go refused {email} as an invalid recipient", email=email),
                _("Check the address for typos; role addresses like admin@ are refused."),
            )
        return _new_id(data, _("recipient"))

    async def subscribe(self, list_id: str, email: str, **fields: Any) -> Recipient:
        """Add or re-activate a recipient in a list directly (no DOI) and verify the result.

        Raises Conflict when Newsletter2Go keeps the address blacklisted in that list (as it
        does after an unsubscribe): a plain re-subscribe does not lift the blacklist.
        """
        await self.upsert_recipient(list_id, email, is_unsubscribed=False, **fields)
        recipient = await self.find_recipient(list_id, email)
        if recipient is None:
            raise ProtocolError(
                _("{email} was accepted but is not in the address book", email=email)
            )
        if recipient.is_blacklisted or recipient.is_unsubscribed:
            raise Conflict(
                _(
                    "{email} stays unsubscribed: Newsletter2Go keeps it on the address book's "
                    "blacklist, and a plain re-subscribe does not lift that",
                    email=email,
                ),
                _(
                    "Only a new double opt-in re-subscribes an address, and Newsletter2Go sends "
                    "DOI mails only to new contacts: remove the recipient from the address book "
                    "(or from the blacklist in Newsletter2Go) before testing the re-subscription "
                    "again."
                ),
            )
        return recipient

    async def find_recipient(self, list_id: str, email: str) -> Recipient | None:
        """The recipient with this e-mail in a list, or None (also while DOI is pending)."""
        data = await self._api(
            "GET",
            f"lists/{id_segment(list_id, _('address book id'))}/recipients",
            _("looking up {email}", email=email),
            params=[("_filter", filter_equals("email", email)), ("_expand", "true")],
        )
        items = [Recipient.from_json(item) for item in data["value"]]
        return next((r for r in items if r.email.lower() == email.lower()), None)

    def _recipient_path(self, list_id: str, recipient_id: str) -> str:
        return (
            f"lists/{id_segment(list_id, _('address book id'))}"
            f"/recipients/{id_segment(recipient_id, _('recipient id'))}"
        )

    async def update_recipient(self, list_id: str, recipient_id: str, **fields: Any) -> None:
        """`PATCH /lists/{lid}/recipients/{rid}`."""
        path = self._recipient_path(list_id, recipient_id)
        await self._api("PATCH", path, _("updating a recipient"), body=fields)

    async def unsubscribe(self, list_id: str, recipient_id: str) -> None:
        """Unsubscribe a recipient from one list (`is_unsubscribed: true`)."""
        await self.update_recipient(list_id, recipient_id, is_unsubscribed=True)

    async def delete_recipient(self, list_id: str, recipient_id: str) -> None:
        """`DELETE /lists/{lid}/recipients/{rid}`: removes one recipient from one list."""
        path = self._recipient_path(list_id, recipient_id)
        await self._api("DELETE", path, _("deleting a recipient"))

    async def update_recipients_matching(self, list_id: str, fiql: str, **fields: Any) -> None:
        """List-wide PATCH with a filter; an empty filter is refused (it would hit everyone)."""
        _require_filter(fiql)
        await self._api(
            "PATCH",
            f"lists/{id_segment(list_id, _('address book id'))}/recipients",
            _("updating recipients"),
            params=[("_filter", fiql)],
            body=fields,
        )

    async def delete_recipients_matching(self, list_id: str, fiql: str) -> None:
        """List-wide DELETE with a filter; an empty filter is refused (it would delete everyone)."""
        _require_filter(fiql)
        await self._api(
            "DELETE",
            f"lists/{id_segment(list_id, _('address book id'))}/recipients",
            _("deleting recipients"),
            params=[("_filter", fiql)],
        )

    # -- forms (public, no token) --------------------------------------------------------------

    async def form(self, code: str) -> FormInfo:
        """`GET /forms/generate/{code}`: checks a form code and what the form asks for."""
        return await read_form(self._http, code, self._scrub)

    async def submit_form(
        self, code: str, recipient: Mapping[str, Any], lists: Sequence[str] = ()
    ) -> FormSubmitResult:
        """`POST /forms/submit/{code}`: starts a DOI. Never retried (a repeat sends more mail)."""
        return await submit_form(self._http, code, recipient, lists, self._scrub)


def _require_filter(fiql: str) -> None:
    if not fiql or not fiql.strip():
        raise ValueError(
            "refusing a list-wide change without _filter: Newsletter2Go would apply it to every "
            "recipient of the list"
        )


def _new_id(data: dict[str, Any], what: Text) -> str:
    value = data.get("value") or []
    if not value or not isinstance(value[0], dict) or not value[0].get("id"):
        raise ProtocolError(_("Newsletter2Go created the {what} but returned no id", what=what))
    return str(value[0]["id"])

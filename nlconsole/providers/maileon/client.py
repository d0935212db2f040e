"""Maileon REST API 1.0 client: the calls nlconsole needs, in the official client's wire format.

Auth is `Basic base64(key)` (no colon), bodies are XML with `application/vnd.maileon.api+xml`,
emails and field names are percent-encoded in paths (`+` → `%2B`), repeated query names for
multi-valued parameters. Statuses map to the error taxonomy with remediation for the admin.
"""

from __future__ import annotations

import asyncio
import base64
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

import httpx
from pydantic import SecretStr

from nlconsole.i18n import Text, _
from nlconsole.providers.base import (
    PermissionDenied,
    ProtocolError,
    ProviderError,
    Scrubber,
    StatusTexts,
    error_for_status,
)
from nlconsole.providers.http import (
    HttpOptions,
    HttpSession,
    HttpSettings,
    SessionClient,
    json_or_none,
    parse_retry_after,
)
from nlconsole.providers.maileon.fields import (
    STANDARD_FIELDS,
    UNSUBSCRIBE_REASONS,
    validate_custom_field,
)
from nlconsole.providers.maileon.xml import (
    DoiMailing,
    FieldValue,
    MaileonContact,
    contact_body,
    error_message,
    parse_contact,
    parse_custom_fields,
    parse_mailings,
)
from nlconsole.providers.segments import email_segment, id_segment

XML_TYPE = "application/vnd.maileon.api+xml"
KEYS_PAGE = "Einstellungen → Konto → API-Keys"

RIGHT_BY_METHOD = {"POST": "create", "GET": "read", "PUT": "update", "DELETE": "delete"}
"""C/R/U/D → method: R = GET and D = DELETE are documented; C = POST, U = PUT is inferred."""
RIGHT_LABEL_DE = {
    "create": "Erstellungsrecht",
    "read": "Leserecht",
    "update": "Aktualisierungsrecht",
    "delete": "Löschrecht",
}
"""Maileon's own German names of the rights, as its API key dialog shows them."""

STATUS_TEXTS = StatusTexts(
    service="Maileon",
    rejected=_("Maileon rejected the API key (401) on {what}{detail}"),
    rejected_fix=_(
        "The key is invalid, expired or its account is blocked: check 'Gültigkeit' and status of "
        "the key under {page}, and that the whole key was copied.",
        page=KEYS_PAGE,
    ),
    denied=_("the key lacks a right needed for {what}{detail}"),
    denied_fix=_("Tick the right for the key under {page}.", page=KEYS_PAGE),
    bad_request_fix=_("Check the values sent (e-mail address, field names and types)."),
)


class SyncMode(IntEnum):
    """What `POST contacts/email` does with an existing contact."""

    UPDATE = 1
    IGNORE = 2


@dataclass(frozen=True)
class AccountInfo:
    """`GET account/info`: which account the key belongs to."""

    id: str | None
    name: str | None
    type: str | None
    locale: str | None


def basic_auth_header(api_key: SecretStr) -> str:
    """`Basic base64(key)`: the bare key, no `user:` and no colon, as Maileon documents."""
    raw = api_key.get_secret_value().strip().encode("utf-8")
    return "Basic " + base64.b64encode(raw).decode("ascii")


def _email_path(email: str) -> str:
    return "contacts/email/" + email_segment(email)


class MaileonClient(SessionClient):
    """One Maileon connection (one reused connection pool) for one API key."""

    def __init__(
        self,
        base_url: str,
        api_key: SecretStr,
        *,
        settings: HttpSettings | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        session: HttpSession | None = None,
        options: HttpOptions | None = None,
    ) -> None:
        self._scrub = Scrubber([api_key.get_secret_value()])
        self._http = session or HttpSession(
            base_url,
            headers={
                "Authorization": basic_auth_header(api_key),
                "Content-Type": XML_TYPE,
                "Accept": XML_TYPE,
            },
            settings=settings,
            transport=transport,
            service="Maileon",
            options=options,
        )

    # -- key checks ----------------------------------------------------------------------------

    async def ping(self, method: str) -> None:
        """`ping` with one method: returns when the key has that method's right, else raises."""
        content = b"foobar" if method == "POST" else (b"" if method == "PUT" else None)
        response = await self._http.request(method, "ping", content=content, retry=True)
        self._raise_for_status(response, _("{method} ping", method=method))
        if response.headers.get("Content-Type", "").startswith("text/html"):
            # A ping's body is empty; an HTML page means something else answered (a proxy or
            # captive portal), which must not count as "right present".
            raise ProtocolError(
                _("an HTML page answered {method} ping instead of Maileon", method=method),
                _("Check the base URL and any proxy between this machine and Maileon."),
            )

    async def ping_all(self) -> dict[str, ProviderError | None]:
        """All four pings at once: right name → None (present) or the error that came back."""

        async def one(method: str) -> ProviderError | None:
            try:
                await self.ping(method)
            except ProviderError as exc:
                return exc
            return None

        methods = list(RIGHT_BY_METHOD)
        results = await asyncio.gather(*(one(m) for m in methods))
        return {RIGHT_BY_METHOD[m]: r for m, r in zip(methods, results, strict=True)}

    async def account_info(self) -> AccountInfo:
        """`GET account/info` as JSON (needs the read right)."""
        response = await self._http.request(
            "GET", "account/info", headers={"Accept": "application/json"}
        )
        self._raise_for_status(response, _("reading the account information"))
        data: Any = json_or_none(response)
        if not isinstance(data, dict):
            raise ProtocolError(_("Maileon's account information is not a JSON object"))

        def text(key: str) -> str | None:
            value = data.get(key)
            return None if value is None else self._scrub(str(value))

        return AccountInfo(text("id"), text("name"), text("type"), text("locale"))

    # -- contacts ------------------------------------------------------------------------------

    async def create_contact(
        self,
        email: str,
        *,
        sync_mode: SyncMode = SyncMode.UPDATE,
        src: str = "",
        subscription_page: str = "",
        doi: bool = False,
        doiplus: bool = False,
        doimailing: str | None = None,
        permission: int | None = None,
        standard_fields: Mapping[str, FieldValue] | None = None,
        custom_fields: Mapping[str, FieldValue] | None = None,
    ) -> int:
        """`POST contacts/email/{email}`; returns the status (201 created, 200 otherwise).

        Never retried: with doi=true a repeat could send a second DOI mail. After a timeout,
        look the contact up before trying again.
        """
        unknown = [n for n in (standard_fields or {}) if n not in STANDARD_FIELDS]
        if unknown:
            raise ValueError(f"not a writable Maileon standard field: {', '.join(unknown)}")
        path = _email_path(email)
        params = [
            ("sync_mode", str(int(sync_mode))),
            ("src", src),
            ("subscription_page", subscription_page),
            ("doi", _bool(doi)),
            ("doiplus", _bool(doiplus)),
        ]
        if doimailing:
            params.append(("doimailing", doimailing))
        if permission is not None:
            params.append(("permission", str(permission)))
        body = contact_body(email, standard_fields or {}, custom_fields or {})
        response = await self._http.request("POST", path, params=params, content=body, retry=False)
        self._raise_for_status(response, _("creating contact {email}", email=email))
        return response.status_code

    async def get_contact(
        self,
        email: str,
        standard_fields: Iterable[str] = (),
        custom_fields: Iterable[str] = (),
    ) -> MaileonContact | None:
        """`GET contacts/email/{email}`; None when Maileon answers 404."""
        params = [("standard_field", f) for f in standard_fields]
        params += [("custom_field", f) for f in custom_fields]
        response = await self._http.request("GET", _email_path(email), params=params)
        if response.status_code == 404:
            return None
        self._raise_for_status(response, _("reading contact {email}", email=email))
        return parse_contact(response.content, scrub=self._scrub)

    async def delete_contact(self, email: str) -> bool:
        """`DELETE contacts/email/{email}` (hard delete); False when there was no such contact."""
        response = await self._http.request("DELETE", _email_path(email))
        if response.status_code == 404:
            return False
        self._raise_for_status(response, _("deleting contact {email}", email=email))
        return True

    async def unsubscribe(
        self, email: str, reasons: Sequence[str] = (), nlaccountids: Sequence[int] = ()
    ) -> None:
        """`DELETE contacts/email/{email}/unsubscribe` (asynchronous on Maileon's side).

        Reasons are `type|message` with a documented type.
        """
        for reason in reasons:
            if reason.partition("|")[0] not in UNSUBSCRIBE_REASONS:
                allowed = ", ".join(sorted(UNSUBSCRIBE_REASONS))
                raise ValueError(f"unsubscribe reason type must be one of {allowed}")
        params = [("reason", r) for r in reasons] + [("nlaccountid", str(a)) for a in nlaccountids]
        response = await self._http.request(
            "DELETE", _email_path(email) + "/unsubscribe", params=params
        )
        self._raise_for_status(response, _("unsubscribing {email}", email=email))

    async def has_unsubscription_marker(self, email: str) -> bool:
        """`GET contacts/email/{email}/unsubscription`: 200 marker present, 404 none."""
        response = await self._http.request("GET", _email_path(email) + "/unsubscription")
        if response.status_code == 404:
            return False
        self._raise_for_status(
            response, _("reading the unsubscription marker of {email}", email=email)
        )
        return True

    # -- custom fields and DOI mailings -------------------------------------------------------

    async def list_custom_fields(self) -> dict[str, str]:
        """`GET contacts/fields/custom`: name → type."""
        response = await self._http.request("GET", "contacts/fields/custom")
        self._raise_for_status(response, _("listing custom fields"))
        return parse_custom_fields(response.content, scrub=self._scrub)

    async def create_custom_field(self, name: str, field_type: str = "string") -> None:
        """`POST contacts/fields/custom/{name}?type=...` after checking Maileon's rules."""
        validate_custom_field(name, field_type)
        response = await self._http.request(
            "POST",
            "contacts/fields/custom/" + id_segment(name, _("custom field name")),
            params=[("type", field_type)],
            content=b"",
            retry=False,
        )
        self._raise_for_status(response, _("creating custom field '{name}'", name=name))

    async def list_doi_mailings(self) -> list[DoiMailing]:
        """`GET mailings/filter/types?types=doi` (first 100)."""
        response = await self._http.request(
            "GET",
            "mailings/filter/types",
            params=[("types", "doi"), ("page_index", "1"), ("page_size", "100")],
        )
        self._raise_for_status(response, _("listing DOI mailings"))
        return parse_mailings(response.content, scrub=self._scrub)

    async def doi_key(self, mailing_id: int) -> str | None:
        """`GET mailings/{id}/settings/doi_key`: the key `doimailing=` expects."""
        response = await self._http.request(
            "GET",
            f"mailings/{int(mailing_id)}/settings/doi_key",
            headers={"Accept": "text/html"},
        )
        if response.status_code == 404:
            return None
        self._raise_for_status(response, _("reading the DOI key"))
        text = response.text.strip()
        match = re.fullmatch(r"<doi_key>(.*)</doi_key>", text, re.DOTALL)
        return (match.group(1) if match else text).strip() or None

    # -- errors --------------------------------------------------------------------------------

    def _raise_for_status(self, response: httpx.Response, what: Text) -> None:
        status = response.status_code
        if 200 <= status < 300:
            return
        raw = error_message(response.content)
        detail = self._scrub(raw) if raw else None
        if status == 403:
            right = RIGHT_BY_METHOD.get(response.request.method, response.request.method)
            label = RIGHT_LABEL_DE.get(right, right)
            raise PermissionDenied(
                _(
                    "the key lacks the {right} right ({label}) needed for {what}",
                    right=right,
                    label=label,
                    what=what,
                ),
                _(
                    "Tick '{label}' for the key under {page} (or create a key that has it).",
                    label=label,
                    page=KEYS_PAGE,
                ),
                status=status,
            )
        raise error_for_status(
            status,
            what,
            detail,
            STATUS_TEXTS,
            retry_after=parse_retry_after(response.headers.get("Retry-After")),
        )


def _bool(value: bool) -> str:
    return "true" if value else "false"

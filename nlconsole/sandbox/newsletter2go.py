"""Newsletter2Go REST API emulation under `/newsletter2go/`: OAuth, envelopes, lists,
attributes, recipients, forms with DOI. Accepts what the official PHP SDK sends (POST for
recipient updates, `_expand=1`, a bare trailing `?`, a Bearer token on form submit).
"""

from __future__ import annotations

import base64
import binascii
import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from nlconsole.sandbox.mailbox import Mail, Mailbox
from nlconsole.sandbox.n2g_state import (
    RECIPIENT_FIELDS,
    ROLE_LOCAL_PARTS,
    AttributeRecord,
    CompanyRecord,
    Membership,
    N2GState,
    RecipientRecord,
    UserRecord,
)
from nlconsole.sandbox.web import Request, Response

PUBLIC = "https://api.newsletter2go.com"
PASSWORD_GRANT = "https://nl2go.com/jwt"  # noqa: S105 (a grant type)
REFRESH_GRANT = "https://nl2go.com/jwt_refresh"
REFRESH_LIFETIME = 30 * 24 * 3600.0
EMAIL_RE = re.compile(r"^[^@\s\"]+@[^@\s\"]+\.[A-Za-z0-9-]{2,}$")
FILTER_TERM = re.compile(r'^\s*([A-Za-z_][A-Za-z0-9_]*)\s*==\s*"([^"]*)"\s*$')
ATTRIBUTE_NAME = re.compile(r"^[0-9a-zA-Z_]+$")


def envelope(
    status: int,
    value: list[Any],
    *,
    count: int | None = None,
    additional: dict[str, Any] | None = None,
    href: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Response:
    """The `{status, info, value}` envelope every REST answer uses."""
    info: dict[str, Any] = {"count": len(value) if count is None else count}
    if href is not None:
        links = {"_href": f"{PUBLIC}/{href}?_limit={limit}&_offset={offset}"}
        if count is not None and offset + limit < count:
            links["_next"] = f"{PUBLIC}/{href}?_limit={limit}&_offset={offset + limit}"
        info["links"] = links
    if additional is not None:
        info["additional"] = additional
    return Response.json(status, {"status": status, "info": info, "value": value})


def rest_error(status: int, code: int, message: str) -> Response:
    """A REST error body (`{status, code, error_message}`)."""
    return Response.json(status, {"status": status, "code": code, "error_message": message})


def oauth_error(status: int, error: str, description: str) -> Response:
    """An OAuth error body (`{error, error_description}`)."""
    return Response.json(status, {"error": error, "error_description": description})


@dataclass
class _Token:
    user_id: str
    expires_at: float


class BadFilter(ValueError):
    """A `_filter` the sandbox does not understand."""


def parse_filter(text: str | None) -> Callable[[dict[str, Any]], bool]:
    """FIQL subset: `field=="value"` terms joined with `;` (AND)."""
    if not text:
        return lambda item: True
    terms = []
    for part in text.split(";"):
        match = FILTER_TERM.match(part)
        if not match:
            raise BadFilter(f"unsupported _filter term: {part!r}")
        terms.append((match.group(1), match.group(2)))

    def matches(item: dict[str, Any]) -> bool:
        return all(str(item.get(name, "")).lower() == value.lower() for name, value in terms)

    return matches


class N2GSandbox:
    """The emulated Newsletter2Go API."""

    def __init__(
        self,
        mailbox: Mailbox,
        *,
        token_lifetime: float = 7200.0,
        clock: Callable[[], float] = time.monotonic,
        seed: int = 0,
    ) -> None:
        self._mailbox = mailbox
        self._clock = clock
        self.token_lifetime = token_lifetime
        self.state = N2GState(seed)
        self._tokens: dict[str, _Token] = {}
        self._refresh_tokens: dict[str, _Token] = {}
        self._lock = threading.RLock()
        mailbox.register("newsletter2go", self._confirm)

    def handle(self, request: Request, path: tuple[str, ...]) -> Response:
        """Answer one request whose path below `/newsletter2go/` is `path`."""
        with self._lock:
            if path == ("oauth", "v2", "token") and request.method == "POST":
                return self._token(request)
            if path[:2] == ("forms", "generate") and len(path) == 3 and request.method == "GET":
                return self._form_generate(path[2])
            if path[:2] == ("forms", "submit") and len(path) == 3 and request.method == "POST":
                return self._form_submit(request, path[2])
            user_or_error = self._authenticate(request)
            if isinstance(user_or_error, Response):
                return user_or_error
            try:
                return self._route(request, path, user_or_error)
            except BadFilter as exc:
                return rest_error(400, 1000, str(exc))

    # -- OAuth ---------------------------------------------------------------------------------

    def _token(self, request: Request) -> Response:
        scheme, _, encoded = request.header("Authorization").partition(" ")
        try:
            auth_key = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            auth_key = ""
        if scheme.lower() != "basic" or not self.state.known_auth_key(auth_key):
            return oauth_error(401, "invalid_client", "The client credentials are invalid")
        body = self._token_body(request)
        grant = str(body.get("grant_type", ""))
        if grant == PASSWORD_GRANT and "refresh_token" not in body:
            user = self.state.user_by_login(auth_key, str(body.get("username", "")))
            if user is None or user.password != str(body.get("password", "")):
                return oauth_error(
                    400, "invalid_grant", "Invalid username and password combination"
                )
            return self._issue(user)
        if grant in (REFRESH_GRANT, PASSWORD_GRANT):
            stored = self._refresh_tokens.pop(str(body.get("refresh_token", "")), None)
            if stored is None or stored.expires_at <= self._clock():
                return oauth_error(400, "invalid_grant", "Invalid refresh token")
            return self._issue(self.state.users[stored.user_id])
        if not grant:
            return oauth_error(400, "invalid_request", "The grant type was not specified")
        return oauth_error(400, "unsupported_grant_type", f"Invalid grant_type parameter: {grant}")

    @staticmethod
    def _token_body(request: Request) -> dict[str, Any]:
        if "json" in request.header("Content-Type"):
            try:
                data = request.json()
            except ValueError:
                return {}
            return data if isinstance(data, dict) else {}
        return dict(parse_qsl(request.body.decode("utf-8", "replace")))

    def _issue(self, user: UserRecord) -> Response:
        access, refresh = "__" + secrets.token_urlsafe(24), "__" + secrets.token_urlsafe(24)
        now = self._clock()
        self._tokens[access] = _Token(user.id, now + self.token_lifetime)
        self._refresh_tokens[refresh] = _Token(user.id, now + REFRESH_LIFETIME)
        return Response.json(
            200,
            {
                "access_token": access,
                "expires_in": int(self.token_lifetime),
                "token_type": "bearer",
                "scope": None,
                "refresh_token": refresh,
                "account_id": user.account_id,
                "type": "user",
            },
        )

    def _authenticate(self, request: Request) -> UserRecord | Response:
        scheme, _, token = request.header("Authorization").partition(" ")
        stored = self._tokens.get(token.strip()) if scheme.lower() == "bearer" else None
        if stored is None:
            return oauth_error(401, "invalid_grant", "The access token provided is invalid.")
        if stored.expires_at <= self._clock():
            return oauth_error(401, "invalid_grant", "The access token provided has expired.")
        return self.state.users[stored.user_id]

    # -- REST ----------------------------------------------------------------------------------

    def _route(self, request: Request, path: tuple[str, ...], user: UserRecord) -> Response:
        company = self.state.company_of(user)
        method = request.method
        match path:
            case ("companies",) if method == "GET":
                return envelope(200, [company.view()], href="companies")
            case ("users",) if method == "GET":
                users = [u.view() for u in self.state.users.values() if u.company_id == company.id]
                return self._page(request, "users", users)
            case ("users", user_id) if method == "GET":
                found = self.state.users.get(user_id)
                if found is None or found.company_id != company.id:
                    return rest_error(404, 404, "user not found")
                return envelope(200, [found.view()])
            case ("lists",) if method == "GET":
                return self._page(
                    request, "lists", [x.view(company.id) for x in company.lists.values()]
                )
            case ("lists",) if method == "POST":
                return self._create_list(request, company)
            case ("lists", list_id) if method == "GET":
                if list_id not in company.lists:
                    return rest_error(404, 404, "list not found")
                return envelope(200, [company.lists[list_id].view(company.id)])
            case ("lists", list_id, "attributes") if method == "GET":
                attrs = [
                    {"id": a.id, "name": a.name, "type": a.type, **a.settings}
                    for a in company.attributes.values()
                    if list_id in a.list_ids
                ]
                return self._page(request, f"lists/{list_id}/attributes", attrs)
            case ("attributes",) if method == "POST":
                return self._create_attribute(request, company)
            case ("recipients",) if method == "POST":
                return self._upsert_recipients(request, company)
            case ("recipients",) | ("recipients", "global") if method == "GET":
                items = [r.view(None) for r in company.recipients.values()]
                return self._page(request, "recipients", items)
            case ("lists", list_id, "recipients") if method == "GET":
                return self._list_recipients(request, company, list_id)
            case ("lists", list_id, "recipients") if method in ("PATCH", "POST"):
                return self._update_matching(request, company, list_id)
            case ("lists", list_id, "recipients") if method == "DELETE":
                return self._delete_matching(request, company, list_id)
            case ("lists", list_id, "recipients", recipient_id) if method in ("PATCH", "POST"):
                return self._update_one(request, company, list_id, recipient_id)
            case ("lists", list_id, "recipients", recipient_id) if method == "DELETE":
                return self._delete_one(company, list_id, recipient_id)
            case ("forms",) if method == "GET":
                forms = [
                    {
                        "id": f.code,
                        "hash": f.code,
                        "name": f.name,
                        "type_subscribe": True,
                        "type_unsubscribe": False,
                    }
                    for f in company.forms.values()
                ]
                return self._page(request, "forms", forms)
        return rest_error(404, 404, f"Call not available: {method} /{'/'.join(path)}")

    def _page(
        self,
        request: Request,
        href: str,
        items: list[dict[str, Any]],
        additional: dict[str, Any] | None = None,
    ) -> Response:
        selected = [i for i in items if parse_filter(request.param("_filter"))(i)]
        try:
            limit = int(request.param("_limit", "50") or "50")
            offset = int(request.param("_offset", "0") or "0")
        except ValueError:
            return rest_error(400, 1000, "_limit and _offset must be numbers")
        window = selected[offset : offset + limit] if limit > 0 else selected[offset:]
        if request.param("_expand", "") not in ("1", "true"):
            window = [{"_href": f"{PUBLIC}/{href}/{i['id']}", "id": i["id"]} for i in window]
        elif fields := request.param("_fields"):
            wanted = {f.strip() for f in fields.split(",")} | {"id"}
            window = [{k: v for k, v in i.items() if k in wanted} for i in window]
        return envelope(
            200,
            window,
            count=len(selected),
            additional=additional,
            href=href,
            limit=limit,
            offset=offset,
        )

    def _create_list(self, request: Request, company: CompanyRecord) -> Response:
        body = _json_object(request)
        name = str(body.get("name") or "").strip() if isinstance(body, dict) else ""
        if not name:
            return rest_error(400, 1001, "name is required")
        if company.max_lists is not None and len(company.lists) >= company.max_lists:
            return rest_error(
                400,
                1100,
                f"Your plan ({company.plan}) allows at most {company.max_lists} address book(s)",
            )
        settings = {k: v for k, v in body.items() if k != "name"}
        record = self.state.add_list(company, name, **settings)
        return envelope(201, [{"_href": f"{PUBLIC}/lists/{record.id}", "id": record.id}])

    def _create_attribute(self, request: Request, company: CompanyRecord) -> Response:
        body = _json_object(request)
        name = str(body.get("name") or "")
        if not ATTRIBUTE_NAME.fullmatch(name):
            return rest_error(
                400, 1001, "Attribute names may only contain letters, numbers and underscores"
            )
        list_ids = [str(x) for x in body.get("list_ids") or []]
        if any(x not in company.lists for x in list_ids):
            return rest_error(400, 1001, "unknown list id in list_ids")
        if any(
            a.name == name and set(a.list_ids) & set(list_ids) for a in company.attributes.values()
        ):
            return rest_error(400, 1062, f"attribute '{name}' already exists")
        attr_id = self.state.new_id()
        extra = {k: v for k, v in body.items() if k not in ("name", "list_ids", "type")}
        company.attributes[attr_id] = AttributeRecord(
            attr_id, name, str(body.get("type") or "text"), list_ids, extra
        )
        return envelope(201, [{"_href": f"{PUBLIC}/attribute/{attr_id}", "id": attr_id}])

    def _upsert_recipients(self, request: Request, company: CompanyRecord) -> Response:
        body = _json_value(request)
        items = body if isinstance(body, list) else [body]
        created, values, invalid = False, [], []
        for item in items:
            if not isinstance(item, dict):
                return rest_error(400, 1001, "recipients must be JSON objects")
            list_id = str(item.get("list_id") or company.default_list_id)
            if list_id not in company.lists:
                return rest_error(400, 1001, f"unknown list_id {list_id}")
            email = str(item.get("email") or "").strip()
            if not _acceptable_email(email):
                invalid.append({"email": email})
                continue
            record = company.recipients.get(email.lower())
            if record is None:
                record = RecipientRecord(self.state.new_id(), email)
                company.recipients[email.lower()] = record
                created = True
            record.fields.update(_recipient_fields(item))
            membership = record.memberships.setdefault(list_id, Membership())
            _apply_subscription(membership, item)
            values.append({"_href": f"{PUBLIC}/recipients/{record.id}", "id": record.id})
        status = 201 if created else 200
        return envelope(status, values, additional={"invalid_recipients": invalid})

    def _list_recipients(self, request: Request, company: CompanyRecord, list_id: str) -> Response:
        if list_id not in company.lists:
            return rest_error(404, 404, "list not found")
        members = [r.view(list_id) for r in company.recipients.values() if list_id in r.memberships]
        active = sum(1 for m in members if not m["is_unsubscribed"] and not m["is_blacklisted"])
        return self._page(
            request, f"lists/{list_id}/recipients", members, additional={"active": active}
        )

    def _update_one(
        self, request: Request, company: CompanyRecord, list_id: str, recipient_id: str
    ) -> Response:
        record = _recipient_by_id(company, recipient_id)
        if record is None or list_id not in record.memberships:
            return rest_error(404, 404, "recipient not found in this list")
        body = _json_object(request)
        record.fields.update(_recipient_fields(body))
        if body.get("email"):
            record.email = str(body["email"])
        _apply_subscription(record.memberships[list_id], body)
        return envelope(200, [], count=1)

    def _update_matching(self, request: Request, company: CompanyRecord, list_id: str) -> Response:
        # Without _filter the real API changes every recipient of the list; so does this one.
        matches = parse_filter(request.param("_filter"))
        body = _json_object(request)
        count = 0
        for record in company.recipients.values():
            if list_id in record.memberships and matches(record.view(list_id)):
                record.fields.update(_recipient_fields(body))
                _apply_subscription(record.memberships[list_id], body)
                count += 1
        return envelope(200, [], count=count)

    @staticmethod
    def _delete_one(company: CompanyRecord, list_id: str, recipient_id: str) -> Response:
        record = _recipient_by_id(company, recipient_id)
        if record is None or record.memberships.pop(list_id, None) is None:
            return rest_error(404, 404, "recipient not found in this list")
        if not record.memberships:
            del company.recipients[record.email.lower()]
        return envelope(200, [], count=1)

    def _delete_matching(self, request: Request, company: CompanyRecord, list_id: str) -> Response:
        matches = parse_filter(request.param("_filter"))
        doomed = [
            r
            for r in company.recipients.values()
            if list_id in r.memberships and matches(r.view(list_id))
        ]
        for record in doomed:
            self._delete_one(company, list_id, record.id)
        return envelope(200, [], count=len(doomed))

    # -- forms and DOI -------------------------------------------------------------------------

    def _form_generate(self, code: str) -> Response:
        found = self.state.form(code)
        if found is None:
            return rest_error(404, 404, f"form {code} not found")
        _, form = found
        items = [
            {"type": "attribute", "name": "email", "is_required": True, "label": "E-Mail"},
            {"type": "attribute", "name": "first_name", "is_required": False, "label": "Vorname"},
            {"type": "attribute", "name": "last_name", "is_required": False, "label": "Nachname"},
            {"type": "submit", "name": "submit", "label": "Anmelden"},
        ]
        return envelope(
            200,
            [
                {
                    "items": items,
                    "url": f"https://subscribe.newsletter2go.com?n2g={form.code}",
                    "messages": {
                        "message_subscribe_doi": "Thank you for subscribing. We've sent you an "
                        "email with a confirmation link."
                    },
                    "attributes": {},
                }
            ],
        )

    def _form_submit(self, request: Request, code: str) -> Response:
        found = self.state.form(code)
        if found is None:
            return rest_error(404, 404, f"form {code} not found")
        company, form = found
        body = _json_object(request)
        recipient = body.get("recipient") if isinstance(body.get("recipient"), dict) else None
        email = str((recipient or {}).get("email") or "").strip()
        lists = [str(x) for x in body.get("lists") or [] if str(x) in company.lists] or [
            form.list_id
        ]
        if recipient is None or not _acceptable_email(email):
            return _form_result(0, duplicate=[], invalid=[{"email": email}])
        existing = company.recipients.get(email.lower())
        if existing is not None and all(x in existing.memberships for x in lists):
            # "The system will only send the DOI email to new contacts!" (help, re-opt-in page)
            return _form_result(0, duplicate=[{"email": email}], invalid=[])
        self._mailbox.send(
            "newsletter2go",
            email,
            "Bitte bestätigen Sie Ihre Newsletter-Anmeldung",
            f"Newsletter2Go form '{form.name}' of {company.name}: confirm to be added to "
            + ", ".join(company.lists[x].name for x in lists),
            company=company.id,
            lists=lists,
            recipient=_recipient_fields(recipient),
            email=email,
        )
        return _form_result(1, duplicate=[], invalid=[], status=201)

    def _confirm(self, mail: Mail) -> str:
        with self._lock:
            company = next(
                (c for c in self.state.companies.values() if c.id == mail.context["company"]), None
            )
            if company is None:
                return "n2g_state=doi_error"
            email = str(mail.context["email"])
            record = company.recipients.get(email.lower())
            if record is None:
                record = RecipientRecord(self.state.new_id(), email)
                company.recipients[email.lower()] = record
            record.fields.update(mail.context["recipient"])
            names = []
            for list_id in mail.context["lists"]:
                if list_id in company.lists:
                    record.memberships.setdefault(list_id, Membership())
                    names.append(company.lists[list_id].name)
            return f"n2g_state=doi_success: {email} added to {', '.join(names)}."


def _form_result(
    inserted: int, *, duplicate: list[Any], invalid: list[Any], status: int = 200
) -> Response:
    failed = len(duplicate) + len(invalid)
    result = {
        "success": {"inserted": inserted, "updated": 0},
        "error": {"failed": failed, "recipients": {"duplicate": duplicate, "invalid": invalid}},
    }
    return Response.json(
        status, {"status": status, "info": {"count": inserted}, "value": [{"result": result}]}
    )


def _json_value(request: Request) -> Any:
    try:
        return request.json()
    except ValueError:
        return None


def _json_object(request: Request) -> dict[str, Any]:
    data = _json_value(request)
    return data if isinstance(data, dict) else {}


def _acceptable_email(email: str) -> bool:
    return bool(EMAIL_RE.fullmatch(email)) and email.split("@")[0].lower() not in ROLE_LOCAL_PARTS


def _recipient_fields(item: dict[str, Any]) -> dict[str, Any]:
    skip = {"list_id", "email", "is_unsubscribed", "is_blacklisted", "id", "list_ids"}
    return {
        k: v
        for k, v in item.items()
        if k not in skip and v is not None and (k in RECIPIENT_FIELDS or not k.startswith("_"))
    }


def _apply_subscription(membership: Membership, item: dict[str, Any]) -> None:
    """Unsubscribing blacklists the address in that list; nothing lifts the blacklist here."""
    if item.get("is_unsubscribed") is True or item.get("is_blacklisted") is True:
        membership.is_unsubscribed = True
        membership.is_blacklisted = True
    elif item.get("is_unsubscribed") is False and not membership.is_blacklisted:
        membership.is_unsubscribed = False


def _recipient_by_id(company: CompanyRecord, recipient_id: str) -> RecipientRecord | None:
    return next((r for r in company.recipients.values() if r.id == recipient_id), None)

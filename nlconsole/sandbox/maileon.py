"""Maileon REST API 1.0 emulation: keys with rights and expiry, contacts, DOI, custom fields.

Served under `/maileon/1.0/`. Answers use exactly `application/vnd.maileon.api+xml` (the
official PHP client only parses that spelling) and `<error><message>` bodies. Each behaviour
and its source is listed in BEHAVIOUR.md.
"""

from __future__ import annotations

import base64
import binascii
import re
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from xml.sax.saxutils import escape

from defusedxml import ElementTree as SafeET

from nlconsole.sandbox.mailbox import Mail, Mailbox
from nlconsole.sandbox.seeds import MAILEON_DOI_KEY, MAILEON_KEYS, MaileonKeySeed
from nlconsole.sandbox.web import Request, Response

XML_TYPE = "application/vnd.maileon.api+xml"
RIGHT_OF_METHOD = {"GET": "read", "POST": "create", "PUT": "update", "DELETE": "delete"}
STANDARD_FIELDS = (
    "ADDRESS",
    "BIRTHDAY",
    "CITY",
    "COUNTRY",
    "FIRSTNAME",
    "GENDER",
    "HNR",
    "LASTNAME",
    "FULLNAME",
    "LOCALE",
    "NAMEDAY",
    "ORGANIZATION",
    "REGION",
    "STATE",
    "SALUTATION",
    "TITLE",
    "ZIP",
)
READ_ONLY_FIELDS = ("PERMISSION_STATUS", "SENDOUT_STATUS", "CUSTOM_SOURCE", "CHECKSUM")
RESERVED = {
    "id",
    "created",
    "external_id",
    "local_part",
    "permission_type",
    "permission_status",
    "sendout_status",
    "updated",
}
FIELD_TYPES = ("string", "integer", "float", "date", "boolean")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z0-9-]{2,}$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$")


@dataclass
class _DoiMailing:
    id: int
    name: str
    doi_key: str
    default: bool
    state: str = "released"


@dataclass
class _Contact:
    id: int
    email: str
    permission: int
    standard: dict[str, str] = field(default_factory=dict)
    custom: dict[str, str] = field(default_factory=dict)
    src: str = ""
    subscription_page: str = ""
    created: datetime = field(default_factory=lambda: datetime.now(UTC))
    updated: datetime = field(default_factory=lambda: datetime.now(UTC))
    gone_at: float | None = None
    """Set by unsubscribe: the contact disappears at this monotonic time (asynchronously)."""


@dataclass
class _Account:
    id: int
    name: str
    doi_mailings: list[_DoiMailing]
    contacts: dict[str, _Contact] = field(default_factory=dict)
    custom_fields: dict[str, str] = field(default_factory=dict)
    unsubscription_markers: set[str] = field(default_factory=set)
    next_contact_id: int = 1000


def _xml(status: int, body: str = "") -> Response:
    payload = ('<?xml version="1.0" encoding="UTF-8"?>\n' + body).encode() if body else b""
    return Response(status, payload, XML_TYPE)


def _error(status: int, message: str) -> Response:
    return _xml(status, f"<error><message>{escape(message)}</message></error>")


class MaileonSandbox:
    """In-memory Maileon accounts, reachable with the seeded keys."""

    def __init__(
        self,
        mailbox: Mailbox,
        public_url: Callable[[], str],
        *,
        unsubscribe_delay: float = 1.0,
        today: Callable[[], date] = date.today,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._mailbox = mailbox
        self._public_url = public_url
        self._unsubscribe_delay = unsubscribe_delay
        self._today = today
        self._monotonic = monotonic
        self._lock = threading.RLock()
        self._keys: dict[str, MaileonKeySeed] = {seed.key: seed for seed in MAILEON_KEYS}
        self._accounts = {
            "main": _Account(
                4711,
                "Sandbox Bildung gGmbH",
                [
                    _DoiMailing(501, "DOI Standard", "sandbox-doi-default", True),
                    _DoiMailing(502, "DOI Kurse 2026", MAILEON_DOI_KEY, False),
                ],
            ),
            "nodoi": _Account(4712, "Sandbox ohne DOI-Mailing", []),
        }
        mailbox.register("maileon", self._confirm)

    # -- dispatch ------------------------------------------------------------------------------

    def handle(self, request: Request, path: tuple[str, ...]) -> Response:
        """Answer one request whose path below `/maileon/1.0/` is `path`."""
        right = RIGHT_OF_METHOD.get(request.method)
        if right is None:
            return _error(405, f"method {request.method} is not allowed")
        seed = self._authenticate(request)
        if seed is None:
            return _error(401, "Unauthorized: the API key is missing, invalid or expired")
        if right not in seed.rights:
            return _error(403, f"Forbidden: the API key has no privilege for {request.method}")
        with self._lock:
            account = self._accounts[seed.account]
            self._purge(account)
            return self._route(request, path, account)

    def _authenticate(self, request: Request) -> MaileonKeySeed | None:
        scheme, _, token = request.header("Authorization").partition(" ")
        if scheme.lower() != "basic" or not token:
            return None
        try:
            key = base64.b64decode(token.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        seed = self._keys.get(key) or self._keys.get(key.removesuffix(":"))
        if seed is None or not seed.active:
            return None
        if seed.expires is not None and seed.expires <= self._today():
            return None
        return seed

    def _route(self, request: Request, path: tuple[str, ...], account: _Account) -> Response:
        method = request.method
        match path:
            case ("ping",):
                return _xml(200)
            case ("account", "info") if method == "GET":
                return self._account_info(request, account)
            case ("contacts", "fields", "custom") if method == "GET":
                return self._list_fields(account)
            case ("contacts", "fields", "custom", name) if method == "POST":
                return self._create_field(request, account, name)
            case ("contacts", "fields", "custom", name) if method == "DELETE":
                return self._delete_field(account, name)
            case ("contacts", "email", email) if method == "POST":
                return self._create_contact(request, account, email)
            case ("contacts", "email", email) if method == "GET":
                return self._get_contact(request, account, email)
            case ("contacts", "email", email) if method == "DELETE":
                return self._delete_contact(account, email)
            case ("contacts", "email", email, "unsubscribe") if method == "DELETE":
                return self._unsubscribe(account, email)
            case ("contacts", "email", email, "unsubscription") if method == "GET":
                known = email.lower() in account.unsubscription_markers
                return _xml(200) if known else _error(404, "no unsubscription marker")
            case ("contacts", "email", email, "unsubscription") if method == "DELETE":
                if email.lower() not in account.unsubscription_markers:
                    return _error(404, "no unsubscription marker")
                account.unsubscription_markers.discard(email.lower())
                return _xml(200)
            case ("mailings", "filter", "types") if method == "GET":
                return self._list_mailings(request, account)
            case ("mailings", mailing_id, "settings", "doi_key") if method == "GET":
                return self._doi_key(account, mailing_id)
        return _error(404, f"unknown resource {'/'.join(path)} for {method}")

    # -- account and mailings ------------------------------------------------------------------

    @staticmethod
    def _account_info(request: Request, account: _Account) -> Response:
        info = {"id": account.id, "name": account.name, "locale": "de", "type": "demo"}
        if "json" in request.header("Accept"):
            return Response.json(200, info)
        fields = "".join(f"<{k}>{escape(str(v))}</{k}>" for k, v in info.items())
        return _xml(200, f"<account>{fields}</account>")

    @staticmethod
    def _list_mailings(request: Request, account: _Account) -> Response:
        types = {t for value in request.params("types") for t in value.split(",")}
        mailings = account.doi_mailings if "doi" in types else []
        items = "".join(
            f"<mailing><id>{m.id}</id><fields><field><name>name</name><value>{escape(m.name)}"
            f"</value></field><field><name>state</name><value>{m.state}</value></field>"
            "</fields></mailing>"
            for m in mailings
        )
        return _xml(200, f"<mailings>{items}</mailings>")

    @staticmethod
    def _doi_key(account: _Account, mailing_id: str) -> Response:
        mailing = next((m for m in account.doi_mailings if str(m.id) == mailing_id), None)
        if mailing is None:
            return _error(404, f"no mailing {mailing_id}")
        return Response(200, mailing.doi_key.encode(), "text/html; charset=utf-8")

    # -- custom fields -------------------------------------------------------------------------

    @staticmethod
    def _list_fields(account: _Account) -> Response:
        items = "".join(
            f"<field><name>{escape(name)}</name><type>{kind}</type></field>"
            for name, kind in account.custom_fields.items()
        )
        return _xml(200, f"<custom_fields>{items}</custom_fields>")

    @staticmethod
    def _create_field(request: Request, account: _Account, name: str) -> Response:
        kind = request.param("type", "string") or "string"
        if kind not in FIELD_TYPES:
            return _error(400, f"invalid type {kind}; valid: {', '.join(FIELD_TYPES)}")
        if not 3 <= len(name) <= 64:
            return _error(400, "the name of a custom field must have 3 to 64 characters")
        upper = name.upper()
        if upper in STANDARD_FIELDS or upper in READ_ONLY_FIELDS or name.lower() in RESERVED:
            return _error(400, f"'{name}' is a reserved field name")
        if name in account.custom_fields:
            return _error(409, f"custom field '{name}' already exists")
        account.custom_fields[name] = kind
        return _xml(201)

    @staticmethod
    def _delete_field(account: _Account, name: str) -> Response:
        if account.custom_fields.pop(name, None) is None:
            return _error(404, f"no custom field '{name}'")
        for contact in account.contacts.values():
            contact.custom.pop(name, None)
        return _xml(200)

    # -- contacts ------------------------------------------------------------------------------

    def _purge(self, account: _Account) -> None:
        now = self._monotonic()
        for key in [k for k, c in account.contacts.items() if c.gone_at and c.gone_at <= now]:
            del account.contacts[key]

    def _create_contact(self, request: Request, account: _Account, email: str) -> Response:
        if not EMAIL_RE.fullmatch(email):
            return _error(400, f"invalid email address '{email}'")
        try:
            standard, custom = _parse_contact_body(request.body)
        except ValueError as exc:
            return _error(400, str(exc))
        problem = _check_fields(standard, custom, account.custom_fields)
        if problem:
            return _error(400, problem)
        try:
            permission = int(request.param("permission", "1") or "1")
            sync_mode = int(request.param("sync_mode", "2") or "2")
        except ValueError:
            return _error(400, "permission and sync_mode must be numbers")
        if not 1 <= permission <= 6 or sync_mode not in (1, 2):
            return _error(400, "permission must be 1..6 and sync_mode 1 or 2")
        doi = request.param("doi") == "true"
        doiplus = doi and request.param("doiplus") == "true"
        doimailing = request.param("doimailing") or None
        existing = account.contacts.get(email.lower())
        if doi and (existing is None or existing.permission < 4):
            mailing = self._doi_mailing(account, doimailing)
            if mailing is None:
                # Maileon's FAQ: without a (matching) DOI mailing "der Kontakt taucht nicht auf".
                return _xml(201 if existing is None else 200)
        else:
            mailing = None
        if existing is None:
            contact = _Contact(
                account.next_contact_id,
                email,
                1 if mailing else permission,
                standard,
                custom,
                request.param("src", "") or "",
                request.param("subscription_page", "") or "",
            )
            account.next_contact_id += 1
            account.contacts[email.lower()] = contact
            status = 201
        else:
            contact, status = existing, 200
            if sync_mode == 1:
                contact.standard.update(standard)
                contact.custom.update(custom)
                contact.updated = datetime.now(UTC)
                if not mailing and contact.permission < 4:
                    contact.permission = max(contact.permission, permission)
        if mailing is not None:
            self._send_doi(account, contact, mailing, doiplus)
        return _xml(status)

    @staticmethod
    def _doi_mailing(account: _Account, doi_key: str | None) -> _DoiMailing | None:
        for mailing in account.doi_mailings:
            if (doi_key is None and mailing.default) or mailing.doi_key == doi_key:
                return mailing
        return None

    def _send_doi(
        self, account: _Account, contact: _Contact, mailing: _DoiMailing, doiplus: bool
    ) -> None:
        kind = "DOI+ (mit Einzelnutzertracking)" if doiplus else "DOI"
        self._mailbox.send(
            "maileon",
            contact.email,
            f"Bitte bestätigen Sie Ihre Anmeldung ({mailing.name})",
            f"Maileon account '{account.name}', {kind}: confirm to receive the newsletter.",
            account=next(k for k, a in self._accounts.items() if a is account),
            email=contact.email,
            doiplus=doiplus,
        )

    def _confirm(self, mail: Mail) -> str:
        with self._lock:
            account = self._accounts[mail.context["account"]]
            self._purge(account)
            contact = account.contacts.get(str(mail.context["email"]).lower())
            if contact is None:
                return "The contact no longer exists in Maileon; nothing was changed."
            contact.permission = 5 if mail.context["doiplus"] else 4
            contact.updated = datetime.now(UTC)
            label = "DOI+ (5)" if contact.permission == 5 else "DOI (4)"
            return f"{contact.email} confirmed: permission {label}."

    def _get_contact(self, request: Request, account: _Account, email: str) -> Response:
        contact = account.contacts.get(email.lower())
        if contact is None:
            return _error(404, f"no contact with email {email}")
        standard = []
        for name in request.params("standard_field"):
            value = self._standard_value(account, contact, name.upper())
            standard.append(
                f"<field><name>{escape(name.upper())}</name>"
                + ('<value nil="true"></value>' if not value else f"<value>{escape(value)}</value>")
                + "</field>"
            )
        custom = "".join(
            f"<field><name>{escape(name)}</name><value>{escape(contact.custom[name])}</value></field>"
            for name in request.params("custom_field")
            if contact.custom.get(name)
        )
        return _xml(
            200,
            "<contact>"
            f"<id>{contact.id}</id><email>{escape(contact.email)}</email>"
            '<external_id nil="true"></external_id>'
            f"<created>{contact.created:%Y-%m-%d %H:%M:%S}.0</created>"
            f"<updated>{contact.updated:%Y-%m-%d %H:%M:%S}.0</updated>"
            f"<permission>{contact.permission}</permission>"
            f"<standard_fields>{''.join(standard)}</standard_fields>"
            f"<custom_fields>{custom}</custom_fields>"
            "</contact>",
        )

    @staticmethod
    def _standard_value(account: _Account, contact: _Contact, name: str) -> str:
        if name == "PERMISSION_STATUS":
            if contact.email.lower() in account.unsubscription_markers:
                return "unsubscribed"
            return "none" if contact.permission == 1 else "available"
        if name == "SENDOUT_STATUS":
            return "allowed" if contact.permission > 1 else "blocked"
        if name == "CUSTOM_SOURCE":
            return contact.src
        return contact.standard.get(name, "")

    @staticmethod
    def _delete_contact(account: _Account, email: str) -> Response:
        if account.contacts.pop(email.lower(), None) is None:
            return _error(404, f"no contact with email {email}")
        return _xml(200)

    def _unsubscribe(self, account: _Account, email: str) -> Response:
        contact = account.contacts.get(email.lower())
        if contact is None:
            return _error(404, f"no contact with email {email}")
        account.unsubscription_markers.add(email.lower())
        if contact.gone_at is None:
            contact.gone_at = self._monotonic() + self._unsubscribe_delay
        return _xml(204)


def _parse_contact_body(body: bytes) -> tuple[dict[str, str], dict[str, str]]:
    if not body.strip():
        return {}, {}
    try:
        root = SafeET.fromstring(body)
    except (ET.ParseError, ValueError) as exc:
        raise ValueError(f"the body is not valid XML: {exc}") from None
    if root.tag != "contact":
        raise ValueError(f"the body must be a <contact> element, not <{root.tag}>")

    def fields(tag: str) -> dict[str, str]:
        parent = root.find(tag)
        values: dict[str, str] = {}
        for item in parent.findall("field") if parent is not None else []:
            name = (item.findtext("name") or "").strip()
            if name:
                values[name] = item.findtext("value") or ""
        return values

    return fields("standard_fields"), fields("custom_fields")


def _check_fields(
    standard: dict[str, str], custom: dict[str, str], known: dict[str, str]
) -> str | None:
    for name, value in standard.items():
        if name not in STANDARD_FIELDS:
            return f"unknown or read-only standard field '{name}'"
        if len(value) > 255:
            return f"standard field {name} is longer than 255 characters"
        if name == "GENDER" and value and value not in ("m", "f", "d"):
            return "GENDER must be m, f or d"
        if name in ("BIRTHDAY", "NAMEDAY") and value and not DATE_RE.fullmatch(value):
            return f"{name} must be yyyy-MM-dd"
    for name, value in custom.items():
        kind = known.get(name)
        if kind is None:
            return f"custom field '{name}' does not exist; create it first"
        if not _valid_value(kind, value):
            return f"custom field '{name}' expects a {kind} value"
    return None


def _valid_value(kind: str, value: str) -> bool:
    if kind == "string":
        return len(value) <= 255
    if kind == "boolean":
        return value in ("true", "false", "1", "0")
    if kind == "date":
        return bool(DATE_RE.fullmatch(value))
    try:
        number = float(value) if kind == "float" else int(value)
    except ValueError:
        return False
    return kind == "float" or -(2**31) <= number < 2**31

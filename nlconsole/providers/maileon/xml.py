"""Maileon's XML: the contact body the official PHP client sends, and parsers for answers.

Bodies mirror `Contact::toXML` of xqueue/maileon-php-api-client (see the wire traces): no
encoding declaration, no whitespace between elements, every value in CDATA, an empty
`<preferences/>`. Parsers accept both the numeric and the string permission forms and `nil`.
What they quote from an answer in an error (its start, a tag name) passes through the
connection's scrubber first: a server may echo the key.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from xml.sax.saxutils import escape

from defusedxml import ElementTree as SafeET

from nlconsole.i18n import Text, _
from nlconsole.providers.base import ProtocolError


class Permission(IntEnum):
    """Maileon's permission codes."""

    NONE = 1
    SOI = 2
    COI = 3
    DOI = 4
    DOI_PLUS = 5
    OTHER = 6

    @classmethod
    def parse(cls, text: str | None) -> Permission:
        """Read '1'..'6' or 'none', 'soi', 'coi', 'doi', 'doi+', 'other' (anything else: OTHER)."""
        value = (text or "").strip().lower()
        names = {"none": 1, "soi": 2, "coi": 3, "doi": 4, "doi+": 5, "doi_plus": 5, "other": 6}
        if value.isdigit():
            code = int(value)
            return cls(code) if 1 <= code <= 6 else cls.OTHER
        return cls(names.get(value, 6))


FieldValue = str | int | float | bool
Scrub = Callable[[str], str]


@dataclass(frozen=True)
class MaileonContact:
    """A contact as `GET contacts/email/{email}` returns it (None = nil or absent value)."""

    email: str
    permission: Permission
    id: int | None = None
    external_id: str | None = None
    created: str | None = None
    updated: str | None = None
    standard_fields: dict[str, str | None] = field(default_factory=dict)
    custom_fields: dict[str, str | None] = field(default_factory=dict)


@dataclass(frozen=True)
class DoiMailing:
    """A mailing of type 'doi'."""

    id: int
    name: str | None = None
    state: str | None = None


def _cdata(value: str) -> str:
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _field_text(value: FieldValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def contact_body(
    email: str, standard_fields: Mapping[str, FieldValue], custom_fields: Mapping[str, FieldValue]
) -> bytes:
    """The XML body of `POST contacts/email/{email}`, shaped like the official PHP client's."""

    def fields(values: Mapping[str, FieldValue]) -> str:
        return "".join(
            f"<field><name>{escape(name)}</name><value>{_cdata(_field_text(value))}</value></field>"
            for name, value in values.items()
        )

    xml = (
        '<?xml version="1.0"?>\n<contact>'
        f"<email>{escape(email)}</email>"
        f"<standard_fields>{fields(standard_fields)}</standard_fields>"
        f"<custom_fields>{fields(custom_fields)}</custom_fields>"
        "<preferences/></contact>\n"
    )
    return xml.encode("utf-8")


def parse_xml(body: bytes, what: Text, scrub: Scrub) -> ET.Element:
    """Parse an XML answer or raise ProtocolError saying what was expected."""
    try:
        return SafeET.fromstring(body)
    except (ET.ParseError, ValueError) as exc:
        start = scrub(body[:60].decode("utf-8", "replace").strip())
        raise ProtocolError(
            _(
                "Maileon's answer to {what} is not XML (starts with {start})",
                what=what,
                start=repr(start),
            ),
            _("A proxy or captive portal may be answering instead of Maileon: check the base URL."),
        ) from exc


def _text(element: ET.Element | None) -> str | None:
    if element is None or element.get("nil") == "true":
        return None
    return element.text if element.text is not None else ""


def _fields(parent: ET.Element | None) -> dict[str, str | None]:
    values: dict[str, str | None] = {}
    if parent is None:
        return values
    for item in parent.findall("field"):
        name = _text(item.find("name"))
        if name:
            values[name] = _text(item.find("value"))
    return values


def parse_contact(body: bytes, *, scrub: Scrub) -> MaileonContact:
    """Parse a `<contact>` document."""
    root = parse_xml(body, _("a contact lookup"), scrub)
    if root.tag != "contact":
        raise ProtocolError(
            _("expected a <contact> document from Maileon, got <{tag}>", tag=scrub(root.tag))
        )
    raw_id = _text(root.find("id"))
    return MaileonContact(
        email=_text(root.find("email")) or "",
        permission=Permission.parse(_text(root.find("permission"))),
        id=int(raw_id) if raw_id and raw_id.isdigit() else None,
        external_id=_text(root.find("external_id")) or None,
        created=_text(root.find("created")),
        updated=_text(root.find("updated")),
        standard_fields=_fields(root.find("standard_fields")),
        custom_fields=_fields(root.find("custom_fields")),
    )


def parse_custom_fields(body: bytes, *, scrub: Scrub) -> dict[str, str]:
    """Parse `<custom_fields>`: items are `<field>` (PHP client) or `<custom_field>` (Java)."""
    root = parse_xml(body, _("the custom field list"), scrub)
    if root.tag != "custom_fields":
        raise ProtocolError(
            _("expected <custom_fields> from Maileon, got <{tag}>", tag=scrub(root.tag))
        )
    result: dict[str, str] = {}
    for item in [*root.findall("field"), *root.findall("custom_field")]:
        name, kind = _text(item.find("name")), _text(item.find("type"))
        if name:
            result[name] = (kind or "string").lower()
    return result


def parse_mailings(body: bytes, *, scrub: Scrub) -> list[DoiMailing]:
    """Parse `<mailings>`; name and state may be child elements or entries under `<fields>`."""
    root = parse_xml(body, _("the mailing list"), scrub)
    mailings = []
    for item in root.findall("mailing"):
        raw_id = _text(item.find("id"))
        if not raw_id or not raw_id.strip().isdigit():
            continue
        extra = _fields(item.find("fields"))
        name = _text(item.find("name")) or extra.get("name")
        mailings.append(
            DoiMailing(
                id=int(raw_id),
                name=scrub(name) if name else name,
                state=_text(item.find("state")) or extra.get("state"),
            )
        )
    return mailings


def error_message(body: bytes) -> str | None:
    """The `<error><message>` text of an error answer, if the body is one."""
    try:
        root = SafeET.fromstring(body)
    except (ET.ParseError, ValueError):
        return None
    message = root.find("message")
    text = message.text if message is not None else root.text
    return text.strip() if text and text.strip() else None

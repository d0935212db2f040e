"""Maileon's wire format: the XML media type, `<error><message>` bodies, `<contact>` documents."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any
from xml.sax.saxutils import escape

from defusedxml import ElementTree as SafeET

from nlconsole.sandbox.web import Response

XML_TYPE = "application/vnd.maileon.api+xml"
"""Exactly this spelling, no charset: the official PHP client compares the string."""


def xml(status: int, body: str = "") -> Response:
    """An XML answer (an empty body stays empty)."""
    payload = ('<?xml version="1.0" encoding="UTF-8"?>\n' + body).encode() if body else b""
    return Response(status, payload, XML_TYPE)


def error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """Maileon's error body."""
    response = xml(status, f"<error><message>{escape(message)}</message></error>")
    response.headers.update(headers or {})
    return response


def field_items(values: dict[str, str]) -> str:
    """`<field><name/><value/></field>` items."""
    return "".join(
        f"<field><name>{escape(name)}</name><value>{escape(value)}</value></field>"
        for name, value in values.items()
    )


def parse_contact_body(
    body: bytes, content_type: str
) -> tuple[dict[str, str], dict[str, str], str]:
    """(standard fields, custom fields, e-mail in the body or '') of an XML or JSON contact."""
    if not body.strip():
        return {}, {}, ""
    if "json" in content_type:
        return _parse_json_contact(body)
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

    email = (root.findtext("email") or "").strip()
    return fields("standard_fields"), fields("custom_fields"), email


def _parse_json_contact(body: bytes) -> tuple[dict[str, str], dict[str, str], str]:
    try:
        document: Any = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ValueError(f"the body is not valid JSON: {exc}") from None
    if not isinstance(document, dict):
        raise ValueError("the body must be a JSON object")

    def fields(key: str) -> dict[str, str]:
        values = document.get(key) or {}
        if not isinstance(values, dict):
            raise ValueError(f"{key} must be an object keyed by field name")
        return {str(k): _json_text(v) for k, v in values.items()}

    return fields("standard_fields"), fields("custom_fields"), str(document.get("email") or "")


def _json_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)

"""Request and response values the sandbox apps work with, independent of the HTTP server."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote


@dataclass(frozen=True)
class Request:
    """One HTTP request as the sandbox sees it.

    `segments` are the path's segments percent-decoded one by one (so `%2B` stays a `+` and a
    `%2F` inside an e-mail never splits the path); the query is form-decoded (`+` is a space),
    as the official clients encode it.
    """

    method: str
    raw_path: str
    segments: tuple[str, ...]
    query: tuple[tuple[str, str], ...]
    headers: dict[str, str]
    body: bytes = b""

    @classmethod
    def parse(cls, method: str, target: str, headers: dict[str, str], body: bytes) -> Request:
        """Build a Request from the request line's target (path and optional query)."""
        path, _, query = target.partition("?")
        segments = tuple(unquote(s) for s in path.split("/") if s)
        pairs = tuple(parse_qsl(query, keep_blank_values=True))
        lowered = {k.lower(): v for k, v in headers.items()}
        return cls(method.upper(), path, segments, pairs, lowered, body)

    def param(self, name: str, default: str | None = None) -> str | None:
        """The first value of a query parameter."""
        for key, value in self.query:
            if key == name:
                return value
        return default

    def params(self, name: str) -> list[str]:
        """All values of a repeated query parameter."""
        return [value for key, value in self.query if key == name]

    def header(self, name: str) -> str:
        """A header's value ('' when absent)."""
        return self.headers.get(name.lower(), "")

    def json(self) -> Any:
        """The body parsed as JSON (raises ValueError)."""
        return json.loads(self.body.decode("utf-8") or "null")


@dataclass
class Response:
    """An HTTP response to send."""

    status: int
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(cls, status: int, document: Any, headers: dict[str, str] | None = None) -> Response:
        """A JSON response."""
        return cls(
            status,
            json.dumps(document, ensure_ascii=False).encode("utf-8"),
            "application/json",
            headers or {},
        )

    @classmethod
    def html(cls, status: int, page: str) -> Response:
        """An HTML page."""
        return cls(status, page.encode("utf-8"), "text/html; charset=utf-8")

    @classmethod
    def text(cls, status: int, text: str) -> Response:
        """A plain-text response."""
        return cls(status, text.encode("utf-8"))

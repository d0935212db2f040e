"""Request and response values and a declarative router, independent of the HTTP server.

The emulators describe their resources as route tables (method + path pattern → handler), in
the manner of moto; the router answers "no such path" and "path known, method not" itself, so
each emulator only renders those answers in its own error format.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar
from urllib.parse import parse_qsl, unquote

MAX_BODY_BYTES = 10 * 1024 * 1024
"""Request bodies above this size are refused (socket server and in-process transport)."""


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


Handler = TypeVar("Handler")
Params = dict[str, str]


@dataclass(frozen=True)
class Route(Generic[Handler]):
    """One row of a route table: `GET contacts/email/{email}` → handler.

    A `{name}` segment matches any one (percent-decoded) path segment and is passed to the
    handler under that name; every other segment must match literally. The method `*` accepts
    any method (Maileon's `ping` answers all four).
    """

    method: str
    pattern: str
    handler: Handler

    @property
    def segments(self) -> tuple[str, ...]:
        """The pattern split into segments."""
        return tuple(s for s in self.pattern.split("/") if s)

    def match(self, path: tuple[str, ...]) -> Params | None:
        """The path parameters if `path` fits the pattern, else None."""
        pattern = self.segments
        if len(pattern) != len(path):
            return None
        params: Params = {}
        for expected, actual in zip(pattern, path, strict=True):
            if expected.startswith("{") and expected.endswith("}"):
                params[expected[1:-1]] = actual
            elif expected != actual:
                return None
        return params


@dataclass(frozen=True)
class RouteFound(Generic[Handler]):
    """The handler for a request and its path parameters."""

    handler: Handler
    params: Params


@dataclass(frozen=True)
class RouteMissing:
    """No route for a request: `allowed` is empty for an unknown path (404), else the methods
    the path does answer (405 with an `Allow` header)."""

    allowed: tuple[str, ...]

    @property
    def status(self) -> int:
        """404 for an unknown path, 405 for a known path with another method."""
        return 405 if self.allowed else 404

    @property
    def headers(self) -> dict[str, str]:
        """`Allow` for a 405."""
        return {"Allow": ", ".join(self.allowed)} if self.allowed else {}


class Router(Generic[Handler]):
    """A route table; the first row whose method and pattern fit a request wins."""

    def __init__(self, routes: Iterable[Route[Handler]]) -> None:
        self._routes = tuple(routes)

    def resolve(self, method: str, path: tuple[str, ...]) -> RouteFound[Handler] | RouteMissing:
        """Find the handler for `method` on `path`, or say why there is none."""
        allowed: list[str] = []
        for route in self._routes:
            params = route.match(path)
            if params is None:
                continue
            if route.method in (method, "*"):
                return RouteFound(route.handler, params)
            if route.method not in allowed:
                allowed.append(route.method)
        return RouteMissing(tuple(allowed))

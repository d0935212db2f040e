"""The shared look of the mock vendor pages and form handling (German, like the real ones)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from urllib.parse import parse_qsl

from nlconsole.sandbox.web import MAX_BODY_BYTES, Params, Request, Response

PageHandler = Callable[[Request, Params], Response]

MAX_FORM_FIELDS = 100


def page(title: str, body: str, status: int = 200) -> Response:
    """A complete German HTML page."""
    return Response.html(
        status,
        '<!doctype html><html lang="de"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        "<style>body{font-family:sans-serif;margin:2em;max-width:42em}"
        "label{display:block;margin:.5em 0}fieldset{margin:1em 0}"
        ".hinweis{background:#eef;padding:.5em}.fehler{background:#fee;padding:.5em}</style>"
        f"</head><body><h1>{escape(title)}</h1>{body}</body></html>",
    )


def redirect(location: str) -> Response:
    """303 See Other: after a form POST, the browser GETs `location`."""
    return Response(303, b"", "text/plain; charset=utf-8", {"Location": location})


def form(request: Request) -> dict[str, list[str]]:
    """A form-urlencoded body as name → values (bounded)."""
    text = request.body[:MAX_BODY_BYTES].decode("utf-8", "replace")
    values: dict[str, list[str]] = {}
    for name, value in parse_qsl(text, keep_blank_values=True)[:MAX_FORM_FIELDS]:
        values.setdefault(name, []).append(value.strip())
    return values


def first(values: dict[str, list[str]], name: str) -> str:
    """The first value of a form field ('' when absent)."""
    return (values.get(name) or [""])[0]


def text_input(name: str, label: str, value: str = "", kind: str = "text") -> str:
    """A labelled input."""
    return (
        f'<label>{escape(label)} <input type="{kind}" name="{name}" '
        f'value="{escape(value)}"></label>'
    )


def checkbox(name: str, label: str, value: str = "ja", checked: bool = False) -> str:
    """A labelled checkbox."""
    mark = " checked" if checked else ""
    return (
        f'<label><input type="checkbox" name="{name}" value="{escape(value)}"{mark}> '
        f"{escape(label)}</label>"
    )


def select(name: str, label: str, options: tuple[str, ...], chosen: str = "") -> str:
    """A labelled drop-down."""
    items = "".join(
        f"<option{' selected' if option == chosen else ''}>{escape(option)}</option>"
        for option in options
    )
    return f'<label>{escape(label)} <select name="{name}">{items}</select></label>'

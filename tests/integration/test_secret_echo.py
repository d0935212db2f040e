"""A server that echoes the credentials back (in an error message, a token error, an HTML page):
no form of any secret reaches `check`'s output, `--json`, `profiles show` or profiles.toml."""

from __future__ import annotations

import base64
import html
import io
import json
import sys
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest

from nlconsole.cli import main
from tests.integration.tiny_http import send, tiny_server

MAILEON_KEY = "a1b2c3d4-e5f6-4789-abcd-ef0123456789"
AUTH_KEY = "client_42:s3cr3t#Key/+="
USERNAME = "api-user@example.com"
PASSWORD = 'Pässwort mit "Leerzeichen" & <Sonder>\\zeichen\'s!'
"""Quotes, a backslash and markup: a server echoing it in JSON or HTML escapes it."""


def forms(secret: str) -> list[str]:
    """Every form a secret travels in (the ones a careless server would echo)."""
    raw = secret.encode()
    b64 = base64.b64encode(raw).decode()
    return [
        secret,
        quote(secret, safe=""),
        quote_plus(secret, safe=""),
        b64,
        b64.rstrip("="),
        base64.b64encode(raw + b":").decode(),
        json.dumps(secret)[1:-1],
        json.dumps(secret, ensure_ascii=False)[1:-1],
        html.escape(secret),
        html.escape(secret, quote=False),
    ]


def echo_of(handler: BaseHTTPRequestHandler, body: bytes) -> str:
    """Everything the client sent, in every form: what a hostile server could echo."""
    header = handler.headers.get("Authorization", "")
    decoded = ""
    if header.startswith("Basic "):
        decoded = base64.b64decode(header[6:]).decode("utf-8", "replace")
    sent = body.decode("utf-8", "replace")
    return f"you sent {header} = {decoded} ({quote(decoded)}) with {sent} {quote_plus(sent)}"


def maileon_echo(status: int) -> Callable[[BaseHTTPRequestHandler, bytes], None]:
    def reply(handler: BaseHTTPRequestHandler, body: bytes) -> None:
        if status == 200 and handler.path.split("?")[0].endswith("/ping"):
            send(handler, 200, b"", "text/plain")
            return
        if status == 200:  # not XML: the start of the body is quoted in the finding
            echo = echo_of(handler, body).removeprefix("you sent ")
            send(handler, 200, f"{echo} you sent".encode(), "text/html")
            return
        message = echo_of(handler, body).replace("&", "&amp;").replace("<", "&lt;")
        xml = f"<error><message>{message}</message></error>".encode()
        send(handler, status, xml, "application/vnd.maileon.api+xml")

    return reply


def n2g_echo(kind: str) -> Callable[[BaseHTTPRequestHandler, bytes], None]:
    def reply(handler: BaseHTTPRequestHandler, body: bytes) -> None:
        echo = echo_of(handler, body)
        if kind == "html":
            send(handler, 200, f"{echo} {html.escape(echo)}".encode(), "text/html")
            return
        status = {"invalid_grant": 400, "invalid_client": 401, "server": 500}[kind]
        document = {"error": kind, "error_description": echo, "message": echo}
        send(handler, status, json.dumps(document).encode(), "application/json")

    return reply


def store(name: str, field: str, value: str) -> None:
    sys.stdin = io.StringIO(value)
    try:
        assert main(["secrets", "set", name, field]) == 0
    finally:
        sys.stdin = sys.__stdin__


def everything_shown(capsys: pytest.CaptureFixture[str], home: Path, name: str) -> str:
    """check (human and JSON), profiles show (human and JSON) and the file."""
    texts = []
    for argv in (
        ["check", name],
        ["check", name, "--json"],
        ["profiles", "show", name],
        ["profiles", "show", name, "--json"],
        ["profiles", "list", "--json"],
    ):
        main(argv)
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        texts += [out, err]
    texts.append((home / "profiles.toml").read_text(encoding="utf-8"))
    return "\n".join(texts)


@pytest.mark.parametrize("status", [200, 400, 401, 500])
def test_a_maileon_server_echoing_the_key_leaks_nothing(
    status: int,
    memory_keyring: dict[tuple[str, str], str],
    capsys: pytest.CaptureFixture[str],
    isolated_home: Path,
) -> None:
    with tiny_server(maileon_echo(status)) as root:
        assert main(["profiles", "add", "m", "--provider", "maileon", "--base-url", root]) == 0
        store("m", "api_key", MAILEON_KEY)
        capsys.readouterr()
        shown = everything_shown(capsys, isolated_home, "m")
    assert "•••" in shown, "the server's text is shown (scrubbed), not dropped"
    for form in forms(MAILEON_KEY):
        assert form not in shown, form


@pytest.mark.parametrize("kind", ["invalid_grant", "invalid_client", "server", "html"])
def test_a_newsletter2go_server_echoing_the_login_leaks_nothing(
    kind: str,
    memory_keyring: dict[tuple[str, str], str],
    capsys: pytest.CaptureFixture[str],
    isolated_home: Path,
) -> None:
    with tiny_server(n2g_echo(kind)) as root:
        argv = ["profiles", "add", "n", "--provider", "newsletter2go", "--base-url", root]
        assert main(argv) == 0
        store("n", "auth_key", AUTH_KEY)
        store("n", "username", USERNAME)
        store("n", "password", PASSWORD)
        capsys.readouterr()
        shown = everything_shown(capsys, isolated_home, "n")
    assert "•••" in shown
    for secret in (AUTH_KEY, USERNAME, PASSWORD):
        for form in forms(secret):
            assert form not in shown, form

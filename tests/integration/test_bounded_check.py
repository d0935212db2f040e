"""Bounded network work: a dribbling server meets the check's deadline, a huge or
decompression-bomb answer meets the size cap, an absurd count meets the page cap."""

from __future__ import annotations

import gzip
import io
import json
import sys
import time
from http.server import BaseHTTPRequestHandler
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from nlconsole.cli import main
from nlconsole.providers.base import ProtocolError
from nlconsole.providers.http import MAX_RESPONSE_BYTES, HttpSession, HttpSettings
from nlconsole.providers.newsletter2go import Newsletter2GoClient
from nlconsole.providers.newsletter2go.client import MAX_PAGES
from tests.integration.tiny_http import send, tiny_server

KEY = "a1b2c3d4-e5f6-4789-abcd-ef0123456789"


SECRETS = {
    "maileon": {"api_key": KEY},
    "newsletter2go": {"auth_key": "id:secret", "username": "u@example.com", "password": "pw"},
}


def add_profile(capsys: pytest.CaptureFixture[str], url: str, provider: str = "maileon") -> None:
    assert main(["profiles", "add", "hostile", "--provider", provider, "--base-url", url]) == 0
    for field, value in SECRETS[provider].items():
        sys.stdin = io.StringIO(value)
        try:
            assert main(["secrets", "set", "hostile", field]) == 0
        finally:
            sys.stdin = sys.__stdin__
    capsys.readouterr()


def add_maileon_profile(capsys: pytest.CaptureFixture[str], url: str) -> None:
    add_profile(capsys, url)


def dribble(handler: BaseHTTPRequestHandler, body: bytes) -> None:
    """Promise 1000 bytes, then send one per second (never tripping a read timeout)."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/vnd.maileon.api+xml")
    handler.send_header("Content-Length", "1000")
    handler.end_headers()
    for _ in range(30):
        handler.wfile.write(b"<")
        handler.wfile.flush()
        time.sleep(1)


@pytest.mark.parametrize("provider", ["maileon", "newsletter2go"])
def test_a_server_sending_one_byte_per_second_ends_within_the_deadline(
    provider: str, memory_keyring: dict[tuple[str, str], str], capsys: pytest.CaptureFixture[str]
) -> None:
    with tiny_server(dribble) as root:
        add_profile(capsys, f"{root}/1.0", provider)
        started = time.monotonic()
        code = main(["check", "hostile", "--deadline", "3", "--json"])
        elapsed = time.monotonic() - started
    out, err = capsys.readouterr()
    assert code == 1
    assert elapsed < 10, f"the check took {elapsed:.1f} s despite --deadline 3"
    report = json.loads(out)
    assert report["ok"] is False
    details = [f["detail"] for f in report["findings"]]
    assert any("not finished within the check's deadline of 3 s" in d for d in details), details
    assert "Traceback" not in err


def test_the_deadline_is_kept_in_the_profile_result(
    memory_keyring: dict[tuple[str, str], str], capsys: pytest.CaptureFixture[str]
) -> None:
    with tiny_server(dribble) as root:
        add_maileon_profile(capsys, f"{root}/1.0")
        assert main(["check", "hostile", "--deadline", "2"]) == 1
    out = capsys.readouterr().out
    assert "deadline of 2 s" in out
    assert main(["profiles", "show", "hostile", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["last_check"]["outcome"] in {"fail", "unknown"}


@pytest.mark.parametrize("value", ["0", "-1", "abc", "nan", "inf", "3601", "", "1e9"])
def test_a_bad_deadline_is_refused_before_anything_is_sent(
    value: str, memory_keyring: dict[tuple[str, str], str], capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[str] = []

    def record(handler: BaseHTTPRequestHandler, body: bytes) -> None:
        seen.append(handler.path)
        send(handler, 500, b"", "text/plain")

    with tiny_server(record) as root:
        add_maileon_profile(capsys, f"{root}/1.0")
        code = main(["check", "hostile", "--deadline", value])
    _, err = capsys.readouterr()
    assert code == 2
    assert "--deadline must be a number of seconds from 1 to 3600" in err
    assert "Traceback" not in err
    assert seen == []


def huge_stream(handler: BaseHTTPRequestHandler, body: bytes) -> None:
    """64 MiB without a Content-Length: only the reader can stop it."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/vnd.maileon.api+xml")
    handler.send_header("Connection", "close")
    handler.end_headers()
    chunk = b"x" * 65536
    for _ in range(1024):
        handler.wfile.write(chunk)


def huge_declared(handler: BaseHTTPRequestHandler, body: bytes) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(256 * 1024 * 1024))
    handler.end_headers()
    handler.wfile.write(b"{" * 1024)


def gzip_bomb(handler: BaseHTTPRequestHandler, body: bytes) -> None:
    """A few KiB on the wire, 32 MiB once decompressed."""
    send(
        handler,
        200,
        gzip.compress(b"\0" * (32 * 1024 * 1024)),
        "application/json",
        {"Content-Encoding": "gzip"},
    )


@pytest.mark.parametrize("reply", [huge_stream, huge_declared, gzip_bomb])
async def test_an_answer_beyond_the_size_cap_is_refused(reply: Any) -> None:
    with tiny_server(reply) as root:
        session = HttpSession(root, headers={}, settings=HttpSettings(max_attempts=1))
        try:
            with pytest.raises(ProtocolError) as caught:
                await session.request("GET", "anything")
        finally:
            await session.aclose()
    assert "is larger than 4 MiB; nlconsole stopped reading it" in str(caught.value.message)
    assert MAX_RESPONSE_BYTES == 4 * 1024 * 1024


async def test_an_answer_below_the_cap_is_read_whole() -> None:
    payload = b"y" * (MAX_RESPONSE_BYTES - 10)

    def reply(handler: BaseHTTPRequestHandler, body: bytes) -> None:
        send(handler, 200, payload, "text/plain")

    with tiny_server(reply) as root:
        session = HttpSession(root, headers={})
        try:
            response = await session.request("GET", "anything")
        finally:
            await session.aclose()
    assert response.content == payload


@pytest.mark.parametrize("provider", ["maileon", "newsletter2go"])
def test_a_huge_answer_ends_the_check_in_a_clear_finding(
    provider: str, memory_keyring: dict[tuple[str, str], str], capsys: pytest.CaptureFixture[str]
) -> None:
    with tiny_server(huge_stream) as root:
        add_profile(capsys, f"{root}/1.0", provider)
        code = main(["check", "hostile", "--json"])
    out, err = capsys.readouterr()
    assert code == 1
    details = " ".join(f["detail"] for f in json.loads(out)["findings"])
    assert "larger than 4 MiB" in details
    assert "Traceback" not in err


async def test_an_absurd_count_is_refused_after_one_page() -> None:
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        if request.url.path.endswith("/oauth/v2/token"):
            return httpx.Response(200, json={"access_token": "t", "expires_in": 7200})
        page = [{"id": f"l{i}", "name": f"List {i}"} for i in range(50)]
        return httpx.Response(200, json={"info": {"count": 10**7}, "value": page})

    client = Newsletter2GoClient(
        "https://n2g.test",
        SecretStr("id:secret"),
        SecretStr("user@example.com"),
        SecretStr("password"),
        transport=httpx.MockTransport(handler),
    )
    async with client:
        with pytest.raises(ProtocolError) as caught:
            await client.lists()
    assert len(requests) == 2, "one login and one page, not 200,000 page requests"
    assert "10000000 items" in str(caught.value.message)
    assert f"at most {50 * MAX_PAGES}" in str(caught.value.message)


async def test_broken_compression_is_a_protocol_error() -> None:
    def reply(handler: BaseHTTPRequestHandler, body: bytes) -> None:
        send(handler, 200, b"not gzip at all", "application/json", {"Content-Encoding": "gzip"})

    with tiny_server(reply) as root:
        session = HttpSession(root, headers={}, settings=HttpSettings(max_attempts=1))
        try:
            with pytest.raises(ProtocolError, match="broken compression"):
                await session.request("GET", "anything")
        finally:
            await session.aclose()

"""Newsletter2Go client on its own: token lifetime, refresh fallbacks, guards, errors."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from nlconsole.providers.base import CredentialsRejected, ProtocolError
from nlconsole.providers.http import HttpSettings
from nlconsole.providers.newsletter2go import Newsletter2GoClient, filter_equals

KEY, USER, PASSWORD = SecretStr("id:se#cret"), SecretStr("api@x.test"), SecretStr("pw")
EMPTY = {"status": 200, "info": {"count": 0}, "value": []}


def token(n: int, expires_in: int = 7200) -> dict[str, Any]:
    return {
        "access_token": f"access-{n}",
        "refresh_token": f"refresh-{n}",
        "expires_in": expires_in,
        "account_id": "acc12345",
        "token_type": "bearer",
    }


class Server:
    def __init__(self, *answers: tuple[int, Any]) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        status, document = self.answers.pop(0)
        if isinstance(document, str):
            return httpx.Response(
                status, content=document.encode(), headers={"Content-Type": "text/html"}
            )
        return httpx.Response(status, json=document)

    def grants(self) -> list[str]:
        return [
            json.loads(r.content).get("grant_type", "")
            for r in self.requests
            if r.url.path == "/oauth/v2/token"
        ]


def client(server: Server, clock: list[float] | None = None) -> Newsletter2GoClient:
    now = clock if clock is not None else [0.0]
    return Newsletter2GoClient(
        "https://n2g.test",
        KEY,
        USER,
        PASSWORD,
        transport=httpx.MockTransport(server.handler),
        settings=HttpSettings(max_attempts=1),
        clock=lambda: now[0],
    )


async def test_token_is_refreshed_ahead_of_expiry() -> None:
    server = Server((200, token(1)), (200, EMPTY), (200, token(2)), (200, EMPTY))
    now = [0.0]
    async with client(server, now) as c:
        await c.lists()
        now[0] = 7200 - 30  # within the 60 s margin
        await c.lists()
    assert server.grants() == ["https://nl2go.com/jwt", "https://nl2go.com/jwt_refresh"]
    assert server.requests[-1].headers["Authorization"] == "Bearer access-2"


async def test_refresh_falls_back_to_jwt_grant_then_password() -> None:
    bad = {"error": "invalid_grant", "error_description": "Invalid refresh token"}
    server = Server(
        (200, token(1)),
        (401, {"error": "invalid_grant"}),
        (400, bad),
        (400, bad),
        (200, token(2)),
        (200, EMPTY),
    )
    async with client(server) as c:
        await c.lists()
    assert server.grants() == [
        "https://nl2go.com/jwt",
        "https://nl2go.com/jwt_refresh",
        "https://nl2go.com/jwt",
        "https://nl2go.com/jwt",
    ]
    assert json.loads(server.requests[3].content)["refresh_token"] == "refresh-1"
    assert "username" in json.loads(server.requests[4].content)


async def test_persistent_401_ends_in_a_clear_error() -> None:
    expired = {"error": "invalid_grant"}
    server = Server(
        (200, token(1)),
        (401, expired),
        (200, token(2)),
        (401, expired),
        (200, token(3)),
        (401, expired),
    )
    async with client(server) as c:
        with pytest.raises(CredentialsRejected, match="keeps rejecting"):
            await c.companies()


@pytest.mark.parametrize(
    ("error", "fragment"),
    [
        ("invalid_client", "auth key"),
        ("invalid_grant", "username or password"),
        ("unsupported_grant_type", "refused the login"),
    ],
)
async def test_token_errors_name_the_culprit(error: str, fragment: str) -> None:
    server = Server((400, {"error": error, "error_description": "x"}))
    async with client(server) as c:
        with pytest.raises(CredentialsRejected, match=fragment):
            await c.login()


async def test_html_instead_of_json_is_a_protocol_error() -> None:
    server = Server((200, token(1)), (200, "<html><body>Proxy login</body></html>"))
    async with client(server) as c:
        with pytest.raises(ProtocolError, match="not JSON"):
            await c.companies()


@pytest.mark.parametrize("fiql", ["", "   "])
async def test_list_wide_changes_without_filter_are_refused(fiql: str) -> None:
    server = Server()
    async with client(server) as c:
        with pytest.raises(ValueError, match="without _filter"):
            await c.delete_recipients_matching("lst00001", fiql)
        with pytest.raises(ValueError, match="without _filter"):
            await c.update_recipients_matching("lst00001", fiql, is_unsubscribed=True)
    assert server.requests == []


def test_filter_values_with_quotes_are_refused() -> None:
    assert filter_equals("email", "a+b@x.de") == 'email=="a+b@x.de"'
    with pytest.raises(ValueError, match="quote"):
        filter_equals("email", 'a"b@x.de')


async def test_paging_reads_all_pages_concurrently() -> None:
    def page(offset: int, total: int) -> dict[str, Any]:
        count = min(50, total - offset)
        return {
            "status": 200,
            "info": {"count": total},
            "value": [{"id": f"l{offset + i:07d}", "name": f"L{offset + i}"} for i in range(count)],
        }

    server = Server(
        (200, token(1)), (200, page(0, 120)), (200, page(50, 120)), (200, page(100, 120))
    )
    async with client(server) as c:
        books = await c.lists()
    assert len(books) == 120
    offsets = sorted(dict(r.url.params)["_offset"] for r in server.requests[1:])
    assert offsets == ["0", "100", "50"]

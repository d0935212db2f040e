"""Newsletter2Go client requests compared with the official PHP SDK's captured requests."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl

import httpx
from pydantic import SecretStr

from nlconsole.providers.http import HttpSettings
from nlconsole.providers.newsletter2go import Newsletter2GoClient
from tests.support.traces import exchange, exchanges, header

BASE = "http://127.0.0.1:18481"
AUTH_KEY = SecretStr("abc_def:gh#i")
USER = SecretStr("admin@example.com")
PASSWORD = SecretStr("Pässwörd 123!")
TOKEN = exchange("n2g", "auth_password_grant")["response"]["body_text"]


class Replay:
    """Answers the token request, then the recorded answer of one operation."""

    def __init__(self, op: str) -> None:
        self.recorded = exchanges("n2g", op)
        self.requests: list[httpx.Request] = []

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        records_token = self.recorded[0]["path_raw"] == "/oauth/v2/token"
        if request.url.path == "/oauth/v2/token" and not records_token:
            return httpx.Response(200, json=json.loads(TOKEN))
        answered = [r for r in self.requests if records_token or r.url.path != "/oauth/v2/token"]
        response = self.recorded[len(answered) - 1]["response"]
        return httpx.Response(
            response["status"], headers=response["headers"], content=response["body_text"].encode()
        )

    async def run(self, call: Callable[[Newsletter2GoClient], Awaitable[Any]]) -> Any:
        client = Newsletter2GoClient(
            BASE,
            AUTH_KEY,
            USER,
            PASSWORD,
            transport=httpx.MockTransport(self.handler),
            settings=HttpSettings(max_attempts=1),
        )
        async with client:
            return await call(client)

    def api_request(self) -> httpx.Request:
        [request] = [r for r in self.requests if r.url.path != "/oauth/v2/token"]
        return request


def body(request: httpx.Request) -> Any:
    return json.loads(request.content)


def recorded_body(recorded: dict[str, Any]) -> Any:
    return json.loads(recorded["body_text"])


async def test_password_grant() -> None:
    replay = Replay("auth_password_grant")
    await replay.run(lambda c: c.login())
    [request] = replay.requests
    [recorded] = replay.recorded
    assert request.method == "POST"
    assert request.url.path == recorded["path_raw"]
    assert request.headers["Authorization"] == header(recorded, "Authorization")
    assert request.headers["Content-Type"] == "application/json"
    assert body(request) == recorded_body(recorded)


async def test_get_lists_uses_bearer_and_expand() -> None:
    replay = Replay("get_lists")
    books = await replay.run(lambda c: c.lists())
    request = replay.api_request()
    assert request.url.path == replay.recorded[0]["path_raw"]
    assert request.headers["Authorization"] == "Bearer fake-access-token-1"
    assert ("_expand", "true") in parse_qsl(request.url.query.decode())
    assert [(b.id, b.name) for b in books] == [("lst00001", "Portal-Newsletter")]


async def test_create_list_sends_the_sdk_fields() -> None:
    replay = Replay("create_list")
    new_id = await replay.run(
        lambda c: c.create_list(
            "Portal-Newsletter Ärzte", sender_email="news@example.com", sender_name="Example Verlag"
        )
    )
    request = replay.api_request()
    sdk = recorded_body(replay.recorded[0])
    assert request.method == "POST"
    assert request.url.path == "/lists"
    assert body(request) == {k: sdk[k] for k in ("name", "header_from_email", "header_from_name")}
    assert new_id == "lst00002"


async def test_create_recipient_in_list() -> None:
    replay = Replay("create_recipient_in_list")
    sdk = recorded_body(replay.recorded[0])
    fields = {k: v for k, v in sdk.items() if k not in ("list_id", "email")}
    recipient_id = await replay.run(
        lambda c: c.upsert_recipient("lst00001", "test+nl@example.com", **fields)
    )
    assert body(replay.api_request()) == sdk
    assert recipient_id == "rcpt0001"


async def test_find_recipient_filter_is_encoded_like_the_sdk() -> None:
    replay = Replay("get_recipients_filtered_by_email")
    found = await replay.run(lambda c: c.find_recipient("lst00001", "test+nl@example.com"))
    request = replay.api_request()
    recorded = replay.recorded[0]
    assert request.url.path == recorded["path_raw"]
    ours = dict(pair.split("=", 1) for pair in request.url.query.decode().split("&"))
    theirs = dict(recorded["query_pairs_raw"])
    assert ours["_filter"] == theirs["_filter"] == "email%3D%3D%22test%2Bnl%40example.com%22"
    assert found is not None
    assert found.id == "rcpt0001"
    assert found.fields["first_name"] == "Jürgen"


async def test_form_submit_needs_no_token() -> None:
    replay = Replay("add_recipient_via_form")
    recipient = recorded_body(replay.recorded[0])["recipient"]
    result = await replay.run(lambda c: c.submit_form("frm4code", recipient))
    [request] = replay.requests
    assert request.url.path == "/forms/submit/frm4code"
    assert "Authorization" not in request.headers
    assert body(request) == {"recipient": recipient}
    assert result.status == 200


async def test_unsubscribe_uses_the_documented_patch() -> None:
    replay = Replay("raw_patch_generic")
    await replay.run(lambda c: c.unsubscribe("lst00001", "rcpt0001"))
    request = replay.api_request()
    recorded = replay.recorded[0]
    assert request.method == recorded["method"] == "PATCH"
    assert request.url.path == recorded["path_raw"]
    assert body(request) == recorded_body(recorded)


async def test_delete_one_recipient() -> None:
    replay = Replay("delete_recipient_from_list")
    await replay.run(lambda c: c.delete_recipient("lst00001", "rcpt0001"))
    request = replay.api_request()
    assert request.method == "DELETE"
    assert request.url.path == replay.recorded[0]["path_decoded"].rstrip("?")
    assert request.content == b""


async def test_expired_token_is_refreshed_and_the_call_retried() -> None:
    """The SDK logs in again on invalid_grant; we refresh first (jwt_refresh), as planned."""
    recorded = exchanges("n2g", "token_expired_retry")
    seen: list[httpx.Request] = []
    answers = [
        json.loads(TOKEN),
        ("401", recorded[0]["response"]["body_text"]),
        json.loads(recorded[1]["response"]["body_text"]),
        ("200", recorded[2]["response"]["body_text"]),
    ]

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        answer = answers[len(seen) - 1]
        if isinstance(answer, tuple):
            return httpx.Response(
                int(answer[0]),
                content=answer[1].encode(),
                headers={"Content-Type": "application/json"},
            )
        return httpx.Response(200, json=answer)

    async with Newsletter2GoClient(
        BASE, AUTH_KEY, USER, PASSWORD, transport=httpx.MockTransport(handler)
    ) as client:
        [company] = await client.companies()
    assert company.id == "cmp00001"
    assert [r.url.path for r in seen] == [
        "/oauth/v2/token",
        "/companies",
        "/oauth/v2/token",
        "/companies",
    ]
    refresh = body(seen[2])
    assert refresh == {
        "refresh_token": "fake-refresh-token-1",
        "grant_type": "https://nl2go.com/jwt_refresh",
    }
    assert seen[3].headers["Authorization"] == "Bearer fake-access-token-2"
    assert client.refreshes == 1

"""The Newsletter2Go token request under pressure: a 429 is a rate limit (its Retry-After
honoured once), never "wrong credentials"; a refresh that meets a 5xx or a page that is not
JSON falls back to a password login instead of failing the call."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from nlconsole.providers.base import CredentialsRejected, RateLimited
from nlconsole.providers.http import HttpSettings
from nlconsole.providers.newsletter2go import Newsletter2GoClient

PASSWORD_GRANT = "https://nl2go.com/jwt"
REFRESH_GRANT = "https://nl2go.com/jwt_refresh"
EMPTY = {"status": 200, "info": {"count": 0}, "value": []}


def token(n: int) -> dict[str, Any]:
    return {"access_token": f"a{n}", "refresh_token": f"r{n}", "expires_in": 7200}


class Server:
    """Answers in order; each answer is (status, JSON or text, headers)."""

    def __init__(self, *answers: tuple[int, Any, dict[str, str]]) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        status, document, headers = self.answers.pop(0)
        if isinstance(document, str):
            return httpx.Response(status, text=document, headers=headers)
        return httpx.Response(status, json=document, headers=headers)

    def grants(self) -> list[str]:
        return [
            json.loads(r.content)["grant_type"]
            for r in self.requests
            if r.url.path == "/oauth/v2/token"
        ]


def connect(server: Server, now: list[float], slept: list[float]) -> Newsletter2GoClient:
    client = Newsletter2GoClient(
        "https://n2g.test",
        SecretStr("id:secret"),
        SecretStr("user@example.com"),
        SecretStr("password"),
        transport=httpx.MockTransport(server.handler),
        settings=HttpSettings(max_attempts=1, max_retry_wait=30),
        clock=lambda: now[0],
    )

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    client.auth._sleep = sleep  # no real waiting in a unit test
    return client


async def test_a_429_on_the_login_is_retried_once_after_retry_after() -> None:
    server = Server((429, {"error": "too_many"}, {"Retry-After": "3"}), (200, token(1), {}))
    slept: list[float] = []
    async with connect(server, [0.0], slept) as client:
        await client.login()
    assert slept == [3.0]
    assert server.grants() == [PASSWORD_GRANT, PASSWORD_GRANT]


async def test_a_429_that_persists_is_a_rate_limit_not_wrong_credentials() -> None:
    limited = (429, {"error": "invalid_grant"}, {"Retry-After": "2"})
    server = Server(limited, limited)
    slept: list[float] = []
    async with connect(server, [0.0], slept) as client:
        with pytest.raises(RateLimited) as caught:
            await client.login()
    assert not isinstance(caught.value, CredentialsRejected)
    assert "asks to slow down (429) on the login" in str(caught.value.message)
    assert "wait a few minutes" in str(caught.value.remediation)
    assert slept == [2.0], "Retry-After is honoured once, not in a loop"
    assert len(server.requests) == 2


async def test_a_429_asking_for_too_long_a_wait_is_reported_at_once() -> None:
    server = Server((429, "", {"Retry-After": "3600"}))
    slept: list[float] = []
    async with connect(server, [0.0], slept) as client:
        with pytest.raises(RateLimited):
            await client.login()
    assert slept == []
    assert len(server.requests) == 1


@pytest.mark.parametrize(
    "broken",
    [
        (500, {"error": "internal"}, {}),
        (503, "<html>Service Unavailable</html>", {}),
        (200, "<html>captive portal</html>", {}),
        (502, "", {}),
    ],
    ids=["500", "503-html", "200-html", "502-empty"],
)
async def test_a_refresh_that_meets_an_outage_falls_back_to_a_password_login(
    broken: tuple[int, Any, dict[str, str]],
) -> None:
    server = Server(
        (200, token(1), {}),
        (200, EMPTY, {}),
        broken,  # jwt_refresh
        broken,  # jwt with the refresh token
        (200, token(2), {}),  # password login
        (200, EMPTY, {}),
    )
    now = [0.0]
    async with connect(server, now, []) as client:
        await client.lists()
        now[0] = 7200 - 10  # inside the refresh margin
        await client.lists()
    assert server.grants() == [PASSWORD_GRANT, REFRESH_GRANT, PASSWORD_GRANT, PASSWORD_GRANT]
    last_login = json.loads(server.requests[4].content)
    assert last_login["username"] == "user@example.com"
    assert server.requests[-1].headers["Authorization"] == "Bearer a2"

"""Maileon client behaviour on its own: error mapping, retries, validation, secret hygiene."""

from __future__ import annotations

import logging

import httpx
import pytest
from pydantic import SecretStr

from nlconsole.providers.base import (
    BadRequest,
    CredentialsRejected,
    NetworkError,
    PermissionDenied,
    ProtocolError,
    RateLimited,
    ServerError,
)
from nlconsole.providers.endpoints import InsecureBaseURL
from nlconsole.providers.http import HttpSettings, parse_retry_after
from nlconsole.providers.maileon import MaileonClient, validate_custom_field

KEY = SecretStr("a1b2c3d4-e5f6-4789-abcd-ef0123456789")
BASE = "https://api.maileon.test/1.0"
XML = {"Content-Type": "application/vnd.maileon.api+xml"}


class Script:
    """Answers requests from a list of responses and records what was sent."""

    def __init__(self, *responses: httpx.Response) -> None:
        self.responses = list(responses)
        self.requests: list[httpx.Request] = []
        self.sleeps: list[float] = []

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.responses.pop(0)

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    def client(self) -> MaileonClient:
        from nlconsole.providers.http import HttpSession

        session = HttpSession(
            BASE,
            headers={"Authorization": "Basic x"},
            settings=HttpSettings(),
            transport=httpx.MockTransport(self.handler),
            sleep=self.sleep,
            service="Maileon",
        )
        return MaileonClient(BASE, KEY, session=session)


async def test_401_says_check_validity() -> None:
    script = Script(httpx.Response(401, headers=XML))
    async with script.client() as client:
        with pytest.raises(CredentialsRejected) as info:
            await client.ping("GET")
    assert "Gültigkeit" in str(info.value.remediation)


async def test_403_on_post_names_the_create_right() -> None:
    script = Script(httpx.Response(403, headers=XML))
    async with script.client() as client:
        with pytest.raises(PermissionDenied) as info:
            await client.ping("POST")
    assert "the key lacks the create right (Erstellungsrecht)" in str(info.value.message)


async def test_429_is_retried_after_the_advised_wait() -> None:
    script = Script(
        httpx.Response(429, headers={"Retry-After": "2"}), httpx.Response(200, headers=XML)
    )
    async with script.client() as client:
        await client.ping("GET")
    assert len(script.requests) == 2
    assert script.sleeps == [2.0]


async def test_429_that_persists_becomes_rate_limited() -> None:
    script = Script(*(httpx.Response(429, headers={"Retry-After": "1"}) for _ in range(3)))
    async with script.client() as client:
        with pytest.raises(RateLimited) as info:
            await client.list_custom_fields()
    assert info.value.retry_after == 1.0
    assert len(script.requests) == 3


async def test_a_doi_signup_is_never_retried() -> None:
    script = Script(httpx.Response(503), httpx.Response(201))
    async with script.client() as client:
        with pytest.raises(ServerError):
            await client.create_contact("a@example.com", doi=True)
    assert len(script.requests) == 1


def failing_first(
    calls: list[httpx.Request], error: type[httpx.TransportError], message: str
) -> Script:
    """A script whose first request fails with `error`; the next ones get an empty field list."""

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        if len(calls) == 1:
            raise error(message, request=request)
        return httpx.Response(200, headers=XML, content=b"<custom_fields/>")

    script = Script()
    script.handler = handler  # type: ignore[method-assign]
    return script


async def test_connect_errors_are_retried_for_idempotent_calls() -> None:
    calls: list[httpx.Request] = []
    script = failing_first(calls, httpx.ConnectError, "connection refused")
    async with script.client() as client:
        assert await client.list_custom_fields() == {}
    assert len(calls) == 2


async def test_a_reset_connection_is_retried_for_idempotent_calls_only() -> None:
    """A kept connection the server closed meanwhile resets: the GET is asked again, the DOI
    sign-up is not (it may have been received)."""
    calls: list[httpx.Request] = []
    script = failing_first(calls, httpx.ReadError, "connection reset by peer")
    async with script.client() as client:
        assert await client.list_custom_fields() == {}
        assert len(calls) == 2
        calls.clear()
        with pytest.raises(NetworkError):
            await client.create_contact("a@example.com", doi=True)
    assert len(calls) == 1


async def test_non_xml_answer_is_a_protocol_error() -> None:
    script = Script(
        httpx.Response(200, headers={"Content-Type": "text/html"}, content=b"<html><p>Login")
    )
    async with script.client() as client:
        with pytest.raises(ProtocolError, match="not XML"):
            await client.list_custom_fields()


async def test_400_carries_the_maileon_message() -> None:
    body = b"<?xml version='1.0'?><error><message>invalid type none</message></error>"
    script = Script(httpx.Response(400, headers=XML, content=body))
    async with script.client() as client:
        with pytest.raises(BadRequest, match="invalid type none"):
            await client.create_custom_field("valid_name", "string")


def test_plain_http_is_refused_except_on_loopback() -> None:
    with pytest.raises(InsecureBaseURL):
        MaileonClient("http://api.maileon.com/1.0", KEY)
    MaileonClient("http://127.0.0.1:9/maileon/1.0", KEY)


@pytest.mark.parametrize(
    ("name", "kind", "fragment"),
    [
        ("ab", "string", "3 to 64"),
        ("x" * 65, "string", "3 to 64"),
        ("FIRSTNAME", "string", "reserved"),
        ("permission_status", "string", "reserved"),
        ("nl_source", "none", "not one of"),
    ],
)
def test_custom_field_rules(name: str, kind: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        validate_custom_field(name, kind)


def test_retry_after_forms() -> None:
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0


async def test_logs_never_contain_the_key_or_header(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    script = Script(httpx.Response(200, headers=XML))
    client = MaileonClient(BASE, KEY, transport=httpx.MockTransport(script.handler))
    async with client:
        await client.ping("GET")
    sent = script.requests[0].headers["Authorization"]
    assert sent == "Basic YTFiMmMzZDQtZTVmNi00Nzg5LWFiY2QtZWYwMTIzNDU2Nzg5"
    text = caplog.text
    assert "GET ping -> 200" in text
    assert KEY.get_secret_value() not in text
    assert sent.split()[1] not in text

"""No client method can reach a list-wide or account-wide destructive endpoint by accident.

Every public method of both clients is called with hostile values (empty, `.`, `..`, a slash,
white space, control characters) in each of its string parameters; every request that would
change or delete something must still name one contact or recipient, or carry an explicit
filter. Values that go into a path are refused before anything is sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

import httpx
import pytest
from pydantic import SecretStr

from nlconsole.providers.http import HttpSettings
from nlconsole.providers.maileon import MaileonClient
from nlconsole.providers.newsletter2go import Newsletter2GoClient
from nlconsole.providers.segments import InvalidValue

BAD_IDS = ["", ".", "..", "a/b", "a\\b", " L1", "L1\n", "L1\r\nX-Evil: 1", "\x00", "/"]
BAD_EMAILS = [
    *BAD_IDS,
    "@",
    "a@",
    "@example.com",
    "a@b@example.com",
    "a b@example.com",
    "a@example.com\r\nX-Evil: 1",
    "a@example.com\x7f",
]
GOOD: dict[str, Any] = {
    "email": "a@example.com",
    "list_id": "L1",
    "recipient_id": "R1",
    "code": "abc123",
    "name": "Name",
    "fiql": 'email=="a@example.com"',
    "method": "DELETE",
    "mailing_id": 7,
    "list_ids": ["L1"],
    "recipient": {"email": "a@example.com"},
}
PATH_PARAMETERS = {
    MaileonClient: {"email", "name"},
    Newsletter2GoClient: {"list_id", "recipient_id", "code"},
}
"""Parameters that become path segments (Newsletter2Go takes e-mails in bodies and filters)."""
SEGMENT = r"[^/]+"
MAILEON_WRITES = [
    rf"DELETE /1\.0/contacts/email/(?P<email>{SEGMENT})(/unsubscribe)?",
    rf"POST /1\.0/contacts/fields/custom/{SEGMENT}\?type=\w+",
    rf"POST /1\.0/contacts/email/(?P<email>{SEGMENT})\?.*",
    r"(POST|PUT|DELETE) /1\.0/ping",
]
N2G_WRITES = [
    rf"(PATCH|DELETE) /lists/(?P<list>{SEGMENT})/recipients/(?P<recipient>{SEGMENT})",
    rf"(PATCH|DELETE) /lists/(?P<list>{SEGMENT})/recipients\?_filter=.+",
    r"POST /(oauth/v2/token|lists|recipients|attributes)",
    rf"POST /forms/submit/{SEGMENT}",
]


def allowed(request: httpx.Request, patterns: list[str]) -> bool:
    """A GET, or a write that names exactly one thing (or carries an explicit filter)."""
    if request.method == "GET":
        return True
    query = f"?{request.url.query.decode()}" if request.url.query else ""
    line = f"{request.method} {request.url.raw_path.decode().split('?')[0]}{query}"
    for pattern in patterns:
        match = re.fullmatch(pattern, line)
        if match is None:
            continue
        values = {k: unquote(v) for k, v in match.groupdict().items() if v is not None}
        if any(v in ("", ".", "..") for v in values.values()):
            return False
        return "email" not in values or values["email"].count("@") == 1
    return False


def answer(request: httpx.Request) -> httpx.Response:
    if request.url.path == "/oauth/v2/token":
        return httpx.Response(200, json={"access_token": "t", "expires_in": 7200})
    if request.url.host == "n2g.test":
        return httpx.Response(200, json={"info": {"count": 1}, "value": [{"id": "x"}]})
    return httpx.Response(200, content=b"")


def maileon(transport: httpx.MockTransport) -> MaileonClient:
    return MaileonClient(
        "https://api.maileon.test/1.0",
        SecretStr("a1b2c3d4-e5f6-4789-abcd-ef0123456789"),
        transport=transport,
        settings=HttpSettings(max_attempts=1),
    )


def n2g(transport: httpx.MockTransport) -> Newsletter2GoClient:
    return Newsletter2GoClient(
        "https://n2g.test",
        SecretStr("id:secret"),
        SecretStr("user@example.com"),
        SecretStr("password"),
        transport=transport,
        settings=HttpSettings(max_attempts=1),
    )


Factory = Callable[[httpx.MockTransport], MaileonClient | Newsletter2GoClient]


def calls(factory: Factory, cls: type) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(method, hostile parameter, hostile value, arguments) for every public method."""
    cases = []
    for name, function in inspect.getmembers(cls, inspect.iscoroutinefunction):
        if name.startswith("_") or name == "aclose":
            continue
        parameters = [
            p
            for p in inspect.signature(function).parameters.values()
            if p.name != "self" and p.kind is not p.VAR_KEYWORD and p.default is p.empty
        ]
        good = {p.name: GOOD[p.name] for p in parameters}
        for parameter in parameters:
            if parameter.annotation != "str" or parameter.name == "method":
                continue
            bad_values = BAD_EMAILS if parameter.name == "email" else BAD_IDS
            for bad in bad_values:
                cases.append((name, parameter.name, bad, {**good, parameter.name: bad}))
    return cases


CASES = [(maileon, MAILEON_WRITES, *case) for case in calls(maileon, MaileonClient)] + [
    (n2g, N2G_WRITES, *case) for case in calls(n2g, Newsletter2GoClient)
]


def is_path_parameter(client: Any, method: str, parameter: str) -> bool:
    return parameter in PATH_PARAMETERS[MaileonClient if client is maileon else Newsletter2GoClient]


@pytest.mark.parametrize(
    ("client", "patterns", "method", "parameter", "value", "arguments"),
    CASES,
    ids=[f"{c[2]}-{c[3]}-{c[4]!r}" for c in CASES],
)
def test_hostile_values_never_reach_a_wide_destructive_endpoint(
    client: Factory,
    patterns: list[str],
    method: str,
    parameter: str,
    value: str,
    arguments: dict[str, Any],
) -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return answer(request)

    async def run() -> BaseException | None:
        async with client(httpx.MockTransport(handler)) as connection:
            try:
                await getattr(connection, method)(**arguments)
            except Exception as exc:  # any refusal is fine; the requests count
                return exc
        return None

    outcome = asyncio.run(run())
    api_calls = [r for r in sent if r.url.path != "/oauth/v2/token"]
    for request in api_calls:
        assert allowed(request, patterns), f"{method}({parameter}={value!r}) sent {request}"
    if is_path_parameter(client, method, parameter):
        assert outcome is not None, f"{method} accepted {value!r}"
        assert api_calls == [], f"{method}({parameter}={value!r}) sent {api_calls}"


@pytest.mark.parametrize("recipient", ["", ".", ".."])
def test_delete_recipient_with_a_dot_id_never_deletes_the_address_book(recipient: str) -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return answer(request)

    async def run() -> None:
        async with n2g(httpx.MockTransport(handler)) as connection:
            with pytest.raises(InvalidValue, match="refusing to send an invalid recipient id"):
                await connection.delete_recipient("L1", recipient)

    asyncio.run(run())
    assert [r for r in sent if r.method != "POST"] == []


def test_every_write_pattern_is_exercised() -> None:
    """The allow-lists are not wider than the clients need (each one matches some call)."""
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.method != "GET":
            query = f"?{request.url.query.decode()}" if request.url.query else ""
            seen.append(f"{request.method} {request.url.raw_path.decode().split('?')[0]}{query}")
        return answer(request)

    async def run() -> None:
        async with maileon(httpx.MockTransport(handler)) as m:
            for call in (
                m.delete_contact("a@example.com"),
                m.unsubscribe("a@example.com"),
                m.create_custom_field("Feld"),
                m.create_contact("a@example.com"),
                m.ping("DELETE"),
            ):
                with contextlib.suppress(Exception):  # only the requests matter here
                    await call
        async with n2g(httpx.MockTransport(handler)) as c:
            for n2g_call in (
                c.update_recipient("L1", "R1", first_name="X"),
                c.update_recipients_matching("L1", 'email=="a@example.com"', first_name="X"),
                c.upsert_recipient("L1", "a@example.com"),
                c.create_attribute(["L1"], "feld"),
                c.delete_recipient("L1", "R1"),
                c.delete_recipients_matching("L1", 'email=="a@example.com"'),
                c.create_list("Liste"),
                c.submit_form("abc", {"email": "a@example.com"}),
            ):
                with contextlib.suppress(Exception):  # only the requests matter here
                    await n2g_call

    asyncio.run(run())
    for pattern in MAILEON_WRITES + N2G_WRITES:
        assert any(re.fullmatch(pattern, line) for line in seen), (pattern, seen)

"""Maileon client requests compared with the official PHP client's captured requests.

Each test runs one client operation against a transport that answers with the recorded
response, then compares method, path, raw query, the Maileon headers and the body with the
trace, and what the client made of the recorded answer with what the PHP client made of it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest
from pydantic import SecretStr

from nlconsole.providers.http import HttpSettings
from nlconsole.providers.maileon import MaileonClient, SyncMode
from nlconsole.providers.maileon.xml import Permission
from tests.support.traces import exchange, header

BASE = "http://127.0.0.1:18480/1.0"
TRACE_KEY = SecretStr("a1b2c3d4-e5f6-4789-abcd-ef0123456789")
CONTACT_FIELDS: dict[str, Any] = {
    "standard_fields": {
        "SALUTATION": "Herr",
        "TITLE": "Dr.",
        "FIRSTNAME": "Jürgen",
        "LASTNAME": "Müller-Lüdenscheidt",
    },
    "custom_fields": {"nl_source": "Anmeldung über Portal & Co <Test>", "nl_score": 42},
}


async def replay(
    op: str, call: Callable[[MaileonClient], Awaitable[Any]]
) -> tuple[httpx.Request, Any, dict[str, Any]]:
    recorded = exchange("maileon", op)
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        response = recorded["response"]
        return httpx.Response(
            response["status"],
            headers=response["headers"],
            content=response["body_text"].encode("utf-8"),
        )

    client = MaileonClient(
        BASE,
        TRACE_KEY,
        transport=httpx.MockTransport(answer),
        settings=HttpSettings(max_attempts=1),
    )
    async with client:
        result = await call(client)
    [request] = seen
    return request, result, recorded


def assert_same_request(request: httpx.Request, recorded: dict[str, Any]) -> None:
    assert request.method == recorded["method"]
    assert request.url.raw_path.decode().partition("?")[0] == recorded["path_raw"]
    raw_query = request.url.query.decode()
    assert raw_query == recorded["query_raw"]
    for name in ("Content-Type", "Accept", "Authorization"):
        assert request.headers.get(name) == header(recorded, name), name
    assert request.content.decode("utf-8") == recorded["body_text"]


@pytest.mark.parametrize(
    ("op", "method"),
    [("ping_get", "GET"), ("ping_post", "POST"), ("ping_put", "PUT"), ("ping_delete", "DELETE")],
)
async def test_ping(op: str, method: str) -> None:
    request, result, recorded = await replay(op, lambda c: c.ping(method))
    assert_same_request(request, recorded)
    assert result is None
    if method in ("POST", "PUT"):
        assert request.headers["Content-Length"] == str(recorded["body_len"])


async def test_get_custom_fields() -> None:
    request, result, recorded = await replay("get_custom_fields", lambda c: c.list_custom_fields())
    assert_same_request(request, recorded)
    assert result == {"nl_source": "string", "nl_score": "integer"}


@pytest.mark.parametrize(
    ("op", "name", "kind"),
    [
        ("create_custom_field_integer", "nl_points", "integer"),
        ("create_custom_field_name_with_space", "Quelle Kampagne", "string"),
    ],
)
async def test_create_custom_field(op: str, name: str, kind: str) -> None:
    request, _, recorded = await replay(op, lambda c: c.create_custom_field(name, kind))
    assert_same_request(request, recorded)
    assert request.headers["Content-Length"] == "0"


async def test_create_contact_doi_doiplus() -> None:
    request, status, recorded = await replay(
        "create_contact_doi_doiplus",
        lambda c: c.create_contact(
            "test+nl@example.com",
            sync_mode=SyncMode.UPDATE,
            src="nlconsole cli",
            subscription_page="https://example.com/newsletter?x=1&y=ä",
            doi=True,
            doiplus=True,
            **CONTACT_FIELDS,
        ),
    )
    assert_same_request(request, recorded)
    assert status == 201


async def test_create_contact_permission_none_doimailing_ignore() -> None:
    request, status, recorded = await replay(
        "create_contact_permission_none_doimailing_ignore",
        lambda c: c.create_contact(
            "test+nl@example.com",
            sync_mode=SyncMode.IGNORE,
            src="nlconsole",
            subscription_page="signup",
            doi=True,
            doiplus=False,
            doimailing="3f9a0c1d7e",
            permission=1,
            **CONTACT_FIELDS,
        ),
    )
    assert_same_request(request, recorded)
    assert status == 200


async def test_create_contact_large_body() -> None:
    recorded = exchange("maileon", "create_contact_large_body")
    body = recorded["body_text"]
    long_text = body.split("<![CDATA[")[2].split("]]>")[0]
    request, _, recorded = await replay(
        "create_contact_large_body",
        lambda c: c.create_contact(
            "big+body@example.com",
            standard_fields={"FIRSTNAME": "Ägidius"},
            custom_fields={"nl_source": long_text},
        ),
    )
    assert_same_request(request, recorded)


async def test_doimailing_key_with_space_is_encoded_not_refused() -> None:
    """The PHP client cannot send a DOI key with a space (libcurl refuses the URL); we encode it."""
    recorded = exchange("maileon", "create_contact_large_body")  # any 201 answer will do
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            recorded["response"]["status"], headers=recorded["response"]["headers"]
        )

    async with MaileonClient(BASE, TRACE_KEY, transport=httpx.MockTransport(answer)) as client:
        await client.create_contact("a@example.com", doi=True, doimailing="doi key")
    assert ("doimailing", "doi key") in parse_qsl(seen[0].url.query.decode())
    assert b"doimailing=doi+key" in seen[0].url.query


async def test_get_contact_by_email() -> None:
    request, contact, recorded = await replay(
        "get_contact_by_email",
        lambda c: c.get_contact(
            "test+nl@example.com",
            ["SALUTATION", "TITLE", "FIRSTNAME", "LASTNAME"],
            ["nl_source", "nl_score", "Quelle Kampagne"],
        ),
    )
    assert_same_request(request, recorded)
    assert contact.id == 4711
    assert contact.email == "test+nl@example.com"
    assert contact.permission is Permission.NONE
    assert contact.external_id is None
    assert contact.standard_fields == CONTACT_FIELDS["standard_fields"]
    assert contact.custom_fields == {
        "nl_source": "Anmeldung über Portal & Co <Test>",
        "nl_score": "42",
    }


async def test_get_contact_with_charset_content_type_still_parses() -> None:
    """The PHP client gives up on `; charset=utf-8`; ours parses the XML either way."""
    _, contact, _ = await replay(
        "get_contact_by_email__ctype_with_charset",
        lambda c: c.get_contact(
            "test+nl@example.com",
            ["SALUTATION", "TITLE", "FIRSTNAME", "LASTNAME"],
            ["nl_source", "nl_score", "Quelle Kampagne"],
        ),
    )
    assert contact.standard_fields["FIRSTNAME"] == "Jürgen"


async def test_get_contact_after_delete_is_none() -> None:
    request, contact, recorded = await replay(
        "get_contact_by_email_after_delete",
        lambda c: c.get_contact("test+nl@example.com", ["FIRSTNAME"]),
    )
    assert_same_request(request, recorded)
    assert contact is None


async def test_unsubscribe() -> None:
    request, _, recorded = await replay(
        "unsubscribe_contact_by_email", lambda c: c.unsubscribe("test+nl@example.com")
    )
    assert_same_request(request, recorded)


async def test_unsubscribe_with_reasons_and_accounts() -> None:
    """Same encoding as the trace (repeated names, `|` as %7C, space as +); the trace's reason
    type is not one Maileon documents, so ours uses 'other', which the client insists on."""
    recorded = exchange("maileon", "unsubscribe_contact_by_email_with_reasons_and_accounts")
    assert recorded["query_raw"] == "reason=reason+one%7CGrund+zwei&nlaccountid=111&nlaccountid=222"
    request, _, _ = await replay(
        "unsubscribe_contact_by_email_with_reasons_and_accounts",
        lambda c: c.unsubscribe("test+nl@example.com", ["other|Grund zwei"], [111, 222]),
    )
    assert request.url.raw_path.decode().partition("?")[0] == recorded["path_raw"]
    assert request.url.query == b"reason=other%7CGrund+zwei&nlaccountid=111&nlaccountid=222"
    with pytest.raises(ValueError, match="reason type"):
        async with MaileonClient(BASE, TRACE_KEY) as client:
            await client.unsubscribe("test+nl@example.com", ["reason one|Grund zwei"])


async def test_delete_contact() -> None:
    request, deleted, recorded = await replay(
        "delete_contact_by_email", lambda c: c.delete_contact("test+nl@example.com")
    )
    assert_same_request(request, recorded)
    assert deleted is True

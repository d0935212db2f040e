"""Property tests: whatever a server sends, the parsers end in a value or in the error taxonomy.

A KeyError, TypeError or AttributeError here would be a traceback in `nlconsole check` and a
check that records nothing; every shape must end in a ProviderError (a protocol finding).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import SecretStr

from nlconsole.providers.base import ProviderError
from nlconsole.providers.http import HttpSettings
from nlconsole.providers.maileon import MaileonClient
from nlconsole.providers.maileon.xml import (
    error_message,
    parse_contact,
    parse_custom_fields,
    parse_mailings,
)
from nlconsole.providers.newsletter2go import Newsletter2GoClient
from nlconsole.providers.newsletter2go.models import (
    AddressBook,
    Attribute,
    Company,
    Recipient,
    User,
)
from nlconsole.providers.newsletter2go.wire import count_of, envelope

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False)
    | st.text(max_size=12)
)
ANY_JSON = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
KEYS = st.sampled_from(
    [
        "id",
        "name",
        "email",
        "info",
        "value",
        "count",
        "status",
        "items",
        "values",
        "type",
        "is_required",
        "url",
        "result",
        "error",
        "recipients",
        "duplicate",
        "invalid",
        "access_token",
        "refresh_token",
        "expires_in",
        "account_id",
        "error_description",
        "is_developer_mode",
        "is_active",
        "current_plan_name",
        "default_list_id",
        "code",
    ]
)
SHAPED = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=16,
)
DOCUMENTS = ANY_JSON | SHAPED
ENVELOPES = st.fixed_dictionaries(
    {},
    optional={"status": SHAPED, "info": SHAPED, "value": SHAPED | st.lists(SHAPED, max_size=3)},
)
STATUSES = st.sampled_from([200, 200, 200, 201, 400, 401, 403, 404, 409, 429, 500, 503])


def answer(status: int, document: Any) -> httpx.Response:
    return httpx.Response(
        status,
        content=json.dumps(document).encode(),
        headers={"Content-Type": "application/json"},
        request=httpx.Request("GET", "https://n2g.test/x"),
    )


def only_taxonomy(call: Callable[[], object]) -> None:
    message = "a value"
    try:
        call()
    except ProviderError as exc:
        message = str(exc.message)
    assert message, "every error says what happened"


def scrub(text: str) -> str:
    return text


@FUZZ
@given(STATUSES, ENVELOPES | DOCUMENTS)
def test_envelope_and_count_end_in_a_value_or_a_protocol_error(status: int, doc: Any) -> None:
    def parse() -> None:
        data = envelope(answer(status, doc), "a listing", scrub)
        assert isinstance(count_of(data), int)
        for item in data["value"]:
            for model in (Company, User, AddressBook, Attribute, Recipient):
                model.from_json(item)

    only_taxonomy(parse)


@FUZZ
@given(st.dictionaries(KEYS | st.text(max_size=6), DOCUMENTS, max_size=8))
def test_models_read_any_object(item: dict[str, Any]) -> None:
    for model in (Company, User, AddressBook, Attribute, Recipient):
        model.from_json(item)


def n2g_run(
    token_answer: tuple[int, Any],
    api_answer: tuple[int, Any],
    call: Callable[[Newsletter2GoClient], Awaitable[object]],
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        status, document = token_answer if request.url.path == "/oauth/v2/token" else api_answer
        return answer(status, document)

    async def run() -> None:
        client = Newsletter2GoClient(
            "https://n2g.test",
            SecretStr("id:secret"),
            SecretStr("user@example.com"),
            SecretStr("password"),
            transport=httpx.MockTransport(handler),
            settings=HttpSettings(max_attempts=1, max_retry_wait=0),
        )
        async with client:
            await call(client)

    only_taxonomy(lambda: asyncio.run(run()))


GOOD_TOKEN = (200, {"access_token": "t", "expires_in": 7200, "account_id": "acc"})
TOKEN_DOCS = st.fixed_dictionaries(
    {"access_token": SCALARS},
    optional={"expires_in": SHAPED, "refresh_token": SHAPED, "account_id": SHAPED, "error": SHAPED},
)


@FUZZ
@given(STATUSES, TOKEN_DOCS | DOCUMENTS)
def test_any_token_answer_ends_in_a_login_or_a_taxonomy_error(status: int, doc: Any) -> None:
    n2g_run((status, doc), (200, {}), lambda client: client.login())


CALLS: list[Callable[[Newsletter2GoClient], Awaitable[object]]] = [
    lambda c: c.companies(),
    lambda c: c.current_user(),
    lambda c: c.lists(),
    lambda c: c.attributes("L1"),
    lambda c: c.find_recipient("L1", "a@example.com"),
    lambda c: c.form("abc123"),
    lambda c: c.submit_form("abc123", {"email": "a@example.com"}, ["L1"]),
    lambda c: c.create_list("Name"),
    lambda c: c.upsert_recipient("L1", "a@example.com"),
]


@FUZZ
@given(st.sampled_from(range(len(CALLS))), STATUSES, ENVELOPES | DOCUMENTS)
def test_any_api_answer_ends_in_a_value_or_a_taxonomy_error(
    which: int, status: int, doc: Any
) -> None:
    n2g_run(GOOD_TOKEN, (status, doc), CALLS[which])


@FUZZ
@given(
    st.lists(
        st.fixed_dictionaries(
            {"type": st.sampled_from(["list", "attribute"]) | SCALARS},
            optional={"values": DOCUMENTS, "name": DOCUMENTS, "is_required": DOCUMENTS},
        )
        | DOCUMENTS,
        max_size=3,
    )
    | DOCUMENTS,
    DOCUMENTS,
)
def test_any_form_ends_in_form_info_or_a_taxonomy_error(items: Any, url: Any) -> None:
    doc = {"info": {"count": 1}, "value": [{"items": items, "url": url}]}
    n2g_run(GOOD_TOKEN, (200, doc), lambda client: client.form("abc123"))


# -- Maileon XML ---------------------------------------------------------------------------------

TAGS = st.sampled_from(
    [
        "contact",
        "custom_fields",
        "mailings",
        "mailing",
        "field",
        "custom_field",
        "name",
        "value",
        "type",
        "id",
        "email",
        "permission",
        "standard_fields",
        "fields",
        "state",
        "error",
        "message",
        "external_id",
    ]
)


@st.composite
def xml_trees(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(TAGS)
    attrs = ' nil="true"' if draw(st.booleans()) and depth else ""
    if depth >= 3 or draw(st.booleans()):
        text = draw(st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=8))
        inner = text.replace("&", "&amp;").replace("<", "&lt;")
    else:
        inner = "".join(draw(st.lists(xml_trees(depth + 1), max_size=3)))
    return f"<{tag}{attrs}>{inner}</{tag}>"


XML_BODIES = xml_trees().map(str.encode) | st.binary(max_size=200)
PARSERS: list[Callable[[bytes], object]] = [
    lambda body: parse_contact(body, scrub=scrub),
    lambda body: parse_custom_fields(body, scrub=scrub),
    lambda body: parse_mailings(body, scrub=scrub),
    error_message,
]


@FUZZ
@given(st.sampled_from(range(len(PARSERS))), XML_BODIES)
def test_maileon_parsers_end_in_a_value_or_a_protocol_error(which: int, body: bytes) -> None:
    only_taxonomy(lambda: PARSERS[which](body))


MAILEON_CALLS: list[Callable[[MaileonClient], Awaitable[object]]] = [
    lambda c: c.account_info(),
    lambda c: c.get_contact("a@example.com"),
    lambda c: c.list_custom_fields(),
    lambda c: c.list_doi_mailings(),
    lambda c: c.doi_key(7),
    lambda c: c.ping("GET"),
    lambda c: c.has_unsubscription_marker("a@example.com"),
    lambda c: c.create_contact("a@example.com"),
]


@FUZZ
@given(
    st.sampled_from(range(len(MAILEON_CALLS))),
    STATUSES,
    XML_BODIES | DOCUMENTS.map(lambda d: json.dumps(d).encode()),
)
def test_any_maileon_answer_ends_in_a_value_or_a_taxonomy_error(
    which: int, status: int, body: bytes
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=body)

    async def run() -> None:
        client = MaileonClient(
            "https://api.maileon.test/1.0",
            SecretStr("a1b2c3d4-e5f6-4789-abcd-ef0123456789"),
            transport=httpx.MockTransport(handler),
            settings=HttpSettings(max_attempts=1),
        )
        async with client:
            await MAILEON_CALLS[which](client)

    only_taxonomy(lambda: asyncio.run(run()))

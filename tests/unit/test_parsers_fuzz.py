"""Property tests: whatever a server sends, the parsers end in a value or in the error taxonomy.

A KeyError, TypeError or AttributeError here would be a traceback in `nlconsole check` and a
check that records nothing; every shape must end in a ProviderError (a protocol finding).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import SecretStr

from nlconsole.core.models import Profile
from nlconsole.providers.base import ProviderError
from nlconsole.providers.http import HttpOptions, HttpSettings
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
from tests.support.checks import english, run_check

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


# -- whole checks --------------------------------------------------------------------------------


def run_whole_check(profile: Profile, secrets: dict[str, str], data: st.DataObject) -> None:
    """Every API answer is drawn; the check must still end in a report with every row."""

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth/v2/token":
            return answer(*GOOD_TOKEN)
        status = data.draw(STATUSES, label=request.url.path)
        if profile.provider.value == "maileon":
            body = data.draw(XML_BODIES | st.just(b""), label="body")
            return httpx.Response(status, content=body)
        return answer(status, data.draw(ENVELOPES | DOCUMENTS, label="document"))

    options = HttpOptions(HttpSettings(max_attempts=1), httpx.MockTransport(handler))
    report = asyncio.run(run_check(profile, secrets, today=date(2026, 1, 1), http=options))
    assert report.findings
    assert all(finding.status for finding in report.findings)


@FUZZ
@given(st.data())
def test_the_n2g_check_survives_any_answers(data: st.DataObject) -> None:
    profile = Profile.model_validate(
        {
            "name": "fuzz",
            "provider": "newsletter2go",
            "base_url": "https://n2g.test",
            "newsletter2go": {"newsletters": ["Lokales"], "doi_form_code": "abc123"},
        }
    )
    secrets = {"auth_key": "id:secret", "username": "u@example.com", "password": "pw"}
    run_whole_check(profile, secrets, data)


@FUZZ
@given(st.data())
def test_the_maileon_check_survives_any_answers(data: st.DataObject) -> None:
    profile = Profile.model_validate(
        {"name": "fuzz", "provider": "maileon", "base_url": "https://api.maileon.test/1.0"}
    )
    run_whole_check(profile, {"api_key": "a1b2c3d4-e5f6-4789-abcd-ef0123456789"}, data)


NAMED_SHAPES = [
    ("users", {"info": {"count": 1}, "value": ["x"]}, "not JSON"),
    ("users", {"info": [], "value": [{"id": "u"}]}, "not JSON"),
    ("lists", {"info": {"count": "lots"}, "value": []}, "a count that is not a number"),
    ("lists", {"info": {"count": 10**7}, "value": [{"id": "l1"}]}, "reads at most 10000"),
    ("lists", {"info": {"count": 2}, "value": [1, 2]}, "not JSON"),
    ("companies", {"value": "x"}, "not JSON"),
    ("companies", ["not", "an", "envelope"], "not JSON"),
    ("oauth/v2/token", {"access_token": "t", "expires_in": "soon"}, "invalid lifetime"),
    ("oauth/v2/token", {"access_token": "t", "expires_in": True}, "invalid lifetime"),
    ("oauth/v2/token", {"access_token": "t", "expires_in": -5}, "invalid lifetime"),
    ("oauth/v2/token", {"access_token": "t", "expires_in": 10**30}, "invalid lifetime"),
]


@pytest.mark.parametrize(("endpoint", "document", "said"), NAMED_SHAPES)
def test_the_shapes_from_the_battery_end_in_findings_not_tracebacks(
    endpoint: str, document: Any, said: str
) -> None:
    """The shapes that crashed the N2G check before: each is now a finding that says what was
    wrong; where the fact is required (login, developer mode) the check cannot pass."""

    def handler(request: httpx.Request) -> httpx.Response:
        path = request.url.path.lstrip("/")
        if path == endpoint:
            return answer(200, document)
        if path == "oauth/v2/token":
            return answer(*GOOD_TOKEN)
        if path == "users":
            value = [{"id": "u", "is_developer_mode": True, "is_active": True}]
            return answer(200, {"info": {"count": 1}, "value": value})
        return answer(200, {"info": {"count": 1}, "value": [{"id": "x", "name": "Lokales"}]})

    profile = Profile.model_validate(
        {
            "name": "shapes",
            "provider": "newsletter2go",
            "base_url": "https://n2g.test",
            "newsletter2go": {"newsletters": ["Lokales"]},
        }
    )
    secrets = {"auth_key": "id:secret", "username": "u@example.com", "password": "pw"}
    options = HttpOptions(HttpSettings(max_attempts=1), httpx.MockTransport(handler))
    report = asyncio.run(run_check(profile, secrets, today=date(2026, 1, 1), http=options))
    unread = [f for f in report.findings if said in english(f.detail)]
    assert unread, [english(f.detail) for f in report.findings]
    assert all(f.status.value in ("fail", "unknown", "warn") for f in unread)
    if endpoint in ("users", "oauth/v2/token"):
        assert not report.ok

"""Property tests on whole checks: whatever every endpoint answers, the check ends in a report
with a row for everything planned; the shapes that crashed it before each end in a finding."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nlconsole.core.models import Profile
from nlconsole.providers.http import HttpOptions, HttpSettings
from tests.support.checks import english, run_check
from tests.unit.test_parsers_fuzz import (
    DOCUMENTS,
    ENVELOPES,
    FUZZ,
    GOOD_TOKEN,
    STATUSES,
    XML_BODIES,
    answer,
)

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

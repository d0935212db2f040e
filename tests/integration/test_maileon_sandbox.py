"""Maileon client and check against `nlconsole sandbox` over real sockets, per seeded scenario."""

from __future__ import annotations

import asyncio
import html
import http.client
import io
import json
import re
import sys
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from pydantic import SecretStr

from nlconsole.cli import main
from nlconsole.core.models import Profile
from nlconsole.core.report import Report as CheckReport
from nlconsole.core.report import Status as FindingStatus
from nlconsole.providers.http import HttpOptions
from nlconsole.providers.maileon import MaileonClient
from nlconsole.providers.maileon.xml import Permission
from tests.support.checks import english, fast_http, run_check
from tests.support.sandbox import SandboxProcess, sandbox_process
from tests.support.traces import exchange

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def sandbox_proc() -> Iterator[SandboxProcess]:
    with sandbox_process("--unsubscribe-delay", "0.3") as proc:
        yield proc


@pytest.fixture
def sandbox(sandbox_proc: SandboxProcess) -> Iterator[SandboxProcess]:
    yield sandbox_proc
    sandbox_proc.clear_faults()


def profile(sandbox: SandboxProcess, **maileon: Any) -> Profile:
    return Profile.model_validate(
        {
            "name": "acme",
            "provider": "maileon",
            "base_url": sandbox.maileon_url,
            "environment": "sandbox",
            "maileon": {"key_expires": TODAY + timedelta(days=200), **maileon},
        }
    )


def fast_factory(read_timeout: float = 5.0) -> HttpOptions:
    return fast_http(read_timeout)


async def run(
    sandbox: SandboxProcess,
    key: str,
    test_key: str | None = None,
    factory: HttpOptions | None = None,
    **maileon: Any,
) -> CheckReport:
    return await run_check(
        profile(sandbox, **maileon),
        {"api_key": key, "test_api_key": test_key},
        today=TODAY,
        http=factory or fast_factory(),
    )


def status(report: CheckReport, finding_id: str) -> FindingStatus:
    return next(f.status for f in report.findings if f.id == finding_id)


def detail(report: CheckReport, finding_id: str) -> str:
    return english(next(f.detail for f in report.findings if f.id == finding_id))


async def test_full_key_passes(sandbox: SandboxProcess) -> None:
    report = await run(sandbox, sandbox.maileon_key("all_rights"))
    assert report.ok
    assert report.outcome == "pass", report.summary()
    for right in ("create", "update", "read", "delete"):
        assert status(report, f"right.{right}") is FindingStatus.PASS
    assert "Sandbox Bildung gGmbH" in detail(report, "account")
    assert status(report, "doi.mailing") is FindingStatus.PASS


async def test_create_update_key_meets_the_requirement_but_reports_read_delete(
    sandbox: SandboxProcess,
) -> None:
    report = await run(sandbox, sandbox.maileon_key("create_update"))
    assert report.ok
    assert status(report, "right.create") is FindingStatus.PASS
    assert status(report, "right.update") is FindingStatus.PASS
    assert status(report, "right.read") is FindingStatus.INFO
    assert "missing" in detail(report, "right.read")
    assert "missing" in detail(report, "right.delete")
    assert status(report, "doi.mailing") is FindingStatus.UNKNOWN


async def test_create_update_key_with_a_test_key_reads_through_the_test_key(
    sandbox: SandboxProcess,
) -> None:
    report = await run(
        sandbox, sandbox.maileon_key("create_update"), sandbox.maileon_key("read_delete")
    )
    assert report.outcome == "pass", report.summary()
    assert status(report, "testkey.valid") is FindingStatus.PASS
    assert "read with the test key" in detail(report, "account")


async def test_read_delete_key_alone_fails_the_requirement(sandbox: SandboxProcess) -> None:
    report = await run(sandbox, sandbox.maileon_key("read_delete"))
    assert not report.ok
    assert status(report, "right.create") is FindingStatus.FAIL
    assert "Erstellungsrecht" in english(
        next(f.remediation for f in report.findings if f.id == "right.create")
    )


@pytest.mark.parametrize("scenario", ["expired", "inactive"])
async def test_expired_or_inactive_key_is_a_401_finding(
    sandbox: SandboxProcess, scenario: str
) -> None:
    report = await run(sandbox, sandbox.maileon_key(scenario))
    assert not report.ok
    key = next(f for f in report.findings if f.id == "key.valid")
    assert key.status is FindingStatus.FAIL
    assert "401" in english(key.detail)
    assert "Gültigkeit" in english(key.remediation)
    assert status(report, "account") is FindingStatus.UNKNOWN


async def test_account_without_doi_mailing_warns(sandbox: SandboxProcess) -> None:
    report = await run(sandbox, sandbox.maileon_key("no_doi_mailing"))
    assert report.ok
    doi = next(f for f in report.findings if f.id == "doi.mailing")
    assert doi.status is FindingStatus.WARN
    assert "never show up" in english(doi.remediation)


async def test_configured_doi_key_is_verified(sandbox: SandboxProcess) -> None:
    good = await run(
        sandbox,
        sandbox.maileon_key("all_rights"),
        doi_mailing_key=sandbox.info["maileon"]["doi_mailing_key"],
    )
    assert "DOI Kurse 2026" in detail(good, "doi.mailing")
    stale = await run(sandbox, sandbox.maileon_key("all_rights"), doi_mailing_key="old-key")
    assert status(stale, "doi.mailing") is FindingStatus.WARN


async def test_recorded_expiry_in_the_past_fails(sandbox: SandboxProcess) -> None:
    report = await run(
        sandbox, sandbox.maileon_key("all_rights"), key_expires=TODAY - timedelta(days=1)
    )
    assert not report.ok
    assert status(report, "key.expiry") is FindingStatus.FAIL


# -- faults ------------------------------------------------------------------------------------


async def test_timeout_becomes_a_network_finding(sandbox: SandboxProcess) -> None:
    sandbox.add_fault(kind="latency", latency_ms=1500, path="/maileon/1.0/ping")
    report = await run(sandbox, sandbox.maileon_key("all_rights"), factory=fast_factory(0.4))
    key = next(f for f in report.findings if f.id == "key.valid")
    assert key.status is FindingStatus.FAIL
    assert "did not answer within 0.4 s" in english(key.detail)


async def test_connection_refused(sandbox: SandboxProcess) -> None:
    with sandbox_process() as other:
        closed_url = other.maileon_url
    report = await run_check(
        Profile.model_validate(
            {
                "name": "x",
                "provider": "maileon",
                "base_url": closed_url,
                "maileon": {"key_expires": "2027-03-31"},
            }
        ),
        {"api_key": sandbox.maileon_key("all_rights")},
        today=TODAY,
    )
    key = next(f for f in report.findings if f.id == "key.valid")
    assert "refused the connection" in english(key.detail)
    assert "is the sandbox running" in english(key.remediation)
    # The rows that follow blame the network, not the key: Maileon never saw it.
    shown = " ".join(english(f.detail) for f in report.findings)
    assert "not accepted" not in shown
    assert "rejected" not in shown
    assert "unknown: Maileon could not be asked" in english(
        next(f for f in report.findings if f.id == "right.create").detail
    )
    assert status(report, "key.expiry") is FindingStatus.PASS


async def test_429_once_then_success(sandbox: SandboxProcess) -> None:
    sandbox.add_fault(
        kind="rate_limit", count=1, retry_after=1, path="/maileon/1.0/ping", method="GET"
    )
    report = await run(sandbox, sandbox.maileon_key("all_rights"))
    assert status(report, "right.read") is FindingStatus.PASS
    assert report.ok


async def test_500_becomes_a_server_finding(sandbox: SandboxProcess) -> None:
    sandbox.add_fault(kind="error", status=500, path="/maileon/1.0/ping")
    report = await run(sandbox, sandbox.maileon_key("all_rights"))
    key = next(f for f in report.findings if f.id == "key.valid")
    assert key.status is FindingStatus.FAIL
    assert "failed with 500" in english(key.detail)
    assert "Maileon's side" in english(key.remediation)


async def test_html_instead_of_xml_is_a_protocol_finding(sandbox: SandboxProcess) -> None:
    sandbox.add_fault(kind="html", path="/maileon/1.0/")
    report = await run(sandbox, sandbox.maileon_key("all_rights"))
    assert not report.ok
    assert "HTML page answered" in detail(report, "key.valid")
    assert status(report, "account") is FindingStatus.UNKNOWN


async def test_slow_body_runs_into_the_read_timeout(sandbox: SandboxProcess) -> None:
    sandbox.add_fault(kind="slow_body", chunk_delay_ms=400, path="/maileon/1.0/account")
    report = await run(sandbox, sandbox.maileon_key("all_rights"), factory=fast_factory(0.2))
    assert report.ok
    assert "did not answer within 0.2 s" in detail(report, "account")


async def test_dropped_connection(sandbox: SandboxProcess) -> None:
    sandbox.add_fault(kind="drop", path="/maileon/1.0/account")
    report = await run(sandbox, sandbox.maileon_key("all_rights"))
    assert report.ok
    assert "broke off" in detail(report, "account")


def test_check_cli_exit_codes_and_json(
    sandbox: SandboxProcess,
    memory_keyring: dict[tuple[str, str], str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = sandbox.maileon_url
    for name, scenario in (("good", "create_update"), ("bad", "expired")):
        assert (
            main(
                [
                    "profiles",
                    "add",
                    name,
                    "--provider",
                    "maileon",
                    "--base-url",
                    url,
                    "--key-expires",
                    "2099-01-01",
                ]
            )
            == 0
        )
        sys.stdin = io.StringIO(sandbox.maileon_key(scenario))
        assert main(["secrets", "set", name, "api_key"]) == 0
    sys.stdin = sys.__stdin__
    capsys.readouterr()
    assert main(["check", "good", "--json"]) == 0
    out = capsys.readouterr().out
    assert len(out.strip().splitlines()) == 1
    report = json.loads(out)
    assert report["ok"] is True
    assert {f["id"] for f in report["findings"]} >= {"key.valid", "right.create", "doi.mailing"}
    assert sandbox.maileon_key("create_update") not in out
    assert main(["check", "bad"]) == 1
    human = capsys.readouterr()
    assert "FAIL" in human.out
    assert "Traceback" not in human.err
    assert main(["profiles", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    outcomes = {p["name"]: p["last_check"]["outcome"] for p in listed["profiles"]}
    assert outcomes == {"good": "warn", "bad": "fail"}
    assert main(["check", "nobody"]) == 2


# -- semantics: DOI, unsubscribe, delete ---------------------------------------------------------


def unique_email() -> str:
    return f"test+{uuid.uuid4().hex[:10]}@example.com"


async def test_doi_plus_flow_end_to_end(sandbox: SandboxProcess) -> None:
    email = unique_email()
    async with MaileonClient(
        sandbox.maileon_url, SecretStr(sandbox.maileon_key("all_rights"))
    ) as client:
        if "nl_source" not in await client.list_custom_fields():
            await client.create_custom_field("nl_source", "string")
        status_code = await client.create_contact(
            email,
            doi=True,
            doiplus=True,
            src="nlconsole",
            standard_fields={"FIRSTNAME": "Jürgen"},
            custom_fields={"nl_source": "Portal & Co"},
        )
        assert status_code == 201
        pending = await client.get_contact(email, ["FIRSTNAME", "PERMISSION_STATUS"], ["nl_source"])
        assert pending is not None
        assert pending.permission is Permission.NONE
        assert pending.standard_fields == {"FIRSTNAME": "Jürgen", "PERMISSION_STATUS": "none"}
        [mail] = sandbox.mails(email)
        page = httpx.get(mail["confirm_url"])
        assert page.status_code == 200
        assert "DOI+ (5)" in page.text
        confirmed = await client.get_contact(email, ["PERMISSION_STATUS"])
        assert confirmed is not None
        assert confirmed.permission is Permission.DOI_PLUS
        assert confirmed.standard_fields["PERMISSION_STATUS"] == "available"
        assert await client.delete_contact(email) is True
        assert await client.get_contact(email) is None
        assert await client.delete_contact(email) is False


async def test_doi_without_doi_mailing_never_shows_up(sandbox: SandboxProcess) -> None:
    email = unique_email()
    async with MaileonClient(
        sandbox.maileon_url, SecretStr(sandbox.maileon_key("no_doi_mailing"))
    ) as client:
        assert await client.create_contact(email, doi=True) == 201
        assert await client.get_contact(email) is None
    assert sandbox.mails(email) == []


async def test_unsubscribe_is_asynchronous_and_leaves_a_marker(sandbox: SandboxProcess) -> None:
    email = unique_email()
    async with MaileonClient(
        sandbox.maileon_url, SecretStr(sandbox.maileon_key("all_rights"))
    ) as client:
        await client.create_contact(email, permission=4)
        await client.unsubscribe(email, ["no_demand|test"])
        assert await client.has_unsubscription_marker(email)
        assert await client.get_contact(email) is not None, "still there right after unsubscribing"
        await asyncio.sleep(0.5)
        assert await client.get_contact(email) is None


async def test_mailbox_page_has_a_clickable_confirm_link(sandbox: SandboxProcess) -> None:
    """What a person does in a browser: open /mailbox, click the link, see the confirmation."""
    email = unique_email()
    async with MaileonClient(
        sandbox.maileon_url, SecretStr(sandbox.maileon_key("all_rights"))
    ) as client:
        await client.create_contact(email, doi=True)
        page = httpx.get(f"{sandbox.root}/mailbox")
        assert page.headers["Content-Type"] == "text/html; charset=utf-8"
        row = next(line for line in page.text.split("<tr>") if email in line)
        href = re.search(r'<a href="([^"]+)">Confirm subscription</a>', row)
        assert href is not None
        clicked = httpx.get(html.unescape(href.group(1)))
        assert "Subscription confirmed" in clicked.text
        contact = await client.get_contact(email)
        assert contact is not None
        assert contact.permission is Permission.DOI
        again = httpx.get(f"{sandbox.root}/mailbox")
        assert "confirmed" in next(line for line in again.text.split("<tr>") if email in line)


# -- the sandbox accepts what the official PHP client sends ------------------------------------

REPLAYED_OPS = [
    ("ping_get", 200),
    ("ping_post", 200),
    ("ping_put", 200),
    ("ping_delete", 200),
    ("create_custom_field_integer", 201),
    ("create_custom_field_name_with_space", 201),
    ("get_custom_fields", 200),
    ("create_contact_doi_doiplus", 201),
    ("create_contact_permission_none_doimailing_ignore", 200),
    # Maileon documents string custom fields as <= 255 characters; the recorder's 201 was canned.
    ("create_contact_large_body", 400),
    ("get_contact_by_email", 200),
    ("unsubscribe_contact_by_email_with_reasons_and_accounts", 204),
    ("delete_contact_by_email", 200),
    ("get_contact_by_email_after_delete", 404),
]


def test_official_client_requests_are_understood(sandbox: SandboxProcess) -> None:
    """Replays the PHP client's recorded requests byte for byte (with a seeded key)."""
    key = sandbox.maileon_key("all_rights")
    asyncio.run(_prepare_fields(sandbox.maileon_url, key))
    target = urlsplit(sandbox.maileon_url)
    auth = "Basic " + __import__("base64").b64encode(key.encode()).decode()
    for op, expected in REPLAYED_OPS:
        recorded = exchange("maileon", op)
        path = recorded["target"].replace("/1.0/", "/maileon/1.0/", 1)
        headers = {
            k: v for k, v in recorded["headers"] if k.lower() not in ("host", "authorization")
        }
        headers["Authorization"] = auth
        connection = http.client.HTTPConnection(target.hostname or "", target.port)
        body = recorded["body_text"].encode("utf-8") if recorded["body_len"] else None
        connection.request(recorded["method"], path, body=body, headers=headers)
        response = connection.getresponse()
        payload = response.read()
        connection.close()
        assert response.status == expected, (op, payload)
        assert response.getheader("Content-Type") == "application/vnd.maileon.api+xml", op
        if op == "get_contact_by_email":
            text = payload.decode()
            assert "<permission>1</permission>" in text
            assert "<value><![CDATA[" not in text
            assert "Anmeldung über Portal &amp; Co &lt;Test&gt;" in text


async def _prepare_fields(url: str, key: str) -> None:
    async with MaileonClient(url, SecretStr(key)) as client:
        fields = await client.list_custom_fields()
        for name, kind in (("nl_source", "string"), ("nl_score", "integer")):
            if name not in fields:
                await client.create_custom_field(name, kind)
        for name in ("nl_points", "Quelle Kampagne"):
            if name in fields:
                raise AssertionError("the replay expects to create these fields itself")

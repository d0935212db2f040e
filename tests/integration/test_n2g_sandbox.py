"""Newsletter2Go client and check against `nlconsole sandbox` over real sockets."""

from __future__ import annotations

import base64
import http.client
import io
import json
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from pydantic import SecretStr

from nlconsole.cli import main
from nlconsole.core.models import Profile
from nlconsole.core.report import Report as CheckReport
from nlconsole.core.report import Status as FindingStatus
from nlconsole.providers.base import BadRequest, Conflict
from nlconsole.providers.http import HttpOptions
from nlconsole.providers.newsletter2go import Newsletter2GoClient
from nlconsole.sandbox.seeds import n2g_account
from nlconsole.sandbox.server import running_sandbox
from tests.support.checks import english, fast_http, run_check
from tests.support.sandbox import SandboxProcess, sandbox_process
from tests.support.traces import exchange, exchanges


@pytest.fixture(scope="module")
def sandbox_proc() -> Iterator[SandboxProcess]:
    with sandbox_process() as proc:
        yield proc


@pytest.fixture
def sandbox(sandbox_proc: SandboxProcess) -> Iterator[SandboxProcess]:
    yield sandbox_proc
    sandbox_proc.clear_faults()


def factory(read_timeout: float = 5.0) -> HttpOptions:
    return fast_http(read_timeout)


def connect(sandbox: SandboxProcess, scenario: str = "working", **kw: Any) -> Newsletter2GoClient:
    key, user, password = sandbox.n2g_login(scenario)
    return Newsletter2GoClient(
        sandbox.n2g_url, SecretStr(key), SecretStr(user), SecretStr(password), **kw
    )


async def check(
    sandbox: SandboxProcess,
    scenario: str = "working",
    newsletters: list[str] | None = None,
    password: str | None = None,
    auth_key: str | None = None,
    make: HttpOptions | None = None,
) -> CheckReport:
    key, user, real_password = sandbox.n2g_login(scenario)
    profile = Profile.model_validate(
        {
            "name": "verlag",
            "provider": "newsletter2go",
            "base_url": sandbox.n2g_url,
            "newsletter2go": {"newsletters": newsletters or []},
        }
    )
    secrets = {
        "auth_key": auth_key or key,
        "username": user,
        "password": password or real_password,
    }
    return await run_check(profile, secrets, today=date.today(), http=make or factory())


def finding(report: CheckReport, finding_id: str) -> Any:
    return next(f for f in report.findings if f.id == finding_id)


def unique(prefix: str) -> str:
    return f"{prefix} {uuid.uuid4().hex[:6]}"


async def test_working_account_and_address_books(sandbox: SandboxProcess) -> None:
    present, missing, twice = unique("Lokales"), unique("Sport"), unique("Kultur")
    async with connect(sandbox) as client:
        await client.create_list(present)
        await client.create_list(twice)
        await client.create_list(twice)
    report = await check(sandbox, newsletters=[present, missing, twice])
    assert report.ok, report.summary()
    assert finding(report, "login").status is FindingStatus.PASS
    assert finding(report, "company").status is FindingStatus.PASS
    assert finding(report, "user.developer_mode").status is FindingStatus.PASS
    assert finding(report, f"book.{present}").status is FindingStatus.PASS
    assert "missing" in english(finding(report, f"book.{missing}").detail)
    assert "duplicated" in english(finding(report, f"book.{twice}").detail)
    assert finding(report, "books.unowned").status in (FindingStatus.PASS, FindingStatus.WARN)
    assert [f.id for f in report.findings][:3] == ["login", "company", "user.developer_mode"]


async def test_hand_made_address_books_are_reported(sandbox: SandboxProcess) -> None:
    stray = unique("Von Hand")
    async with connect(sandbox) as client:
        await client.create_list(stray)
    report = await check(sandbox, newsletters=["Lokales"])
    unowned = finding(report, "books.unowned")
    assert unowned.status is FindingStatus.WARN
    assert stray in english(unowned.detail)
    assert "Standard-Adressbuch" not in english(unowned.detail), (
        "the account's default list is not hand-made"
    )


async def test_developer_mode_off_fails(sandbox: SandboxProcess) -> None:
    report = await check(sandbox, "developer_mode_off")
    assert not report.ok
    dev = finding(report, "user.developer_mode")
    assert dev.status is FindingStatus.FAIL
    assert "Entwicklermodus" in english(dev.remediation)


async def test_wrong_password_and_wrong_auth_key_are_told_apart(sandbox: SandboxProcess) -> None:
    wrong_pw = await check(sandbox, password=sandbox.info["newsletter2go"]["wrong_password"])
    assert "username or password" in english(finding(wrong_pw, "login").detail)
    wrong_key = await check(sandbox, auth_key="someone_else:secret")
    assert "auth key" in english(finding(wrong_key, "login").detail)
    assert not wrong_key.ok
    assert [f.id for f in wrong_key.findings] == ["login"]


async def test_limited_plan_refuses_a_second_address_book(sandbox: SandboxProcess) -> None:
    report = await check(sandbox, "limited_plan")
    assert finding(report, "company").status is FindingStatus.WARN
    async with connect(sandbox, "limited_plan") as client:
        with pytest.raises(BadRequest, match="allows at most 1 address book"):
            await client.create_list("Zweites Adressbuch")


async def test_expired_token_is_refreshed_by_the_client(sandbox: SandboxProcess) -> None:
    async with connect(sandbox) as client:
        await client.companies()
        sandbox.advance_clock(7300)  # the sandbox's tokens expire; the client does not know
        [company] = await client.companies()
        assert company.name == "Sandbox Verlag GmbH"
        assert client.refreshes == 1
        assert client.logins == 1


async def test_token_is_refreshed_ahead_of_expiry(sandbox: SandboxProcess) -> None:
    offset = [0.0]
    async with connect(sandbox, clock=lambda: time.monotonic() + offset[0]) as client:
        await client.companies()
        offset[0] = 7200 - 30
        await client.companies()
        assert client.refreshes == 1


async def test_paging_over_more_than_50_address_books() -> None:
    with running_sandbox() as server:
        account = n2g_account("working")
        url = server.sandbox.base_urls()["newsletter2go"]
        async with Newsletter2GoClient(
            url,
            SecretStr(account.auth_key),
            SecretStr(account.username),
            SecretStr(account.password),
        ) as client:
            for index in range(120):
                await client.create_list(f"Liste {index:03d}")
            books = await client.lists()
    names = {b.name for b in books}
    assert len(books) == 121  # plus the account's default address book
    assert {f"Liste {i:03d}" for i in range(120)} <= names


# -- faults ------------------------------------------------------------------------------------


async def test_timeout(sandbox: SandboxProcess) -> None:
    sandbox.add_fault(kind="latency", latency_ms=1500, path="/newsletter2go/oauth")
    report = await check(sandbox, make=factory(0.4))
    assert "did not answer within 0.4 s" in english(finding(report, "login").detail)


async def test_connection_refused(sandbox: SandboxProcess) -> None:
    with sandbox_process() as other:
        url = other.n2g_url
    key, user, password = sandbox.n2g_login("working")
    report = await run_check(
        Profile.model_validate({"name": "x", "provider": "newsletter2go", "base_url": url}),
        {"auth_key": key, "username": user, "password": password},
        today=date.today(),
    )
    assert "refused the connection" in english(finding(report, "login").detail)


async def test_429_then_success(sandbox: SandboxProcess) -> None:
    sandbox.add_fault(kind="rate_limit", count=1, retry_after=1, path="/newsletter2go/companies")
    report = await check(sandbox)
    assert finding(report, "company").status is FindingStatus.PASS


async def test_500(sandbox: SandboxProcess) -> None:
    sandbox.add_fault(kind="error", status=500, path="/newsletter2go/oauth")
    report = await check(sandbox)
    assert "failed with 500" in english(finding(report, "login").detail)


async def test_html_instead_of_json(sandbox: SandboxProcess) -> None:
    sandbox.add_fault(kind="html", path="/newsletter2go/")
    report = await check(sandbox)
    login = finding(report, "login")
    assert login.status is FindingStatus.FAIL
    assert "not JSON" in english(login.detail)


# -- DOI via form ----------------------------------------------------------------------------


async def test_doi_form_end_to_end_duplicate_and_blacklist(sandbox: SandboxProcess) -> None:
    code = sandbox.info["newsletter2go"]["doi_form_code"]
    email = f"leser+{uuid.uuid4().hex[:8]}@example.com"
    async with connect(sandbox) as client:
        form = await client.form(code)
        assert "email" in form.required_fields
        [company] = await client.companies()
        list_id = company.default_list_id
        assert list_id is not None
        sent = await client.submit_form(code, {"email": email, "first_name": "Jürgen"})
        assert sent.outcome == "doi_sent"
        assert await client.find_recipient(list_id, email) is None, "pending until confirmed"
        [mail] = sandbox.mails(email)
        assert "doi_success" in httpx.get(mail["confirm_url"]).text
        recipient = await client.find_recipient(list_id, email)
        assert recipient is not None
        assert recipient.fields["first_name"] == "Jürgen"
        assert not recipient.is_unsubscribed

        again = await client.submit_form(code, {"email": email})
        assert again.outcome == "duplicate"
        assert len(sandbox.mails(email)) == 1

        await client.unsubscribe(list_id, recipient.id)
        gone = await client.find_recipient(list_id, email)
        assert gone is not None
        assert gone.is_unsubscribed
        assert gone.is_blacklisted
        with pytest.raises(Conflict, match="blacklist") as refused:
            await client.subscribe(list_id, email)
        assert "remove the recipient" in english(refused.value.remediation)
        assert (await client.submit_form(code, {"email": email})).outcome == "duplicate"

        await client.delete_recipient(list_id, recipient.id)
        assert await client.find_recipient(list_id, email) is None
        assert (await client.submit_form(code, {"email": email})).outcome == "doi_sent"


async def test_unknown_form_code(sandbox: SandboxProcess) -> None:
    async with connect(sandbox) as client:
        result = await client.submit_form("nope-nope-nop", {"email": "a@example.com"})
    assert result.outcome == "error"
    assert "no form with code" in english(result.message)


def test_check_cli_for_n2g(
    sandbox: SandboxProcess,
    memory_keyring: dict[tuple[str, str], str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    key, user, password = sandbox.n2g_login("developer_mode_off")
    assert (
        main(
            [
                "profiles",
                "add",
                "peiq",
                "--provider",
                "newsletter2go",
                "--base-url",
                sandbox.n2g_url,
                "--newsletter",
                "Lokales",
            ]
        )
        == 0
    )
    for field, value in (("auth_key", key), ("username", user), ("password", password)):
        sys.stdin = io.StringIO(value)
        assert main(["secrets", "set", "peiq", field]) == 0
    sys.stdin = sys.__stdin__
    capsys.readouterr()
    assert main(["check", "peiq", "--json"]) == 1
    out = capsys.readouterr().out
    report = json.loads(out)
    assert report["provider"] == "newsletter2go"
    assert password not in out
    assert key not in out


# -- what the official PHP SDK sends is understood ---------------------------------------------


def test_official_sdk_requests_are_understood(sandbox: SandboxProcess) -> None:
    key, user, password = sandbox.n2g_login("working")
    target = urlsplit(sandbox.n2g_url)
    root = target.path  # /newsletter2go

    def send(
        op: str,
        replace: dict[str, str],
        body: bytes | None = None,
        bearer: str | None = None,
        index: int = 0,
    ) -> tuple[int, Any]:
        recorded = exchanges("n2g", op)[index]
        path = recorded["target"]
        for old, new in replace.items():
            path = path.replace(old, new)
        headers = {
            k: v
            for k, v in recorded["headers"]
            if k.lower() not in ("host", "authorization", "content-length")
        }
        if bearer:
            headers["Authorization"] = f"Bearer {bearer}"
        payload = (
            body
            if body is not None
            else (recorded["body_text"].encode() if recorded["body_len"] else None)
        )
        for old, new in replace.items():
            if payload is not None:
                payload = payload.replace(old.encode(), new.encode())
        connection = http.client.HTTPConnection(target.hostname or "", target.port)
        connection.request(recorded["method"], root + path, body=payload, headers=headers)
        response = connection.getresponse()
        data = json.loads(response.read() or b"null")
        connection.close()
        return response.status, data

    token_request = exchange("n2g", "auth_password_grant")
    sdk_body = (
        token_request["body_text"]
        .replace("admin@example.com", user)
        .replace("P\\u00e4ssw\\u00f6rd 123!", password)
    )
    connection = http.client.HTTPConnection(target.hostname or "", target.port)
    connection.request(
        "POST",
        root + "/oauth/v2/token",
        body=sdk_body.encode(),
        headers={
            "Content-Type": "application/json",
            "Authorization": "Basic " + base64.b64encode(key.encode()).decode(),
        },
    )
    token = json.loads(connection.getresponse().read())
    connection.close()
    bearer = token["access_token"]

    status, lists = send("get_lists", {}, bearer=bearer)
    assert status == 200
    assert lists["value"][0]["name"]
    status, created = send("create_list", {}, bearer=bearer)
    assert status == 201
    list_id = created["value"][0]["id"]
    ids = {"lst00001": list_id}
    status, added = send("create_recipient_in_list", ids, bearer=bearer)
    assert status in (200, 201)
    rid = added["value"][0]["id"]
    ids["rcpt0001"] = rid
    status, found = send("get_recipients_filtered_by_email", ids, bearer=bearer)
    assert (status, found["value"][0]["id"]) == (200, rid)
    status, _ = send("update_recipient_unsubscribe", ids, bearer=bearer)  # POST, not PATCH
    assert status == 200
    status, _ = send("update_recipients_by_filter_unsubscribe", ids, bearer=bearer)
    assert status == 200
    status, _ = send("raw_patch_generic", ids, bearer=bearer)
    assert status == 200
    status, _ = send("delete_recipient_from_list", ids, bearer=bearer)  # bare trailing '?'
    assert status == 200
    code = sandbox.info["newsletter2go"]["doi_form_code"]
    status, submitted = send("add_recipient_via_form", {"frm4code": code}, bearer=bearer)
    assert submitted["status"] in (200, 201)
    status, expired = send("get_lists", {}, bearer="expired-or-unknown")
    assert status == 401
    assert expired["error"] == "invalid_grant", "the SDK re-authenticates on exactly this"

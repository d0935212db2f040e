"""The in-process transport answers exactly as the socket server does, faults included."""

from __future__ import annotations

import base64
import time

import httpx
import pytest

from nlconsole.sandbox.emulator import Sandbox
from nlconsole.sandbox.faults import FaultRule
from nlconsole.sandbox.seeds import maileon_key, n2g_account
from nlconsole.sandbox.server import running_sandbox
from nlconsole.sandbox.transport import SandboxTransport

PASSWORD_GRANT = "https://nl2go.com/jwt"


def _maileon_headers(scenario: str = "all_rights") -> dict[str, str]:
    token = base64.b64encode(maileon_key(scenario).encode()).decode()
    return {"Authorization": f"Basic {token}", "Accept": "application/vnd.maileon.api+xml"}


async def _token_request(client: httpx.AsyncClient, base: str, password: str) -> httpx.Response:
    seed = n2g_account("working")
    basic = base64.b64encode(seed.auth_key.encode()).decode()
    return await client.post(
        f"{base}/oauth/v2/token",
        headers={"Authorization": f"Basic {basic}"},
        json={"username": seed.username, "password": password, "grant_type": PASSWORD_GRANT},
    )


async def test_maileon_ping_answers_the_same_in_process_and_over_a_socket() -> None:
    sandbox = Sandbox()
    async with httpx.AsyncClient(transport=SandboxTransport(sandbox)) as client:
        ok = await client.get(f"{sandbox.base_urls()['maileon']}/ping", headers=_maileon_headers())
        forbidden = await client.delete(
            f"{sandbox.base_urls()['maileon']}/ping", headers=_maileon_headers("create_update")
        )
    with running_sandbox() as server:
        async with httpx.AsyncClient() as client:
            base = server.sandbox.base_urls()["maileon"]
            ok_socket = await client.get(f"{base}/ping", headers=_maileon_headers())
            forbidden_socket = await client.delete(
                f"{base}/ping", headers=_maileon_headers("create_update")
            )
    for local, remote in ((ok, ok_socket), (forbidden, forbidden_socket)):
        assert (local.status_code, local.content) == (remote.status_code, remote.content)
        assert local.headers["content-type"] == remote.headers["content-type"]
    assert (ok.status_code, forbidden.status_code) == (200, 403)


async def test_n2g_token_answers_the_same_in_process_and_over_a_socket() -> None:
    seed = n2g_account("working")
    sandbox = Sandbox()
    async with httpx.AsyncClient(transport=SandboxTransport(sandbox)) as client:
        base = sandbox.base_urls()["newsletter2go"]
        issued = await _token_request(client, base, seed.password)
        refused = await _token_request(client, base, "wrong")
    with running_sandbox() as server:
        async with httpx.AsyncClient() as client:
            base = server.sandbox.base_urls()["newsletter2go"]
            issued_socket = await _token_request(client, base, seed.password)
            refused_socket = await _token_request(client, base, "wrong")
    assert issued.status_code == issued_socket.status_code == 200
    assert issued.json().keys() == issued_socket.json().keys()
    assert issued.json()["expires_in"] == issued_socket.json()["expires_in"]
    assert (refused.status_code, refused.json()) == (
        refused_socket.status_code,
        refused_socket.json(),
    )


async def test_transport_applies_request_level_faults() -> None:
    sandbox = Sandbox()
    ping = f"{sandbox.base_urls()['maileon']}/ping"
    sandbox.faults.add(FaultRule(kind="rate_limit", count=1, retry_after=3))
    sandbox.faults.add(FaultRule(kind="drop", count=1, path="/maileon/1.0/account"))
    sandbox.faults.add(FaultRule(kind="latency", latency_ms=300, count=1))
    async with httpx.AsyncClient(transport=SandboxTransport(sandbox)) as client:
        started = time.monotonic()
        limited = await client.get(ping, headers=_maileon_headers())
        assert time.monotonic() - started >= 0.3
        assert (limited.status_code, limited.headers["retry-after"]) == (429, "3")
        with pytest.raises(httpx.RemoteProtocolError):
            await client.get(f"{sandbox.base_urls()['maileon']}/account/info")
        assert (await client.get(ping, headers=_maileon_headers())).status_code == 200


async def test_transport_streams_slow_bodies_in_chunks() -> None:
    sandbox = Sandbox()
    sandbox.faults.add(FaultRule(kind="slow_body", chunk_delay_ms=50, count=1))
    async with httpx.AsyncClient(transport=SandboxTransport(sandbox)) as client:
        started = time.monotonic()
        response = await client.get(
            f"{sandbox.base_urls()['maileon']}/account/info", headers=_maileon_headers()
        )
    assert response.status_code == 200
    assert response.content.startswith(b"<?xml")
    assert time.monotonic() - started >= 0.05 * (len(response.content) // 16)


async def test_transport_lost_response_dispatches_then_raises() -> None:
    sandbox = Sandbox()
    base = sandbox.base_urls()["maileon"]
    sandbox.faults.add(FaultRule(kind="lost_response", method="POST", count=1))
    async with httpx.AsyncClient(transport=SandboxTransport(sandbox)) as client:
        with pytest.raises(httpx.RemoteProtocolError):
            await client.post(
                f"{base}/contacts/email/lost%40example.org", headers=_maileon_headers()
            )
        found = await client.get(
            f"{base}/contacts/email/lost%40example.org", headers=_maileon_headers()
        )
    assert found.status_code == 200

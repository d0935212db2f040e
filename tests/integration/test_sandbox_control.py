"""The control API over real sockets: guarded against CSRF and DNS rebinding, strict about
the values it accepts; the mailbox stays open."""

from __future__ import annotations

import httpx
import pytest

from nlconsole.sandbox.faults import FaultRule
from nlconsole.sandbox.server import SandboxServer


def _faults(server: SandboxServer) -> list[object]:
    faults: list[object] = httpx.get(f"{server.url}/_sandbox/faults").json()["faults"]
    return faults


def test_text_plain_post_from_a_page_is_refused(server: SandboxServer) -> None:
    response = httpx.post(
        f"{server.url}/_sandbox/faults",
        content=b'{"kind": "drop"}',
        headers={"Content-Type": "text/plain", "Origin": "http://evil.example"},
    )
    assert response.status_code == 415
    assert _faults(server) == []


def test_delete_needs_the_json_content_type(server: SandboxServer) -> None:
    server.sandbox.faults.add(FaultRule(kind="html"))
    assert httpx.delete(f"{server.url}/_sandbox/faults").status_code == 415
    assert len(_faults(server)) == 1
    cleared = httpx.request(
        "DELETE", f"{server.url}/_sandbox/faults", headers={"Content-Type": "application/json"}
    )
    assert cleared.status_code == 200
    assert _faults(server) == []


def test_a_foreign_host_header_is_refused_but_the_mailbox_answers(server: SandboxServer) -> None:
    rebound = {"Host": f"attacker.example:{server.port}"}
    response = httpx.post(f"{server.url}/_sandbox/faults", json={"kind": "drop"}, headers=rebound)
    assert response.status_code == 403
    assert _faults(server) == []
    assert httpx.get(f"{server.url}/_sandbox/faults", headers=rebound).status_code == 403
    assert httpx.get(f"{server.url}/mailbox.json", headers=rebound).status_code == 200


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "[::1]"])
def test_loopback_host_names_with_a_port_are_accepted(server: SandboxServer, host: str) -> None:
    response = httpx.post(
        f"{server.url}/_sandbox/faults",
        json={"kind": "latency", "latency_ms": 1},
        headers={"Host": f"{host}:{server.port}"},
    )
    assert response.status_code == 201


def test_a_remote_sandbox_needs_the_token_even_from_loopback() -> None:
    with SandboxServer("0.0.0.0") as remote:  # noqa: S104 (the case under test)
        assert remote.is_remote
        assert all("0.0.0.0" not in url for url in remote.reachable_urls)  # noqa: S104
        local = f"http://127.0.0.1:{remote.port}/_sandbox/faults"
        assert httpx.post(local, json={"kind": "drop"}).status_code == 403
        wrong = httpx.post(local, json={"kind": "drop"}, headers={"X-Sandbox-Token": "guess"})
        assert wrong.status_code == 403
        token = remote.sandbox.describe()["control"]["token"]
        assert token == remote.control_token
        allowed = httpx.post(local, json={"kind": "drop"}, headers={"X-Sandbox-Token": token})
        assert allowed.status_code == 201
        root = httpx.get(f"http://127.0.0.1:{remote.port}/").json()
        assert "token" not in root["control"]


def test_a_loopback_server_is_not_remote(server: SandboxServer) -> None:
    assert not server.is_remote
    assert server.reachable_urls == [server.url]
    assert server.url.startswith("http://127.0.0.1:")


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ({"kind": "latency", "latency_ms": -1}, "latency_ms"),
        ({"kind": "latency", "latency_ms": "slow"}, "latency_ms"),
        ({"kind": "slow_body", "chunk_delay_ms": -5}, "chunk_delay_ms"),
        ({"kind": "rate_limit", "retry_after": -1}, "retry_after"),
        ({"kind": "rate_limit", "retry_after": "soon"}, "retry_after"),
        ({"kind": "error", "status": 100}, "status"),
        ({"kind": "error", "status": 302}, "status"),
        ({"kind": "error", "status": 600}, "status"),
        ({"kind": "error", "share": 1.5}, "share"),
        ({"kind": "error", "share": -0.1}, "share"),
        ({"kind": "error", "colour": "red"}, "unknown fault rule keys: colour"),
        ({"kind": "meteor"}, "fault kind"),
    ],
)
def test_invalid_fault_rules_are_refused_with_a_reason(
    server: SandboxServer, rule: dict[str, object], words: str
) -> None:
    response = httpx.post(f"{server.url}/_sandbox/faults", json=rule)
    assert response.status_code == 400
    assert words in response.json()["error"]
    assert _faults(server) == []


@pytest.mark.parametrize(
    "body",
    [
        b'{"advance_seconds": NaN}',
        b'{"advance_seconds": Infinity}',
        b'{"advance_seconds": -10}',
        b'{"advance_seconds": 1e30}',
        b'{"advance_seconds": 1' + b"0" * 400 + b"}",
        b'{"advance_seconds": "10"}',
        b'{"advance_seconds": true}',
        b"[10]",
        b"not json",
    ],
)
def test_the_clock_refuses_what_is_not_a_sane_number(server: SandboxServer, body: bytes) -> None:
    response = httpx.post(
        f"{server.url}/_sandbox/clock", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert server.sandbox.clock.offset == 0


def test_the_clock_accepts_a_sane_advance(server: SandboxServer) -> None:
    response = httpx.post(f"{server.url}/_sandbox/clock", json={"advance_seconds": 90.5})
    assert response.json() == {"offset_seconds": 90.5}

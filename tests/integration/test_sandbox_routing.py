"""The route tables over real sockets: unknown paths answer 404, known paths with another
method 405 with an `Allow` header, in each emulator's own error format."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import httpx
import pytest

from nlconsole.sandbox.seeds import maileon_key
from nlconsole.sandbox.server import SandboxServer, running_sandbox


@pytest.fixture(scope="module")
def server() -> Iterator[SandboxServer]:
    with running_sandbox() as running:
        yield running


def _maileon_auth() -> dict[str, str]:
    token = base64.b64encode(maileon_key("all_rights").encode()).decode()
    return {"Authorization": f"Basic {token}"}


def test_maileon_unknown_path_is_404_in_maileon_xml(server: SandboxServer) -> None:
    response = httpx.get(f"{server.url}/maileon/1.0/no/such/thing", headers=_maileon_auth())
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/vnd.maileon.api+xml"
    assert b"<error><message>" in response.content


def test_maileon_known_path_with_other_method_is_405_with_allow(server: SandboxServer) -> None:
    response = httpx.post(f"{server.url}/maileon/1.0/account/info", headers=_maileon_auth())
    assert response.status_code == 405
    assert response.headers["allow"] == "GET"


def test_n2g_known_path_with_other_method_is_405_with_allow(server: SandboxServer) -> None:
    seed = server.sandbox.describe()["newsletter2go"]["accounts"][0]
    basic = base64.b64encode(seed["auth_key"].encode()).decode()
    token = httpx.post(
        f"{server.url}/newsletter2go/oauth/v2/token",
        headers={"Authorization": f"Basic {basic}"},
        json={
            "username": seed["username"],
            "password": seed["password"],
            "grant_type": "https://nl2go.com/jwt",
        },
    ).json()["access_token"]
    bearer = {"Authorization": f"Bearer {token}"}
    response = httpx.put(f"{server.url}/newsletter2go/lists", headers=bearer)
    assert response.status_code == 405
    assert set(response.headers["allow"].split(", ")) == {"GET", "POST"}
    assert response.json()["status"] == 405
    missing = httpx.get(f"{server.url}/newsletter2go/nothing/here", headers=bearer)
    assert missing.status_code == 404


def test_control_api_unknown_method_is_405(server: SandboxServer) -> None:
    response = httpx.put(f"{server.url}/_sandbox/clock", json={})
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"

"""Run `nlconsole sandbox` as a real subprocess and talk to its control API."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx


@dataclass
class SandboxProcess:
    """A running `nlconsole sandbox` and what it printed about itself."""

    info: dict[str, Any]
    process: subprocess.Popen[str]

    @property
    def maileon_url(self) -> str:
        return str(self.info["base_urls"]["maileon"])

    @property
    def root(self) -> str:
        return str(self.info["base_urls"]["control"]).rsplit("/_sandbox", 1)[0]

    def maileon_key(self, scenario: str) -> str:
        keys = self.info["maileon"]["keys"]
        return str(next(k["api_key"] for k in keys if k["scenario"] == scenario))

    @property
    def n2g_url(self) -> str:
        return str(self.info["base_urls"]["newsletter2go"])

    def n2g_login(self, scenario: str) -> tuple[str, str, str]:
        """(auth key, username, password) of a seeded Newsletter2Go scenario."""
        accounts = self.info["newsletter2go"]["accounts"]
        account = next(a for a in accounts if a["scenario"] == scenario)
        return str(account["auth_key"]), str(account["username"]), str(account["password"])

    def advance_clock(self, seconds: float) -> None:
        httpx.post(
            f"{self.root}/_sandbox/clock", json={"advance_seconds": seconds}
        ).raise_for_status()

    def add_fault(self, **rule: Any) -> None:
        httpx.post(f"{self.root}/_sandbox/faults", json=rule).raise_for_status()

    def clear_faults(self) -> None:
        httpx.request(
            "DELETE", f"{self.root}/_sandbox/faults", headers={"Content-Type": "application/json"}
        ).raise_for_status()

    def mails(self, to: str) -> list[dict[str, Any]]:
        mails: list[dict[str, Any]] = httpx.get(
            f"{self.root}/mailbox.json", params={"to": to}
        ).json()["mails"]
        return mails


@contextmanager
def sandbox_process(*args: str) -> Iterator[SandboxProcess]:
    """Start `python -m nlconsole sandbox --json ARGS`, read its first line, stop it after."""
    process = subprocess.Popen(
        [sys.executable, "-m", "nlconsole", "sandbox", "--json", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        if not first:
            raise RuntimeError(
                f"sandbox did not start: {process.stderr.read() if process.stderr else ''}"
            )
        yield SandboxProcess(json.loads(first), process)
    finally:
        process.terminate()
        process.wait(timeout=10)


def maileon_auth(api_key: str) -> dict[str, str]:
    """Maileon's documented headers: `Basic base64(key)` and the XML media type."""
    token = base64.b64encode(api_key.encode()).decode()
    return {"Authorization": f"Basic {token}", "Accept": "application/vnd.maileon.api+xml"}


def n2g_bearer(
    client: httpx.Client, n2g_url: str, auth_key: str, user: str, password: str
) -> dict[str, str]:
    """Log in with the password grant; the Bearer header for further calls."""
    basic = base64.b64encode(auth_key.encode()).decode()
    response = client.post(
        f"{n2g_url}/oauth/v2/token",
        headers={"Authorization": f"Basic {basic}"},
        json={"username": user, "password": password, "grant_type": "https://nl2go.com/jwt"},
    )
    response.raise_for_status()
    return {"Authorization": f"Bearer {response.json()['access_token']}"}

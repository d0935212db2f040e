"""One clock for the whole sandbox: moving it expires Maileon keys by date and stamps mail."""

from __future__ import annotations

import base64

import httpx

from nlconsole.sandbox.seeds import maileon_key
from nlconsole.sandbox.server import running_sandbox

SEVENTY_FIVE_YEARS = 75 * 365 * 24 * 3600.0


def _ping(url: str) -> int:
    token = base64.b64encode(maileon_key("all_rights").encode()).decode()
    return httpx.get(
        f"{url}/maileon/1.0/ping", headers={"Authorization": f"Basic {token}"}
    ).status_code


def test_maileon_key_expiry_follows_the_sandbox_clock_date() -> None:
    with running_sandbox() as server:
        assert _ping(server.url) == 200
        moved = httpx.post(
            f"{server.url}/_sandbox/clock", json={"advance_seconds": SEVENTY_FIVE_YEARS}
        )
        assert moved.status_code == 200
        assert server.sandbox.clock.today().year >= 2100
        assert _ping(server.url) == 401  # the key is valid until 2099-12-31


def test_mailbox_timestamps_come_from_the_sandbox_clock() -> None:
    with running_sandbox() as server:
        server.sandbox.clock.advance(SEVENTY_FIVE_YEARS)
        mail = server.sandbox.mailbox.send("maileon", "a@example.org", "s", "t")
        assert mail.sent_at.year >= 2100

"""Unsubscribed Maileon contacts disappear when their delay is due, and only then, also when
they were deleted, re-created or moved to another address meanwhile."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from nlconsole.sandbox.server import SandboxOptions, SandboxServer, running_sandbox

DELAY = 60.0


@pytest.fixture
def server() -> Iterator[SandboxServer]:
    with running_sandbox(SandboxOptions(unsubscribe_delay=DELAY)) as running:
        yield running


def _exists(maileon: httpx.Client, local: str) -> bool:
    return maileon.get(f"/contacts/email/{local}%40example.org").status_code == 200


def test_an_unsubscribed_contact_goes_when_due(
    server: SandboxServer, maileon: httpx.Client
) -> None:
    maileon.post("/contacts/email/weg%40example.org")
    assert maileon.delete("/contacts/email/weg%40example.org/unsubscribe").status_code == 204
    assert maileon.delete("/contacts/email/weg%40example.org/unsubscribe").status_code == 204
    server.sandbox.clock.advance(DELAY - 5)
    assert _exists(maileon, "weg")
    server.sandbox.clock.advance(10)
    assert not _exists(maileon, "weg")


def test_a_recreated_contact_is_not_removed_by_the_old_schedule(
    server: SandboxServer, maileon: httpx.Client
) -> None:
    maileon.post("/contacts/email/neu%40example.org")
    maileon.delete("/contacts/email/neu%40example.org/unsubscribe")
    maileon.delete("/contacts/email/neu%40example.org")
    assert maileon.post("/contacts/email/neu%40example.org").status_code == 201
    server.sandbox.clock.advance(DELAY + 5)
    assert _exists(maileon, "neu")


def test_a_moved_contact_is_removed_under_its_new_address(
    server: SandboxServer, maileon: httpx.Client
) -> None:
    maileon.post("/contacts/email/vorher%40example.org")
    maileon.delete("/contacts/email/vorher%40example.org/unsubscribe")
    moved = maileon.put(
        "/contacts/email/vorher%40example.org",
        content="<contact><email>nachher@example.org</email></contact>",
    )
    assert moved.status_code == 201
    server.sandbox.clock.advance(DELAY + 5)
    assert not _exists(maileon, "nachher")

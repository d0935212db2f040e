"""A snapshot of the protocol screen with fixed evidence (and no secret in the picture)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from nlconsole.core.services import Services
from tests.support.protocol import canaries, evidence_profile
from tests.ui.conftest import app_for, settle

SNAPSHOTS = Path(__file__).parent / "__snapshots__"


async def open_protocol(pilot: Pilot[int]) -> None:
    await settle(pilot)
    await pilot.press("p")
    await settle(pilot)
    # The default path lies in a temporary dir; a fixed one keeps the picture stable.
    pilot.app.screen.query_one("#protocol-path", Input).value = "protocol-2026-11-22.pdf"
    await pilot.pause()


def test_protocol_screen(
    snap_compare: Callable[..., bool], services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("nlconsole.ui.screens.protocol.default_tester", lambda: "Erika Muster")
    evidence_profile(services)
    secrets = canaries(services)
    assert snap_compare(app_for(services), terminal_size=(100, 30), run_before=open_protocol)
    for svg in SNAPSHOTS.rglob("*protocol_screen*.svg"):
        text = svg.read_text(encoding="utf-8")
        assert not any(canary in text for canary in secrets)

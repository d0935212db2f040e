"""Snapshots of the journeys screens in English and German: the Maileon catalogue, and a
simulated M1 run finished with its expectation table (fixed tag and clock, so the picture is
stable; the run itself goes over real HTTP to the sandbox)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from nlconsole.core.services import Services
from nlconsole.i18n import Language
from nlconsole.sandbox.server import SandboxServer
from nlconsole.ui.screens.journey_run import JourneyRunScreen
from tests.ui.conftest import app_for, settle

SnapCompare = Callable[..., bool]
SIZE = (110, 32)


async def open_catalogue(pilot: Pilot[int]) -> None:
    await settle(pilot)
    await pilot.press("j")
    await settle(pilot)


async def finish_m1(pilot: Pilot[int]) -> None:
    await open_catalogue(pilot)
    await pilot.press("s")
    for _ in range(200):
        await pilot.pause(0.05)
        screen = pilot.app.screen
        if isinstance(screen, JourneyRunScreen) and str(
            screen.query_one("#run-verdict", Static).render()
        ):
            break
    await settle(pilot)


@pytest.fixture
def fixed_tag(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("nlconsole.core.journeys.start.new_tag", lambda: "7k3q")


@pytest.mark.parametrize("language", ["en", "de"])
def test_journey_catalogue(
    snap_compare: SnapCompare, demo_services: Services, language: Language
) -> None:
    app = app_for(demo_services, language=language)
    assert snap_compare(app, terminal_size=SIZE, run_before=open_catalogue)


@pytest.mark.parametrize("language", ["en", "de"])
def test_finished_m1_run(
    snap_compare: SnapCompare,
    journey_demo: Services,
    sandbox: SandboxServer,
    fixed_tag: None,
    language: Language,
) -> None:
    app = app_for(journey_demo, language=language)
    assert snap_compare(app, terminal_size=SIZE, run_before=finish_m1)

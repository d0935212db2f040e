"""A long session stays smooth: closed screens are freed, full collections wait for idle time."""

from __future__ import annotations

import gc
import time

from textual.widgets import Header
from textual.widgets._footer import FooterKey

from nlconsole.core.services import Services
from nlconsole.ui.idle_gc import NO_AUTOMATIC_FULL
from nlconsole.ui.screens.checklist import ChecklistScreen
from nlconsole.ui.screens.profiles import ProfilesScreen
from tests.ui.conftest import add_maileon_profile, app_for, settle


def alive(kind: type) -> int:
    gc.collect()
    return sum(1 for thing in gc.get_objects() if isinstance(thing, kind))


async def test_closed_screens_do_not_pile_up(services: Services) -> None:
    """Textual keeps a removed widget in the watcher list of a value that never changes; the
    console drops them, or every screen ever opened would stay in memory (and in every full
    garbage collection)."""
    add_maileon_profile(services)
    app = app_for(services)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        for _ in range(6):
            await pilot.press("l")
            await settle(pilot)
            assert isinstance(app.screen, ChecklistScreen)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, ProfilesScreen)
        assert alive(Header) <= 2
        assert alive(FooterKey) <= 2 * len(app.screen.query(FooterKey))


async def test_full_collections_wait_until_nobody_is_typing(services: Services) -> None:
    add_maileon_profile(services)
    app = app_for(services)
    threshold = gc.get_threshold()
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        collector = app.collector
        assert gc.get_threshold()[2] == NO_AUTOMATIC_FULL
        pressed_at = time.monotonic()
        await pilot.press("down")
        assert collector.last_input >= pressed_at, "a key counts as the person being busy"
        # No awaits from here on: the collector's own timer must not run in between.
        collector.input_seen()
        for _ in range(3):
            gc.collect(1)  # young collections, as a busy console makes them
        done = collector.collections
        collector.tick()
        assert collector.collections == done, "not while keys are being pressed"
        collector.last_input -= 60  # as if the person had been reading for a minute
        collector.tick()
        assert collector.collections == done + 1
        assert gc.get_count()[2] == 0
    assert gc.get_threshold() == threshold, "the app gives the collections back when it ends"

"""Full garbage collections while the console is idle, not in the middle of a check.

Every screen opened and closed leaves ~25,000 objects in reference cycles (Textual's widgets),
which only a full collection frees; one takes 40-100 ms here, and CPython starts it whenever
enough objects were allocated, typically during the next check: a frozen screen. So after the
start-up the objects that live for the whole session are frozen (no collection walks them
again), automatic full collections are turned off, and the console runs one itself when nobody
has touched a key for a second and no worker runs. The young generations are still collected
automatically (they are cheap), and if the console is never idle, a full collection still runs
once enough garbage may have piled up, so memory stays bounded.
"""

from __future__ import annotations

import gc
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any

    from textual.app import App

IDLE_SECONDS = 1.0
"""No key or mouse event and no running worker for this long: a collection disturbs nobody."""
TICK_SECONDS = 0.25
NO_AUTOMATIC_FULL = 1_000_000
"""The full-collection threshold that CPython never reaches by itself."""
FORCE_AFTER = 200
"""Young-generation collections after which a full one runs even without idle time (~1.4
million allocations: memory must not grow without bound in a console that is never idle)."""
WORTH_IT = 2
"""Young-generation collections since the last full one before an idle collection is worth it."""


class IdleCollector:
    """Runs the full garbage collections of one app at its idle moments."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.last_input = time.monotonic()
        self.collections = 0
        self._previous: tuple[int, int, int] | None = None

    def start(self) -> None:
        """Freeze what lives now and take over the full collections (call once started)."""
        gc.freeze()
        young, middle, old = gc.get_threshold()
        self._previous = (young, middle, old)
        gc.set_threshold(young, middle, NO_AUTOMATIC_FULL)
        self.app.set_interval(TICK_SECONDS, self.tick, name="idle garbage collection")

    def stop(self) -> None:
        """Give the full collections back to CPython and unfreeze (the app is ending; in a
        test process, the next app must not inherit frozen garbage)."""
        if self._previous is not None:
            gc.set_threshold(*self._previous)
            gc.unfreeze()
            self._previous = None

    def input_seen(self) -> None:
        """A key or the mouse was used: the person is busy."""
        self.last_input = time.monotonic()

    def tick(self) -> None:
        """Collect when idle and worth it, or when it is overdue."""
        pending = gc.get_count()[2]
        idle = time.monotonic() - self.last_input >= IDLE_SECONDS and not any(
            worker.is_running for worker in self.app.workers
        )
        if (idle and pending >= WORTH_IT) or pending >= FORCE_AFTER:
            gc.collect()
            self.collections += 1

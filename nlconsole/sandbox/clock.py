"""The sandbox's one clock: wall-clock dates and monotonic time, both movable by tests.

Token expiry, unsubscribe delays, key expiry dates and every timestamp the sandbox writes read
this clock, so `POST /_sandbox/clock {"advance_seconds": N}` moves all of them together.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, date, datetime, timedelta

MAX_ADVANCE_SECONDS = 100 * 365 * 24 * 3600.0
"""One jump of at most a century: enough for any expiry, small enough for datetime."""


class SandboxClock:
    """Real time plus an offset that only grows (the sandbox never goes back in time)."""

    def __init__(self) -> None:
        self._offset = 0.0
        self._lock = threading.Lock()

    @property
    def offset(self) -> float:
        """Seconds the clock has been moved forward."""
        return self._offset

    def monotonic(self) -> float:
        """Monotonic seconds, for lifetimes and delays."""
        return time.monotonic() + self._offset

    def now(self) -> datetime:
        """The current UTC time, for timestamps."""
        return datetime.now(UTC) + timedelta(seconds=self._offset)

    def today(self) -> date:
        """The current UTC date, for expiry dates."""
        return self.now().date()

    def advance(self, seconds: float) -> float:
        """Move forward by `seconds` (0 ≤ seconds ≤ a century); returns the new offset."""
        if not 0.0 <= seconds <= MAX_ADVANCE_SECONDS:
            raise ValueError(f"advance_seconds must be between 0 and {MAX_ADVANCE_SECONDS:.0f}")
        with self._lock:
            if self._offset + seconds > MAX_ADVANCE_SECONDS * 10:
                raise ValueError("the clock cannot be moved further forward")
            self._offset += seconds
            return self._offset

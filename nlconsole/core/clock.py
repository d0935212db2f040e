"""The one clock of a run: wall time (for dates, expiry, records) and monotonic time (latency).

Injected through `Services`, so tests and the demo can fix or move time instead of reading the
machine's clock in every module.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """What code needs to know about time."""

    def now(self) -> datetime:
        """The current time, timezone-aware."""
        ...

    def today(self) -> date:
        """Today's local date (expiry dates are local dates)."""
        ...

    def monotonic(self) -> float:
        """Seconds on a clock that never goes back (for latencies and deadlines)."""
        ...


class SystemClock:
    """The machine's clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return self.now().astimezone().date()

    def monotonic(self) -> float:
        return time.monotonic()


@dataclass
class FixedClock:
    """A clock that stands still until told to move (tests, screenshots)."""

    at: datetime
    elapsed: float = 0.0

    def now(self) -> datetime:
        return self.at + timedelta(seconds=self.elapsed)

    def today(self) -> date:
        return self.now().astimezone().date()

    def monotonic(self) -> float:
        return self.elapsed

    def advance(self, seconds: float) -> None:
        """Move time forward."""
        self.elapsed += seconds

"""Connectivity checks: findings with status, latency and remediation, for CLI and console.

A check never raises for what the provider answers: every failure becomes a finding that says
what is wrong and how to fix it. Observers get each finding as soon as it is known, so the
console can show live progress.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal, TypeVar

from nlconsole.core.models import LastCheck
from nlconsole.providers.base import ProviderError

T = TypeVar("T")
Outcome = Literal["pass", "warn", "fail"]


class FindingStatus(StrEnum):
    """How one finding came out."""

    PASS = "pass"  # noqa: S105 (a status, not a password)
    INFO = "info"
    WARN = "warn"
    FAIL = "fail"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Finding:
    """One thing the check found out."""

    id: str
    title: str
    status: FindingStatus
    detail: str
    remediation: str = ""
    latency_ms: float | None = None
    blocking: bool = False
    """A failed blocking finding means the interface cannot work (exit code 1)."""


@dataclass(frozen=True)
class PlannedFinding:
    """A finding the check will produce, known before it runs (for the console's rows)."""

    id: str
    title: str


Observer = Callable[[Finding], None]


@dataclass
class CheckReport:
    """All findings of one check run, and whether the interface requirement is met."""

    profile: str
    provider: str
    started_at: datetime
    findings: list[Finding] = field(default_factory=list)
    duration_ms: float = 0.0

    @property
    def ok(self) -> bool:
        """True when no blocking finding failed: what exit code 0 means."""
        return not any(f.blocking and f.status is FindingStatus.FAIL for f in self.findings)

    @property
    def outcome(self) -> Outcome:
        """'fail' when the requirement is not met, else 'warn' if anything warns, else 'pass'."""
        if not self.ok or any(f.status is FindingStatus.FAIL for f in self.findings):
            return "fail"
        if any(f.status in (FindingStatus.WARN, FindingStatus.UNKNOWN) for f in self.findings):
            return "warn"
        return "pass"

    def summary(self) -> str:
        """One line for lists: the outcome and the first problem, if any."""
        for status in (FindingStatus.FAIL, FindingStatus.WARN, FindingStatus.UNKNOWN):
            problem = next((f for f in self.findings if f.status is status), None)
            if problem is not None:
                return f"{problem.title}: {problem.detail}"
        return f"all {len(self.findings)} checks passed"

    def last_check(self) -> LastCheck:
        """What the profile keeps of this run (no secrets, no raw answers)."""
        return LastCheck(
            at=self.started_at,
            outcome=self.outcome,
            summary=self.summary(),
            statuses={f.id: f.status.value for f in self.findings},
        )

    def as_json(self) -> dict[str, Any]:
        """The report as one JSON-ready object."""
        return {
            "profile": self.profile,
            "provider": self.provider,
            "started_at": self.started_at.isoformat(),
            "duration_ms": round(self.duration_ms, 1),
            "ok": self.ok,
            "outcome": self.outcome,
            "findings": [
                {
                    **asdict(f),
                    "status": f.status.value,
                    "latency_ms": None if f.latency_ms is None else round(f.latency_ms, 1),
                }
                for f in self.findings
            ],
        }


class FindingSink:
    """Collects findings into a report and tells the observer about each one."""

    def __init__(self, report: CheckReport, observer: Observer | None) -> None:
        self.report = report
        self._observer = observer

    def add(self, finding: Finding) -> None:
        """Record a finding, replacing an earlier one with the same id."""
        findings = self.report.findings
        findings[:] = [f for f in findings if f.id != finding.id]
        findings.append(finding)
        if self._observer is not None:
            self._observer(finding)

    def get(self, finding_id: str) -> Finding | None:
        """The finding recorded under an id, if any."""
        return next((f for f in self.report.findings if f.id == finding_id), None)

    def order(self, planned: list[PlannedFinding]) -> None:
        """Sort the findings into the planned order (they arrive in completion order)."""
        rank = {p.id: index for index, p in enumerate(planned)}
        self.report.findings.sort(key=lambda f: rank.get(f.id, len(rank)))


@contextmanager
def recording(
    profile: str,
    provider: str,
    now: datetime,
    observer: Observer | None,
    planned: list[PlannedFinding],
) -> Iterator[FindingSink]:
    """A report being filled through its sink; at the end its findings are put into the planned
    order and its duration is set."""
    sink = FindingSink(CheckReport(profile, provider, now), observer)
    started = time.perf_counter()
    try:
        yield sink
    finally:
        sink.order(planned)
        sink.report.duration_ms = (time.perf_counter() - started) * 1000


async def timed(call: Awaitable[T]) -> tuple[T | ProviderError, float]:
    """Await a provider call; return its result or its ProviderError, and the latency in ms."""
    started = time.perf_counter()
    try:
        result: T | ProviderError = await call
    except ProviderError as exc:
        result = exc
    return result, (time.perf_counter() - started) * 1000

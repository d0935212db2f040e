"""One report model for everything that produces rows of findings: checks, bootstrap, journeys.

Each row has a `FindingSpec` constant (id, title, whether it blocks); a run fills the rows with
`Finding` values as they become known and tells an observer about each one, so the console can
show live progress. `Report` decides the outcome, the exit code and the verdict sentence the
CLI and the console both show, so the two can never disagree.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

from nlconsole.i18n import Msg, Text, Translator, _, _n, joined

Outcome = Literal["pass", "warn", "fail"]


class Status(StrEnum):
    """How one finding came out."""

    PASS = "pass"  # noqa: S105 (a status, not a password)
    INFO = "info"
    WARN = "warn"
    FAIL = "fail"
    UNKNOWN = "unknown"
    """The fact could not be established (no right to read it, an error, a timeout)."""
    SKIPPED = "skipped"
    """The row was not run (cancelled, or a precondition failed first)."""


OUTCOME_LABEL: dict[str, Msg] = {"pass": _("PASS"), "warn": _("WARN"), "fail": _("FAIL")}
"""How the CLI and the console name an outcome."""
NOT_OK_STATUSES = frozenset({Status.FAIL, Status.UNKNOWN, Status.SKIPPED})


@dataclass(frozen=True)
class Finding:
    """One thing a run found out, with how to fix it."""

    id: str
    title: Text
    status: Status
    detail: Text
    remediation: Text | None = None
    latency_ms: float | None = None
    blocking: bool = False
    """A blocking row that did not pass means the interface cannot work (exit code 1)."""

    def as_json(self, translate: Translator) -> dict[str, Any]:
        """The finding as JSON, texts rendered in the reader's language."""
        return {
            "id": self.id,
            "title": translate(self.title),
            "status": self.status.value,
            "detail": translate(self.detail),
            "remediation": translate(self.remediation) or None,
            "latency_ms": None if self.latency_ms is None else round(self.latency_ms, 1),
            "blocking": self.blocking,
        }


@dataclass(frozen=True)
class FindingSpec:
    """A row a run will fill in: its id, title, and whether it blocks; builds its findings."""

    id: str
    title: Text
    blocking: bool = False

    def make(
        self,
        status: Status,
        detail: Text,
        remediation: Text | None = None,
        *,
        latency_ms: float | None = None,
    ) -> Finding:
        """A finding of this row."""
        return Finding(self.id, self.title, status, detail, remediation, latency_ms, self.blocking)

    def passed(self, detail: Text, *, latency_ms: float | None = None) -> Finding:
        """The row passed."""
        return self.make(Status.PASS, detail, latency_ms=latency_ms)

    def info(
        self, detail: Text, remediation: Text | None = None, *, latency_ms: float | None = None
    ) -> Finding:
        """Worth knowing, not a problem."""
        return self.make(Status.INFO, detail, remediation, latency_ms=latency_ms)

    def warn(
        self, detail: Text, remediation: Text | None = None, *, latency_ms: float | None = None
    ) -> Finding:
        """A problem that does not stop the interface."""
        return self.make(Status.WARN, detail, remediation, latency_ms=latency_ms)

    def failed(
        self, detail: Text, remediation: Text | None = None, *, latency_ms: float | None = None
    ) -> Finding:
        """The row failed."""
        return self.make(Status.FAIL, detail, remediation, latency_ms=latency_ms)

    def unknown(
        self, detail: Text, remediation: Text | None = None, *, latency_ms: float | None = None
    ) -> Finding:
        """The fact could not be established."""
        return self.make(Status.UNKNOWN, detail, remediation, latency_ms=latency_ms)

    def skipped(self, detail: Text) -> Finding:
        """The row was not run."""
        return self.make(Status.SKIPPED, detail)

    def keyed(self, key: str, title: Text) -> FindingSpec:
        """A row of a family (one per address book, one per field): `id.key`."""
        return replace(self, id=f"{self.id}.{key}", title=title)


Observer = Callable[[Finding], None]


@dataclass
class Report:
    """All findings of one run, and what they mean together."""

    kind: str
    """'check', 'bootstrap', ...: what produced the report."""
    profile: str
    provider: str
    started_at: datetime
    planned: list[FindingSpec] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    duration_ms: float = 0.0

    @property
    def ok(self) -> bool:
        """No blocking row failed or stayed unestablished: what exit code 0 means. A blocking
        row that could not be read (unknown, not run) does not pass; a warning does."""
        return not any(f.blocking and f.status in NOT_OK_STATUSES for f in self.findings)

    @property
    def outcome(self) -> Outcome:
        """'fail' when not ok or anything failed, 'warn' for warnings and unknowns, else 'pass'."""
        statuses = {f.status for f in self.findings}
        if not self.ok or Status.FAIL in statuses:
            return "fail"
        if statuses & {Status.WARN, Status.UNKNOWN, Status.SKIPPED}:
            return "warn"
        return "pass"

    def count(self, status: Status) -> int:
        """How many rows have a status."""
        return sum(1 for f in self.findings if f.status is status)

    def summary(self) -> Msg:
        """One line for lists: the first problem, else what passed (info rows said apart)."""
        for status in (Status.FAIL, Status.WARN, Status.UNKNOWN, Status.SKIPPED):
            problem = next((f for f in self.findings if f.status is status), None)
            if problem is not None:
                return _("{title}: {detail}", title=problem.title, detail=problem.detail)
        passed, info = self.count(Status.PASS), self.count(Status.INFO)
        if info:
            return _n(
                "{count} check passed, {info} for information",
                "{count} checks passed, {info} for information",
                passed,
                info=info,
            )
        return _n("the check passed", "all {count} checks passed", passed)

    def verdict(self) -> Msg:
        """The sentence under the rows, the same in the CLI and the console."""
        blocking_fail = any(f.blocking and f.status is Status.FAIL for f in self.findings)
        if blocking_fail:
            return _("The interface cannot work like this: fix the lines marked FAIL.")
        if not self.ok:
            return _(
                "Not verified: a required check could not be completed (lines marked ?); "
                "the interface may not work."
            )
        unverified = [f for f in self.findings if f.status in (Status.UNKNOWN, Status.SKIPPED)]
        if unverified:
            return self._not_verified(unverified)
        if self.count(Status.WARN) or self.count(Status.FAIL):
            return _("The interface has what it needs; the warnings are worth fixing.")
        return _("The interface has what it needs.")

    @staticmethod
    def _not_verified(rows: list[Finding]) -> Msg:
        """Which rows could not be verified, and how to verify them (their distinct fixes)."""
        titles = joined([f.title for f in rows])
        fixes = list(dict.fromkeys(f.remediation for f in rows if f.remediation))
        if not fixes:
            return _n(
                "The required checks passed, but {count} line could not be verified: {titles}.",
                "The required checks passed, but {count} lines could not be verified: {titles}.",
                len(rows),
                titles=titles,
            )
        return _n(
            "The required checks passed, but {count} line could not be verified: {titles}. "
            "To verify it: {fixes}",
            "The required checks passed, but {count} lines could not be verified: {titles}. "
            "To verify them: {fixes}",
            len(rows),
            titles=titles,
            fixes=joined(fixes, " "),
        )


class ReportRecorder:
    """Fills a report: each finding replaces the one with the same id and goes to the observer."""

    def __init__(self, report: Report, observer: Observer | None) -> None:
        self.report = report
        self._observer = observer

    def add(self, finding: Finding) -> None:
        """Record a finding (replacing an earlier one of the same row)."""
        findings = self.report.findings
        findings[:] = [f for f in findings if f.id != finding.id]
        findings.append(finding)
        if self._observer is not None:
            self._observer(finding)

    def get(self, finding_id: str) -> Finding | None:
        """The finding recorded for a row, if any."""
        return next((f for f in self.report.findings if f.id == finding_id), None)

    def missing(self) -> list[FindingSpec]:
        """Planned rows without a finding yet."""
        done = {f.id for f in self.report.findings}
        return [spec for spec in self.report.planned if spec.id not in done]

    def put_in_planned_order(self) -> None:
        """Findings arrive in completion order; reports list them in planned order."""
        rank = {spec.id: index for index, spec in enumerate(self.report.planned)}
        self.report.findings.sort(key=lambda f: rank.get(f.id, len(rank)))


@contextmanager
def recording(
    kind: str,
    profile: str,
    provider: str,
    started_at: datetime,
    planned: Sequence[FindingSpec],
    observer: Observer | None,
    monotonic: Callable[[], float] = time.perf_counter,
) -> Iterator[ReportRecorder]:
    """A report being filled; at the end it is put in planned order and its duration set
    (measured on the injected clock, so a fixed clock gives a fixed duration)."""
    recorder = ReportRecorder(Report(kind, profile, provider, started_at, list(planned)), observer)
    started = monotonic()
    try:
        yield recorder
    finally:
        recorder.put_in_planned_order()
        recorder.report.duration_ms = (monotonic() - started) * 1000

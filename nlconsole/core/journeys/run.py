"""What a journey run records: its test address, each step with what was expected and seen,
the person's answers and notes, timestamps and the verdict. Kept as JSON under runs/; texts
stay translatable, so a protocol can show a run in German or English later. Never a secret."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from nlconsole import __version__
from nlconsole.core.journeys.expect import Observed, Verdict
from nlconsole.i18n import Msg, Text


def _text_json(text: Text | None) -> Any:
    return text.to_json() if isinstance(text, Msg) else text


@dataclass
class StepRecord:
    """One step as it went."""

    title: Text
    kind: str
    """'act' (someone or nlconsole does something), 'observe' (the provider is read), 'ask'."""
    verdict: Verdict = Verdict.PENDING
    started_at: datetime | None = None
    ended_at: datetime | None = None
    observed: list[Observed] = field(default_factory=list)
    detail: Text | None = None
    answer: str | None = None
    """For questions: 'yes', 'no' or 'not asked' (no person at a terminal)."""
    note: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The step as JSON (texts in their translatable form)."""
        return {
            "title": _text_json(self.title),
            "kind": self.kind,
            "verdict": self.verdict.value,
            "started_at": self.started_at.isoformat() if self.started_at else None,
            "ended_at": self.ended_at.isoformat() if self.ended_at else None,
            "expectations": [
                {
                    "field": o.expectation.field,
                    "label": _text_json(o.expectation.label),
                    "expected": o.expectation.expected,
                    "observed": o.observed,
                    "verdict": o.verdict.value,
                }
                for o in self.observed
            ],
            "detail": _text_json(self.detail),
            "answer": self.answer,
            "note": self.note,
        }


@dataclass
class JourneyRun:
    """One run of one journey for one profile."""

    id: str
    profile: str
    provider: str
    journey: str
    title: Text
    mode: str
    """'tester' (a person acts in the vendor's system) or 'simulate' (nlconsole acts)."""
    address: str
    started_at: datetime
    ended_at: datetime | None = None
    verdict: Verdict = Verdict.PENDING
    fix: Text | None = None
    """For a blocked run: what to do before running it again."""
    steps: list[StepRecord] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The run as one JSON document."""
        return {
            "schema_version": 1,
            "id": self.id,
            "profile": self.profile,
            "provider": self.provider,
            "journey": self.journey,
            "title": _text_json(self.title),
            "mode": self.mode,
            "address": self.address,
            "started_at": self.started_at.isoformat(),
            "ended_at": self.ended_at.isoformat() if self.ended_at else None,
            "verdict": self.verdict.value,
            "fix": _text_json(self.fix),
            "steps": [step.as_json() for step in self.steps],
            "nlconsole": __version__,
        }

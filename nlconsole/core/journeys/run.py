"""What a journey run records: its test address, each step with what was expected and seen,
the person's answers and notes, timestamps and the verdict. Kept as JSON under runs/; texts
stay translatable, so a protocol can show a run in German or English later. Never a secret."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from nlconsole import __version__
from nlconsole.core.journeys.expect import Expectation, Observed, Verdict
from nlconsole.i18n import Msg, Text


def _text_json(text: Text | None) -> Any:
    return text.to_json() if isinstance(text, Msg) else text


def _text(data: Any) -> Text | None:
    return None if data is None else Msg.from_json(data)


def _time(data: Any) -> datetime | None:
    return datetime.fromisoformat(data) if isinstance(data, str) else None


def _optional_str(data: Any) -> str | None:
    return None if data is None else str(data)


def _strings(data: Any) -> dict[str, str]:
    if not isinstance(data, dict):
        return {}
    return {str(key): str(value) for key, value in data.items()}


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

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StepRecord:
        """Read what `as_json` wrote (KeyError, ValueError or TypeError when it is not that)."""
        observed = [
            Observed(
                Expectation(
                    str(item["field"]),
                    Msg.from_json(item["label"]),
                    _optional_str(item.get("expected")),
                ),
                _optional_str(item.get("observed")),
                Verdict(item["verdict"]),
            )
            for item in data.get("expectations") or []
        ]
        return cls(
            title=Msg.from_json(data["title"]),
            kind=str(data["kind"]),
            verdict=Verdict(data["verdict"]),
            started_at=_time(data.get("started_at")),
            ended_at=_time(data.get("ended_at")),
            observed=observed,
            detail=_text(data.get("detail")),
            answer=_optional_str(data.get("answer")),
            note=_optional_str(data.get("note")),
        )


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
    person: dict[str, str] = field(default_factory=dict)
    """The test person's values the run used (names, Anrede; evidence, never a secret)."""
    facts: dict[str, str] = field(default_factory=dict)
    """What steps learned (a recipient id): a resumed run goes on with them."""

    @property
    def interrupted(self) -> bool:
        """The run stopped before its verdict (cancelled, closed, crashed): it can resume."""
        return self.verdict is Verdict.PENDING

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
            "person": dict(self.person),
            "facts": dict(self.facts),
            "nlconsole": __version__,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> JourneyRun:
        """Read what `as_json` wrote (KeyError, ValueError or TypeError when it is not that)."""
        started = _time(data["started_at"])
        if started is None:
            raise ValueError("a run needs its start time")
        return cls(
            id=str(data["id"]),
            profile=str(data["profile"]),
            provider=str(data["provider"]),
            journey=str(data["journey"]),
            title=Msg.from_json(data["title"]),
            mode=str(data["mode"]),
            address=str(data["address"]),
            started_at=started,
            ended_at=_time(data.get("ended_at")),
            verdict=Verdict(data["verdict"]),
            fix=_text(data.get("fix")),
            steps=[StepRecord.from_json(step) for step in data.get("steps") or []],
            person=_strings(data.get("person")),
            facts=_strings(data.get("facts")),
        )

"""Comparing what a journey expects with what the provider shows, field by field.

Values are compared after Unicode NFC normalisation (a name typed on a Mac and one stored by a
server may use different code points for "ü"), with surrounding white space ignored, and with
missing, empty and Maileon's `nil` treated as the same: "no value".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from nlconsole.i18n import Text

ABSENT = None
"""Expected value meaning: the field has no value (missing, empty or nil)."""


class Verdict(StrEnum):
    """How an expectation, a step or a run came out."""

    PASS = "pass"  # noqa: S105 (a verdict)
    FAIL = "fail"
    BLOCKED = "blocked"
    """A precondition is missing (no read key, no address book, key expired): fix, then rerun."""
    SKIPPED = "skipped"
    PENDING = "pending"
    """Not judged yet (still waiting for the provider or for a person)."""


def normalised(value: object) -> str | None:
    """A comparable form: NFC, trimmed; None for missing, empty and nil."""
    if value is None:
        return None
    text = unicodedata.normalize("NFC", str(value)).strip()
    return text or None


@dataclass(frozen=True)
class Expectation:
    """One field a step expects: its label, the field, and the value (None: no value)."""

    field: str
    label: Text
    expected: str | None

    def judge(self, observed: Mapping[str, object] | None) -> Observed:
        """Compare with what the provider shows (None: the contact does not exist)."""
        value = None if observed is None else observed.get(self.field)
        shown = normalised(value)
        verdict = Verdict.PASS if shown == normalised(self.expected) else Verdict.FAIL
        return Observed(self, shown, verdict)


@dataclass(frozen=True)
class Observed:
    """An expectation with what was seen and its verdict."""

    expectation: Expectation
    observed: str | None
    verdict: Verdict


def overall(verdicts: list[Verdict]) -> Verdict:
    """One verdict for several: blocked beats fail beats pending beats pass; all skipped is
    skipped; nothing to judge is pending."""
    if not verdicts:
        return Verdict.PENDING
    for verdict in (Verdict.BLOCKED, Verdict.FAIL, Verdict.PENDING):
        if verdict in verdicts:
            return verdict
    if all(v is Verdict.SKIPPED for v in verdicts):
        return Verdict.SKIPPED
    return Verdict.PASS

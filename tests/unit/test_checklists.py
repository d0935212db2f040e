"""Checklist state: ticks, skips, and the rule that a tick never hides a failed check."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from nlconsole.core.checklists import StepView, is_decided_by_check, mark, progress, view_of
from nlconsole.core.kit import kit_for
from nlconsole.core.maileon import findings as rows
from nlconsole.core.models import LastCheck, Profile, StepStatus

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
STEPS = tuple(kit_for("maileon").checklist())


def profile(**statuses: str) -> Profile:
    last = (
        LastCheck(at=NOW, outcome="pass", summary="s", statuses=dict(statuses))
        if statuses
        else None
    )
    return Profile.model_validate({"name": "acme", "provider": "maileon", "last_check": last})


def test_a_tick_marks_done_skips_and_reopens() -> None:
    privacy = next(s for s in STEPS if s.id == "privacy_policy")
    base = profile()
    assert view_of(privacy, base) is StepView.PENDING
    done = mark(STEPS, base, "privacy_policy", StepStatus.DONE, NOW, by="anna")
    assert view_of(privacy, done) is StepView.DONE
    assert done.checklist["privacy_policy"].by == "anna"
    assert done.checklist["privacy_policy"].at == NOW
    skipped = mark(STEPS, done, "privacy_policy", StepStatus.SKIPPED, NOW)
    assert view_of(privacy, skipped) is StepView.SKIPPED
    reopened = mark(STEPS, skipped, "privacy_policy", StepStatus.PENDING, NOW)
    assert view_of(privacy, reopened) is StepView.PENDING
    assert base.checklist == {}, "mark returns a copy"


def test_unknown_step_is_refused() -> None:
    with pytest.raises(KeyError):
        mark(STEPS, profile(), "no_such_step", StepStatus.DONE, NOW)


def test_a_tick_never_hides_a_failed_check() -> None:
    rights = next(s for s in STEPS if s.id == "key_rights")
    assert rows.RIGHT_CREATE in rights.verified_by
    failed = profile(**{"right.create": "fail", "right.update": "pass"})
    ticked = mark(STEPS, failed, "key_rights", StepStatus.DONE, NOW)
    assert view_of(rights, ticked) is StepView.FAILED
    assert is_decided_by_check(rights, ticked)
    # One failed row is enough even when the other row was not checked.
    partial = profile(**{"right.create": "fail"})
    assert view_of(rights, mark(STEPS, partial, "key_rights", StepStatus.DONE, NOW)) is (
        StepView.FAILED
    )


def test_a_passed_check_verifies_and_a_warning_leaves_the_tick() -> None:
    expiry = next(s for s in STEPS if s.id == "key_expiry")
    assert view_of(expiry, profile(**{"key.expiry": "pass"})) is StepView.VERIFIED
    warned = profile(**{"key.expiry": "warn"})
    assert view_of(expiry, warned) is StepView.PENDING
    assert view_of(expiry, mark(STEPS, warned, "key_expiry", StepStatus.DONE, NOW)) is (
        StepView.DONE
    )


def test_progress_counts_done_verified_and_skipped_but_not_failed() -> None:
    checked = profile(**{"key.valid": "pass", "right.create": "fail", "right.update": "pass"})
    ticked = mark(STEPS, checked, "privacy_policy", StepStatus.DONE, NOW)
    ticked = mark(STEPS, ticked, "key_label", StepStatus.SKIPPED, NOW)
    ticked = mark(STEPS, ticked, "key_rights", StepStatus.DONE, NOW)  # failed: not counted
    done, total = progress(STEPS, ticked)
    verified = sum(1 for s in STEPS if view_of(s, ticked) is StepView.VERIFIED)
    assert total == len(STEPS)
    assert done == 2 + verified
    assert verified == 2  # create_key and enter_key are verified by key.valid

"""Sandbox settings and fault specs refuse values that would make it misbehave."""

from __future__ import annotations

import pytest

from nlconsole.sandbox.faults import FaultRule
from nlconsole.sandbox.server import SandboxOptions


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        ("error:status=100", "status"),
        ("latency:latency_ms=-5", "latency_ms"),
        ("latency:latency_ms=fast", "latency_ms"),
        ("slow_body:chunk_delay_ms=-1", "chunk_delay_ms"),
        ("rate_limit:retry_after=-1", "retry_after"),
        ("error:share=2", "share"),
        ("error:colour=red", "unknown fault rule keys"),
        ("error:status", "key=value"),
    ],
)
def test_bad_fault_specs_raise_value_error(spec: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        FaultRule.parse_spec(spec)


def test_a_good_fault_spec_parses() -> None:
    rule = FaultRule.parse_spec("error:status=503,share=0.5,method=get")
    assert (rule.kind, rule.status, rule.share, rule.method) == ("error", 503, 0.5, "GET")


def test_fault_rules_built_in_python_are_checked_too() -> None:
    with pytest.raises(ValueError, match="latency_ms"):
        FaultRule(kind="latency", latency_ms=-100)


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"token_lifetime": 0}, "token_lifetime"),
        ({"token_lifetime": -1.0}, "token_lifetime"),
        ({"token_lifetime": float("inf")}, "token_lifetime"),
        ({"unsubscribe_delay": -0.5}, "unsubscribe_delay"),
        ({"unsubscribe_delay": float("nan")}, "unsubscribe_delay"),
        ({"seed": 1.5}, "seed"),
    ],
)
def test_sandbox_options_refuse_bad_numbers(options: dict[str, float], words: str) -> None:
    with pytest.raises(ValueError, match=words):
        SandboxOptions(**options)  # type: ignore[arg-type]


def test_sandbox_options_accept_zero_delay() -> None:
    assert SandboxOptions(unsubscribe_delay=0).unsubscribe_delay == 0

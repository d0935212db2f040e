"""Fault injection: latency, error statuses, 429 with Retry-After, dropped connections, lost
responses (the request takes effect, the answer never arrives), slow bodies and non-API
answers, on a share of the API requests.

Rules are set at start (`nlconsole sandbox --latency-ms/--fault`) or at run time through
`/_sandbox/faults`. A rule may be limited to a path prefix, a method and a number of requests,
which is what tests use ("429 once, then success").
"""

from __future__ import annotations

import random
import threading
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from nlconsole.sandbox.web import Response

FaultKind = Literal["latency", "error", "rate_limit", "drop", "lost_response", "slow_body", "html"]
FAULT_KINDS: tuple[str, ...] = (
    "latency",
    "error",
    "rate_limit",
    "drop",
    "lost_response",
    "slow_body",
    "html",
)


SLOW_BODY_CHUNK = 16
"""slow_body: bytes per chunk."""
LIMITS_MS = {"latency_ms": 600_000, "chunk_delay_ms": 60_000}
MAX_RETRY_AFTER = 86_400


@dataclass
class FaultRule:
    """One kind of fault, applied to matching requests with probability `share`.

    Every value is checked on construction (ValueError with what is wrong), so a rule from the
    CLI, the control API or Python code cannot make the sandbox sleep forever or answer 100.
    """

    kind: FaultKind
    share: float = 1.0
    count: int | None = None
    """Apply to at most this many requests, then retire the rule (None: forever)."""
    path: str = ""
    """Only requests whose path starts with this prefix."""
    method: str | None = None
    status: int = 500
    """error: the status to answer, 400..599."""
    retry_after: int = 1
    latency_ms: int = 0
    chunk_delay_ms: int = 100
    """slow_body: pause between body chunks of 16 bytes."""

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"fault kind must be one of {', '.join(FAULT_KINDS)}")
        share = self.share
        if isinstance(share, bool) or not isinstance(share, int | float) or not 0 <= share <= 1:
            raise ValueError("share must be a number between 0 and 1")
        if self.count is not None and (not _is_int(self.count) or self.count < 1):
            raise ValueError("count must be a whole number of at least 1")
        if not isinstance(self.path, str):
            raise ValueError("path must be a string (a path prefix such as /maileon/1.0/ping)")
        if self.method is not None and not isinstance(self.method, str):
            raise ValueError("method must be a string such as GET")
        if not _is_int(self.status) or not 400 <= self.status <= 599:
            raise ValueError("status must be an error status between 400 and 599")
        if not _is_int(self.retry_after) or not 0 <= self.retry_after <= MAX_RETRY_AFTER:
            raise ValueError(f"retry_after must be whole seconds between 0 and {MAX_RETRY_AFTER}")
        for name, limit in LIMITS_MS.items():
            value = getattr(self, name)
            if not _is_int(value) or not 0 <= value <= limit:
                raise ValueError(f"{name} must be whole milliseconds between 0 and {limit}")
        if self.method is not None:
            self.method = self.method.upper()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FaultRule:
        """Validate a rule given as JSON; raises ValueError with what is wrong."""
        if not isinstance(data, dict):
            raise ValueError("a fault rule is a JSON object")
        unknown = set(data) - set(cls.__dataclass_fields__)
        if unknown:
            raise ValueError(f"unknown fault rule keys: {', '.join(sorted(unknown))}")
        if data.get("kind") not in FAULT_KINDS:
            raise ValueError(f"fault kind must be one of {', '.join(FAULT_KINDS)}")
        return cls(**data)

    @classmethod
    def parse_spec(cls, spec: str) -> FaultRule:
        """Parse the CLI form `kind[:key=value,...]`, e.g. `error:status=503,share=0.5`."""
        kind, _, rest = spec.partition(":")
        data: dict[str, Any] = {"kind": kind.strip()}
        for item in filter(None, (part.strip() for part in rest.split(","))):
            key, eq, value = item.partition("=")
            if not eq:
                raise ValueError(f"expected key=value in fault spec, got {item!r}")
            data[key.strip()] = _coerce(value.strip())
        return cls.from_dict(data)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _coerce(value: str) -> Any:
    for convert in (int, float):
        try:
            return convert(value)
        except ValueError:
            continue
    return value


@dataclass
class FaultDecision:
    """What to do to one request."""

    latency_ms: int = 0
    error_status: int | None = None
    retry_after: int | None = None
    drop: bool = False
    lost_response: bool = False
    """Dispatch the request (it takes effect), then drop the connection before the answer."""
    slow_chunk_delay_ms: int | None = None
    html: bool = False
    applied: list[str] = field(default_factory=list)


class FaultInjector:
    """Holds the active rules; thread-safe, deterministic for a given seed."""

    def __init__(self, seed: int = 0) -> None:
        self._rules: list[FaultRule] = []
        self._lock = threading.Lock()
        # Deterministic shares for reproducible tests, not security.
        self._random = random.Random(seed)  # noqa: S311

    def add(self, rule: FaultRule) -> None:
        """Activate a rule."""
        with self._lock:
            self._rules.append(rule)

    def clear(self) -> None:
        """Remove all rules."""
        with self._lock:
            self._rules.clear()

    def rules(self) -> list[dict[str, Any]]:
        """The active rules as JSON-ready dicts."""
        with self._lock:
            return [asdict(rule) for rule in self._rules]

    def decide(self, method: str, path: str) -> FaultDecision:
        """Pick the faults for one request (counting down limited rules)."""
        decision = FaultDecision()
        with self._lock:
            for rule in list(self._rules):
                if not path.startswith(rule.path) or (rule.method and rule.method != method):
                    continue
                if rule.share < 1.0 and self._random.random() >= rule.share:
                    continue
                if rule.count is not None:
                    rule.count -= 1
                    if rule.count <= 0:
                        self._rules.remove(rule)
                _apply(rule, decision)
        return decision


def _apply(rule: FaultRule, decision: FaultDecision) -> None:
    decision.applied.append(rule.kind)
    if rule.kind == "latency":
        decision.latency_ms += rule.latency_ms
    elif rule.kind == "error":
        decision.error_status = rule.status
    elif rule.kind == "rate_limit":
        decision.error_status = 429
        decision.retry_after = rule.retry_after
    elif rule.kind == "drop":
        decision.drop = True
    elif rule.kind == "lost_response":
        decision.lost_response = True
    elif rule.kind == "slow_body":
        decision.slow_chunk_delay_ms = rule.chunk_delay_ms
    elif rule.kind == "html":
        decision.html = True


def fault_response(decision: FaultDecision) -> Response | None:
    """The answer that replaces the real one (error, rate limit, HTML page), if any."""
    if decision.error_status is not None:
        status = decision.error_status
        headers = (
            {"Retry-After": str(decision.retry_after)} if decision.retry_after is not None else {}
        )
        return Response.json(status, {"error": "injected fault", "status": status}, headers)
    if decision.html:
        return Response.html(
            200,
            "<!doctype html><html><body><h1>Welcome</h1>"
            "<p>Please log in to the network.</p></body></html>",
        )
    return None

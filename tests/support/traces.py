"""Access to the official clients' wire traces (tests/fixtures/wire-traces)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

TRACES = Path(__file__).resolve().parent.parent / "fixtures" / "wire-traces"


@cache
def _load(provider: str) -> dict[str, Any]:
    name = {"maileon": "maileon-official-php.json", "n2g": "n2g-official-php.json"}[provider]
    data: dict[str, Any] = json.loads((TRACES / name).read_text(encoding="utf-8"))
    return data


def exchanges(provider: str, op: str) -> list[dict[str, Any]]:
    """The recorded exchanges of one operation."""
    for operation in _load(provider)["operations"]:
        if operation["op"] == op:
            found: list[dict[str, Any]] = operation["exchanges"]
            return found
    raise KeyError(op)


def exchange(provider: str, op: str) -> dict[str, Any]:
    """The single recorded exchange of an operation."""
    [only] = exchanges(provider, op)
    return only


def header(exchange: dict[str, Any], name: str) -> str | None:
    """A request header of a recorded exchange (case-insensitive)."""
    for key, value in exchange["headers"]:
        if key.lower() == name.lower():
            return str(value)
    return None

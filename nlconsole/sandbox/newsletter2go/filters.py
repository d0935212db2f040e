"""The `_filter` parameter: the subset of FIQL the sandbox understands."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

FILTER_TERM = re.compile(r'^\s*([A-Za-z_][A-Za-z0-9_]*)\s*==\s*"([^"]*)"\s*$')

Predicate = Callable[[dict[str, Any]], bool]


class BadFilter(ValueError):
    """A `_filter` the sandbox does not understand."""


def parse_filter(text: str | None) -> Predicate:
    """`field=="value"` terms joined with `;` (AND); values compare case-insensitively."""
    if not text:
        return lambda item: True
    terms = []
    for part in text.split(";"):
        match = FILTER_TERM.match(part)
        if not match:
            raise BadFilter(f"unsupported _filter term: {part!r}")
        terms.append((match.group(1), match.group(2)))

    def matches(item: dict[str, Any]) -> bool:
        return all(str(item.get(name, "")).lower() == value.lower() for name, value in terms)

    return matches

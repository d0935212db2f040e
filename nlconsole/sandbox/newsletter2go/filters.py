"""The `_filter` parameter: the part of FIQL an observer needs.

Terms `field<op>"value"` with the documented operators `==`, `=ne=`, `=like=` and `=nlike=`
(`%` is the wildcard; operator names in any case), joined by `;` (AND, binds tighter) and `,`
(OR). Values compare case-insensitively. Anything else (parentheses, `=gt=`, the undocumented
`!=`, unquoted values) is refused with 400, so a client cannot come to rely on it here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

TERM = re.compile(r'^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(==|=[A-Za-z]+=)\s*"([^"]*)"\s*$')
OPERATORS = ("==", "=ne=", "=like=", "=nlike=")
MAX_FILTER_LENGTH = 2000
MAX_TERMS = 50

Predicate = Callable[[dict[str, Any]], bool]


class BadFilter(ValueError):
    """A `_filter` the sandbox does not understand."""


def parse_filter(text: str | None) -> Predicate:
    """A predicate over an item's JSON view (everything matches without a filter)."""
    if not text:
        return lambda item: True
    if len(text) > MAX_FILTER_LENGTH:
        raise BadFilter(f"_filter is longer than {MAX_FILTER_LENGTH} characters")
    alternatives = [[_term(part) for part in _split(group, ";")] for group in _split(text, ",")]
    if sum(len(group) for group in alternatives) > MAX_TERMS:
        raise BadFilter(f"_filter has more than {MAX_TERMS} terms")

    def matches(item: dict[str, Any]) -> bool:
        return any(all(term(item) for term in group) for group in alternatives)

    return matches


def _split(text: str, separator: str) -> list[str]:
    """Split on `separator` outside double quotes."""
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == separator and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _term(text: str) -> Predicate:
    match = TERM.match(text)
    operator = match.group(2).lower() if match else ""
    if match is None or operator not in OPERATORS:
        raise BadFilter(
            f"unsupported _filter term: {text!r} (the sandbox knows "
            f'field=="value" with {", ".join(OPERATORS)}, joined by ; and ,)'
        )
    name, value = match.group(1), match.group(3).lower()
    if operator in ("=like=", "=nlike="):
        pattern = re.compile(
            "^" + ".*".join(re.escape(part) for part in value.split("%")) + "$", re.DOTALL
        )
        wanted = operator == "=like="
        return lambda item: bool(pattern.match(_text(item.get(name)))) == wanted
    equal = operator == "=="
    return lambda item: (_text(item.get(name)) == value) == equal


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value).lower()

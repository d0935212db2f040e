"""Printing for the CLI: errors to stderr with their remediation, tables and JSON to stdout."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

from nlconsole.errors import NLConsoleError


def print_error(exc: NLConsoleError) -> None:
    """Print an error and its remediation to stderr."""
    print(f"nlconsole: error: {exc.message}", file=sys.stderr)
    if exc.remediation:
        print(f"  fix: {exc.remediation}", file=sys.stderr)


def print_warnings(warnings: Sequence[str]) -> None:
    """Print warnings to stderr, one per line."""
    for warning in warnings:
        print(f"nlconsole: warning: {warning}", file=sys.stderr)


def print_json(document: Any) -> None:
    """Print one JSON document on one line."""
    print(json.dumps(document, ensure_ascii=False, default=str))


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Print rows as an aligned plain-text table."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    for line in (headers, *rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())

"""Printing for the CLI: errors to stderr with their remediation, tables and JSON to stdout.

Every text goes through the translator here, at the edge. With `--json`, errors are JSON too,
so a script reading stdout never has to parse prose.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

from nlconsole.errors import NLConsoleError
from nlconsole.i18n import Text, Translator, _


class Printer:
    """Writes translated text, tables and JSON."""

    def __init__(self, translate: Translator, *, json: bool = False) -> None:
        self.translate = translate
        self.json_mode = json

    def line(self, text: Text = "") -> None:
        """One line to stdout."""
        print(self.translate(text))

    def error(self, exc: NLConsoleError) -> None:
        """An error and its remediation: to stderr, or as a JSON document with --json."""
        message, fix = self.translate(exc.message), self.translate(exc.remediation)
        if self.json_mode:
            self.json({"error": {"message": message, "remediation": fix or None}})
            return
        print(self.translate(_("nlconsole: error: {message}", message=message)), file=sys.stderr)
        if fix:
            print(self.translate(_("  fix: {remediation}", remediation=fix)), file=sys.stderr)

    def warnings(self, warnings: Sequence[Text]) -> None:
        """Warnings to stderr, one per line."""
        for warning in warnings:
            print(
                self.translate(_("nlconsole: warning: {warning}", warning=warning)),
                file=sys.stderr,
            )

    def json(self, document: Any) -> None:
        """One JSON document on one line."""
        print(json.dumps(document, ensure_ascii=False, default=str))

    def table(self, headers: Sequence[Text], rows: Sequence[Sequence[str]]) -> None:
        """Rows as an aligned plain-text table."""
        head = [self.translate(h) for h in headers]
        widths = [len(h) for h in head]
        for row in rows:
            widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
        for line in (head, *rows):
            print("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())

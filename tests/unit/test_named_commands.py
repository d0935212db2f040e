"""Texts never send people to a command that does not exist (`nlconsole bootstrap` once did)."""

from __future__ import annotations

import argparse
import ast
import re
from pathlib import Path

import nlconsole
from nlconsole.cli import build_parser
from nlconsole.i18n import Translator
from tests.support.catalog import read_catalog

MENTION = re.compile(r"(?i)\bnlconsole\s+([a-zäöü][\w-]*)(?: ([a-z][a-z-]*))?")
"""Every "nlconsole <word>" in any text, English or German, in any phrasing ("run nlconsole
frobnicate", "nlconsole frobnicate to fix it", a command line)."""

PROSE = frozenset(
    {
        # English: nlconsole as the subject of a sentence
        *("acts", "can", "cannot", "command", "credential", "does", "has", "hand-over", "is"),
        *("made", "make", "never", "opens", "reads", "recognises", "reports", "stopped"),
        *("tells",),
        *("understands", "uses", "watches", "without", "wrote", "yet"),
        # German
        *("beobachtet", "den", "die", "erkennt", "geschrieben", "hat", "kann", "liest"),
        *("meldet", "nicht", "noch", "ohne", "sagt", "simuliert", "verwendet", "ändert"),
    }
)
"""Words that follow "nlconsole" in prose. A new one is a decision: add it here only when the
text is a sentence about nlconsole, never a command."""


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def user_facing_strings() -> list[str]:
    """Every msgid and its German, and every other string literal in the package that is not
    a docstring."""
    texts: list[str] = []
    for message in read_catalog():
        for text in (message.id, message.string):
            texts += [text] if isinstance(text, str) else list(text or ())
    for path in Path(nlconsole.__file__).parent.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstrings(tree)
        texts += [
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skip
        ]
    return texts


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def unknown_commands(texts: list[str]) -> list[str]:
    """The mentions that name no subcommand (or no action of it) and are not prose."""
    commands = _subcommands(build_parser(Translator.for_language("en")))
    unknown = []
    for text in texts:
        for match in MENTION.finditer(text):
            first, second = match.group(1), match.group(2) or ""
            if first in PROSE:
                continue
            if first not in commands:
                unknown.append(match.group(0))
                continue
            actions = _subcommands(commands[first])
            if actions and second and second not in actions:
                unknown.append(match.group(0))
    return unknown


def test_every_named_command_exists() -> None:
    texts = user_facing_strings()
    assert any("nlconsole secrets set" in text for text in texts), "the scan sees the texts"
    assert unknown_commands(texts) == []


def test_the_scan_catches_a_command_in_any_phrasing() -> None:
    phrasings = [
        "Run nlconsole frobnicate.",
        "run nlconsole frobnicate to fix it.",
        "Use nlconsole frobnicate --apply.",
        "Führen Sie nlconsole frobnicate aus.",
        "nlconsole secrets frobnicate acme",
    ]
    assert len(unknown_commands(phrasings)) == len(phrasings)
    assert unknown_commands(["nlconsole secrets set acme api_key", "nlconsole reads it"]) == []

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

MENTION = re.compile(
    r"(?:^|['`]|run |with: |: )nlconsole ((?:[a-z][a-z-]*)(?: [a-z][a-z-]*)?)"
    r"(?=\s*$|['`:;.,)]| [A-Z{<-])"
)
"""A command as texts name it: quoted, after "run"/"with:", or a command line, ending where its
arguments begin (prose such as "nlconsole reads its settings" is not a command)."""


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def user_facing_strings() -> list[str]:
    """Every msgid, and every other string literal in the package that is not a docstring."""
    texts = [m.id if isinstance(m.id, str) else m.id[0] for m in read_catalog() if m.id]
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


def test_every_named_command_exists() -> None:
    commands = _subcommands(build_parser(Translator.for_language("en")))
    mentions = [m.group(1) for text in user_facing_strings() for m in MENTION.finditer(text)]
    assert "secrets set" in mentions, "the scan must see the commands the texts name"
    unknown = []
    for mention in mentions:
        first, _, second = mention.partition(" ")
        if first not in commands:
            unknown.append(mention)
            continue
        actions = _subcommands(commands[first])
        if actions and second and second not in actions:
            unknown.append(mention)
    assert unknown == []

"""Shared by the battery's test modules: a home with two profiles and their secrets, a
snapshot of everything stored, and running the CLI in process."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from nlconsole.cli import main
from nlconsole.sandbox.server import SandboxServer

MAILEON_KEY = "a1b2c3d4-e5f6-4789-abcd-ef0123456789"
OTHER_KEY = "b1b2c3d4-e5f6-4789-abcd-ef0123456789"
State = tuple[bytes, dict[tuple[str, str], str], list[str]]


def run(argv: list[str], stdin: str | None, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Exit code and everything printed (stderr first); argparse exits count as codes."""
    sys.stdin = io.StringIO(stdin if stdin is not None else "")
    try:
        code = main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    finally:
        sys.stdin = sys.__stdin__
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    assert "Traceback" not in out
    return code, err + out


def prepare_home(
    isolated_home: Path,
    memory_keyring: dict[tuple[str, str], str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Callable[[], State]:
    """Two profiles with their secrets (the sandbox may not start); returns a snapshot
    function of everything stored. Each battery module wraps it in its `home` fixture."""

    def refuse_to_serve(self: SandboxServer) -> None:
        raise AssertionError("the sandbox started: the bad option was accepted")

    monkeypatch.setattr(SandboxServer, "serve_forever", refuse_to_serve)
    for argv, stdin in (
        (["profiles", "add", "acme", "--provider", "maileon"], None),
        (
            ["profiles", "add", "peiq", "--provider", "newsletter2go", "--newsletter", "Lokales"],
            None,
        ),
        (["secrets", "set", "acme", "api_key"], MAILEON_KEY),
        (["secrets", "set", "peiq", "auth_key"], "client:secret"),
        (["secrets", "set", "peiq", "username"], "api@example.com"),
        (["secrets", "set", "peiq", "password"], "pw"),
    ):
        assert run(argv, stdin, capsys)[0] == 0

    def state() -> State:
        files = sorted(p.name for p in isolated_home.iterdir() if p.name != "profiles.toml.lock")
        return (isolated_home / "profiles.toml").read_bytes(), dict(memory_keyring), files

    return state

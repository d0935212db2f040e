"""The bad-input battery, continued: --json errors, a few refusals through a real process,
the stored key surviving a refused paste, and the question before deleting all secrets."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from nlconsole.cli import main
from tests.integration.battery_support import MAILEON_KEY, OTHER_KEY, State, prepare_home, run
from tests.integration.test_battery import NOT_HTTP, TWO_PASTES


@pytest.fixture
def home(
    isolated_home: Path,
    memory_keyring: dict[tuple[str, str], str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Callable[[], State]:
    return prepare_home(isolated_home, memory_keyring, capsys, monkeypatch)


JSON_CASES = [
    ["profiles", "show", "nobody", "--json"],
    ["check", "nobody", "--json"],
    ["check", "acme", "--json", "--deadline", "0"],
    ["secrets", "status", "nobody", "--json"],
    ["sandbox", "--json", "--port", "99999"],
    ["sandbox", "--json", "--fault", "error:status=100"],
    ["--home", "/etc/passwd", "profiles", "list", "--json"],
]


@pytest.mark.parametrize("argv", JSON_CASES, ids=[" ".join(a) for a in JSON_CASES])
def test_with_json_errors_are_one_json_document(
    argv: list[str], home: Callable[[], State], capsys: pytest.CaptureFixture[str]
) -> None:
    before = home()
    sys.stdin = io.StringIO("")
    try:
        code = main(argv)
    finally:
        sys.stdin = sys.__stdin__
    out, err = capsys.readouterr()
    assert code == 2
    document = json.loads(out)
    assert document["error"]["message"]
    assert "Traceback" not in err
    assert home() == before


def test_a_refused_paste_keeps_the_stored_key(
    home: Callable[[], State],
    memory_keyring: dict[tuple[str, str], str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Two keys pasted at once must not replace the working one (not even with a warning)."""
    code, printed = run(
        ["secrets", "set", "acme", "api_key"], f"{OTHER_KEY}\n{MAILEON_KEY}\n", capsys
    )
    assert code == 2
    assert "nothing was stored" in printed
    assert MAILEON_KEY in memory_keyring.values()
    assert OTHER_KEY not in memory_keyring.values()


SUBPROCESS_CASES = [
    (["sandbox", "--port", "70000"], None, "--port must be a number from 0 to 65535"),
    (
        ["profiles", "add", "x", "--provider", "maileon", "--base-url", "https://[::1"],
        None,
        NOT_HTTP,
    ),
    (["secrets", "set", "acme", "api_key"], f"{MAILEON_KEY}\n{OTHER_KEY}\n", TWO_PASTES),
    (["check", "acme", "--deadline", "nan"], None, "--deadline must be a number of seconds"),
]


@pytest.mark.parametrize(("argv", "stdin", "fragment"), SUBPROCESS_CASES)
def test_bad_input_as_a_real_process(
    argv: list[str],
    stdin: str | None,
    fragment: str,
    home: Callable[[], State],
    isolated_home: Path,
) -> None:
    """The same refusals through the real entry point (exit status, stderr, no traceback)."""
    before = home()[0]
    environment = {**os.environ, "NLCONSOLE_HOME": str(isolated_home)}
    environment["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    if argv[0] == "secrets":
        environment["PYTHON_KEYRING_BACKEND"] = "tests.support.memory_keyring.MemoryKeyring"
    result = subprocess.run(
        [sys.executable, "-m", "nlconsole", *argv],
        input=stdin or "",
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr
    assert home()[0] == before


class Terminal(io.StringIO):
    """stdin as a terminal that answers the confirmation question."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("answer", "deleted"), [("n\n", False), ("\n", False), ("ja\n", True)])
def test_deleting_all_secrets_asks_on_a_terminal(
    answer: str,
    deleted: bool,
    home: Callable[[], State],
    memory_keyring: dict[tuple[str, str], str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = dict(memory_keyring)
    sys.stdin = Terminal(answer)
    try:
        code = main(["secrets", "delete", "acme"])
    finally:
        sys.stdin = sys.__stdin__
    out, err = capsys.readouterr()
    assert "Delete all secrets of 'acme'? [y/N]" in out
    acme = {k: v for k, v in memory_keyring.items() if v == MAILEON_KEY}
    if deleted:
        assert code == 0
        assert acme == {}
        assert len(memory_keyring) == len(before) - 1, "peiq's secrets stay"
    else:
        assert code == 2
        assert "nothing was deleted" in err
        assert memory_keyring == before


def test_deleting_all_secrets_with_yes_needs_no_question(
    home: Callable[[], State],
    memory_keyring: dict[tuple[str, str], str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, printed = run(["secrets", "delete", "peiq", "--yes"], None, capsys)
    assert code == 0
    assert "password: deleted" in printed
    assert list(memory_keyring.values()) == [MAILEON_KEY]

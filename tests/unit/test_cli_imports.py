"""Short commands stay short: they never import what they do not use.

Every command once paid ~35 ms for `import asyncio` and more for httpx and pydantic, on every
`--help`. A fresh interpreter runs the command and reports which heavy packages ended up in
`sys.modules`; that is what decides the start-up time, without timing anything.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from nlconsole.cli import main

HEAVY = ("asyncio", "httpx", "textual", "pydantic", "keyring", "rich")
PROBE = (
    "import json, sys\n"
    "from nlconsole.cli import main\n"
    "try:\n"
    "    code = main(sys.argv[1:])\n"
    "except SystemExit as exc:\n"
    "    code = exc.code\n"
    "heavy = [name for name in {heavy!r} if name in sys.modules]\n"
    "print(json.dumps({{'code': code, 'heavy': heavy}}), file=sys.stderr)\n"
)


def imported(*argv: str) -> tuple[object, list[str]]:
    """Run `nlconsole argv` in a fresh interpreter: its exit code and the heavy packages loaded."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *argv],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    result = json.loads(done.stderr.strip().splitlines()[-1])
    return result["code"], result["heavy"]


@pytest.mark.parametrize(
    "argv",
    [
        ("--help",),
        ("--lang", "de", "--help"),
        ("check", "--help"),
        ("journeys", "--help"),
        ("secrets", "--help"),
    ],
)
def test_help_imports_nothing_heavy(argv: tuple[str, ...]) -> None:
    code, heavy = imported(*argv)
    assert code == 0
    assert heavy == []


def test_profiles_list_does_not_import_the_network_or_the_console(isolated_home: Path) -> None:
    code, heavy = imported("profiles", "list")
    assert code == 0
    assert "asyncio" not in heavy
    assert "httpx" not in heavy
    assert "textual" not in heavy


@pytest.mark.parametrize(
    "before", [(), ("--home", "{home}"), ("--home={home}",), ("--lang", "en", "--home", "{home}")]
)
def test_the_command_named_gets_its_whole_parser(
    before: tuple[str, ...], isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only the command being run is built in full; it must be found behind the global options
    (a stub parser would answer "unrecognized arguments" instead of the command's own check)."""
    options = [arg.format(home=isolated_home) for arg in before]
    code = main([*options, "check", "--all", "--concurrency", "x"])
    assert code == 2
    assert "--concurrency must be a number from 1 to" in capsys.readouterr().err


def test_every_command_is_listed_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    listed = capsys.readouterr().out
    for command in ("demo", "profiles", "secrets", "handover", "check", "bootstrap"):
        assert f"    {command} " in listed
    for command in ("journeys", "cleanup", "protocol", "status", "sandbox"):
        assert f"    {command} " in listed

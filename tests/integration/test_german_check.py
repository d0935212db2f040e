"""A German check, in the CLI and in the console, shows no English sentence."""

from __future__ import annotations

import io
import re

import pytest
from textual.widgets import DataTable, Static

from nlconsole.cli import main
from nlconsole.sandbox.seeds import maileon_key, n2g_account
from nlconsole.sandbox.server import SandboxServer
from nlconsole.ui.screens.check import CheckScreen
from tests.ui.conftest import app_for, in_process_demo, settle

URL = re.compile(r"https?://\S+")
SAME_IN_BOTH = {"Status"}
"""Words that are German as well as English (a column header, not a sentence)."""


def normalised(output: str) -> set[str]:
    """Lines without numbers, URLs and the profile's own names (which are the same in both)."""
    lines = set()
    for line in output.splitlines():
        line = URL.sub("", line)
        line = re.sub(r"\d+(\.\d+)?", "#", line)
        line = re.sub(r"'[^']*'|\"[^\"]*\"", "", line).strip()
        if re.search(r"[A-Za-zÄÖÜäöü]{3}", line):
            lines.add(line)
    return lines


def store(monkeypatch: pytest.MonkeyPatch, profile: str, field: str, value: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(value))
    assert main(["secrets", "set", profile, field]) == 0


def test_german_cli_check_shares_no_line_with_english(
    sandbox: SandboxServer,
    memory_keyring: dict[tuple[str, str], str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    urls = sandbox.sandbox.base_urls()
    assert (
        main(["profiles", "add", "m", "--provider", "maileon", "--base-url", urls["maileon"]]) == 0
    )
    store(monkeypatch, "m", "api_key", maileon_key("create_update"))
    account = n2g_account("limited_plan")
    add = ["profiles", "add", "n", "--provider", "newsletter2go", "--base-url"]
    assert (
        main([*add, urls["newsletter2go"], "--newsletter", "Lokales", "--newsletter", "Sport"]) == 0
    )
    for field in ("auth_key", "username", "password"):
        store(monkeypatch, "n", field, getattr(account, field))
    capsys.readouterr()
    outputs = {}
    for language in ("en", "de"):
        for name in ("m", "n"):
            main(["--lang", language, "check", name])
        outputs[language] = capsys.readouterr().out
    assert "Schlüssel" in outputs["de"] or "API-Key" in outputs["de"]
    shared = normalised(outputs["en"]) & normalised(outputs["de"])
    assert shared == set(), outputs["de"]


async def test_german_check_screen_shows_no_english_sentence(tmp_path: object) -> None:
    from pathlib import Path

    services = in_process_demo(Path(str(tmp_path)) / "config", "de")
    texts: dict[str, set[str]] = {}
    for language in ("en", "de"):
        app = app_for(services)
        app.language = "en" if language == "en" else "de"
        async with app.run_test(size=(140, 40)) as pilot:
            await settle(pilot)
            await pilot.press("c")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, CheckScreen)
            table = screen.query_one("#results", DataTable)
            cells = [str(cell) for row in range(table.row_count) for cell in table.get_row_at(row)]
            cells.append(str(screen.query_one("#result-verdict", Static).render()))
            cells.append(str(screen.query_one("#result-detail", Static).render()))
            cells += [str(column.label) for column in table.columns.values()]
            texts[language] = normalised("\n".join(cells))
    assert texts["de"]
    assert texts["en"] & texts["de"] - SAME_IN_BOTH == set()

"""`nlconsole protocol`: German by default, Markdown/JSON to stdout, PDF/HTML only into a file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlconsole.cli import main
from nlconsole.core.clock import FixedClock
from nlconsole.core.services import Services
from tests.support.protocol import NOW, evidence_profile


@pytest.fixture
def home(tmp_path: Path) -> Path:
    services = Services.in_memory(tmp_path / "config")
    services.clock = FixedClock(NOW)
    evidence_profile(services)
    return tmp_path / "config"


def test_markdown_goes_to_stdout_in_german_by_default(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--home", str(home), "protocol", "acme", "--format", "md", "--tester", "Erika"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("# Abnahmeprotokoll: ACME Bildung e.V.")
    assert "- Testperson: Erika\n" in out


def test_lang_before_or_after_the_command_gives_english(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--home", str(home), "protocol", "acme", "--format", "json", "--lang", "en"]) == 0
    after = json.loads(capsys.readouterr().out)
    assert main(["--home", str(home), "--lang", "en", "protocol", "acme", "--format", "json"]) == 0
    before = json.loads(capsys.readouterr().out)
    assert after["language"] == before["language"] == "en"
    assert after["summary"]["verdict_label"] == "not accepted"


@pytest.mark.parametrize("fmt", ["pdf", "html"])
def test_pdf_and_html_are_refused_without_a_file(
    home: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--home", str(home), "--lang", "en", "protocol", "acme", "--format", fmt])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert "-o" in captured.err
    assert "Traceback" not in captured.err


def test_the_pdf_is_written_whole_into_the_file(home: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "protokoll.pdf"
    target.parent.mkdir()
    target.write_bytes(b"an older protocol")
    assert main(["--home", str(home), "protocol", "acme", "-o", str(target)]) == 0
    assert target.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in target.parent.iterdir()] == ["protokoll.pdf"]


def test_a_missing_folder_is_a_message_not_a_traceback(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "nowhere" / "p.md"
    code = main(["--home", str(home), "--lang", "en", "protocol", "acme", "-o", str(target)])
    err = capsys.readouterr().err
    assert code == 2
    assert "does not exist" in err
    assert not target.exists()

"""The README's picture of a protocol's first page is made by the screenshot script, from the
deterministic test evidence, so it can be made again whenever the protocol changes."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import pytest

from tests.screenshots.make_screenshots import protocol_page

README = Path(__file__).parents[2] / "README.md"


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm is not installed")
def test_the_script_renders_the_first_protocol_page(tmp_path: Path) -> None:
    made = protocol_page(tmp_path)
    assert made == tmp_path / "protocol-page1.png"
    assert list(tmp_path.iterdir()) == [made], "one page, no numbered siblings"
    assert png_size(made) == (662, 936)  # A4 at 80 dpi
    assert "screenshots/protocol-page1.png" in README.read_text(encoding="utf-8")


def test_without_pdftoppm_the_page_is_skipped_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert protocol_page(tmp_path) is None
    assert "pdftoppm is not installed" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []

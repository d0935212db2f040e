"""Small modules with one concern: none over 400 lines, the median at most 150."""

from __future__ import annotations

import statistics
from pathlib import Path

import nlconsole

MAX_LINES, MAX_MEDIAN = 400, 150


def test_modules_stay_small() -> None:
    sizes = {
        path: len(path.read_text(encoding="utf-8").splitlines())
        for path in Path(nlconsole.__file__).parent.rglob("*.py")
    }
    too_big = sorted(str(path) for path, lines in sizes.items() if lines > MAX_LINES)
    assert too_big == []
    assert statistics.median(sizes.values()) <= MAX_MEDIAN

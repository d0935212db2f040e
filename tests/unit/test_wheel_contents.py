"""What `pip install .` (the README's run line) installs: the wheel must carry every file the
package reads at run time, not only the Python modules. Without the compiled catalogue an
installed nlconsole speaks English whatever `--lang` says; without the stylesheet or the fonts
the console and the PDF protocol break."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNTIME_FILES = (
    "nlconsole/locale/de/LC_MESSAGES/nlconsole.mo",
    "nlconsole/ui/nlconsole.tcss",
    "nlconsole/protocol_fonts/DejaVuSans.ttf",
    "nlconsole/protocol_fonts/DejaVuSans-Bold.ttf",
    "nlconsole/protocol_fonts/LICENSE",
    "nlconsole/py.typed",
)


def test_the_wheel_carries_the_german_catalogue_and_every_runtime_file(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "nlconsole", source / "nlconsole", ignore=shutil.ignore_patterns("__pycache__")
    )
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(source), "-w", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = tmp_path.glob("nlconsole-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in RUNTIME_FILES if name not in names]
    assert not missing, f"not in the wheel: {missing}"
    # Every data file in the package that is not source-only documentation is installed.
    source_only = {"nlconsole/sandbox/BEHAVIOUR.md", "nlconsole/locale/de/LC_MESSAGES/nlconsole.po"}
    data = {
        path.relative_to(source).as_posix()
        for path in (source / "nlconsole").rglob("*")
        if path.is_file() and path.suffix not in {".py", ".pyc"}
    }
    assert sorted(data - source_only - names) == []

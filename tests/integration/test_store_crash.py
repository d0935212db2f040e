"""A writer killed with SIGKILL inside its save window leaves a temp file: the next writer
removes it. And a FIFO as profiles.toml must not hang a CLI command."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from nlconsole.core.models import Profile, ProviderKind
from nlconsole.core.profiles import ProfileStore

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and FIFOs are POSIX")

_STALLING_WRITER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from nlconsole.core.models import Profile, ProviderKind
    from nlconsole.core.profiles import ProfileStore

    def stall(*args, **kwargs):
        print("in the save window", flush=True)
        time.sleep(60)

    os.replace = stall  # the temp file is written and synced; the rename never comes
    ProfileStore(Path(sys.argv[1])).add(Profile(name="crashed", provider=ProviderKind.MAILEON))
    """
)


def temp_files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_temp_file_of_a_killed_writer_is_removed_by_the_next_one(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "cfg" / "profiles.toml")
    store.add(Profile(name="before", provider=ProviderKind.MAILEON))
    writer = subprocess.Popen(
        [sys.executable, "-c", _STALLING_WRITER, str(store.path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "in the save window"
    finally:
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait(timeout=10)
    left = temp_files(store.path.parent)
    assert len(left) == 1, "the killed writer left its temp file"
    assert left[0].startswith(f".profiles.toml.{writer.pid}."), "the temp file names its writer"

    store.add(Profile(name="after", provider=ProviderKind.MAILEON))

    assert temp_files(store.path.parent) == []
    assert sorted(store.load().profiles) == ["after", "before"]


def test_fifo_as_profiles_file_is_refused_without_blocking(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    os.mkfifo(home / "profiles.toml", 0o600)
    result = subprocess.run(
        [sys.executable, "-m", "nlconsole", "--home", str(home), "profiles", "list"],
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    )
    assert result.returncode == 2
    assert "is not a regular file" in result.stderr
    assert "Traceback" not in result.stderr

"""Temp files left by crashed writers are removed under the lock; nothing else is touched."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from nlconsole.core.config_files import STALE_TEMP_SECONDS, remove_stale_temps
from nlconsole.core.models import Profile, ProviderKind
from nlconsole.core.profiles import ProfileStore


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def touch(path: Path, age: float = 0.0) -> Path:
    path.write_bytes(b"half a file")
    stamp = time.time() - age
    os.utime(path, (stamp, stamp))
    return path


def test_next_write_removes_temp_files_of_dead_writers(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "profiles.toml")
    crashed = touch(tmp_path / f".profiles.toml.{dead_pid()}.k2j4h5g6.tmp")
    store.add(Profile(name="acme", provider=ProviderKind.MAILEON))
    assert not crashed.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["profiles.toml", "profiles.toml.lock"]


def test_young_temp_of_a_live_writer_stays_an_old_one_goes(tmp_path: Path) -> None:
    live = touch(tmp_path / f".profiles.toml.{os.getpid()}.abcd1234.tmp")
    old = touch(tmp_path / f".profiles.toml.{os.getpid()}.efgh5678.tmp", STALE_TEMP_SECONDS + 60)
    assert remove_stale_temps(tmp_path, "profiles.toml") == [old]
    assert live.exists()


def test_old_style_temp_names_go_by_age(tmp_path: Path) -> None:
    young = touch(tmp_path / ".profiles.toml.x8b_q2ze.tmp")
    old = touch(tmp_path / ".profiles.toml.w1n0r3ab.tmp", STALE_TEMP_SECONDS + 60)
    assert remove_stale_temps(tmp_path, "profiles.toml") == [old]
    assert young.exists()


def test_other_files_are_never_touched(tmp_path: Path) -> None:
    pid = dead_pid()
    others = [
        touch(tmp_path / f".keymap.toml.{pid}.abcd1234.tmp", STALE_TEMP_SECONDS + 60),
        touch(tmp_path / "profiles.toml.bak", STALE_TEMP_SECONDS + 60),
        touch(tmp_path / f".profiles.toml.{pid}.notes", STALE_TEMP_SECONDS + 60),
    ]
    (tmp_path / f".profiles.toml.{pid}.dir1234.tmp").mkdir()
    assert remove_stale_temps(tmp_path, "profiles.toml") == []
    assert all(path.exists() for path in others)

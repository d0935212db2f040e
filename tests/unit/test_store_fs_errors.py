"""File-system errors end in a ConfigError naming the path and the fix; the old file stays."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import Any, NoReturn

import pytest

from nlconsole.cli import main
from nlconsole.core import config_files
from nlconsole.core.models import Profile, ProviderKind
from nlconsole.core.profiles import ProfileStore
from nlconsole.errors import ConfigError

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def maileon(name: str) -> Profile:
    return Profile(name=name, provider=ProviderKind.MAILEON)


@pytest.fixture
def store(tmp_path: Path) -> ProfileStore:
    store = ProfileStore(tmp_path / "cfg" / "profiles.toml")
    store.add(maileon("acme"))
    return store


def failing(code: int) -> Any:
    def fail(*args: object, **kwargs: object) -> NoReturn:
        raise OSError(code, os.strerror(code))

    return fail


def files_in(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def test_disk_full_is_explained_and_the_file_kept(
    store: ProfileStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = store.path.read_bytes()
    monkeypatch.setattr(config_files, "_write_all", failing(errno.ENOSPC))
    with pytest.raises(ConfigError) as info:
        store.add(maileon("other"))
    message = str(info.value)
    assert f"cannot write {store.path}" in message
    assert "No space left on device" in message
    assert "Free some disk space" in message
    assert store.path.read_bytes() == before
    assert files_in(store.path.parent) == ["profiles.toml", "profiles.toml.lock"]


@pytest.mark.parametrize(
    ("code", "fix"),
    [
        (errno.EACCES, "chmod u\\+rwx"),
        (errno.EROFS, "read-only"),
        (errno.EIO, "Check the file"),
    ],
)
def test_unwritable_directory_is_explained(
    store: ProfileStore, monkeypatch: pytest.MonkeyPatch, code: int, fix: str
) -> None:
    before = store.path.read_bytes()
    monkeypatch.setattr(tempfile, "mkstemp", failing(code))
    with pytest.raises(ConfigError, match=fix) as info:
        store.remove("acme")
    assert f"cannot write {store.path.parent}" in str(info.value)
    assert store.path.read_bytes() == before


@pytest.mark.skipif(AS_ROOT or os.name != "posix", reason="chmod does not stop root")
def test_read_only_directory_for_real(store: ProfileStore) -> None:
    before = store.path.read_bytes()
    store.path.parent.chmod(0o500)
    try:
        with pytest.raises(ConfigError, match="Permission denied"):
            store.add(maileon("other"))
    finally:
        store.path.parent.chmod(0o700)
    assert store.path.read_bytes() == before


def test_lock_file_that_cannot_be_created_is_explained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ProfileStore(tmp_path / "profiles.toml")
    real_open = os.open

    def open_except_lock(path: Any, flags: int, mode: int = 0o777, **kwargs: Any) -> int:
        if str(path).endswith(".lock"):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real_open(path, flags, mode, **kwargs)

    monkeypatch.setattr(os, "open", open_except_lock)
    with pytest.raises(ConfigError, match="lock file") as info:
        store.add(maileon("acme"))
    assert str(store.lock_path) in str(info.value)
    assert not store.path.exists()


def test_config_dir_that_cannot_be_created_is_explained(tmp_path: Path) -> None:
    (tmp_path / "not-a-dir").write_text("")
    store = ProfileStore(tmp_path / "not-a-dir" / "profiles.toml")
    with pytest.raises(ConfigError, match="cannot write"):
        store.add(maileon("acme"))


def test_unreadable_file_is_explained(store: ProfileStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(config_files, "_open_for_reading", failing(errno.EACCES))
    with pytest.raises(ConfigError) as info:
        store.load()
    assert f"cannot read {store.path}: Permission denied" in str(info.value)


@pytest.mark.skipif(AS_ROOT or os.name != "posix", reason="chmod does not stop root")
def test_unreadable_file_for_real(store: ProfileStore) -> None:
    store.path.chmod(0)
    try:
        with pytest.raises(ConfigError, match="Permission denied"):
            store.load()
    finally:
        store.path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_cli_reports_a_full_disk_without_traceback(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(config_files, "_write_all", failing(errno.ENOSPC))
    assert main(["profiles", "add", "acme", "--provider", "maileon"]) == 2
    err = capsys.readouterr().err
    assert "No space left on device" in err
    assert "Free some disk space" in err
    assert "Traceback" not in err
    assert not (isolated_home / "profiles.toml").exists()

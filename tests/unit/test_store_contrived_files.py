"""Contrived profiles.toml and keymap.toml: FIFOs, devices, huge or absurdly nested files.

Each used to hang, exhaust memory or crash with RecursionError; now profiles.toml gives a
ConfigError and keymap.toml a reported problem, quickly, and neither file is changed.
"""

from __future__ import annotations

import os
import threading
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nlconsole.core.config_files import MAX_CONFIG_BYTES
from nlconsole.core.keymap import KEYMAP_FILE, load_keymap
from nlconsole.core.models import Profile, ProviderKind
from nlconsole.core.profiles import ProfileStore
from nlconsole.errors import ConfigError

POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev/zero are POSIX")
DEEP_ARRAY = "x = " + "[" * 50_000 + "]" * 50_000 + "\n"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    directory = tmp_path / "cfg"
    directory.mkdir(mode=0o700)
    return directory


def within(seconds: float, call: Callable[[], Any]) -> Any:
    """Run `call` in a daemon thread; fail (instead of hanging the suite) if it blocks."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"still blocked after {seconds} s"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


@POSIX_ONLY
def test_fifo_profiles_file_is_refused_without_blocking(config: Path) -> None:
    os.mkfifo(config / "profiles.toml", 0o600)
    store = ProfileStore(config / "profiles.toml")
    with pytest.raises(ConfigError, match="is not a regular file"):
        within(5, store.load)
    with pytest.raises(ConfigError, match="is not a regular file"):
        within(5, lambda: store.add(Profile(name="acme", provider=ProviderKind.MAILEON)))


@POSIX_ONLY
def test_device_symlink_profiles_file_is_refused(config: Path) -> None:
    (config / "profiles.toml").symlink_to("/dev/zero")
    with pytest.raises(ConfigError, match="is not a regular file"):
        within(5, ProfileStore(config / "profiles.toml").load)


def test_deeply_nested_profiles_file_is_refused_and_kept(config: Path) -> None:
    path = config / "profiles.toml"
    path.write_text(DEEP_ARRAY)
    store = ProfileStore(path)
    with pytest.raises(ConfigError, match="nested too deeply"):
        store.load()
    with pytest.raises(ConfigError, match="nested too deeply"):
        store.add(Profile(name="acme", provider=ProviderKind.MAILEON))
    assert path.read_text() == DEEP_ARRAY


def test_parser_running_out_of_memory_is_a_config_error(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (config / "profiles.toml").write_text("schema_version = 1\n")

    def exhausted(text: str) -> dict[str, Any]:
        raise MemoryError

    monkeypatch.setattr(tomllib, "loads", exhausted)
    with pytest.raises(ConfigError, match="too large"):
        ProfileStore(config / "profiles.toml").load()


def test_oversized_profiles_file_is_refused(config: Path) -> None:
    path = config / "profiles.toml"
    with path.open("wb") as handle:
        handle.truncate(MAX_CONFIG_BYTES + 1)  # sparse: costs no disk space
    with pytest.raises(ConfigError, match="larger than 8 MiB"):
        ProfileStore(path).load()
    assert path.stat().st_size == MAX_CONFIG_BYTES + 1


def test_non_utf8_profiles_file_is_refused(config: Path) -> None:
    (config / "profiles.toml").write_bytes(b'[profiles.acme]\nprovider = "mai\xffleon"\n')
    with pytest.raises(ConfigError, match="not UTF-8"):
        ProfileStore(config / "profiles.toml").load()


@POSIX_ONLY
def test_fifo_keymap_is_reported_without_blocking(config: Path) -> None:
    os.mkfifo(config / KEYMAP_FILE, 0o600)
    keymap = within(5, lambda: load_keymap(config))
    assert keymap.bindings == {}
    assert "is not a regular file" in str(keymap.problems[0])


@POSIX_ONLY
def test_device_symlink_keymap_is_reported(config: Path) -> None:
    (config / KEYMAP_FILE).symlink_to("/dev/zero")
    keymap = within(5, lambda: load_keymap(config))
    assert "is not a regular file" in str(keymap.problems[0])


def test_deeply_nested_keymap_is_reported(config: Path) -> None:
    (config / KEYMAP_FILE).write_text(DEEP_ARRAY)
    keymap = load_keymap(config)
    assert keymap.bindings == {}
    assert "nested too deeply" in str(keymap.problems[0])
    assert "default keys apply" in str(keymap.problems[0])


def test_broken_keymap_names_the_line(config: Path) -> None:
    (config / KEYMAP_FILE).write_text('"profile.check" = "ctrl+k"\n"x" = \n')
    keymap = load_keymap(config)
    assert "not valid TOML at line 2" in str(keymap.problems[0])

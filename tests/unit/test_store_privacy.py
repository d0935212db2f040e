"""A config dir or profiles.toml that others can write or that another user owns is refused."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from nlconsole.cli import main
from nlconsole.core import privacy
from nlconsole.core.models import Profile, ProviderKind
from nlconsole.core.profiles import ProfileStore
from nlconsole.errors import ConfigError

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
STRANGER_UID = 12345


@pytest.fixture
def store(tmp_path: Path) -> ProfileStore:
    store = ProfileStore(tmp_path / "cfg" / "profiles.toml")
    store.add(Profile(name="acme", provider=ProviderKind.MAILEON))
    return store


def refused(store: ProfileStore, match: str) -> None:
    """Both reading and changing are refused, and the file is left as it was."""
    before = store.path.read_bytes()
    with pytest.raises(ConfigError, match=match):
        store.load()
    with pytest.raises(ConfigError, match=match):
        store.add(Profile(name="other", provider=ProviderKind.MAILEON))
    assert store.path.read_bytes() == before


def owned_by_a_stranger(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if os.geteuid() == 0:
        os.chown(path, STRANGER_UID, -1, follow_symlinks=False)
    else:  # only root can give a file away: pretend to be someone else instead
        monkeypatch.setattr(privacy, "_current_uid", lambda: os.geteuid() + 1)


def test_new_dir_and_file_are_private(store: ProfileStore) -> None:
    assert stat.S_IMODE(store.path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600


@pytest.mark.parametrize("mode", [0o777, 0o775, 0o1777, 0o702])
def test_config_dir_writable_by_others_is_refused(store: ProfileStore, mode: int) -> None:
    store.path.parent.chmod(mode)
    refused(store, rf"{store.path.parent} can be written by other users")
    with pytest.raises(ConfigError, match="chmod go-w"):
        store.load()


@pytest.mark.parametrize("mode", [0o666, 0o620, 0o602])
def test_profiles_file_writable_by_others_is_refused(store: ProfileStore, mode: int) -> None:
    store.path.chmod(mode)
    refused(store, rf"{store.path} can be written by other users \(mode 0{mode:o}\)")
    with pytest.raises(ConfigError, match=rf"chmod 600 {store.path}"):
        store.load()


def test_readable_by_others_is_accepted(store: ProfileStore) -> None:
    store.path.chmod(0o644)
    store.path.parent.chmod(0o755)
    assert list(store.load().profiles) == ["acme"]


def test_file_of_another_user_is_refused(
    store: ProfileStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    owned_by_a_stranger(store.path, monkeypatch)
    refused(store, "belongs to another user")


def test_config_dir_of_another_user_is_refused(
    store: ProfileStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    owned_by_a_stranger(store.path.parent, monkeypatch)
    refused(store, rf"{store.path.parent} belongs to another user")


def test_symlink_target_in_a_directory_others_can_write_is_refused(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    target = shared / "profiles.toml"
    ProfileStore(target).add(Profile(name="acme", provider=ProviderKind.MAILEON))
    shared.chmod(0o777)
    config = tmp_path / "cfg"
    config.mkdir(mode=0o700)
    (config / "profiles.toml").symlink_to(target)
    refused(ProfileStore(config / "profiles.toml"), f"{shared} can be written by other users")


def test_cli_refuses_a_world_writable_home(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    isolated_home.mkdir(mode=0o700)
    isolated_home.chmod(0o777)
    assert main(["profiles", "add", "acme", "--provider", "maileon"]) == 2
    err = capsys.readouterr().err
    assert f"chmod go-w {isolated_home}" in err
    assert "Traceback" not in err
    assert list(isolated_home.iterdir()) == [], "nothing is created in an unsafe directory"

"""profiles.toml as a symlink (e.g. into a dotfiles repository): writes go to its target."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nlconsole.core.models import Profile, ProviderKind
from nlconsole.core.profiles import ProfileStore
from nlconsole.errors import ConfigError

pytestmark = pytest.mark.skipif(os.name != "posix", reason="symlinks need privileges on Windows")


def maileon(name: str) -> Profile:
    return Profile(name=name, provider=ProviderKind.MAILEON)


@pytest.fixture
def linked(tmp_path: Path) -> tuple[ProfileStore, Path]:
    config, dotfiles = tmp_path / "cfg", tmp_path / "dotfiles"
    config.mkdir(mode=0o700)
    dotfiles.mkdir(mode=0o700)
    target = dotfiles / "nlconsole-profiles.toml"
    ProfileStore(target).add(maileon("first"))
    (config / "profiles.toml").symlink_to(Path("..") / "dotfiles" / target.name)
    return ProfileStore(config / "profiles.toml"), target


def test_save_writes_through_the_symlink(linked: tuple[ProfileStore, Path]) -> None:
    store, target = linked
    store.add(maileon("second"))
    assert store.path.is_symlink(), "the link must stay a link"
    assert sorted(ProfileStore(target).load().profiles) == ["first", "second"]
    assert sorted(store.load().profiles) == ["first", "second"]
    store.remove("first")
    assert sorted(ProfileStore(target).load().profiles) == ["second"]
    leftovers = [p.name for d in (store.path.parent, target.parent) for p in d.iterdir()]
    assert not [name for name in leftovers if name.endswith(".tmp")]


def test_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    config = tmp_path / "cfg"
    config.mkdir(mode=0o700)
    target = tmp_path / "elsewhere.toml"
    (config / "profiles.toml").symlink_to(target)
    store = ProfileStore(config / "profiles.toml")
    assert store.load().profiles == {}
    store.add(maileon("acme"))
    assert store.path.is_symlink()
    assert "[profiles.acme]" in target.read_text()


def test_symlink_loop_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "cfg"
    config.mkdir(mode=0o700)
    (config / "profiles.toml").symlink_to(config / "other.toml")
    (config / "other.toml").symlink_to(config / "profiles.toml")
    store = ProfileStore(config / "profiles.toml")
    with pytest.raises(ConfigError, match="symlink loop"):
        store.load()
    with pytest.raises(ConfigError, match="symlink loop"):
        store.add(maileon("acme"))
    assert (config / "profiles.toml").is_symlink()

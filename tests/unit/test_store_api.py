"""The store's change API: each change is an operation on the fresh file, under the lock."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlconsole.core.locking import exclusive_lock
from nlconsole.core.models import Environment, Profile, ProviderKind
from nlconsole.core.profiles import ProfileStore
from nlconsole.errors import ConfigError, ProfileExists, ProfileNotFound


@pytest.fixture
def store(tmp_path: Path) -> ProfileStore:
    return ProfileStore(tmp_path / "cfg" / "profiles.toml", lock_timeout=0.3)


def maileon(name: str) -> Profile:
    return Profile(name=name, provider=ProviderKind.MAILEON)


def test_load_and_get_never_write(store: ProfileStore) -> None:
    assert store.load().profiles == {}
    with pytest.raises(ProfileNotFound):
        store.get("acme")
    assert store.fingerprint() is None
    assert not store.path.parent.exists()


def test_add_checks_the_fresh_file(store: ProfileStore) -> None:
    other = ProfileStore(store.path)
    store.load()
    other.add(maileon("acme"))
    with pytest.raises(ProfileExists, match="acme"):
        store.add(maileon("acme"))


def test_update_changes_the_profile_as_it_is_now(store: ProfileStore) -> None:
    store.add(maileon("acme"))
    stale = store.get("acme")
    ProfileStore(store.path).update("acme", lambda p: p.model_copy(update={"display_name": "ACME"}))

    def to_staging(profile: Profile) -> Profile:
        profile.environment = Environment.STAGING
        return profile

    result = store.update("acme", to_staging)
    assert stale.display_name is None
    assert result == store.get("acme")
    assert (result.display_name, result.environment) == ("ACME", Environment.STAGING)


def test_update_of_a_removed_profile_is_refused(store: ProfileStore) -> None:
    store.add(maileon("acme"))
    store.remove("acme")
    with pytest.raises(ProfileNotFound, match="acme"):
        store.update("acme", lambda p: p)
    assert store.load().profiles == {}


def test_update_validates_the_result(store: ProfileStore) -> None:
    store.add(maileon("acme"))
    before = store.path.read_bytes()
    with pytest.raises(ConfigError, match="would be invalid"):
        store.update("acme", lambda p: p.model_copy(update={"base_url": "http://example.com"}))
    with pytest.raises(ConfigError, match="renamed"):
        store.update("acme", lambda p: p.model_copy(update={"name": "other"}))
    assert store.path.read_bytes() == before


def test_edit_saves_on_success_and_nothing_on_error(store: ProfileStore) -> None:
    with store.edit() as profile_set:
        profile_set.profiles["a"] = maileon("a")
        profile_set.profiles["b"] = maileon("b")
    before = store.path.read_bytes()

    def remove_a_and_a_missing_one() -> None:
        with store.edit() as profile_set:
            del profile_set.profiles["a"]
            del profile_set.profiles["missing"]

    with pytest.raises(KeyError):
        remove_a_and_a_missing_one()
    assert store.path.read_bytes() == before
    assert sorted(store.load().profiles) == ["a", "b"]


def test_nested_changes_are_a_programming_error(store: ProfileStore) -> None:
    with pytest.raises(RuntimeError, match="nested"), store.edit():
        store.add(maileon("acme"))
    assert store.load().profiles == {}


def test_fingerprint_changes_with_every_write(store: ProfileStore) -> None:
    store.add(maileon("a"))
    first = store.fingerprint()
    assert first is not None
    assert store.fingerprint() == first
    store.add(maileon("b"))
    assert store.fingerprint() not in (None, first)


def test_a_held_lock_ends_in_a_clear_error(store: ProfileStore) -> None:
    store.add(maileon("acme"))
    before = store.path.read_bytes()
    with exclusive_lock(store.lock_path), pytest.raises(ConfigError) as info:
        store.add(maileon("other"))
    assert str(store.lock_path) in str(info.value)
    assert "another nlconsole" in str(info.value)
    assert store.path.read_bytes() == before
    store.add(maileon("other"))

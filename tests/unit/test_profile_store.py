"""ProfileStore: round trips, atomic writes, corrupt files, unknown keys, permissions."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest

from nlconsole.core.models import MaileonRight, Profile
from nlconsole.core.profiles import ProfileStore
from nlconsole.errors import ConfigError, ProfileExists, ProfileNotFound


@pytest.fixture
def store(tmp_path: Path) -> ProfileStore:
    return ProfileStore(tmp_path / "cfg" / "profiles.toml")


def maileon_profile(name: str = "acme") -> Profile:
    return Profile.model_validate(
        {
            "name": name,
            "provider": "maileon",
            "display_name": "ACME Bildung e.V.",
            "maileon": {
                "key_label": "ACME Bildung e.V.",
                "key_expires": date(2027, 3, 31),
                "rights_confirmed": ["update", "create", "create"],
                "single_user_tracking": True,
            },
        }
    )


def n2g_profile(name: str = "verlag") -> Profile:
    return Profile.model_validate(
        {
            "name": name,
            "provider": "newsletter2go",
            "environment": "staging",
            "newsletter2go": {
                "newsletters": ["Lokales", "Sport"],
                "list_ids": {"Lokales": "ab12cd34"},
            },
        }
    )


def test_missing_file_is_an_empty_set(store: ProfileStore) -> None:
    assert store.load().profiles == {}


def test_round_trip_keeps_every_setting(store: ProfileStore) -> None:
    store.add(maileon_profile())
    store.add(n2g_profile())
    loaded = store.load()
    assert loaded.warnings == []
    assert loaded.profiles["acme"] == maileon_profile()
    assert loaded.profiles["verlag"] == n2g_profile()
    assert loaded.profiles["acme"].maileon_settings.rights_confirmed == [
        MaileonRight.CREATE,
        MaileonRight.UPDATE,
    ]
    assert "schema_version = 1" in store.path.read_text()


def test_file_and_directory_are_private(store: ProfileStore) -> None:
    store.add(maileon_profile())
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.path.parent.stat().st_mode) == 0o700


def test_failed_write_leaves_old_file_intact(
    store: ProfileStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add(maileon_profile())
    before = store.path.read_bytes()

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(ConfigError, match="No space left") as info:
        store.add(n2g_profile())
    assert str(store.path) in str(info.value)
    assert "disk space" in str(info.value)
    assert store.path.read_bytes() == before
    left = sorted(p.name for p in store.path.parent.iterdir())
    assert left == ["profiles.toml", "profiles.toml.lock"], "no temp files left"


def test_corrupt_file_is_reported_with_line_and_left_untouched(store: ProfileStore) -> None:
    store.path.parent.mkdir(parents=True)
    broken = 'schema_version = 1\n\n[profiles.acme]\nprovider = "maileon\n'
    store.path.write_text(broken)
    with pytest.raises(ConfigError, match="line 4") as info:
        store.load()
    assert "untouched" in str(info.value)
    with pytest.raises(ConfigError):
        store.add(n2g_profile())
    assert store.path.read_text() == broken


def test_invalid_value_names_profile_field_and_line(store: ProfileStore) -> None:
    store.path.parent.mkdir(parents=True)
    store.path.write_text(
        'schema_version = 1\n[profiles.ok]\nprovider = "maileon"\n\n'
        '[profiles.bad]\nprovider = "mailchimp"\n'
    )
    with pytest.raises(ConfigError) as info:
        store.load()
    message = str(info.value)
    assert "profile 'bad'" in message
    assert "line 5" in message
    assert "provider" in message


def test_insecure_base_url_in_file_is_refused(store: ProfileStore) -> None:
    store.path.parent.mkdir(parents=True)
    store.path.write_text(
        '[profiles.acme]\nprovider = "maileon"\nbase_url = "http://api.example.com/1.0"\n'
    )
    with pytest.raises(ConfigError, match="plain HTTP"):
        store.load()


def test_unknown_keys_are_reported_and_kept(store: ProfileStore) -> None:
    store.path.parent.mkdir(parents=True)
    store.path.write_text(
        'schema_version = 1\ncomment = "hand-written"\n'
        '[profiles.acme]\nprovider = "maileon"\nenviroment = "staging"\n'
        '[profiles.acme.maileon]\nkey_lable = "typo"\n'
    )
    loaded = store.load()
    assert [str(w) for w in loaded.warnings] == [
        "unknown top-level key 'comment' (kept)",
        "profile 'acme': unknown key 'enviroment' (kept)",
        "profile 'acme': unknown key 'maileon.key_lable' (kept)",
    ]
    store.add(n2g_profile())
    text = store.path.read_text()
    assert 'enviroment = "staging"' in text
    assert 'key_lable = "typo"' in text
    assert 'comment = "hand-written"' in text


def test_newer_schema_is_refused(store: ProfileStore) -> None:
    store.path.parent.mkdir(parents=True)
    store.path.write_text("schema_version = 99\n")
    with pytest.raises(ConfigError, match="Upgrade nlconsole"):
        store.load()


def test_add_get_remove(store: ProfileStore) -> None:
    store.add(maileon_profile())
    with pytest.raises(ProfileExists):
        store.add(maileon_profile())
    assert store.get("acme").display_name == "ACME Bildung e.V."
    store.remove("acme")
    with pytest.raises(ProfileNotFound, match="profiles add"):
        store.get("acme")

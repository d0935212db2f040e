"""ProfileStore reads: a check reads profiles.toml twice (to find the profile, then under the
lock to record its result) but parses it once, and never misses another writer's change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from nlconsole.core import config_files
from nlconsole.core import profiles as profiles_module
from nlconsole.core.models import Profile
from nlconsole.core.profiles import ProfileStore


@pytest.fixture
def store(tmp_path: Path) -> ProfileStore:
    return ProfileStore(tmp_path / "cfg" / "profiles.toml")


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts the store parses, in order."""
    seen: list[str] = []
    parse = config_files.parse_toml

    def counting(text: str, path: Path) -> dict[str, Any]:
        seen.append(text)
        return parse(text, path)

    monkeypatch.setattr(profiles_module, "parse_toml", counting)
    return seen


def profile(name: str) -> Profile:
    return Profile.model_validate({"name": name, "provider": "maileon"})


def test_find_then_record_parses_the_file_once(store: ProfileStore, parses: list[str]) -> None:
    store.add(profile("acme"))
    parses.clear()
    found = store.get("acme")  # what `nlconsole check acme` does first ...
    store.update("acme", lambda p: p.model_copy(update={"display_name": "ACME"}))  # ... then
    assert found.name == "acme"
    assert len(parses) == 1
    assert store.get("acme").display_name == "ACME"  # the new text is parsed afresh
    assert len(parses) == 2


def test_a_change_by_another_writer_in_between_is_kept(store: ProfileStore) -> None:
    store.add(profile("acme"))
    store.get("acme")
    ProfileStore(store.path).add(profile("other"))  # e.g. another CLI command meanwhile
    store.update("acme", lambda p: p.model_copy(update={"display_name": "ACME"}))
    loaded = store.load().profiles
    assert sorted(loaded) == ["acme", "other"]
    assert loaded["acme"].display_name == "ACME"


def test_what_a_read_hands_out_does_not_change_the_next_read(store: ProfileStore) -> None:
    store.path.parent.mkdir(parents=True)
    store.path.write_text(
        'schema_version = 1\nnotes = ["kept"]\n'
        '[profiles.acme]\nprovider = "maileon"\ntags = ["a"]\n'
    )
    first = store.load()
    first.extra["notes"].append("changed in memory")
    assert first.profiles["acme"].model_extra is not None
    first.profiles["acme"].model_extra["tags"].append("changed in memory")
    second = store.load()
    assert second.extra == {"notes": ["kept"]}
    assert second.profiles["acme"].model_extra == {"tags": ["a"]}

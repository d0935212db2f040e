"""The fast read of profiles.toml that fills the console's first frame."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from nlconsole.core.kit import kit_for
from nlconsole.core.models import Profile, ProviderKind
from nlconsole.core.profile_rows import (
    PROVIDER_TITLES,
    ProfileRow,
    first_profiles,
    preview_rows,
    rows_of,
)
from nlconsole.core.profiles import ProfileStore

CHECKED = datetime(2026, 11, 22, 10, 30, tzinfo=UTC)


def store_with(tmp_path: Path, count: int) -> ProfileStore:
    store = ProfileStore(tmp_path / "config" / "profiles.toml")
    with store.edit() as profile_set:
        for index in range(count):
            name = f"p{index:02d}"
            profile_set.profiles[name] = Profile.model_validate(
                {
                    "name": name,
                    "provider": "newsletter2go" if index % 2 else "maileon",
                    "display_name": f'Kunde {index} – Ä"ö"' if index % 3 else None,
                    "last_check": (
                        {"at": CHECKED, "outcome": "warn", "summary": "x"} if index == 4 else None
                    ),
                }
            )
    return store


def test_provider_titles_are_the_kits_titles() -> None:
    assert {kind.value: kit_for(kind).title for kind in ProviderKind} == PROVIDER_TITLES


def test_the_preview_gives_the_rows_the_validated_profiles_give(tmp_path: Path) -> None:
    store = store_with(tmp_path, 7)
    assert preview_rows(store.path) == rows_of(store.load().profiles.values())
    row = preview_rows(store.path)[4]
    assert (row.outcome, row.checked_at) == ("warn", CHECKED)


def test_the_first_page_is_the_first_profiles_only(tmp_path: Path) -> None:
    store = store_with(tmp_path, 7)
    rows = preview_rows(store.path, limit=3)
    assert [row.name for row in rows] == ["p00", "p01", "p02"]
    assert rows == rows_of(store.load().profiles.values())[:3]
    text = store.path.read_text()
    assert first_profiles(text, 7) == text
    assert "[profiles.p03]" not in first_profiles(text, 3)


def test_anything_odd_gives_no_rows_and_is_left_alone(tmp_path: Path) -> None:
    missing = tmp_path / "config" / "profiles.toml"
    assert preview_rows(missing) == []
    store = store_with(tmp_path, 2)
    store.path.write_text("[profiles.acme\n")
    assert preview_rows(store.path) == []
    assert store.path.read_text() == "[profiles.acme\n"
    store.path.write_text('[profiles.acme]\nprovider = "mailchimp"\n')
    assert preview_rows(store.path) == []
    store.path.write_text('[profiles.acme]\nprovider = "maileon"\n')
    store.path.chmod(0o620)  # others could write it: the full load refuses it, with the fix
    assert preview_rows(store.path) == []


def test_a_row_without_a_display_name_shows_the_name() -> None:
    row = ProfileRow.from_table("acme", {"provider": "maileon"})
    assert row == ProfileRow("acme", "acme", "Maileon", "production")

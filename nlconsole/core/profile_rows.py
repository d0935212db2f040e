"""What the profile list shows of each profile, and a fast read of it from profiles.toml.

The console paints the list in its first frame. Validating profiles.toml with pydantic costs the
pydantic import and a model per profile, which is what made the first frame a placeholder. The
rows need only a few plain fields, so `preview_rows` reads them with tomllib alone; the store's
full load (validation, warnings, the clear message for a broken file) follows off the event loop
and replaces the preview. The preview never raises and never writes: anything odd gives no rows,
and the full load says what is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nlconsole.core.config_files import parse_toml, read_config_text
from nlconsole.core.privacy import check_private
from nlconsole.errors import NLConsoleError

if TYPE_CHECKING:
    from nlconsole.core.models import Profile

PROVIDER_TITLES = {"maileon": "Maileon", "newsletter2go": "Newsletter2Go"}
"""The kits' titles, without importing the kits (a test keeps the two equal)."""
DEFAULT_ENVIRONMENT = "production"
"""A profile without an environment targets production (as the model's default says)."""
FIRST_PAGE = 100
"""How many rows the first frame needs at most: more than any terminal shows at once."""
_PROFILE_HEADER = re.compile(r'^\[profiles\.(?:"[^"\n]*"|[A-Za-z0-9_-]+)\][ \t]*$', re.MULTILINE)
"""The header of one profile's table, as the store writes it (`[profiles.acme]`)."""


@dataclass(frozen=True)
class ProfileRow:
    """One line of the profile list: plain values, comparable to notice what changed."""

    name: str
    title: str
    provider: str
    environment: str
    outcome: str | None = None
    checked_at: datetime | None = None

    @classmethod
    def of(cls, profile: Profile) -> ProfileRow:
        """The row of a validated profile."""
        check = profile.last_check
        return cls(
            profile.name,
            profile.title,
            PROVIDER_TITLES.get(profile.provider.value, profile.provider.value),
            profile.environment.value,
            check.outcome if check else None,
            check.at if check else None,
        )

    @classmethod
    def from_table(cls, name: str, table: Mapping[str, Any]) -> ProfileRow | None:
        """The row of one raw profile table, or None when it does not look like a profile."""
        provider = table.get("provider")
        environment = table.get("environment", DEFAULT_ENVIRONMENT)
        display_name = table.get("display_name")
        if provider not in PROVIDER_TITLES or not isinstance(environment, str):
            return None
        check = table.get("last_check")
        outcome = checked_at = None
        if isinstance(check, dict):
            found_outcome, found_at = check.get("outcome"), check.get("at")
            if isinstance(found_outcome, str) and isinstance(found_at, datetime):
                outcome, checked_at = found_outcome, found_at
        title = display_name if isinstance(display_name, str) and display_name else name
        return cls(name, title, PROVIDER_TITLES[provider], environment, outcome, checked_at)


def rows_of(profiles: Iterable[Profile]) -> list[ProfileRow]:
    """The rows of validated profiles, in their order."""
    return [ProfileRow.of(profile) for profile in profiles]


def rows_from_tables(tables: Mapping[str, Any]) -> list[ProfileRow]:
    """The rows of raw profile tables (name → table), skipping what is not a profile."""
    rows = []
    for name, table in tables.items():
        row = ProfileRow.from_table(name, table) if isinstance(table, dict) else None
        if row is not None:
            rows.append(row)
    return rows


def preview_rows(path: Path, limit: int | None = None) -> list[ProfileRow]:
    """The rows of profiles.toml at `path`, read without validation; [] when anything is odd
    (a file that is missing, unsafe, unreadable or broken is the full load's to report).

    With a `limit`, only the first profiles are parsed: the text is cut before the header of
    profile number `limit + 1` (parsing 1000 profiles costs ~85 ms; a screenful, a few).
    """
    try:
        check_private(path.parent, path)
        text = read_config_text(path)
        if text and limit is not None:
            text = first_profiles(text, limit)
        tables = parse_toml(text, path).get("profiles") if text else None
    except (NLConsoleError, OSError, ValueError, RecursionError):
        return []
    return rows_from_tables(tables)[:limit] if isinstance(tables, dict) else []


def first_profiles(text: str, count: int) -> str:
    """The start of a profiles.toml text up to (not including) the table of profile number
    `count + 1`; the whole text when it has no more than `count` profile headers."""
    for index, header in enumerate(_PROFILE_HEADER.finditer(text)):
        if index == count:
            return text[: header.start()]
    return text

"""Config dirs with many profiles, for the benchmarks (one write, however many profiles)."""

from __future__ import annotations

from pathlib import Path

from nlconsole.core.models import Profile
from nlconsole.core.paths import profiles_path
from nlconsole.core.profiles import ProfileStore


def write_profiles(home: Path, count: int, base_url: str = "https://api.maileon.com/1.0") -> None:
    """`count` Maileon profiles p0000, p0001, … in `home`'s profiles.toml."""
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    with ProfileStore(profiles_path(home)).edit() as profile_set:
        for index in range(count):
            name = f"p{index:04d}"
            profile_set.profiles[name] = Profile.model_validate(
                {
                    "name": name,
                    "provider": "maileon",
                    "display_name": f"Customer {index}",
                    "base_url": base_url,
                }
            )

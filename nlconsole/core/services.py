"""The services the CLI and the console are built from, injected rather than global."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from nlconsole.core.models import Profile
from nlconsole.core.paths import profiles_path
from nlconsole.core.profiles import ProfileStore
from nlconsole.core.secrets import (
    SECRET_FIELDS,
    KeyringSecretStore,
    MemorySecretStore,
    SecretStore,
)


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Services:
    """Everything stateful a command or screen needs: where profiles and secrets live, the time."""

    config_dir: Path
    profiles: ProfileStore
    secrets: SecretStore
    now: Callable[[], datetime] = field(default=_utc_now)
    demo: bool = False

    def today(self) -> date:
        """Today's date in local terms of the clock (used for expiry checks)."""
        return self.now().astimezone().date()

    def remove_profile(self, profile: Profile, *, keep_secrets: bool = False) -> list[str]:
        """Delete the profile's secrets, then the profile; return the secret fields deleted.

        Secrets go first: if the store fails (SecretStoreError), the profile is kept, so no
        secret is left behind without a profile that names it.
        """
        deleted = (
            []
            if keep_secrets
            else [
                f.name
                for f in SECRET_FIELDS[profile.provider]
                if self.secrets.delete(profile.name, f.name)
            ]
        )
        self.profiles.remove(profile.name)
        return deleted

    @classmethod
    def real(cls, config_dir: Path) -> Services:
        """Profiles under `config_dir`, secrets in the OS keyring."""
        return cls(config_dir, ProfileStore(profiles_path(config_dir)), KeyringSecretStore())

    @classmethod
    def in_memory(cls, config_dir: Path) -> Services:
        """Profiles under `config_dir`, secrets in memory: the demo and tests."""
        return cls(
            config_dir, ProfileStore(profiles_path(config_dir)), MemorySecretStore(), demo=True
        )

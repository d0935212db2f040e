"""The services the CLI and the console are built from, injected rather than global."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from nlconsole.core.paths import profiles_path
from nlconsole.core.profiles import ProfileStore
from nlconsole.core.secrets import KeyringSecretStore, MemorySecretStore, SecretStore


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

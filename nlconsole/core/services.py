"""The services the CLI and the console are built from, injected rather than global.

Stores, the clock, the translator and how HTTP clients reach the network all come through here,
so tests and the demo pass other ones (a fixed clock, memory secrets, the in-process sandbox).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from nlconsole.core.clock import Clock, SystemClock
from nlconsole.core.kit import kit_for
from nlconsole.core.models import Profile
from nlconsole.core.paths import profiles_path
from nlconsole.core.profiles import ProfileStore
from nlconsole.core.secrets import KeyringSecretStore, MemorySecretStore, SecretStore
from nlconsole.i18n import Language, Translator, detect_language

if TYPE_CHECKING:
    from nlconsole.providers.http import HttpOptions


@dataclass
class Services:
    """Everything stateful a command or screen needs."""

    config_dir: Path
    profiles: ProfileStore
    secrets: SecretStore
    clock: Clock = field(default_factory=SystemClock)
    translate: Translator = field(default_factory=lambda: Translator.for_language("en"))
    demo: bool = False
    _http: HttpOptions | None = field(default=None, repr=False)

    @property
    def http(self) -> HttpOptions:
        """How clients reach HTTP; built on first use, so commands that never go online (e.g.
        `profiles list`) do not import httpx."""
        if self._http is None:
            from nlconsole.providers.http import HttpOptions

            self._http = HttpOptions()
        return self._http

    @http.setter
    def http(self, options: HttpOptions) -> None:
        self._http = options

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
                for f in kit_for(profile).secret_fields
                if self.secrets.delete(profile.name, f.name)
            ]
        )
        self.profiles.remove(profile.name)
        return deleted

    @classmethod
    def real(cls, config_dir: Path, language: Language | None = None) -> Services:
        """Profiles under `config_dir`, secrets in the OS keyring."""
        return cls(
            config_dir,
            ProfileStore(profiles_path(config_dir)),
            KeyringSecretStore(),
            translate=Translator.for_language(language or detect_language()),
        )

    @classmethod
    def in_memory(cls, config_dir: Path, language: Language | None = None) -> Services:
        """Profiles under `config_dir`, secrets in memory: the demo and tests."""
        return cls(
            config_dir,
            ProfileStore(profiles_path(config_dir)),
            MemorySecretStore(),
            translate=Translator.for_language(language or "en"),
            demo=True,
        )

"""How the console gets its services: the real ones, or the demo (sandbox + memory).

A boot runs in a thread worker after the first frame: keyring, pydantic and the sandbox are
imported and started there, not before the screen paints. What the first frame shows of the
profiles comes from the boot's `preview` (a fast read of profiles.toml, or the demo's seeds).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nlconsole.core.profile_rows import FIRST_PAGE, ProfileRow, preview_rows, rows_from_tables

if TYPE_CHECKING:
    from nlconsole.core.services import Services


@dataclass
class Environment:
    """What the console runs on, for the banner and for cleaning up."""

    demo: bool
    sandbox_url: str | None = None
    config_dir: Path | None = None
    cleanups: list[Callable[[], None]] = field(default_factory=list)
    sandbox: dict[str, Any] | None = None
    """The running sandbox's `describe()`: its base URLs and seeded scenarios (demo only)."""

    def sandbox_base_url(self, provider: str) -> str | None:
        """The running sandbox's base URL for a provider kind, if there is a sandbox."""
        if self.sandbox is None:
            return None
        url = self.sandbox.get("base_urls", {}).get(provider)
        return url if isinstance(url, str) else None

    def close(self) -> None:
        """Stop what the environment started (sandbox, temporary directory)."""
        while self.cleanups:
            self.cleanups.pop()()


Boot = Callable[[], "tuple[Services, Environment]"]
DEMO_PROFILES = {"maileon": "demo-maileon", "newsletter2go": "demo-n2g"}
"""Provider kind → the demo profile seeded for it (the demo's scenarios are tried on these)."""
DEMO_TABLES: dict[str, dict[str, Any]] = {
    "demo-maileon": {
        "provider": "maileon",
        "environment": "sandbox",
        "display_name": "Demo: cmxOrganize → Maileon",
    },
    "demo-n2g": {
        "provider": "newsletter2go",
        "environment": "sandbox",
        "display_name": "Demo: PEIQ PORTAL → Newsletter2Go",
    },
}
"""What the demo profiles are, before the sandbox (and with it their base URLs) is up."""


def first_rows(boot: Boot) -> list[ProfileRow]:
    """The profile rows a boot can tell before it runs ([] when it cannot)."""
    preview = getattr(boot, "preview", None)
    rows = preview() if callable(preview) else []
    return rows if isinstance(rows, list) else []


@dataclass(frozen=True)
class RealBoot:
    """The user's profiles and the OS keyring."""

    config_dir: Path

    def __call__(self) -> tuple[Services, Environment]:
        from nlconsole.core.services import Services

        services = Services.real(self.config_dir)
        return services, Environment(demo=False, config_dir=self.config_dir)

    def preview(self) -> list[ProfileRow]:
        """The first page of profiles.toml's rows, read fast (all of them, validated, follow
        once the boot has run)."""
        from nlconsole.core.paths import profiles_path

        return preview_rows(profiles_path(self.config_dir), FIRST_PAGE)


def real_boot(config_dir: Path) -> Boot:
    """The user's profiles and the OS keyring."""
    return RealBoot(config_dir)


class DemoBoot:
    """A sandbox on a free loopback port, memory secrets, a temporary config dir, demo profiles."""

    def __call__(self) -> tuple[Services, Environment]:
        import shutil
        import tempfile

        from nlconsole.core.services import Services
        from nlconsole.sandbox.server import SandboxServer

        directory = Path(tempfile.mkdtemp(prefix="nlconsole-demo-"))
        server = SandboxServer().start()
        environment = Environment(
            True,
            server.url,
            directory,
            sandbox=server.sandbox.describe(include_control_token=False),
        )
        environment.cleanups.append(lambda: shutil.rmtree(directory, ignore_errors=True))
        environment.cleanups.append(server.shutdown)
        services = Services.in_memory(directory)
        seed_demo_profiles(services, server.sandbox.base_urls())
        return services, environment

    def preview(self) -> list[ProfileRow]:
        """The demo profiles' rows (they are seeded once the sandbox is up)."""
        return rows_from_tables(DEMO_TABLES)


demo_boot = DemoBoot()


def seed_demo_profiles(services: Services, urls: Mapping[str, str]) -> None:
    """One ready profile per provider on the sandbox at `urls`, with its seeded credentials."""
    from datetime import timedelta

    from pydantic import SecretStr

    from nlconsole.core.models import Profile
    from nlconsole.sandbox.seeds import maileon_key, n2g_account

    expires = services.clock.today() + timedelta(days=365)
    maileon = Profile.model_validate(
        {
            "name": "demo-maileon",
            **DEMO_TABLES["demo-maileon"],
            "base_url": urls["maileon"],
            "maileon": {
                "key_label": "Sandbox Bildung gGmbH",
                "key_expires": expires,
                "rights_confirmed": ["create", "update"],
                "single_user_tracking": True,
            },
        }
    )
    n2g = Profile.model_validate(
        {
            "name": "demo-n2g",
            **DEMO_TABLES["demo-n2g"],
            "base_url": urls["newsletter2go"],
            "newsletter2go": {
                "newsletters": ["Lokales", "Sport"],
                "developer_mode_confirmed": True,
            },
        }
    )
    services.profiles.add(maileon)
    services.profiles.add(n2g)
    account = n2g_account("working")
    for profile, field_name, value in (
        ("demo-maileon", "api_key", maileon_key("create_update")),
        ("demo-maileon", "test_api_key", maileon_key("read_delete")),
        ("demo-n2g", "auth_key", account.auth_key),
        ("demo-n2g", "username", account.username),
        ("demo-n2g", "password", account.password),
    ):
        services.secrets.set(profile, field_name, SecretStr(value))

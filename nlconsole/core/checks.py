"""Run the connectivity check of a profile: load its secrets, pick the provider's check.

Secrets are read from the store here (a blocking keyring call: the console runs this part in a
thread); the check itself is async.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import SecretStr

from nlconsole.core.diagnostics import CheckReport, Observer, PlannedFinding
from nlconsole.core.maileon_check import (
    ClientFactory,
    MaileonSecrets,
    check_maileon,
    default_client_factory,
    planned_maileon_findings,
)
from nlconsole.core.models import Profile, ProviderKind
from nlconsole.core.n2g_check import (
    N2GClientFactory,
    N2GSecrets,
    check_newsletter2go,
    default_n2g_factory,
    planned_n2g_findings,
)
from nlconsole.core.secrets import SECRET_FIELDS, SecretStore
from nlconsole.core.services import Services


@dataclass(frozen=True)
class CheckInputs:
    """A profile and its secrets, loaded and ready for the check."""

    profile: Profile
    secrets: dict[str, SecretStr | None]


def load_check_inputs(profile: Profile, store: SecretStore) -> CheckInputs:
    """Read the profile's secrets (raises SecretStoreError when the store cannot be used)."""
    return CheckInputs(
        profile, {f.name: store.get(profile.name, f.name) for f in SECRET_FIELDS[profile.provider]}
    )


def planned_findings(inputs: CheckInputs) -> list[PlannedFinding]:
    """The rows the check will fill in."""
    if inputs.profile.provider is ProviderKind.MAILEON:
        return planned_maileon_findings(inputs.secrets.get("test_api_key") is not None)
    return planned_n2g_findings(inputs.profile.n2g_settings.newsletters)


async def run_check(
    inputs: CheckInputs,
    services: Services,
    *,
    observer: Observer | None = None,
    maileon_factory: ClientFactory = default_client_factory,
    n2g_factory: N2GClientFactory = default_n2g_factory,
) -> CheckReport:
    """Run the provider's check for the profile."""
    profile = inputs.profile
    if profile.provider is ProviderKind.MAILEON:
        return await check_maileon(
            profile,
            MaileonSecrets(inputs.secrets.get("api_key"), inputs.secrets.get("test_api_key")),
            today=services.today(),
            now=services.now(),
            client_factory=maileon_factory,
            observer=observer,
        )
    return await check_newsletter2go(
        profile,
        N2GSecrets(
            inputs.secrets.get("auth_key"),
            inputs.secrets.get("username"),
            inputs.secrets.get("password"),
        ),
        now=services.now(),
        client_factory=n2g_factory,
        observer=observer,
    )


def record_result(services: Services, report: CheckReport) -> None:
    """Keep the outcome (not the findings' raw data) on the profile for the lists."""
    with services.profiles.editing() as profile_set:
        profile = profile_set.profiles.get(report.profile)
        if profile is not None:
            profile.last_check = report.last_check()

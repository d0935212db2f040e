"""Run the pre-flight check of a profile: load its secrets, run its kit's check, keep the result.

Secrets are read from the store here (a blocking keyring call: the console runs this part in a
thread); the check itself is async, bounded by an overall deadline, and never raises for what a
provider answers: rows it could not finish in time say so.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import SecretStr

from nlconsole.core.kit import CheckContext, kit_for
from nlconsole.core.models import LastCheck, Profile
from nlconsole.core.report import FindingSpec, Observer, Report, recording
from nlconsole.errors import ProfileNotFound
from nlconsole.i18n import _

if TYPE_CHECKING:
    from nlconsole.core.secrets import SecretStore
    from nlconsole.core.services import Services
    from nlconsole.providers.http import HttpOptions

DEFAULT_DEADLINE = 60.0
"""Seconds a whole check may take (a server dribbling one byte every few seconds included)."""
MAX_DEADLINE = 3600.0
"""The longest deadline a user may set: a check that needs an hour is broken anyway."""


@dataclass(frozen=True)
class CheckInputs:
    """A profile and its secrets, loaded and ready for the check."""

    profile: Profile
    secrets: dict[str, SecretStr | None]

    @property
    def stored(self) -> frozenset[str]:
        """The names of the secrets that are stored."""
        return frozenset(name for name, value in self.secrets.items() if value is not None)


def load_check_inputs(profile: Profile, store: SecretStore) -> CheckInputs:
    """Read the profile's secrets (raises SecretStoreError when the store cannot be used)."""
    fields = kit_for(profile).secret_fields
    return CheckInputs(profile, {f.name: store.get(profile.name, f.name) for f in fields})


def planned_findings(inputs: CheckInputs) -> list[FindingSpec]:
    """The rows the check will fill in."""
    return kit_for(inputs.profile).planned_check(inputs.profile, inputs.stored)


async def run_check(
    inputs: CheckInputs,
    services: Services,
    *,
    observer: Observer | None = None,
    deadline: float = DEFAULT_DEADLINE,
    http: HttpOptions | None = None,
) -> Report:
    """Run the provider's check for the profile within `deadline` seconds (over `http`, by
    default the services' options; the fleet check passes its slot's kept pool)."""
    profile = inputs.profile
    kit = kit_for(profile)
    context = CheckContext(
        profile,
        inputs.secrets,
        services.clock.today(),
        services.clock.now(),
        http or services.http,
        services.clock.monotonic,
    )
    planned = kit.planned_check(profile, inputs.stored)
    with recording(
        "check",
        profile.name,
        kit.kind.value,
        context.now,
        planned,
        observer,
        services.clock.monotonic,
    ) as recorder:
        try:
            async with asyncio.timeout(deadline):
                await kit.check(context, recorder)
        except TimeoutError:
            for spec in recorder.missing():
                recorder.add(
                    spec.unknown(
                        _(
                            "not finished within the check's deadline of {seconds} s",
                            seconds=f"{deadline:g}",
                        ),
                        _(
                            "The provider answers too slowly: check the network path and the "
                            "base URL, then run the check again."
                        ),
                    )
                )
    return recorder.report


def last_check_of(report: Report) -> LastCheck:
    """What the profile keeps of a check (no secrets, no raw answers)."""
    return LastCheck(
        at=report.started_at,
        outcome=report.outcome,
        summary=report.summary(),
        statuses={f.id: f.status.value for f in report.findings},
    )


def record_result(services: Services, report: Report) -> None:
    """Keep the outcome on the profile, as it is in the file now (it may be gone meanwhile)."""
    last = last_check_of(report)
    with contextlib.suppress(ProfileNotFound):
        services.profiles.update(
            report.profile, lambda profile: profile.model_copy(update={"last_check": last})
        )


def store_hint(profile: str, field: str) -> str:
    """The command that stores a secret (shown verbatim: commands are not translated)."""
    return f"nlconsole secrets set {profile} {field}"

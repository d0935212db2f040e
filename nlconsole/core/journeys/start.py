"""Getting a journey run ready: the journey, the tagged test address, the secrets, the record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from nlconsole.core.journeys.addresses import new_tag, tagged_address
from nlconsole.core.journeys.model import JourneySpec
from nlconsole.core.journeys.run import JourneyRun
from nlconsole.core.journeys.script import Blocked, JourneyContext, Script
from nlconsole.core.journeys.store import RunStore
from nlconsole.core.kit import kit_for
from nlconsole.core.models import Environment, Profile
from nlconsole.errors import UsageError
from nlconsole.i18n import _, joined

if TYPE_CHECKING:
    from nlconsole.core.services import Services

SANDBOX_MAILBOX = "tester@sandbox.test"
"""Sandbox profiles need no mailbox of their own: the sandbox mailbox receives everything."""


def test_mailbox_of(profile: Profile) -> str | None:
    """The mailbox test addresses derive from, or None when the tester has to give one."""
    if profile.test_mailbox:
        return profile.test_mailbox
    return SANDBOX_MAILBOX if profile.environment is Environment.SANDBOX else None


@dataclass
class PreparedRun:
    """Everything a run needs, before anything is sent."""

    spec: JourneySpec
    script: Script | Blocked
    context: JourneyContext
    run: JourneyRun
    store: RunStore


def prepare_run(
    profile: Profile, journey_id: str, services: Services, *, simulate: bool
) -> PreparedRun:
    """Find the journey, derive the test address, read the secrets (blocking: keyring)."""
    kit = kit_for(profile)
    specs = {spec.id: spec for spec in kit.journeys()}
    spec = specs.get(journey_id.upper())
    if spec is None:
        raise UsageError(
            _(
                "'{journey}' is not a journey of a {provider} profile (journeys: {ids})",
                journey=journey_id,
                provider=kit.title,
                ids=joined(list(specs)),
            )
        )
    reason = spec.not_applicable(profile)
    if reason is not None:
        raise UsageError(_("{journey} does not apply: {reason}", journey=spec.id, reason=reason))
    mailbox = test_mailbox_of(profile)
    if mailbox is None:
        raise UsageError(
            _("no test mailbox is set for this profile"),
            _(
                "Set your own mailbox once: {command}",
                command=f"nlconsole profiles edit {profile.name} --test-mailbox ADDRESS",
            ),
        )
    tag = new_tag()
    address = tagged_address(mailbox, spec.id, tag)
    secrets = {f.name: services.secrets.get(profile.name, f.name) for f in kit.secret_fields}
    context = JourneyContext(
        profile, secrets, address, kit.journey_person(), services.http, services.clock
    )
    script = kit.journey_script(spec.id, context, simulate)
    if script is None:
        raise UsageError(
            _("{journey} cannot be run by nlconsole yet; walk it by hand", journey=spec.id)
        )
    now = services.clock.now()
    run = JourneyRun(
        id=f"{now:%Y%m%d%H%M%S}-{spec.id.lower()}-{tag}",
        profile=profile.name,
        provider=kit.kind.value,
        journey=spec.id,
        title=spec.title,
        mode="simulate" if simulate else "tester",
        address=address,
        started_at=now,
        person=dict(context.person),
    )
    return PreparedRun(spec, script, context, run, RunStore(services.config_dir, profile.name))

"""The steps of the cmxOrganize → Maileon journeys M1–M9, and what blocks them.

The building blocks (the export call, reading the contact) are in `journey_parts`; returning
subscribers (M5–M7) in `journey_repeat`; salutation variants and the expired key (M8, M9) in
`journey_edge`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from nlconsole.core.checks import store_hint
from nlconsole.core.journeys.script import Act, Blocked, JourneyContext, Script, Step
from nlconsole.core.maileon.journey_edge import m8_addresses, m8_steps, m9_script
from nlconsole.core.maileon.journey_fields import fields_exist, mapping
from nlconsole.core.maileon.journey_parts import (
    BOOKING,
    absent,
    confirm,
    contact,
    journey_person,
    nothing_exported,
    purchase,
)
from nlconsole.core.maileon.journey_repeat import m5_steps, m6_steps, m7_steps
from nlconsole.i18n import _
from nlconsole.providers.maileon import KEYS_PAGE

__all__ = ["journey_person", "maileon_script"]


def _m3(context: JourneyContext) -> Sequence[Step]:
    return (
        Act(
            _("The purchase without the newsletter box"),
            (BOOKING, _("Leave 'Newsletter' unticked.")),
            nothing_exported,
        ),
        absent(),
    )


STEPS: dict[str, Callable[[JourneyContext], Sequence[Step]]] = {
    "M1": lambda context: (
        purchase(False),
        contact(1, tracking=False),
        confirm(),
        contact(4, tracking=False),
    ),
    "M2": lambda context: (
        purchase(True),
        contact(1, tracking=True),
        confirm(),
        contact(5, tracking=True),
    ),
    "M3": _m3,
    "M4": lambda context: (purchase(False), contact(1, "none", tracking=False)),
    "M5": lambda context: m5_steps(),
    "M6": lambda context: m6_steps(),
    "M7": lambda context: m7_steps(),
    "M8": m8_steps,
}


def maileon_script(
    journey: str, context: JourneyContext, simulate: bool
) -> Script | Blocked | None:
    """The steps of a journey, what blocks it, or None when it cannot run yet."""
    if context.secrets.get("test_api_key") is None:
        return Blocked(
            _("no test key is stored: nlconsole cannot read the contact in Maileon"),
            _(
                "Create a key with Leserecht + Löschrecht under {page} and store it under "
                "Credentials (key s) or with: {command}",
                page=KEYS_PAGE,
                command=store_hint(context.profile.name, "test_api_key"),
            ),
        )
    if journey == "M9":
        return m9_script(context, simulate)
    if simulate and context.secrets.get("api_key") is None:
        return Blocked(
            _("no API key is stored: nlconsole cannot make cmxOrganize's call"),
            _("Store it with: {command}", command=store_hint(context.profile.name, "api_key")),
        )
    steps = STEPS.get(journey)
    if steps is None:
        return None
    more = m8_addresses if journey == "M8" else None
    first: tuple[Step, ...] = (
        (fields_exist(),) if journey != "M3" and mapping(context.profile) else ()
    )
    return Script((*first, *steps(context)), lambda context: ["maileon"], more)

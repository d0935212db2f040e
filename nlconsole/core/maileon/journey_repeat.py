"""Journeys of a returning subscriber (M5–M7): a second purchase, a purchase with new tracking
consent, and a purchase after unsubscribing via the link in a Maileon mailing.

What Maileon does in M6 (a fresh DOI+ for a DOI contact) and M7 (a new sign-up after an
unsubscription) is open (domain.md §6.2 [?]); the steps observe what happens and judge it: a
pass only when it was seen, the unsubscription marker reported as what blocks M7.
"""

from __future__ import annotations

from collections.abc import Mapping

from nlconsole.core.journeys.expect import Expectation
from nlconsole.core.journeys.script import Act, Ask, Blocked, JourneyContext, Observe, Step
from nlconsole.core.maileon.journey_fields import custom_expectations, roles
from nlconsole.core.maileon.journey_parts import (
    confirm,
    contact,
    person_expectations,
    purchase,
    read_contact,
)
from nlconsole.core.models import PURCHASE_FIELD, PURCHASE_ROLE, Environment
from nlconsole.i18n import Msg, _
from nlconsole.providers.mailbox import sandbox_root, unsubscribe_via_newsletter
from nlconsole.providers.maileon import MaileonClient

SECOND_TITLE = "Prof. Dr."
"""The second purchase changes the Berufs-/Amtsbezeichnung: the update must reach the contact."""
NEWER = f"{PURCHASE_FIELD} newer"


def _first_signup() -> list[Step]:
    """Purchase, DOI mail, click: a confirmed subscriber (permission 4) whose id is kept."""
    return [
        purchase(False),
        contact(1, tracking=False),
        confirm(),
        contact(4, read=_remember_id, tracking=False),
    ]


async def _remember_id(context: JourneyContext) -> dict[str, object] | None:
    """The confirmed contact; its id and purchase number are kept for the second purchase."""
    seen = await read_contact(context)
    if seen is not None and seen.get("id"):
        context.facts["contact_id"] = str(seen["id"])
    field = roles(context.profile).get(PURCHASE_ROLE)
    if seen is not None and field and seen.get(field):
        context.facts["first_purchase"] = str(seen[field])
    return seen


async def _read_second(context: JourneyContext) -> dict[str, object] | None:
    """The contact after the second purchase, and whether its purchase number is newer than
    the first's (the Autowert counts up; in tester mode nlconsole cannot know the number)."""
    seen = await read_contact(context)
    if seen is None:
        return None
    field = roles(context.profile).get(PURCHASE_ROLE)
    first = context.facts.get("first_purchase", "")
    now = str(seen.get(field) or "") if field else ""
    newer = first.isdigit() and now.isdigit() and int(now) > int(first)
    return {**seen, NEWER: "yes" if newer else None}


def m5_steps() -> list[Step]:
    """A second purchase updates the same contact (the new title, the newest purchase number
    when the mapping has the field); no second contact, no downgrade."""
    second = Act(
        _("The second purchase"),
        (
            _(
                "Book a second course with the same address and names; enter '{title}' as "
                "Berufs-/Amtsbezeichnung this time. Tick 'Newsletter'.",
                title=SECOND_TITLE,
            ),
        ),
        _second_purchase,
    )

    def expected(context: JourneyContext) -> list[Expectation]:
        second = {**context.person, "Berufs-/Amtsbezeichnung": SECOND_TITLE}
        checks = [
            Expectation("exists", _("Contact exists"), "yes"),
            Expectation("id", _("Same contact (Maileon id)"), context.facts.get("contact_id")),
            Expectation("permission", _("Permission"), "4"),
            *person_expectations(context, second, tracking=False),
        ]
        if PURCHASE_ROLE in roles(context.profile):
            label = _("The second purchase's number is the newer one")
            checks.append(Expectation(NEWER, label, "yes"))
        return checks

    updated = Observe(_("The same contact is updated"), _read_second, expected)
    return [*_first_signup(), second, updated]


async def _second_purchase(context: JourneyContext) -> None:
    person = {**context.person, "Berufs-/Amtsbezeichnung": SECOND_TITLE}
    act = purchase(False, person=person)
    assert act.simulate is not None
    await act.simulate(context)


def m6_steps() -> list[Step]:
    """A DOI subscriber buys again with tracking consent: permission 5 only after a DOI+ click
    that was seen; whether a DOI+ mail comes at all is asked, not assumed."""
    upgraded = contact(5, tracking=True)
    return [
        *_first_signup(),
        purchase(True, _("The purchase with Einzelnutzertracking consent")),
        Observe(_("The consent reaches the same contact"), read_contact, _consent_reached),
        Ask(_("Did a new DOI mail (DOI+) arrive at the test address after this purchase?")),
        confirm(),
        Observe(upgraded.title, upgraded.read, upgraded.expect, explain=_no_upgrade),
    ]


def _consent_reached(context: JourneyContext) -> list[Expectation]:
    """Before any DOI+ click: the same contact, with the consent where the mapping puts it (the
    permission is not judged here: it is what the DOI+ click should change)."""
    checks = [
        Expectation("exists", _("Contact exists"), "yes"),
        Expectation("id", _("Same contact (Maileon id)"), context.facts.get("contact_id")),
    ]
    return checks + custom_expectations(context, context.address, context.person, True)


def _no_upgrade(context: JourneyContext, seen: Mapping[str, object] | None) -> Msg | None:
    if seen is None or seen.get("permission") != "4":
        return None
    return _(
        "Maileon kept permission 4 (DOI): no DOI+ confirmation reached it. Whether cmxOrganize "
        "and Maileon start a DOI+ for a contact that already has DOI is open; Maileon's account "
        "setting 'no DOI mailing if there is already a DOI permission' may suppress it: ask "
        "Maileon support, and note the outcome in the protocol."
    )


def m7_steps() -> list[Step]:
    """Unsubscribe via the link in a mailing, buy again: a new DOI mail and permission 4 after
    the click, or blocked by Maileon's unsubscription marker."""
    unsubscribe = Act(
        _("The unsubscription via the link in a newsletter"),
        (
            _("In Maileon, send a newsletter or a test mailing to the test address."),
            _("Open it and click its unsubscribe link (Abmelden)."),
        ),
        _unsubscribe,
    )
    gone = Observe(
        _("Maileon records the unsubscription"),
        _read_with_marker,
        lambda context: [
            Expectation("marker", _("Unsubscription marker"), "yes"),
            Expectation("exists", _("Contact exists"), None),
        ],
    )
    again = contact(1, read=_read_with_marker, tracking=False)
    again = Observe(
        _("The new sign-up waits for the DOI confirmation (permission 1)"),
        again.read,
        again.expect,
        blocked=_blocked_by_marker,
    )
    return [
        *_first_signup(),
        unsubscribe,
        gone,
        purchase(False, _("The purchase after the unsubscription")),
        again,
        confirm(),
        contact(4, tracking=False),
    ]


async def _unsubscribe(context: JourneyContext) -> None:
    """In the sandbox the subscriber's click on the newsletter's link; elsewhere Maileon's API
    call that the link makes (the test key has the delete right)."""
    root = sandbox_root(context.profile.base_url)
    if context.profile.environment is Environment.SANDBOX and root is not None:
        await unsubscribe_via_newsletter(root, context.address, context.http)
        return
    key = context.secrets.get("test_api_key")
    assert key is not None  # the script is blocked without it
    async with MaileonClient(context.profile.base_url, key, options=context.http) as client:
        await client.unsubscribe(context.address)


async def _read_with_marker(context: JourneyContext) -> dict[str, object] | None:
    """The contact (or nothing) and whether Maileon keeps an unsubscription marker."""
    seen = await read_contact(context) or {}
    key = context.secrets.get("test_api_key")
    assert key is not None  # the script is blocked without it
    async with MaileonClient(context.profile.base_url, key, options=context.http) as client:
        marker = await client.has_unsubscription_marker(context.address)
    return {**seen, "marker": "yes" if marker else None}


def _blocked_by_marker(seen: Mapping[str, object] | None) -> Blocked | None:
    if seen is None or seen.get("exists") or not seen.get("marker"):
        return None
    return Blocked(
        _(
            "blocked by Maileon's unsubscription marker: the new purchase with the newsletter "
            "box did not create the contact again"
        ),
        _(
            "Maileon keeps the marker of an unsubscribed address; ask Maileon support whether "
            "a new DOI sign-up may lift it. To repeat the test, use a new test address or "
            "delete the marker (DELETE contacts/email/ADDRESS/unsubscription)."
        ),
    )

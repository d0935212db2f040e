"""The steps of the PEIQ PORTAL → Newsletter2Go journeys P1–P14.

Simulated, nlconsole makes the portal's push (`journey_push`); with a tester, the run tells the
person what to do in the portal and waits. Either way it observes every address book of the
portal's newsletters (`journey_observe`): present where chosen, absent elsewhere, fields and
subscription state as expected. Where the reference leaves the outcome open (P7's sync back to
the portal, P8's blacklist, P12's push before verification) the run reports what Newsletter2Go
shows and asks the person what only the portal shows; it never passes what it did not see.
"""

from __future__ import annotations

from collections.abc import Sequence

from nlconsole.core.journeys.script import (
    Act,
    Ask,
    Blocked,
    JourneyContext,
    Script,
    Step,
)
from nlconsole.core.newsletter2go.journey_base import (
    SECRETS,
    changed_person,
    journey_person,
    new_address,
    settings_of,
)
from nlconsole.core.newsletter2go.journey_observe import (
    active_again,
    books,
    email_changed,
    not_receiving,
    nothing_arrives,
)
from nlconsole.core.newsletter2go.journey_push import (
    REGISTER,
    change_profile,
    confirm_email_change,
    delete_account,
    register_without_push,
    request_email_change,
    subscribe,
    subscribe_in_settings,
    unsubscribe,
)
from nlconsole.i18n import _

__all__ = ["journey_person", "n2g_script"]


def _blocked(context: JourneyContext) -> Blocked | None:
    settings = settings_of(context)
    missing = [n for n in settings.newsletters if n not in settings.list_ids]
    if not settings.newsletters or missing:
        return Blocked(
            _("the address books of the portal's newsletters are not recorded in the profile"),
            _(
                "Create and record them with bootstrap (key b, or {command}), then run the "
                "journey again.",
                command=f"nlconsole bootstrap {context.profile.name} --apply",
            ),
        )
    if any(context.secrets.get(n) is None for n in SECRETS):
        return Blocked(
            _("the Newsletter2Go login is not stored: nlconsole cannot read the address books"),
            _("Store auth key, username and password under Credentials (key s)."),
        )
    return None


def _steps(journey: str, newsletters: Sequence[str]) -> Sequence[Step] | None:
    first, *others = newsletters
    registered = register_without_push(
        _("The registration without a newsletter"), (REGISTER, _("Choose no newsletter."))
    )
    return {
        "P1": (subscribe([first]), books([first])),
        "P2": (
            subscribe(
                [first],
                _("A newsletter chosen on the Willkommensseite"),
                (
                    REGISTER,
                    _("Choose no newsletter; click the verification link."),
                    _(
                        "On the Willkommensseite pick '{newsletter}' in the Conversion-Element. "
                        "Without a Conversion-Element P2 does not apply: skip the journey.",
                        newsletter=first,
                    ),
                ),
            ),
            books([first]),
        ),
        "P3": (registered, books([])),
        "P4": (registered, books([]), subscribe_in_settings(first), books([first])),
        "P5": (subscribe(newsletters), books(newsletters)),
        "P6": (
            subscribe(newsletters),
            books(newsletters),
            unsubscribe(first),
            books(others, [first]),
        ),
        "P7": (
            subscribe([first]),
            books([first]),
            Act(
                _("Unsubscribe with the link in a Newsletter2Go mailing"),
                (
                    _(
                        "In Newsletter2Go send a test mailing of '{newsletter}' to the test "
                        "address (in the sandbox: the page /newsletter2go-app/testmailing).",
                        newsletter=first,
                    ),
                    _("Open the mailing in the test mailbox and click its unsubscribe link."),
                ),
            ),
            not_receiving(lambda c: [first], _("Newsletter2Go shows the unsubscribe")),
            Ask(
                _(
                    "Does the portal's Newsletter tab now show '{newsletter}' unticked (the "
                    "portal synced the unsubscribe back)?",
                    newsletter=first,
                )
            ),
        ),
        "P8": (
            subscribe([first]),
            books([first]),
            unsubscribe(first),
            not_receiving(
                lambda c: [first],
                _("Unsubscribed (or removed) in '{newsletter}'", newsletter=first),
            ),
            subscribe_in_settings(first, again=True),
            active_again(first),
        ),
        "P9": (
            subscribe(newsletters[:2]),
            books(newsletters[:2]),
            change_profile(),
            books(
                newsletters[:2], person=changed_person, title=_("The changed values in every book")
            ),
        ),
        "P10": (
            subscribe([first]),
            books([first]),
            request_email_change(),
            books([first], title=_("Nothing changes before the new address is confirmed")),
            confirm_email_change(),
            email_changed(),
        ),
        "P11": (
            subscribe(newsletters),
            books(newsletters),
            delete_account(),
            not_receiving(
                lambda c: settings_of(c).newsletters, _("The recipient is gone from every book")
            ),
        ),
        "P12": (
            register_without_push(
                _("A registration that is never verified"),
                (
                    REGISTER,
                    _("Choose: {newsletters}", newsletters=first),
                    _("Do not click the verification link."),
                ),
            ),
            nothing_arrives(_("No active recipient while the registration is unverified")),
        ),
        "P13": (
            subscribe(
                [first],
                _("The registration as a company"),
                (
                    _(
                        "Register in the portal as Unternehmen (or Institution) with the test "
                        "address and this Name (80 characters), without Vorname."
                    ),
                    _("Choose: {newsletters}", newsletters=first),
                    _("Click the verification link."),
                ),
            ),
            books([first]),
        ),
        "P14": (subscribe([first]), books([first])),
    }.get(journey)


def _prepare_person(journey: str, context: JourneyContext) -> None:
    """The journey's own values (a company, special characters, new values, the new address);
    a resumed run keeps the ones it began with."""
    if context.person == journey_person() and journey_person(journey) != context.person:
        context.person.clear()
        context.person.update(journey_person(journey))
    if journey == "P10":
        context.person.setdefault("Neue E-Mail-Adresse", new_address(context.address))


def n2g_script(journey: str, context: JourneyContext, simulate: bool) -> Script | Blocked | None:
    """The steps of a journey, or what blocks it."""
    blocked = _blocked(context)
    if blocked is not None:
        return blocked
    settings = settings_of(context)
    steps = _steps(journey, settings.newsletters)
    if steps is None:
        return None
    _prepare_person(journey, context)
    more = (lambda c: [new_address(c.address)]) if journey == "P10" else None
    return Script(steps, lambda c: [settings.list_ids[n] for n in settings.newsletters], more)

"""The acts of the PEIQ PORTAL → Newsletter2Go journeys: what the tester does in the portal,
and, simulated, the push the portal's interface makes for it over the real Newsletter2Go wire
format (n2g-api.md §5: upsert with `POST /recipients`, `PATCH` and `DELETE` on
`/lists/{l}/recipients/{r}`), as the sandbox's mock portal does.

A push changes the recipient in the address books where the portal's user has it; one the
address is not in is left alone (the interface looks the recipient up per book first).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from nlconsole.core.journeys.script import Act, JourneyContext
from nlconsole.core.newsletter2go.journey_base import (
    changed_person,
    client_for,
    new_address,
    recipient_values,
    settings_of,
)
from nlconsole.i18n import Msg, _, joined

REGISTER = _("Register in the portal with the test address and these values.")
SETTINGS = _("Log in and open Account-Einstellungen.")


def subscribe(
    chosen: Sequence[str], title: Msg | None = None, steps: Sequence[Msg] | None = None
) -> Act:
    """The portal's subscription push: the recipient into the chosen books (after the
    registration's verification, or a tick in the Newsletter tab)."""

    async def push(context: JourneyContext) -> None:
        ids = settings_of(context).list_ids
        async with client_for(context) as client:
            for name in chosen:
                await client.upsert_recipient(
                    ids[name],
                    context.address,
                    **recipient_values(context.person),
                    is_unsubscribed=False,
                )

    default = (REGISTER, _("Choose: {newsletters}", newsletters=joined(list(chosen))))
    return Act(
        title or _("The registration with a newsletter choice"),
        tuple(steps) if steps is not None else default,
        push,
    )


def subscribe_in_settings(name: str, again: bool = False) -> Act:
    """P4, P8: the logged-in user ticks a newsletter in the Newsletter tab."""
    tick = _(
        "Log in, open Account-Einstellungen → 'Newsletter', tick '{newsletter}' and save.",
        newsletter=name,
    )
    title = (
        _("Subscribe to '{newsletter}' again in the portal", newsletter=name)
        if again
        else _("Subscribe to '{newsletter}' in the account settings", newsletter=name)
    )
    return subscribe([name], title, (tick,))


async def _each_book(
    context: JourneyContext, names: Sequence[str], method: str, body: Mapping[str, Any] | None
) -> None:
    """Change (or with DELETE remove) the recipient in each named book it is in."""
    ids = settings_of(context).list_ids
    async with client_for(context) as client:
        for name in names:
            recipient = await client.find_recipient(ids[name], context.address)
            if recipient is None:
                continue
            if method == "DELETE":
                await client.delete_recipient(ids[name], recipient.id)
            else:
                await client.update_recipient(ids[name], recipient.id, **(body or {}))


def unsubscribe(name: str) -> Act:
    """P6, P8: untick a newsletter; the portal sets `is_unsubscribed: true` in that book."""

    async def push(context: JourneyContext) -> None:
        await _each_book(context, [name], "PATCH", {"is_unsubscribed": True})

    instruction = _(
        "Log in and untick '{newsletter}' in Account-Einstellungen → 'Newsletter'.",
        newsletter=name,
    )
    title = _("Unsubscribe from '{newsletter}' in the portal", newsletter=name)
    return Act(title, (instruction,), push)


def change_profile() -> Act:
    """P9: new names and Geschlecht, pushed to every book the recipient is in."""

    async def push(context: JourneyContext) -> None:
        values = recipient_values(changed_person(context.person))
        await _each_book(context, settings_of(context).newsletters, "PATCH", values)

    return Act(
        _("Change the names and the Geschlecht in the portal"),
        (
            SETTINGS,
            _(
                "Under 'Account' change Vorname, Name and Geschlecht to the new values "
                "(Neuer Vorname, Neuer Name, Neues Geschlecht) and save."
            ),
        ),
        push,
    )


def request_email_change() -> Act:
    """P10, first half: the new address is asked for; until it is confirmed nothing is pushed."""

    async def nothing(context: JourneyContext) -> None:
        """The portal pushes nothing before the new address is verified."""

    return Act(
        _("Ask for the e-mail change in the portal"),
        (
            SETTINGS,
            _(
                "Under 'Account' enter the new e-mail address (Neue E-Mail-Adresse) and send; "
                "do not click the verification link yet."
            ),
        ),
        nothing,
    )


def confirm_email_change() -> Act:
    """P10, second half: after the link to the new address, the portal changes `email` on the
    same recipient in every book (one recipient, one id: n2g-api.md §5)."""

    async def push(context: JourneyContext) -> None:
        books = settings_of(context).newsletters
        await _each_book(context, books, "PATCH", {"email": new_address(context.address)})

    return Act(
        _("Confirm the new e-mail address"),
        (_("Open the portal's mail to the new address and click its verification link."),),
        push,
    )


def delete_account() -> Act:
    """P11: the Löschantrag; the portal deletes the recipient from every book."""

    async def push(context: JourneyContext) -> None:
        await _each_book(context, settings_of(context).newsletters, "DELETE", None)

    return Act(
        _("Submit a Löschantrag in the portal"),
        (SETTINGS, _("Under 'Account' submit the Löschantrag (deletion request).")),
        push,
    )


def register_without_push(title: Msg, steps: Sequence[Msg]) -> Act:
    """P3, P12: a registration the portal pushes nothing for (no newsletter, or never
    verified: nothing is sent before the verification, as far as the portal is emulated)."""

    async def nothing(context: JourneyContext) -> None:
        """Nothing reaches Newsletter2Go."""

    return Act(title, tuple(steps), nothing)

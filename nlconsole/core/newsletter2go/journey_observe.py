"""What the PEIQ PORTAL → Newsletter2Go journeys observe: the test address in every address
book of the portal's newsletters (present, unsubscribed, blacklisted, still receiving, fields),
and what each journey expects there.

Subscription state is per book (n2g-api.md §5); "active" means present, neither unsubscribed
nor blacklisted: the recipient still gets that newsletter.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence

from nlconsole.core.journeys.expect import Expectation
from nlconsole.core.journeys.script import JourneyContext, Observe
from nlconsole.core.newsletter2go.journey_base import (
    client_for,
    new_address,
    recipient_values,
    settings_of,
)
from nlconsole.i18n import Msg, _

Person = Callable[[dict[str, str]], dict[str, str]]
BookReader = Callable[[JourneyContext], Awaitable[dict[str, object]]]


def _yes(flag: bool) -> str | None:
    return "yes" if flag else None


def reader(address: Callable[[JourneyContext], str] = lambda c: c.address) -> BookReader:
    """Read one address in every book; the first id seen is kept in the run's facts (P10
    compares the recipient after the e-mail change with it)."""

    async def read(context: JourneyContext) -> dict[str, object]:
        settings = settings_of(context)
        seen: dict[str, object] = {}
        async with client_for(context) as client:
            for name in settings.newsletters:
                recipient = await client.find_recipient(settings.list_ids[name], address(context))
                if recipient is None:
                    continue
                context.facts.setdefault("recipient_id", recipient.id)
                seen[f"{name}:present"] = "yes"
                seen[f"{name}:id"] = recipient.id
                seen[f"{name}:unsubscribed"] = _yes(recipient.is_unsubscribed)
                seen[f"{name}:blacklisted"] = _yes(recipient.is_blacklisted)
                seen[f"{name}:active"] = _yes(
                    not recipient.is_unsubscribed and not recipient.is_blacklisted
                )
                for field in ("first_name", "last_name", "gender"):
                    seen[f"{name}:{field}"] = recipient.fields.get(field)
        return seen

    return read


read_books = reader()


def _fields(name: str, person: dict[str, str]) -> list[Expectation]:
    values = recipient_values(person)
    return [
        Expectation(f"{name}:first_name", _("First name"), values["first_name"] or None),
        Expectation(f"{name}:last_name", _("Last name"), values["last_name"] or None),
        Expectation(f"{name}:gender", _("Gender"), values["gender"] or None),
    ]


def books(
    subscribed: Sequence[str],
    unsubscribed: Sequence[str] = (),
    person: Person = dict,
    title: Msg | None = None,
) -> Observe:
    """Present where subscribed (active, with the person's fields) or unsubscribed, absent
    from every other book."""

    def expected(context: JourneyContext) -> list[Expectation]:
        values = person(context.person)
        checks = []
        for name in settings_of(context).newsletters:
            inside = name in subscribed or name in unsubscribed
            present = _("In address book '{name}'", name=name)
            checks.append(Expectation(f"{name}:present", present, "yes" if inside else None))
            if not inside:
                continue
            checks.append(
                Expectation(
                    f"{name}:unsubscribed",
                    _("Unsubscribed in '{name}'", name=name),
                    "yes" if name in unsubscribed else None,
                )
            )
            checks += _fields(name, values)
        return checks

    return Observe(title or _("The recipient in the address books"), read_books, expected)


def not_receiving(names: Callable[[JourneyContext], Sequence[str]], title: Msg) -> Observe:
    """P7, P11: in these books the recipient is removed or at least no longer active."""

    def expected(context: JourneyContext) -> list[Expectation]:
        return [
            Expectation(f"{n}:active", _("Still receives '{name}'", name=n), None)
            for n in names(context)
        ]

    return Observe(title, read_books, expected)


def nothing_arrives(title: Msg) -> Observe:
    """P12: no active recipient in any book for the whole observation (a push could still
    come late, so one empty read proves nothing)."""

    def expected(context: JourneyContext) -> list[Expectation]:
        return [
            Expectation(f"{n}:active", _("Receives '{name}'", name=n), None)
            for n in settings_of(context).newsletters
        ]

    return Observe(title, read_books, expected, steady=True)


def active_again(name: str) -> Observe:
    """P8: after the re-subscription the recipient is active in the book again; when
    Newsletter2Go's blacklist keeps it out, the step says so and how to fix it."""

    def expected(context: JourneyContext) -> list[Expectation]:
        return [
            Expectation(f"{name}:present", _("In address book '{name}'", name=name), "yes"),
            Expectation(f"{name}:unsubscribed", _("Unsubscribed in '{name}'", name=name), None),
            Expectation(f"{name}:blacklisted", _("On the blacklist of '{name}'", name=name), None),
            *_fields(name, context.person),
        ]

    def explain(context: JourneyContext, seen: Mapping[str, object] | None) -> Msg | None:
        if not seen or seen.get(f"{name}:blacklisted") != "yes":
            return None
        return _(
            "Newsletter2Go's blacklist blocks the re-subscription: {address} stays "
            "unsubscribed in '{name}' although the portal subscribed it again. Fix: the "
            "recipient has to leave the blacklist of that address book (in Newsletter2Go: "
            "Empfänger → Blacklist, or delete the recipient from the book); agree with PEIQ "
            "that a re-subscription starts a new double opt-in, or that an unsubscribe in the "
            "portal removes the recipient instead of unsubscribing it.",
            address=context.address,
            name=name,
        )

    return Observe(
        _("The recipient is active in '{name}' again", name=name), read_books, expected, explain
    )


def email_changed() -> Observe:
    """P10: the same recipient (same id) has the new address; the old one is in no book."""
    read_new = reader(lambda c: new_address(c.address))

    async def read(context: JourneyContext) -> dict[str, object]:
        old = await read_books(context)
        new = await read_new(context)
        return {**{f"old:{k}": v for k, v in old.items()}, **new}

    def expected(context: JourneyContext) -> list[Expectation]:
        recipient = context.facts.get("recipient_id")
        checks = []
        for name in settings_of(context).newsletters[:1]:  # P10 subscribes to the first
            checks += [
                Expectation(
                    f"{name}:id",
                    _("Same recipient (id) with the new address in '{name}'", name=name),
                    recipient,
                ),
                Expectation(
                    f"old:{name}:present",
                    _("Old address still in '{name}'", name=name),
                    None,
                ),
            ]
        return checks

    return Observe(_("The same recipient with the new address"), read, expected)

"""Journeys M8 (Anrede variants) and M9 (expired or revoked API key).

M8 books four times in one run, each with its own tagged address (all in the ledger before the
first export): Herr, Frau, divers and keine Angabe, with and without Berufs-/Amtsbezeichnung and
Namenspräfix. Every field must hold exactly what was entered; an empty entry must leave the
field without a value (never a literal 'null' or an empty string).

M9: simulated, nlconsole makes cmxOrganize's export with the sandbox's seeded expired key, read
from the sandbox each time it is needed (never stored in the profile's keyring or the run).
In tester mode the person expires the key in Maileon, nlconsole checks that Maileon refuses it,
and asks where cmxOrganize shows the failed export (open: domain.md §6.2 M9).
"""

from __future__ import annotations

from nlconsole.core.journeys.expect import Expectation
from nlconsole.core.journeys.script import Act, Ask, Blocked, JourneyContext, Observe, Script, Step
from nlconsole.core.maileon.journey_parts import (
    BOOKING,
    absent,
    export,
    person_expectations,
    purchase,
    read_address,
)
from nlconsole.core.models import Environment
from nlconsole.i18n import _
from nlconsole.providers.base import ProviderError
from nlconsole.providers.mailbox import sandbox_maileon_key, sandbox_root
from nlconsole.providers.maileon import MaileonClient

TITLE, PREFIX = "Berufs-/Amtsbezeichnung", "Namenspräfix"
VARIANTS: tuple[tuple[str, dict[str, str]], ...] = (
    (
        "a",
        {"Anrede": "Herr", TITLE: "Prof. Dr.", PREFIX: "van der", "Vorname": "Jan", "Name": "Berg"},
    ),
    ("b", {"Anrede": "Frau", TITLE: "", PREFIX: "", "Vorname": "Zoë", "Name": "Weiß"}),
    (
        "c",
        {
            "Anrede": "divers",
            TITLE: "Bürgermeister:in",
            PREFIX: "zu",
            "Vorname": "Kim",
            "Name": "Löwenstein",
        },
    ),
    ("d", {"Anrede": "keine Angabe", TITLE: "", PREFIX: "", "Vorname": "Alex", "Name": "Schmidt"}),
)
"""Each variant's address is the run's address with the letter after the tag."""
REFUSED = "401"


def variant_address(address: str, letter: str) -> str:
    """`tester+nlc-m8-7k3q@x.de` → `tester+nlc-m8-7k3qa@x.de` (still a tagged address)."""
    local, _at, domain = address.partition("@")
    return f"{local}{letter}@{domain}"


def m8_addresses(context: JourneyContext) -> list[str]:
    """The four addresses of an M8 run (for the ledger)."""
    return [variant_address(context.address, letter) for letter, _p in VARIANTS]


def _shown(value: str) -> str:
    return value or str(_("(leave empty)"))


def _booking(number: int, address: str, person: dict[str, str]) -> Act:
    async def simulate(context: JourneyContext) -> None:
        await export(context, address, person, False)

    return Act(
        _(
            "Purchase {number} of {count}: Anrede {salutation}",
            number=number,
            count=len(VARIANTS),
            salutation=person["Anrede"],
        ),
        (
            BOOKING,
            _(
                "E-Mail {email}; Anrede {salutation}; Berufs-/Amtsbezeichnung {title}; "
                "Namenspräfix {prefix}; Vorname {first}; Name {name}. Tick 'Newsletter'.",
                email=address,
                salutation=person["Anrede"],
                title=_shown(person[TITLE]),
                prefix=_shown(person[PREFIX]),
                first=person["Vorname"],
                name=person["Name"],
            ),
        ),
        simulate,
    )


def _stored(letter: str, person: dict[str, str]) -> Observe:
    def address(context: JourneyContext) -> str:
        return variant_address(context.address, letter)

    async def read(context: JourneyContext) -> dict[str, object] | None:
        return await read_address(context, address(context))

    def expected(context: JourneyContext) -> list[Expectation]:
        return [
            Expectation("exists", _("Contact exists"), "yes"),
            *person_expectations(
                context, person, gender=True, tracking=False, address=address(context)
            ),
        ]

    return Observe(
        _("Anrede {salutation}: the fields as entered", salutation=person["Anrede"]), read, expected
    )


def m8_steps(context: JourneyContext) -> list[Step]:
    """Four purchases, then each contact's fields."""
    bookings: list[Step] = [
        _booking(number, variant_address(context.address, letter), person)
        for number, (letter, person) in enumerate(VARIANTS, start=1)
    ]
    return bookings + [_stored(letter, person) for letter, person in VARIANTS]


def m9_script(context: JourneyContext, simulate: bool) -> Script | Blocked:
    """The steps of M9, or what blocks it (a simulated run needs the sandbox's expired key)."""
    root = sandbox_root(context.profile.base_url)
    places = lambda context: ["maileon"]  # noqa: E731 (the ledger's place)
    refused = Observe(
        _("Maileon refuses the cmxOrganize key (401)"),
        _key_answer,
        lambda context: [Expectation("status", _("Maileon's answer to the key"), REFUSED)],
    )
    if simulate:
        if context.profile.environment is not Environment.SANDBOX or root is None:
            return Blocked(
                _("a simulated M9 needs the sandbox's expired key"),
                _(
                    "Against a real Maileon, walk M9 in tester mode: set the key's Gültigkeit "
                    "to the past in Maileon, then book in the web shop."
                ),
            )
        act = Act(
            _("The purchase with an expired key"),
            (BOOKING,),
            _export_with_expired_key,
        )
        return Script((act, refused, absent()), places)
    steps: list[Step] = [
        Act(
            _("The expired key"),
            (_("Set the key's Gültigkeit to the past (or deactivate it) in Maileon."),),
        )
    ]
    if context.secrets.get("api_key") is not None:
        steps.append(refused)
    steps += [
        purchase(False),
        absent(),
        Ask(
            _(
                "Does cmxOrganize show the failed export (Maileon answers 401), e.g. in the "
                "interface log? Note where."
            )
        ),
        Act(
            _("The key is valid again"),
            (_("Set the key's Gültigkeit back to a date in the future (or activate it)."),),
        ),
    ]
    return Script(steps, places)


async def _export_with_expired_key(context: JourneyContext) -> None:
    """cmxOrganize's export with the expired key; Maileon's answer is kept as a fact."""
    root = sandbox_root(context.profile.base_url)
    assert root is not None  # m9_script blocks a simulated run outside the sandbox
    key = await sandbox_maileon_key(root, "expired", context.http)
    try:
        await export(context, context.address, context.person, False, key=key)
        context.facts["export_status"] = "accepted"
    except ProviderError as exc:
        context.facts["export_status"] = str(exc.status)


async def _key_answer(context: JourneyContext) -> dict[str, object]:
    """Maileon's answer to the cmxOrganize key: the export's own (simulated), or a create-right
    `ping` with the stored integration key (tester mode)."""
    if "export_status" in context.facts:
        return {"status": context.facts["export_status"]}
    key = context.secrets.get("api_key")
    assert key is not None  # the step is only there with a stored key
    async with MaileonClient(context.profile.base_url, key, options=context.http) as client:
        try:
            await client.ping("POST")
        except ProviderError as exc:
            if exc.status is None:
                raise
            return {"status": str(exc.status)}
    return {"status": "200"}

"""The steps of the cmxOrganize → Maileon journeys that can run today (M1–M4).

Simulated, nlconsole makes cmxOrganize's export call: create the contact with `doi=true`,
`doiplus` per tracking consent, `src` and the standard fields. It observes with the test key
(the integration key has no read right). The name prefix goes in front of LASTNAME, as
cmxOrganize does without a custom field for it.
"""

from __future__ import annotations

from collections.abc import Mapping

from nlconsole.core.checks import store_hint
from nlconsole.core.journeys.expect import Expectation
from nlconsole.core.journeys.script import Act, Blocked, JourneyContext, Observe, Script
from nlconsole.i18n import _
from nlconsole.providers.maileon import KEYS_PAGE, MaileonClient

FIELDS = ("SALUTATION", "TITLE", "FIRSTNAME", "LASTNAME", "PERMISSION_STATUS")
PERSON = {
    "Anrede": "Frau",
    "Berufs-/Amtsbezeichnung": "Dr.",
    "Namenspräfix": "von",
    "Vorname": "Jürgen",
    "Name": "Müller-Lüdenscheidt",
}
BOOKING = _("Book a course in the cmxOrganize web shop with these values.")
CONFIRM = _("Click the confirmation link in the DOI mail to the test address.")


def journey_person() -> dict[str, str]:
    """The values a tester enters (umlauts and a name prefix on purpose)."""
    return dict(PERSON)


def _lastname(person: Mapping[str, str]) -> str:
    return f"{person['Namenspräfix']} {person['Name']}".strip()


def _purchase(doi: bool, tracking: bool) -> Act:
    async def export(context: JourneyContext) -> None:
        key = context.secrets.get("api_key")
        assert key is not None  # the script is blocked without it
        person = context.person
        async with MaileonClient(context.profile.base_url, key, options=context.http) as client:
            await client.create_contact(
                context.address,
                src="cmxOrganize Einkauf",
                doi=doi,
                doiplus=doi and tracking,
                standard_fields={
                    "SALUTATION": person["Anrede"],
                    "TITLE": person["Berufs-/Amtsbezeichnung"],
                    "FIRSTNAME": person["Vorname"],
                    "LASTNAME": _lastname(person),
                },
            )

    box = (
        _("Tick 'Newsletter' and 'Einzelnutzertracking'.")
        if tracking
        else _("Tick 'Newsletter', leave 'Einzelnutzertracking' unticked.")
    )
    return Act(_("The purchase with the newsletter box"), (BOOKING, box), export)


async def read_contact(context: JourneyContext) -> dict[str, object] | None:
    """The contact as Maileon shows it to the test key, or None when there is none."""
    key = context.secrets.get("test_api_key")
    assert key is not None  # the script is blocked without it
    async with MaileonClient(context.profile.base_url, key, options=context.http) as client:
        contact = await client.get_contact(context.address, standard_fields=FIELDS)
    if contact is None:
        return None
    return {"exists": "yes", "permission": str(int(contact.permission)), **contact.standard_fields}


def _contact(permission: int, status: str | None = None) -> Observe:
    def expected(context: JourneyContext) -> list[Expectation]:
        person = context.person
        checks = [
            Expectation("exists", _("Contact exists"), "yes"),
            Expectation("permission", _("Permission"), str(permission)),
            Expectation("SALUTATION", _("Salutation (SALUTATION)"), person["Anrede"]),
            Expectation("TITLE", _("Title (TITLE)"), person["Berufs-/Amtsbezeichnung"]),
            Expectation("FIRSTNAME", _("First name (FIRSTNAME)"), person["Vorname"]),
            Expectation("LASTNAME", _("Name with prefix (LASTNAME)"), _lastname(person)),
        ]
        if status is not None:
            checks.append(Expectation("PERMISSION_STATUS", _("PERMISSION_STATUS"), status))
        return checks

    title = (
        _("The contact waits for the DOI confirmation (permission 1)")
        if permission == 1
        else _("The contact is confirmed (permission {permission})", permission=permission)
    )
    return Observe(title, read_contact, expected)


def _absent() -> Observe:
    return Observe(
        _("No contact in Maileon"),
        read_contact,
        lambda context: [Expectation("exists", _("Contact exists"), None)],
    )


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
    if simulate and context.secrets.get("api_key") is None:
        return Blocked(
            _("no API key is stored: nlconsole cannot make cmxOrganize's call"),
            _("Store it with: {command}", command=store_hint(context.profile.name, "api_key")),
        )
    confirm = Act(_("The DOI confirmation"), (CONFIRM,), confirms_doi=True)
    steps = {
        "M1": (_purchase(True, False), _contact(1), confirm, _contact(4)),
        "M2": (_purchase(True, True), _contact(1), confirm, _contact(5)),
        "M3": (
            Act(
                _("The purchase without the newsletter box"),
                (BOOKING, _("Leave 'Newsletter' unticked.")),
                _nothing_exported,
            ),
            _absent(),
        ),
        "M4": (_purchase(True, False), _contact(1, "none")),
    }.get(journey)
    if steps is None:
        return None
    return Script(steps, lambda context: ["maileon"])


async def _nothing_exported(context: JourneyContext) -> None:
    """Without the newsletter box cmxOrganize exports nothing."""

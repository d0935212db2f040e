"""The building blocks of the cmxOrganize → Maileon journeys: the test person, cmxOrganize's
export call, reading the contact with the test key, and the usual observations.

Simulated, nlconsole makes cmxOrganize's export call: create the contact with `doi=true`,
`doiplus` per tracking consent, `src` naming the purchase, the standard fields and the custom
fields of the profile's mapping (`journey_fields`), with `sync_mode=1` (update), so a second
purchase updates the contact. It observes with the test key (the integration key has no read
right). The Anrede also sets GENDER, as the sandbox's mock shop does.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import SecretStr

from nlconsole.core.journeys.expect import Expectation
from nlconsole.core.journeys.script import Act, JourneyContext, Observe, Reader
from nlconsole.core.maileon.journey_fields import (
    custom_expectations,
    custom_values,
    mapping,
    next_purchase,
    observed_custom,
    prefix_apart,
    roles,
)
from nlconsole.core.models import Profile
from nlconsole.i18n import Msg, _
from nlconsole.providers.maileon import MaileonClient

FIELDS = ("SALUTATION", "TITLE", "FIRSTNAME", "LASTNAME", "GENDER", "PERMISSION_STATUS")
PERSON = {
    "Anrede": "Frau",
    "Berufs-/Amtsbezeichnung": "Dr.",
    "Namenspräfix": "von",
    "Vorname": "Jürgen",
    "Name": "Müller-Lüdenscheidt",
}
GENDER_OF_SALUTATION = {"Herr": "m", "Frau": "f", "divers": "d"}
"""Anrede → GENDER; 'keine Angabe' sends neither (no literal 'null', no empty string)."""
BOOKING = _("Book a course in the cmxOrganize web shop with these values.")
CONFIRM = _("Click the confirmation link in the DOI mail to the test address.")
SRC = "cmxOrganize Einkauf"


def journey_person() -> dict[str, str]:
    """The values a tester enters (umlauts and a name prefix on purpose)."""
    return dict(PERSON)


def lastname(person: Mapping[str, str], prefix_in_front: bool = True) -> str:
    """LASTNAME as the export writes it: the Name, with the Namenspräfix in front when the
    mapping has no field of its own for it."""
    prefix = person.get("Namenspräfix", "") if prefix_in_front else ""
    return f"{prefix} {person.get('Name', '')}".strip()


def standard_fields(person: Mapping[str, str], profile: Profile) -> dict[str, str]:
    """The standard fields of the export; empty values are left out, never sent as ''."""
    salutation = person.get("Anrede", "")
    values = {
        "SALUTATION": salutation if salutation in GENDER_OF_SALUTATION else "",
        "GENDER": GENDER_OF_SALUTATION.get(salutation, ""),
        "TITLE": person.get("Berufs-/Amtsbezeichnung", ""),
        "FIRSTNAME": person.get("Vorname", ""),
        "LASTNAME": lastname(person, not prefix_apart(profile)),
    }
    return {name: value for name, value in values.items() if value}


async def export(
    context: JourneyContext,
    address: str,
    person: Mapping[str, str],
    tracking: bool,
    key: SecretStr | None = None,
) -> None:
    """cmxOrganize's export of one purchase with the newsletter box (raises ProviderError)."""
    key = key or context.secrets.get("api_key")
    assert key is not None  # the script is blocked without it
    number = next_purchase(context, address)
    async with MaileonClient(context.profile.base_url, key, options=context.http) as client:
        await client.create_contact(
            address,
            src=f"{SRC} {number}",
            doi=True,
            doiplus=tracking,
            standard_fields=standard_fields(person, context.profile),
            custom_fields=custom_values(context.profile, person, tracking, number),
        )


def purchase(
    tracking: bool, title: Msg | None = None, person: Mapping[str, str] | None = None
) -> Act:
    """The purchase with the newsletter box (and the tracking box when `tracking`)."""

    async def simulate(context: JourneyContext) -> None:
        await export(context, context.address, person or context.person, tracking)

    box = (
        _("Tick 'Newsletter' and 'Einzelnutzertracking'.")
        if tracking
        else _("Tick 'Newsletter', leave 'Einzelnutzertracking' unticked.")
    )
    return Act(title or _("The purchase with the newsletter box"), (BOOKING, box), simulate)


def confirm() -> Act:
    """The DOI click: always a person's act (or --auto-confirm in the sandbox)."""
    return Act(_("The DOI confirmation"), (CONFIRM,), confirms_doi=True)


async def read_address(context: JourneyContext, address: str) -> dict[str, object] | None:
    """A contact as Maileon shows it to the test key, or None when there is none."""
    key = context.secrets.get("test_api_key")
    assert key is not None  # the script is blocked without it
    async with MaileonClient(context.profile.base_url, key, options=context.http) as client:
        contact = await client.get_contact(
            address, standard_fields=FIELDS, custom_fields=mapping(context.profile)
        )
    if contact is None:
        return None
    return {
        "exists": "yes",
        "id": None if contact.id is None else str(contact.id),
        "permission": str(int(contact.permission)),
        **contact.standard_fields,
        **observed_custom(contact.custom_fields, roles(context.profile)),
    }


async def read_contact(context: JourneyContext) -> dict[str, object] | None:
    """The run's contact as Maileon shows it to the test key, or None."""
    return await read_address(context, context.address)


def person_expectations(
    context: JourneyContext,
    person: Mapping[str, str],
    gender: bool = False,
    tracking: bool | None = None,
    address: str | None = None,
) -> list[Expectation]:
    """SALUTATION, TITLE, names (and GENDER) as entered, and the mapped custom fields; an empty
    value expects no value."""
    fields = standard_fields(person, context.profile)
    checks = [
        Expectation("SALUTATION", _("Salutation (SALUTATION)"), fields.get("SALUTATION")),
        Expectation("TITLE", _("Title (TITLE)"), fields.get("TITLE")),
        Expectation("FIRSTNAME", _("First name (FIRSTNAME)"), fields.get("FIRSTNAME")),
        Expectation("LASTNAME", _("Name (LASTNAME)"), fields.get("LASTNAME")),
    ]
    if gender:
        checks.append(Expectation("GENDER", _("Gender (GENDER)"), fields.get("GENDER")))
    custom = custom_expectations(context, address or context.address, person, tracking)
    return checks + custom


def contact(
    permission: int,
    status: str | None = None,
    read: Reader = read_contact,
    tracking: bool | None = None,
) -> Observe:
    """The run's contact with this permission and the person's fields (and the Einzelnutzer-
    tracking flag, when `tracking` is given and the mapping has the field)."""

    def expected(context: JourneyContext) -> list[Expectation]:
        checks = [
            Expectation("exists", _("Contact exists"), "yes"),
            Expectation("permission", _("Permission"), str(permission)),
            *person_expectations(context, context.person, tracking=tracking),
        ]
        if status is not None:
            checks.append(Expectation("PERMISSION_STATUS", _("PERMISSION_STATUS"), status))
        return checks

    title = (
        _("The contact waits for the DOI confirmation (permission 1)")
        if permission == 1
        else _("The contact is confirmed (permission {permission})", permission=permission)
    )
    return Observe(title, read, expected)


def absent() -> Observe:
    """No contact with the run's address."""
    return Observe(
        _("No contact in Maileon"),
        read_contact,
        lambda context: [Expectation("exists", _("Contact exists"), None)],
    )


async def nothing_exported(context: JourneyContext) -> None:
    """Without the newsletter box cmxOrganize exports nothing."""

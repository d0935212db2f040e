"""What cmxOrganize writes into the custom fields of the profile's mapping, what a journey
expects there, and the check that the fields exist before a journey exports.

Why custom fields: the cmx guide lists what the export transfers (Namenspräfix, Autowert des
Einkaufs, Einzelnutzertracking ja/nein, seeds/000), Maileon has no standard field for them
(domain.md §7.2), and bootstrap creates a custom field for each (`NAMENSPRAEFIX`,
`cmx_einkauf`, `EINZELNUTZERTRACKING` by default, `custom_fields` in the profile). Where cmx
really puts them is open (domain.md §8.4, 8.5); the profile's mapping is the recorded answer, so
a journey writes (simulated) and expects exactly what the mapping names: a field that is not in
the mapping is not written, and then the prefix goes in front of LASTNAME and the purchase is
only in `src`, the alternatives §7.2 names. A field is recognised by its role (what it holds:
`custom_field_roles` in the profile, else the default name).

Custom fields must exist before a contact write uses them ([V], maileon-api.md §6; what Maileon
answers otherwise is open, 400 assumed), so a journey that exports first checks the fields and
is blocked, with the fix (bootstrap), when one is missing.
"""

from __future__ import annotations

from collections.abc import Mapping

from nlconsole.core.journeys.expect import Expectation
from nlconsole.core.journeys.script import Blocked, JourneyContext, Observe
from nlconsole.core.models import (
    DEFAULT_ROLE_FIELDS,
    PREFIX_ROLE,
    PURCHASE_FIELD,
    PURCHASE_ROLE,
    TRACKING_ROLE,
    MaileonSettings,
    Profile,
)
from nlconsole.i18n import _
from nlconsole.providers.maileon import MaileonClient
from nlconsole.providers.maileon.xml import FieldValue

FIRST_PURCHASE = 90001
"""A simulated run's first purchase number ('Autowert des Einkaufs'); each export counts up."""
PURCHASE_SET = f"{PURCHASE_FIELD} set"
"""Observed key: whether the purchase number has a value (tester mode cannot know which)."""
TRUE_VALUES, FALSE_VALUES = ("true", "1"), ("false", "0")


def mapping(profile: Profile) -> dict[str, str]:
    """The custom fields the profile's cmxOrganize mapping writes (name → type)."""
    settings = profile.maileon
    if isinstance(settings, MaileonSettings):
        return settings.field_mapping
    return MaileonSettings().field_mapping


def roles(profile: Profile) -> dict[str, str]:
    """Role (prefix, purchase, tracking) → the mapped custom field that holds it."""
    settings = profile.maileon
    if isinstance(settings, MaileonSettings):
        return settings.role_fields
    return MaileonSettings().role_fields


def prefix_apart(profile: Profile) -> bool:
    """Whether the Namenspräfix has its own field (else it goes in front of LASTNAME)."""
    return PREFIX_ROLE in roles(profile)


def next_purchase(context: JourneyContext, address: str) -> int:
    """A new purchase number for a simulated export, kept per address in the run's facts."""
    number = int(context.facts.get("last_purchase", FIRST_PURCHASE - 1)) + 1
    context.facts["last_purchase"] = str(number)
    context.facts[f"purchase {address}"] = str(number)
    return number


def custom_values(
    profile: Profile, person: Mapping[str, str], tracking: bool, purchase: int
) -> dict[str, FieldValue]:
    """The export's custom field values; an empty Namenspräfix is left out, never sent as ''."""
    held = roles(profile)
    values: dict[str, FieldValue] = {}
    if PREFIX_ROLE in held and person.get("Namenspräfix", "").strip():
        values[held[PREFIX_ROLE]] = person["Namenspräfix"].strip()
    if PURCHASE_ROLE in held:
        values[held[PURCHASE_ROLE]] = purchase
    if TRACKING_ROLE in held:
        values[held[TRACKING_ROLE]] = tracking
    return values


def observed_custom(
    custom: Mapping[str, str | None], held: Mapping[str, str] = DEFAULT_ROLE_FIELDS
) -> dict[str, object]:
    """Custom field values as the expectations compare them (booleans as true/false); `held`:
    role → field name (the profile's `roles`)."""
    seen: dict[str, object] = dict(custom)
    tracking = held.get(TRACKING_ROLE)
    flag = (custom.get(tracking) or "").strip().lower() if tracking else ""
    if tracking and (flag in TRUE_VALUES or flag in FALSE_VALUES):
        seen[tracking] = "true" if flag in TRUE_VALUES else "false"
    purchase = held.get(PURCHASE_ROLE)
    number = (custom.get(purchase) or "").strip() if purchase else ""
    seen[PURCHASE_SET] = "yes" if number else None
    return seen


def custom_expectations(
    context: JourneyContext, address: str, person: Mapping[str, str], tracking: bool | None
) -> list[Expectation]:
    """The mapped custom fields as cmxOrganize should have written them; `tracking` None: not
    judged. The purchase number is exact when nlconsole made the export, else only present."""
    held = roles(context.profile)
    checks: list[Expectation] = []
    if PREFIX_ROLE in held:
        name = held[PREFIX_ROLE]
        prefix = person.get("Namenspräfix", "").strip() or None
        checks.append(Expectation(name, _("Name prefix ({field})", field=name), prefix))
    if PURCHASE_ROLE in held:
        name = held[PURCHASE_ROLE]
        number = context.facts.get(f"purchase {address}")
        label = _("Purchase number ({field})", field=name)
        checks.append(
            Expectation(name, label, number) if number else Expectation(PURCHASE_SET, label, "yes")
        )
    if TRACKING_ROLE in held and tracking is not None:
        name = held[TRACKING_ROLE]
        label = _("Einzelnutzertracking ({field})", field=name)
        checks.append(Expectation(name, label, "true" if tracking else "false"))
    return checks


def fields_exist() -> Observe:
    """The first step of a journey that exports: the mapped custom fields exist in Maileon."""

    async def read(context: JourneyContext) -> dict[str, object]:
        key = context.secrets.get("test_api_key")
        assert key is not None  # the script is blocked without it
        async with MaileonClient(context.profile.base_url, key, options=context.http) as client:
            return dict(await client.list_custom_fields())

    def expected(context: JourneyContext) -> list[Expectation]:
        return [
            Expectation(name, _("Custom field '{name}'", name=name), kind)
            for name, kind in mapping(context.profile).items()
        ]

    def blocked(context: JourneyContext, seen: Mapping[str, object] | None) -> Blocked | None:
        fields = mapping(context.profile)
        wrong = [name for name, kind in fields.items() if (seen or {}).get(name) != kind]
        if not wrong:
            return None
        return Blocked(
            _(
                "the custom fields of the cmxOrganize mapping are not in Maileon as mapped: "
                "{fields}; the export would be refused",
                fields=", ".join(wrong),
            ),
            _(
                "Apply the bootstrap (b in the console, or: {command}), then run the journey "
                "again.",
                command=f"nlconsole bootstrap {context.profile.name} --apply",
            ),
        )

    return Observe(
        _("The custom fields of the cmxOrganize mapping exist"),
        read,
        expected,
        precondition=blocked,
    )

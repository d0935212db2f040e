"""The steps of the PEIQ PORTAL → Newsletter2Go journeys that can run today (P1, P3, P5, P6).

Simulated, nlconsole makes the portal's push: the recipient into the address books of the
chosen newsletters (and out of one, for P6). It observes every address book of the portal's
newsletters: present where chosen, absent elsewhere, fields and subscription state as expected.
"""

from __future__ import annotations

from collections.abc import Sequence

from nlconsole.core.journeys.expect import Expectation
from nlconsole.core.journeys.script import Act, Blocked, JourneyContext, Observe, Script
from nlconsole.core.models import Newsletter2GoSettings
from nlconsole.i18n import _, joined
from nlconsole.providers.newsletter2go import Newsletter2GoClient

PERSON = {"Vorname": "Jürgen", "Name": "O'Brien-Weiß", "Geschlecht": "männlich"}
GENDER = {"männlich": "m", "weiblich": "f", "divers": ""}
SECRETS = ("auth_key", "username", "password")
REGISTER = _("Register in the portal with the test address and these values.")


def journey_person() -> dict[str, str]:
    """The values a tester enters (umlauts and an apostrophe on purpose)."""
    return dict(PERSON)


def _settings(context: JourneyContext) -> Newsletter2GoSettings:
    settings = context.profile.newsletter2go
    assert isinstance(settings, Newsletter2GoSettings)
    return settings


def _client(context: JourneyContext) -> Newsletter2GoClient:
    auth_key, username, password = (context.secrets.get(n) for n in SECRETS)
    if auth_key is None or username is None or password is None:
        raise AssertionError("the script is blocked without the login")
    return Newsletter2GoClient(
        context.profile.base_url, auth_key, username, password, options=context.http
    )


def _subscribe(chosen: Sequence[str]) -> Act:
    async def push(context: JourneyContext) -> None:
        ids = _settings(context).list_ids
        person = context.person
        async with _client(context) as client:
            for name in chosen:
                await client.upsert_recipient(
                    ids[name],
                    context.address,
                    first_name=person["Vorname"],
                    last_name=person["Name"],
                    gender=GENDER[person["Geschlecht"]],
                )

    steps = (REGISTER, _("Choose: {newsletters}", newsletters=joined(list(chosen))))
    return Act(_("The registration with a newsletter choice"), steps, push)


def _unsubscribe(name: str) -> Act:
    async def push(context: JourneyContext) -> None:
        list_id = _settings(context).list_ids[name]
        async with _client(context) as client:
            recipient = await client.find_recipient(list_id, context.address)
            if recipient is not None:
                await client.unsubscribe(list_id, recipient.id)

    instruction = _(
        "Log in and untick '{newsletter}' in Account-Einstellungen → 'Newsletter'.",
        newsletter=name,
    )
    title = _("Unsubscribe from '{newsletter}' in the portal", newsletter=name)
    return Act(title, (instruction,), push)


async def read_books(context: JourneyContext) -> dict[str, object]:
    """The test address in every address book of the portal's newsletters."""
    settings = _settings(context)
    seen: dict[str, object] = {}
    async with _client(context) as client:
        for name in settings.newsletters:
            recipient = await client.find_recipient(settings.list_ids[name], context.address)
            if recipient is None:
                continue
            seen[f"{name}:present"] = "yes"
            seen[f"{name}:unsubscribed"] = "yes" if recipient.is_unsubscribed else None
            for field in ("first_name", "last_name", "gender"):
                seen[f"{name}:{field}"] = recipient.fields.get(field)
    return seen


def _books(subscribed: Sequence[str], unsubscribed: Sequence[str] = ()) -> Observe:
    def expected(context: JourneyContext) -> list[Expectation]:
        person = context.person
        checks = []
        for name in _settings(context).newsletters:
            inside = name in subscribed or name in unsubscribed
            present = _("In address book '{name}'", name=name)
            checks.append(Expectation(f"{name}:present", present, "yes" if inside else None))
            if not inside:
                continue
            checks += [
                Expectation(
                    f"{name}:unsubscribed",
                    _("Unsubscribed in '{name}'", name=name),
                    "yes" if name in unsubscribed else None,
                ),
                Expectation(f"{name}:first_name", _("First name"), person["Vorname"]),
                Expectation(f"{name}:last_name", _("Last name"), person["Name"]),
                Expectation(f"{name}:gender", _("Gender"), GENDER[person["Geschlecht"]] or None),
            ]
        return checks

    return Observe(_("The recipient in the address books"), read_books, expected)


def n2g_script(journey: str, context: JourneyContext, simulate: bool) -> Script | Blocked | None:
    """The steps of a journey, what blocks it, or None when it cannot run yet."""
    settings = _settings(context)
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
    first, *others = settings.newsletters
    steps = {
        "P1": (_subscribe([first]), _books([first])),
        "P3": (Act(_("The registration without a newsletter"), (REGISTER,), _nothing), _books([])),
        "P5": (_subscribe(settings.newsletters), _books(settings.newsletters)),
        "P6": (
            _subscribe(settings.newsletters),
            _books(settings.newsletters),
            _unsubscribe(first),
            _books(others, [first]),
        ),
    }.get(journey)
    if steps is None:
        return None
    return Script(steps, lambda context: [settings.list_ids[n] for n in settings.newsletters])


async def _nothing(context: JourneyContext) -> None:
    """Without a newsletter choice the portal pushes nothing."""

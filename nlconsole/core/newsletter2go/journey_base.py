"""What every Newsletter2Go journey step works with: the profile's address books, a client
logged in with the stored login, and the test person's values (per journey where the journey
is about them: a company for P13, special characters for P14, new values for P9)."""

from __future__ import annotations

from nlconsole.core.journeys.script import JourneyContext
from nlconsole.core.models import Newsletter2GoSettings
from nlconsole.providers.newsletter2go import Newsletter2GoClient

PERSON = {"Vorname": "Jürgen", "Name": "O'Brien-Weiß", "Geschlecht": "männlich"}
GENDER = {"männlich": "m", "weiblich": "f", "divers": ""}
"""PEIQ's Geschlecht → Newsletter2Go `gender` (m / f / "" only; domain.md §7.2)."""
SECRETS = ("auth_key", "username", "password")
COMPANY_NAME = "Müller & Söhne Verlagsgesellschaft für Regionalzeitungen und Anzeigenblätter mbH"
"""Exactly 80 characters, the portal's limit for companies and institutions (PEIQ Registrierung)."""
NEW_VALUES = {"Neuer Vorname": "Zoë", "Neuer Name": "van der Lüh", "Neues Geschlecht": "weiblich"}
"""P9: what the tester changes the names and Geschlecht to."""
PERSONS: dict[str, dict[str, str]] = {
    "P9": {**PERSON, **NEW_VALUES},
    "P13": {"Nutzertyp": "Unternehmen", "Name": COMPANY_NAME},
    "P14": {"Vorname": "Jürgen", "Name": "O'Brien-Weiß von der Höh", "Geschlecht": "männlich"},
}


def journey_person(journey: str | None = None) -> dict[str, str]:
    """The values a tester enters (umlauts and an apostrophe on purpose)."""
    return dict(PERSONS.get(journey or "", PERSON))


def settings_of(context: JourneyContext) -> Newsletter2GoSettings:
    """The profile's Newsletter2Go settings (a Newsletter2Go script runs only for those)."""
    settings = context.profile.newsletter2go
    assert isinstance(settings, Newsletter2GoSettings)
    return settings


def client_for(context: JourneyContext) -> Newsletter2GoClient:
    """A client with the stored login (the script is blocked without it)."""
    auth_key, username, password = (context.secrets.get(n) for n in SECRETS)
    if auth_key is None or username is None or password is None:
        raise AssertionError("the script is blocked without the login")
    return Newsletter2GoClient(
        context.profile.base_url, auth_key, username, password, options=context.http
    )


def recipient_values(person: dict[str, str]) -> dict[str, str]:
    """The recipient fields the portal sends for a person (a company has no Vorname)."""
    return {
        "first_name": person.get("Vorname", ""),
        "last_name": person.get("Name", ""),
        "gender": GENDER.get(person.get("Geschlecht", ""), ""),
    }


def changed_person(person: dict[str, str]) -> dict[str, str]:
    """P9: the person after the tester changed names and Geschlecht."""
    return {
        "Vorname": person.get("Neuer Vorname", person.get("Vorname", "")),
        "Name": person.get("Neuer Name", person.get("Name", "")),
        "Geschlecht": person.get("Neues Geschlecht", person.get("Geschlecht", "")),
    }


def new_address(address: str) -> str:
    """P10: the changed e-mail address, in the same tester's mailbox and traceable to the run
    (`anna+nlc-p10-7k3q@verlag.de` → `anna+nlc-p10-7k3q-neu@verlag.de`)."""
    local, _at, domain = address.partition("@")
    return f"{local}-neu@{domain}"

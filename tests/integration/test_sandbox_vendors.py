"""The mock vendor pages over real sockets: a cmxOrganize booking exports to the emulated
Maileon as the interface would, the PEIQ PORTAL syncs registrations, newsletter choices,
profile and e-mail changes and deletion requests to the emulated Newsletter2Go."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from defusedxml import ElementTree

from nlconsole.core.models import DEFAULT_CUSTOM_FIELDS as CUSTOM_FIELDS
from nlconsole.sandbox.seeds import maileon_key
from nlconsole.sandbox.server import SandboxServer
from tests.support.bootstrap import create_mapped_fields
from tests.support.sandbox import maileon_auth

NEWS, CULTURE, SPORT = "Tageszeitung kompakt", "Kultur & Freizeit", "Lokalsport"


def _mails(server: SandboxServer, to: str) -> list[dict[str, Any]]:
    mails: list[dict[str, Any]] = httpx.get(f"{server.url}/mailbox.json", params={"to": to}).json()[
        "mails"
    ]
    return mails


# -- cmxOrganize shop → Maileon ---------------------------------------------------------------


def _book(server: SandboxServer, email: str, **boxes: str) -> httpx.Response:
    return httpx.post(
        f"{server.url}/shop/buchen",
        data={
            "anrede": "Herr",
            "amtsbezeichnung": "Bürgermeister",
            "namenspraefix": "von",
            "name": "Musterhausen",
            "vorname": "Max",
            "email": email,
            **boxes,
        },
    )


def _maileon_contact(server: SandboxServer, email: str) -> tuple[int, dict[str, str]] | None:
    response = httpx.get(
        f"{server.sandbox.base_urls()['maileon']}/contacts/email/{email.replace('@', '%40')}",
        params={
            "standard_field": [
                "SALUTATION",
                "GENDER",
                "TITLE",
                "FIRSTNAME",
                "LASTNAME",
                "CUSTOM_SOURCE",
            ],
            "custom_field": list(CUSTOM_FIELDS),
        },
        headers=maileon_auth(maileon_key("all_rights")),
    )
    if response.status_code == 404:
        return None
    root = ElementTree.fromstring(response.content)
    fields = {f.findtext("name") or "": f.findtext("value") or "" for f in root.iter("field")}
    return int(root.findtext("permission") or 0), fields


def test_the_booking_form_asks_what_cmx_asks(server: SandboxServer) -> None:
    text = httpx.get(f"{server.url}/shop").text
    for label in (
        "Anrede",
        "Berufs-/Amtsbezeichnung",
        "Namenspräfix",
        "Name",
        "Vorname",
        "E-Mail",
        "Newsletter",
        "Einzelnutzertracking",
    ):
        assert label in text


@pytest.mark.parametrize(("tracking", "confirmed"), [({}, 4), ({"einzelnutzertracking": "ja"}, 5)])
def test_a_booking_with_the_newsletter_box_creates_a_doi_contact(
    server: SandboxServer, tracking: dict[str, str], confirmed: int
) -> None:
    create_mapped_fields(server)
    email = "kunde@example.org"
    booked = _book(server, email, newsletter="ja", **tracking)
    assert booked.status_code == 200
    assert "Einkauf Nr." in booked.text
    contact = _maileon_contact(server, email)
    assert contact is not None
    assert contact[0] == 1
    assert contact[1] == {
        "SALUTATION": "Herr",
        "GENDER": "m",
        "TITLE": "Bürgermeister",
        "FIRSTNAME": "Max",
        "LASTNAME": "Musterhausen",
        "CUSTOM_SOURCE": "cmxOrganize Einkauf 10001",
        "NAMENSPRAEFIX": "von",
        "cmx_einkauf": "10001",
        "EINZELNUTZERTRACKING": "true" if tracking else "false",
    }
    (mail,) = _mails(server, email)
    httpx.get(mail["confirm_url"])
    assert _maileon_contact(server, email) == (confirmed, contact[1])
    (entry,) = httpx.get(f"{server.url}/shop/protokoll.json").json()["exports"]
    assert (entry["autowert"], entry["status"]) == (10001, 201)


def test_a_booking_without_the_newsletter_box_exports_nothing(server: SandboxServer) -> None:
    _book(server, "ohne@example.org", einzelnutzertracking="ja")
    assert _maileon_contact(server, "ohne@example.org") is None
    assert _mails(server, "ohne@example.org") == []
    (entry,) = httpx.get(f"{server.url}/shop/protokoll.json").json()["exports"]
    assert entry["status"] is None


# -- PEIQ PORTAL → Newsletter2Go --------------------------------------------------------------


def _recipient(n2g: httpx.Client, book: str, email: str) -> dict[str, Any] | None:
    lists = n2g.get("/lists", params={"_expand": "true"}).json()["value"]
    list_id = next((x["id"] for x in lists if x["name"] == book), None)
    if list_id is None:
        return None
    found = n2g.get(
        f"/lists/{list_id}/recipients", params={"_filter": f'email=="{email}"', "_expand": "true"}
    ).json()["value"]
    return found[0] if found else None


def _register(server: SandboxServer, email: str, *newsletters: str) -> httpx.Client:
    browser = httpx.Client(base_url=f"{server.url}/portal")
    response = browser.post(
        "/register",
        data={
            "geschlecht": "weiblich",
            "vorname": "Jana",
            "name": "Jäger-Özdemir",
            "email": email,
            "passwort": "geheim",
            "newsletter": list(newsletters),
        },
    )
    assert response.status_code == 200
    return browser


def _verify_and_log_in(server: SandboxServer, browser: httpx.Client, email: str) -> None:
    (mail,) = _mails(server, email)
    assert httpx.get(mail["confirm_url"]).status_code == 200
    login = browser.post("/login", data={"email": email, "passwort": "geheim"})
    assert login.status_code == 303


def test_registration_reaches_the_chosen_books_only_after_verification(
    server: SandboxServer, n2g: httpx.Client
) -> None:
    email = "leserin@example.org"
    browser = _register(server, email, NEWS, CULTURE)
    assert _recipient(n2g, NEWS, email) is None
    refused = browser.post("/login", data={"email": email, "passwort": "geheim"})
    assert refused.status_code == 403
    _verify_and_log_in(server, browser, email)
    for book in (NEWS, CULTURE):
        recipient = _recipient(n2g, book, email)
        assert recipient is not None
        assert (recipient["first_name"], recipient["last_name"], recipient["gender"]) == (
            "Jana",
            "Jäger-Özdemir",
            "f",
        )
    assert _recipient(n2g, SPORT, email) is None
    assert "Account-Einstellungen" in browser.get("/user/settings").text


def test_newsletter_tab_unsubscribes_and_resubscribing_meets_the_blacklist(
    server: SandboxServer, n2g: httpx.Client
) -> None:
    email = "wechsel@example.org"
    browser = _register(server, email, NEWS, CULTURE)
    _verify_and_log_in(server, browser, email)
    browser.post("/user/settings/newsletter", data={"newsletter": [NEWS]})
    culture = _recipient(n2g, CULTURE, email)
    assert culture is not None
    assert culture["is_unsubscribed"] is True
    news = _recipient(n2g, NEWS, email)
    assert news is not None
    assert news["is_unsubscribed"] is False
    browser.post("/user/settings/newsletter", data={"newsletter": [NEWS, CULTURE]})
    again = _recipient(n2g, CULTURE, email)
    assert again is not None
    assert again["is_blacklisted"] is True


def test_profile_and_email_changes_reach_every_book(
    server: SandboxServer, n2g: httpx.Client
) -> None:
    email, new_email = "alt@example.org", "neu@example.org"
    browser = _register(server, email, NEWS, SPORT)
    _verify_and_log_in(server, browser, email)
    browser.post(
        "/user/settings/account", data={"vorname": "Jana", "name": "Berg", "geschlecht": "divers"}
    )
    before = _recipient(n2g, SPORT, email)
    assert before is not None
    assert (before["last_name"], before["gender"]) == ("Berg", "")
    browser.post("/user/settings/email", data={"email": new_email})
    assert _recipient(n2g, NEWS, email) is not None  # nothing changes before verification
    (mail,) = _mails(server, new_email)
    httpx.get(mail["confirm_url"])
    for book in (NEWS, SPORT):
        assert _recipient(n2g, book, email) is None
    moved = _recipient(n2g, SPORT, new_email)
    assert moved is not None
    assert moved["id"] == before["id"]
    assert _recipient(n2g, NEWS, new_email) is not None


def test_a_deletion_request_removes_the_user_from_every_book(
    server: SandboxServer, n2g: httpx.Client
) -> None:
    email = "tschuess@example.org"
    browser = _register(server, email, NEWS, CULTURE, SPORT)
    _verify_and_log_in(server, browser, email)
    assert browser.post("/user/settings/delete").status_code == 200
    for book in (NEWS, CULTURE, SPORT):
        assert _recipient(n2g, book, email) is None
    assert browser.get("/user/settings").status_code == 303
    syncs = httpx.get(f"{server.url}/portal/protokoll.json").json()["syncs"]
    assert all(entry["ok"] for entry in syncs)

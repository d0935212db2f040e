"""What the journeys need from the sandbox, over real sockets: Maileon contact updates and
e-mail changes, DOI keeping the initial permission, unsubscribe for a mailing; Newsletter2Go
single-recipient reads, the observer's filters and the blacklist after an unsubscribe."""

from __future__ import annotations

import json
from urllib.parse import quote

import httpx
import pytest
from defusedxml import ElementTree

from nlconsole.sandbox.seeds import N2G_DOI_FORM_CODE, maileon_key
from nlconsole.sandbox.server import SandboxServer
from tests.support.sandbox import maileon_auth


def _contact(maileon: httpx.Client, email: str) -> tuple[int, dict[str, str], str]:
    """(permission, standard fields, id) of a Maileon contact."""
    response = maileon.get(
        f"/contacts/email/{quote(email, safe='')}",
        params=[("standard_field", "FIRSTNAME"), ("standard_field", "LASTNAME")],
    )
    assert response.status_code == 200, response.text
    root = ElementTree.fromstring(response.content)
    fields = {
        f.findtext("name") or "": f.findtext("value") or ""
        for f in root.findall("standard_fields/field")
    }
    return int(root.findtext("permission") or 0), fields, root.findtext("id") or ""


def _create(maileon: httpx.Client, email: str, query: str = "permission=1") -> None:
    body = (
        "<contact><standard_fields><field><name>FIRSTNAME</name><value>Erika</value></field>"
        "</standard_fields></contact>"
    )
    response = maileon.post(f"/contacts/email/{quote(email, safe='')}?{query}", content=body)
    assert response.status_code == 201


# -- Maileon -------------------------------------------------------------------------------


def test_put_updates_the_fields_of_an_existing_contact(maileon: httpx.Client) -> None:
    _create(maileon, "update@example.org")
    body = (
        "<contact><standard_fields><field><name>LASTNAME</name><value>Musterfrau</value>"
        "</field></standard_fields></contact>"
    )
    response = maileon.put("/contacts/email/update%40example.org", content=body)
    assert response.status_code == 201
    _, fields, _ = _contact(maileon, "update@example.org")
    assert fields == {"FIRSTNAME": "Erika", "LASTNAME": "Musterfrau"}
    unknown = maileon.put("/contacts/email/nobody%40example.org", content=body)
    assert unknown.status_code == 404
    bad_field = "<contact><custom_fields><field><name>nope</name><value>1</value></field>"
    assert (
        maileon.put(
            "/contacts/email/update%40example.org", content=bad_field + "</custom_fields></contact>"
        ).status_code
        == 400
    )


def test_put_takes_a_json_body(maileon: httpx.Client) -> None:
    _create(maileon, "json@example.org")
    response = maileon.put(
        "/contacts/email/json%40example.org",
        content=json.dumps({"standard_fields": {"LASTNAME": "Jäger"}}),
        headers={"Content-Type": "application/vnd.maileon.api+json"},
    )
    assert response.status_code == 201
    assert _contact(maileon, "json@example.org")[1]["LASTNAME"] == "Jäger"


def test_put_needs_the_update_right(server: SandboxServer) -> None:
    base = server.sandbox.base_urls()["maileon"]
    response = httpx.put(
        f"{base}/contacts/email/x%40example.org",
        headers=maileon_auth(maileon_key("read_delete")),
    )
    assert response.status_code == 403


def test_put_with_another_email_in_the_body_changes_the_address(maileon: httpx.Client) -> None:
    _create(maileon, "alt@example.org")
    _create(maileon, "taken@example.org")
    _, _, contact_id = _contact(maileon, "alt@example.org")
    moved = maileon.put(
        "/contacts/email/alt%40example.org",
        content="<contact><email>neu@example.org</email></contact>",
    )
    assert moved.status_code == 201
    assert maileon.get("/contacts/email/alt%40example.org").status_code == 404
    assert _contact(maileon, "neu@example.org")[2] == contact_id
    clash = maileon.put(
        "/contacts/email/neu%40example.org",
        content="<contact><email>taken@example.org</email></contact>",
    )
    assert clash.status_code == 409


def test_doi_keeps_the_initial_permission_until_confirmed(
    server: SandboxServer, maileon: httpx.Client
) -> None:
    _create(maileon, "soi@example.org", "permission=2&doi=true&doiplus=true")
    assert _contact(maileon, "soi@example.org")[0] == 2
    (mail,) = httpx.get(f"{server.url}/mailbox.json", params={"to": "soi@example.org"}).json()[
        "mails"
    ]
    assert httpx.get(mail["confirm_url"]).status_code == 200
    assert _contact(maileon, "soi@example.org")[0] == 5


def test_unsubscribe_for_a_sent_mailing_only(maileon: httpx.Client) -> None:
    _create(maileon, "abmelden@example.org")
    path = "/contacts/email/abmelden%40example.org"
    assert maileon.delete(f"{path}/unsubscribe", params={"mailingId": "602"}).status_code == 400
    assert maileon.delete(f"{path}/unsubscribe", params={"mailingId": "999"}).status_code == 400
    assert maileon.get(f"{path}/unsubscription").status_code == 404  # nothing happened
    done = maileon.delete(
        f"{path}/unsubscribe", params={"mailingId": "601", "reason": "no_demand|zu viele"}
    )
    assert done.status_code == 204
    assert maileon.get(f"{path}/unsubscription").status_code == 200


def test_regular_mailings_can_be_listed(maileon: httpx.Client) -> None:
    response = maileon.get("/mailings/filter/types", params={"types": "regular"})
    ids = [m.findtext("id") for m in ElementTree.fromstring(response.content).findall("mailing")]
    assert ids == ["601", "602"]


# -- Newsletter2Go ---------------------------------------------------------------------------


def _default_list(n2g: httpx.Client) -> str:
    return str(n2g.get("/companies").json()["value"][0]["default_list_id"])


def _upsert(n2g: httpx.Client, list_id: str, email: str, **fields: object) -> str:
    response = n2g.post("/recipients", json={"list_id": list_id, "email": email, **fields})
    assert response.status_code in (200, 201)
    return str(response.json()["value"][0]["id"])


def test_one_recipient_in_a_list_can_be_read(n2g: httpx.Client) -> None:
    list_id = _default_list(n2g)
    recipient_id = _upsert(n2g, list_id, "leser@example.org", first_name="Lea", last_name="Leser")
    response = n2g.get(
        f"/lists/{list_id}/recipients/{recipient_id}", params={"_fields": "email,first_name"}
    )
    assert response.status_code == 200
    assert response.json()["value"] == [
        {"id": recipient_id, "email": "leser@example.org", "first_name": "Lea"}
    ]
    other = n2g.post("/lists", json={"name": "Andere"}).json()["value"][0]["id"]
    assert n2g.get(f"/lists/{other}/recipients/{recipient_id}").status_code == 404
    assert n2g.get(f"/lists/{list_id}/recipients/zzzzzzzz").status_code == 404


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ('email=like="%@example.org"', {"a@example.org", "b@example.org"}),
        ('email=LIKE="a%"', {"a@example.org", "a@example.com"}),
        ('email=nlike="%.org"', {"a@example.com"}),
        ('email=ne="a@example.org"', {"b@example.org", "a@example.com"}),
        ('email=="a@example.org",email=="a@example.com"', {"a@example.org", "a@example.com"}),
        (
            'first_name=="Anna";email=like="%.org",email=="a@example.com"',
            {"a@example.org", "a@example.com"},
        ),
        ('first_name=="anna";last_name=="X"', set()),
    ],
)
def test_filters_an_observer_needs(n2g: httpx.Client, expression: str, expected: set[str]) -> None:
    list_id = _default_list(n2g)
    _upsert(n2g, list_id, "a@example.org", first_name="Anna")
    _upsert(n2g, list_id, "b@example.org", first_name="Bert")
    _upsert(n2g, list_id, "a@example.com", first_name="Anna")
    response = n2g.get(
        f"/lists/{list_id}/recipients", params={"_filter": expression, "_expand": "true"}
    )
    assert response.status_code == 200
    assert {r["email"] for r in response.json()["value"]} == expected


@pytest.mark.parametrize(
    "expression", ['email!="a@example.org"', '(email=="a@example.org")', "email==a", 'x=gt="1"']
)
def test_filters_outside_the_documented_subset_are_refused(
    n2g: httpx.Client, expression: str
) -> None:
    response = n2g.get(f"/lists/{_default_list(n2g)}/recipients", params={"_filter": expression})
    assert response.status_code == 400
    assert "_filter" in response.json()["error_message"]


def test_an_unsubscribed_address_stays_blacklisted_until_it_is_deleted(
    server: SandboxServer, n2g: httpx.Client
) -> None:
    list_id = _default_list(n2g)
    email = "wieder@example.org"
    recipient_id = _upsert(n2g, list_id, email)
    path = f"/lists/{list_id}/recipients/{recipient_id}"
    assert n2g.patch(path, json={"is_unsubscribed": True}).status_code == 200

    _upsert(n2g, list_id, email, is_unsubscribed=False)
    n2g.patch(path, json={"is_unsubscribed": False, "is_blacklisted": False})
    state = n2g.get(path).json()["value"][0]
    assert (state["is_unsubscribed"], state["is_blacklisted"]) == (True, True)

    form = f"{server.sandbox.base_urls()['newsletter2go']}/forms/submit/{N2G_DOI_FORM_CODE}"
    again = httpx.post(form, json={"recipient": {"email": email}})
    assert again.json()["status"] == 200
    assert again.json()["value"][0]["result"]["error"]["recipients"]["duplicate"] == [
        {"email": email}
    ]
    assert httpx.get(f"{server.url}/mailbox.json", params={"to": email}).json()["mails"] == []

    assert n2g.delete(path).status_code == 200
    fresh = httpx.post(form, json={"recipient": {"email": email}})
    assert fresh.status_code == 201
    assert len(httpx.get(f"{server.url}/mailbox.json", params={"to": email}).json()["mails"]) == 1

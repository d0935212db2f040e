"""What bootstrap needs from the sandbox, over real sockets: Newsletter2Go lists and attributes
(read, change, unlink; unknown ids → 404), Maileon's documented custom-field list, and the
lost_response fault (the request takes effect, the answer never arrives)."""

from __future__ import annotations

import httpx
import pytest
from defusedxml import ElementTree

from nlconsole.sandbox.faults import FaultRule
from nlconsole.sandbox.seeds import maileon_key
from nlconsole.sandbox.server import SandboxServer
from tests.support.sandbox import maileon_auth


def _new_list(n2g: httpx.Client, name: str) -> str:
    response = n2g.post("/lists", json={"name": name})
    assert response.status_code == 201
    return str(response.json()["value"][0]["id"])


def test_get_list_by_id_and_unknown_id(n2g: httpx.Client) -> None:
    list_id = _new_list(n2g, "Newsletter Kultur")
    found = n2g.get(f"/lists/{list_id}").json()["value"][0]
    assert (found["id"], found["name"], found["has_opentracking"]) == (
        list_id,
        "Newsletter Kultur",
        True,
    )
    assert n2g.get("/lists/zzzzzzzz").status_code == 404


def test_patch_list_changes_name_and_sender(n2g: httpx.Client) -> None:
    list_id = _new_list(n2g, "Alt")
    response = n2g.patch(
        f"/lists/{list_id}",
        json={
            "name": "Neu",
            "header_from_email": "redaktion@example.org",
            "header_from_name": "Redaktion",
        },
    )
    assert response.status_code == 200
    assert response.json() == {"status": 200, "info": {"count": 1}, "value": []}
    found = n2g.get(f"/lists/{list_id}").json()["value"][0]
    assert (found["name"], found["header_from_email"], found["header_from_name"]) == (
        "Neu",
        "redaktion@example.org",
        "Redaktion",
    )
    assert n2g.patch("/lists/zzzzzzzz", json={"name": "x"}).status_code == 404
    refused = n2g.patch(f"/lists/{list_id}", json={"uses_econnect": True})
    assert refused.status_code == 400
    assert "uses_econnect" in refused.json()["error_message"]


def test_attributes_can_be_read_renamed_and_unlinked(n2g: httpx.Client) -> None:
    list_id = _new_list(n2g, "Attribute")
    made = n2g.post("/attributes", json={"list_ids": [list_id], "name": "quelle", "type": "text"})
    attr_id = made.json()["value"][0]["id"]
    listed = n2g.get(f"/lists/{list_id}/attributes", params={"_expand": "true"}).json()
    assert [a["name"] for a in listed["value"]] == ["quelle"]
    single = n2g.get(f"/attributes/{attr_id}").json()["value"][0]
    assert (single["name"], single["type"], single["list_ids"]) == ("quelle", "text", [list_id])
    assert n2g.patch(f"/attributes/{attr_id}", json={"name": "Quelle_Neu"}).status_code == 200
    assert n2g.get(f"/attributes/{attr_id}").json()["value"][0]["name"] == "Quelle_Neu"
    assert n2g.patch(f"/attributes/{attr_id}", json={"name": "mit leerzeichen"}).status_code == 400
    assert n2g.delete(f"/lists/{list_id}/attributes/{attr_id}").status_code == 200
    assert n2g.get(f"/lists/{list_id}/attributes").json()["info"]["count"] == 0
    assert n2g.get(f"/attributes/{attr_id}").status_code == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/lists/zzzzzzzz/attributes"),
        ("GET", "/lists/zzzzzzzz/recipients"),
        ("PATCH", "/lists/zzzzzzzz/recipients"),
        ("DELETE", "/lists/zzzzzzzz/recipients"),
        ("DELETE", "/lists/zzzzzzzz"),
        ("DELETE", "/lists/zzzzzzzz/attributes/zzzzzzzz"),
    ],
)
def test_unknown_list_ids_answer_404_everywhere(n2g: httpx.Client, method: str, path: str) -> None:
    response = n2g.request(
        method, path, params={"_filter": 'email=="a@example.org"'}, json={"first_name": "A"}
    )
    assert response.status_code == 404
    assert response.json()["status"] == 404


def test_maileon_lists_custom_fields_as_custom_field_items(server: SandboxServer) -> None:
    base = server.sandbox.base_urls()["maileon"]
    headers = maileon_auth(maileon_key("all_rights"))
    httpx.post(f"{base}/contacts/fields/custom/nl_source?type=string", headers=headers)
    root = ElementTree.fromstring(
        httpx.get(f"{base}/contacts/fields/custom", headers=headers).content
    )
    items = root.findall("custom_field")
    assert [(i.findtext("name"), i.findtext("type")) for i in items] == [("nl_source", "string")]


def test_lost_response_over_a_socket_takes_effect_without_an_answer(server: SandboxServer) -> None:
    base = server.sandbox.base_urls()["maileon"]
    headers = maileon_auth(maileon_key("all_rights"))
    added = httpx.post(
        f"{server.url}/_sandbox/faults",
        json={
            "kind": "lost_response",
            "path": "/maileon/1.0/contacts",
            "method": "POST",
            "count": 1,
        },
    )
    assert added.status_code == 201
    with pytest.raises(httpx.RemoteProtocolError):
        httpx.post(f"{base}/contacts/email/lost%40example.org?permission=2", headers=headers)
    assert (
        httpx.get(f"{base}/contacts/email/lost%40example.org", headers=headers).status_code == 200
    )
    assert server.sandbox.faults.rules() == []


def test_lost_response_parses_from_the_cli_spec() -> None:
    rule = FaultRule.parse_spec("lost_response:path=/newsletter2go/recipients,count=1")
    assert (rule.kind, rule.path, rule.count) == ("lost_response", "/newsletter2go/recipients", 1)

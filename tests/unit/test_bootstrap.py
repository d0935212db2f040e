"""Bootstrap plans for empty, partial, complete, conflicting and plan-limited accounts (against
the in-process sandbox, no sockets), the create-once rule, and the custom field mapping."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr, ValidationError

from nlconsole.core.bootstrap import Action, BootstrapPlan, create_once, make_plan
from nlconsole.core.checks import load_check_inputs
from nlconsole.core.models import DEFAULT_CUSTOM_FIELDS, MaileonSettings, Profile
from nlconsole.core.services import Services
from nlconsole.errors import ConfigError
from nlconsole.providers.base import NetworkError
from nlconsole.providers.http import HttpOptions
from nlconsole.sandbox.emulator import Sandbox
from nlconsole.sandbox.seeds import maileon_key, n2g_account
from nlconsole.sandbox.transport import SandboxTransport
from tests.support.checks import english
from tests.support.sandbox import maileon_auth

BASE = "http://127.0.0.1"
N2G = f"{BASE}/newsletter2go"
MAILEON = f"{BASE}/maileon/1.0"


@pytest.fixture
def sandbox() -> Sandbox:
    return Sandbox()


@pytest.fixture
def services(tmp_path: Path, sandbox: Sandbox) -> Services:
    built = Services.in_memory(tmp_path / "config")
    built.http = HttpOptions(transport=SandboxTransport(sandbox))
    return built


def n2g_profile(
    services: Services, newsletters: list[str], scenario: str = "working", **ids: str
) -> Profile:
    seed = n2g_account(scenario)
    profile = Profile.model_validate(
        {
            "name": "peiq",
            "provider": "newsletter2go",
            "base_url": N2G,
            "newsletter2go": {"newsletters": newsletters, "list_ids": ids},
        }
    )
    services.profiles.add(profile)
    for field, value in (
        ("auth_key", seed.auth_key),
        ("username", seed.username),
        ("password", seed.password),
    ):
        services.secrets.set("peiq", field, SecretStr(value))
    return profile


def maileon_profile(
    services: Services, *, test_key: str | None = "read_delete", key: str = "create_update"
) -> Profile:
    profile = Profile.model_validate({"name": "cmx", "provider": "maileon", "base_url": MAILEON})
    services.profiles.add(profile)
    services.secrets.set("cmx", "api_key", SecretStr(maileon_key(key)))
    if test_key:
        services.secrets.set("cmx", "test_api_key", SecretStr(maileon_key(test_key)))
    return profile


async def plan_for(services: Services, profile: Profile) -> BootstrapPlan:
    return await make_plan(load_check_inputs(profile, services.secrets), services)


def actions(plan: BootstrapPlan) -> dict[str, Action]:
    return {item.spec.id: item.action for item in plan.items}


async def n2g_raw(
    sandbox: Sandbox, method: str, path: str, body: object = None, scenario: str = "working"
) -> httpx.Response:
    seed = n2g_account(scenario)
    async with httpx.AsyncClient(transport=SandboxTransport(sandbox), base_url=N2G) as client:
        token = await client.post(
            "/oauth/v2/token",
            auth=(seed.auth_key.split(":")[0], seed.auth_key.split(":", 1)[1]),
            json={
                "username": seed.username,
                "password": seed.password,
                "grant_type": "https://nl2go.com/jwt",
            },
        )
        headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
        return await client.request(method, path, json=body, headers=headers)


async def new_book(sandbox: Sandbox, name: str) -> str:
    response = await n2g_raw(sandbox, "POST", "/lists", {"name": name})
    return str(response.json()["value"][0]["id"])


# -- Newsletter2Go --------------------------------------------------------------------------


async def test_empty_account_plans_every_book_and_attribute(services: Services) -> None:
    plan = await plan_for(services, n2g_profile(services, ["Lokales", "Sport"]))
    assert actions(plan) == {
        "plan.limit": Action.EXISTS,
        "book.Lokales": Action.CREATE,
        "attribute.Lokales.title": Action.CREATE,
        "book.Sport": Action.CREATE,
        "attribute.Sport.title": Action.CREATE,
        "books.unowned": Action.EXISTS,
    }
    assert len(plan.changes) == 4
    assert not plan.settled


async def test_partial_account_adopts_an_unrecorded_book(
    services: Services, sandbox: Sandbox
) -> None:
    lokales = await new_book(sandbox, "Lokales")
    plan = await plan_for(services, n2g_profile(services, ["Lokales", "Sport"]))
    item = next(i for i in plan.items if i.spec.id == "book.Lokales")
    assert (item.action, item.ref) == (Action.ADOPT, lokales)
    assert actions(plan)["attribute.Lokales.title"] is Action.CREATE
    assert actions(plan)["book.Sport"] is Action.CREATE


async def test_complete_account_is_settled(services: Services, sandbox: Sandbox) -> None:
    lokales = await new_book(sandbox, "Lokales")
    await n2g_raw(
        sandbox, "POST", "/attributes", {"list_ids": [lokales], "name": "title", "type": "text"}
    )
    plan = await plan_for(services, n2g_profile(services, ["Lokales"], Lokales=lokales))
    assert set(actions(plan).values()) == {Action.EXISTS}
    assert plan.settled


async def test_duplicate_books_conflict_with_both_ids(services: Services, sandbox: Sandbox) -> None:
    first, second = await new_book(sandbox, "Sport"), await new_book(sandbox, "Sport")
    plan = await plan_for(services, n2g_profile(services, ["Sport"]))
    item = next(i for i in plan.items if i.spec.id == "book.Sport")
    assert item.action is Action.CONFLICT
    assert first in english(item.detail)
    assert second in english(item.detail)
    assert "attribute.Sport.title" not in actions(plan)
    assert not plan.settled


async def test_a_recorded_book_renamed_by_hand_is_a_conflict(
    services: Services, sandbox: Sandbox
) -> None:
    book = await new_book(sandbox, "Anders")
    plan = await plan_for(services, n2g_profile(services, ["Sport"], Sport=book))
    assert actions(plan)["book.Sport"] is Action.CONFLICT


async def test_books_made_by_hand_are_reported_not_touched(
    services: Services, sandbox: Sandbox
) -> None:
    await new_book(sandbox, "Alte Liste")
    plan = await plan_for(services, n2g_profile(services, ["Lokales"]))
    item = next(i for i in plan.items if i.spec.id == "books.unowned")
    assert item.action is Action.UNOWNED
    assert "Alte Liste" in english(item.detail)


async def test_many_books_made_by_hand_say_how_many_more(
    services: Services, sandbox: Sandbox
) -> None:
    for number in range(7):
        await new_book(sandbox, f"Alt {number}")
    plan = await plan_for(services, n2g_profile(services, ["Lokales"]))
    detail = english(next(i for i in plan.items if i.spec.id == "books.unowned").detail)
    assert detail.startswith("7 address books match no newsletter: 'Alt 0'")
    assert "'Alt 4'" in detail
    assert "'Alt 5'" not in detail
    assert detail.endswith(", and 2 more")


def test_the_plan_sentence_names_the_labels_shown() -> None:
    """The CLI's plan labels rows 'would create', 'conflict' …; the console marks them with
    the result table's status: each sentence names what its reader sees."""
    from nlconsole.core.bootstrap import PlanItem, plan_verdict
    from nlconsole.core.report import FindingSpec
    from nlconsole.ui.screens.bootstrap import mark_label

    create = PlanItem(FindingSpec("book.A", "A"), Action.CREATE, "missing")
    conflict = PlanItem(FindingSpec("book.B", "B"), Action.CONFLICT, "twice")
    manual = PlanItem(FindingSpec("doi.mailing", "DOI"), Action.MANUAL, "none")
    changes = BootstrapPlan("p", "newsletter2go", [create])
    assert "lines marked 'would create';" in english(plan_verdict(changes))
    assert "lines marked 'ℹ info';" in english(plan_verdict(changes, mark_label))
    both = BootstrapPlan("p", "newsletter2go", [create, conflict, manual])
    assert "lines marked 'conflict', 'by hand', then" in english(plan_verdict(both))
    assert "lines marked '✖ fail', '! warn', then" in english(plan_verdict(both, mark_label))


async def test_lite_plan_blocks_before_anything_is_created(services: Services) -> None:
    plan = await plan_for(services, n2g_profile(services, ["Lokales", "Sport"], "limited_plan"))
    assert actions(plan)["plan.limit"] is Action.BLOCKED
    assert actions(plan)["book.Lokales"] is Action.BLOCKED
    assert not plan.changes


async def test_lite_plan_counts_the_standard_book_the_account_already_has(
    services: Services,
) -> None:
    # One newsletter, but the Lite account's one book is its standard book: a create would
    # be refused by Newsletter2Go, so the plan blocks and says how to make room.
    plan = await plan_for(services, n2g_profile(services, ["Lokales"], "limited_plan"))
    limit = plan.items[0]
    assert limit.action is Action.BLOCKED
    assert "the account has 1 and the portal needs 1 more" in english(limit.detail)
    assert "rename an unused address book" in english(limit.remediation)
    assert actions(plan)["book.Lokales"] is Action.BLOCKED
    assert not plan.changes


async def test_lite_plan_adopts_the_standard_book_renamed_to_the_newsletter(
    services: Services, sandbox: Sandbox
) -> None:
    companies = await n2g_raw(sandbox, "GET", "/companies", scenario="limited_plan")
    standard = companies.json()["value"][0]["default_list_id"]
    renamed = await n2g_raw(
        sandbox, "PATCH", f"/lists/{standard}", {"name": "Lokales"}, scenario="limited_plan"
    )
    assert renamed.is_success
    plan = await plan_for(services, n2g_profile(services, ["Lokales"], "limited_plan"))
    assert actions(plan)["plan.limit"] is Action.EXISTS
    book = next(i for i in plan.items if i.spec.id == "book.Lokales")
    assert (book.action, book.ref) == (Action.ADOPT, standard)


# -- Maileon --------------------------------------------------------------------------------


async def maileon_field(sandbox: Sandbox, name: str, field_type: str) -> None:
    async with httpx.AsyncClient(transport=SandboxTransport(sandbox)) as client:
        response = await client.post(
            f"{MAILEON}/contacts/fields/custom/{name}",
            params={"type": field_type},
            headers=maileon_auth(maileon_key("all_rights")),
        )
    assert response.is_success


async def test_maileon_empty_account_plans_the_default_fields(services: Services) -> None:
    plan = await plan_for(services, maileon_profile(services))
    assert {i.subject: i.action for i in plan.items if i.kind == "field"} == dict.fromkeys(
        DEFAULT_CUSTOM_FIELDS, Action.CREATE
    )
    assert actions(plan)["doi.mailing"] is Action.EXISTS


async def test_maileon_field_of_another_type_is_a_conflict(
    services: Services, sandbox: Sandbox
) -> None:
    await maileon_field(sandbox, "cmx_einkauf", "string")
    await maileon_field(sandbox, "NAMENSPRAEFIX", "string")
    plan = await plan_for(services, maileon_profile(services))
    assert actions(plan)["field.cmx_einkauf"] is Action.CONFLICT
    assert actions(plan)["field.NAMENSPRAEFIX"] is Action.EXISTS
    assert actions(plan)["field.EINZELNUTZERTRACKING"] is Action.CREATE


async def test_maileon_without_the_read_right_is_blocked(services: Services) -> None:
    plan = await plan_for(services, maileon_profile(services, test_key=None))
    fields = [i.action for i in plan.items if i.spec.id.startswith("field.")]
    assert fields == [Action.BLOCKED] * 3
    assert not plan.changes


async def test_maileon_account_without_doi_mailing_says_how_to_make_one(
    services: Services,
) -> None:
    plan = await plan_for(services, maileon_profile(services, test_key=None, key="no_doi_mailing"))
    doi = next(i for i in plan.items if i.spec.id == "doi.mailing")
    assert doi.action is Action.MANUAL
    assert "DOI mailing" in english(doi.remediation)


# -- create once ----------------------------------------------------------------------------


def lookups(*answers: str | None) -> Callable[[], Awaitable[str | None]]:
    queue = list(answers)

    async def lookup() -> str | None:
        return queue.pop(0)

    return lookup


async def lost_answer() -> str:
    raise NetworkError("connection closed", reason="closed")


async def never() -> str:
    raise AssertionError("created although it exists")


async def test_create_once_looks_up_before_creating() -> None:
    assert await create_once(lookups("abc"), never) == ("abc", False)


async def test_create_once_finds_a_create_whose_answer_was_lost() -> None:
    assert await create_once(lookups(None, "new"), lost_answer) == ("new", True)


async def test_create_once_reraises_when_the_create_did_not_happen() -> None:
    with pytest.raises(NetworkError):
        await create_once(lookups(None, None), lost_answer)


# -- the custom field mapping ---------------------------------------------------------------


def test_mapping_defaults_when_unset() -> None:
    assert MaileonSettings().field_mapping == DEFAULT_CUSTOM_FIELDS
    assert MaileonSettings().custom_fields is None


def test_mapping_replaces_the_defaults() -> None:
    settings = MaileonSettings(custom_fields={"cmx_kauf": "integer"})
    assert settings.field_mapping == {"cmx_kauf": "integer"}


@pytest.mark.parametrize(
    ("name", "field_type", "rule"),
    [
        ("ab", "string", "3 to 64"),
        ("x" * 65, "string", "3 to 64"),
        ("FIRSTNAME", "string", "reserved"),
        ("external_id", "string", "reserved"),
        ("cmx_kauf", "text", "not one of"),
    ],
)
def test_mapping_refuses_what_maileon_refuses(name: str, field_type: str, rule: str) -> None:
    with pytest.raises(ValidationError, match=rule):
        MaileonSettings(custom_fields={name: field_type})


def test_mapping_edited_in_profiles_toml_is_checked_on_load(tmp_path: Path) -> None:
    services = Services.in_memory(tmp_path / "config")
    services.profiles.add(
        Profile.model_validate(
            {
                "name": "acme",
                "provider": "maileon",
                "maileon": {"custom_fields": {"NAMENSPRAEFIX": "string"}},
            }
        )
    )
    assert services.profiles.get("acme").maileon_settings.field_mapping == {
        "NAMENSPRAEFIX": "string"
    }
    path = services.profiles.path
    path.write_text(path.read_text().replace('"string"', '"text"'))
    with pytest.raises(ConfigError) as caught:
        services.profiles.get("acme")
    assert "custom field type 'text' is not one of" in english(caught.value.message)


def test_plan_room_when_every_newsletter_has_its_book_but_the_account_has_too_many() -> None:
    from nlconsole.core.newsletter2go.plan_limit import plan_room
    from nlconsole.providers.newsletter2go import AddressBook

    books = [
        AddressBook(id="std1", name="Standard-Adressbuch"),
        AddressBook(id="lk1", name="Lokales"),
    ]
    room = plan_room("Lite", ["Lokales"], books)
    assert not room.fits
    assert english(room.shortfall()) == (
        "the Lite plan keeps only 1 address book active; the account has 2"
    )
    assert "remove the address books the portal does not use" in english(room.remedy())
    assert "rename" not in english(room.remedy()), "the newsletter has its book already"

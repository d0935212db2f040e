"""Maileon journeys M5–M9 against the sandbox over real sockets: a returning subscriber, an
unsubscription via a newsletter's link and a new purchase, Anrede variants, an expired key."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping, Sequence

import httpx
import pytest
from pydantic import SecretStr

from nlconsole.core.journeys.expect import Verdict
from nlconsole.core.journeys.run import JourneyRun, StepRecord
from nlconsole.core.journeys.runner import RunOptions, run_journey
from nlconsole.core.journeys.start import prepare_run
from nlconsole.core.journeys.store import RunStore
from nlconsole.core.maileon.journey_edge import VARIANTS, variant_address
from nlconsole.core.models import Profile
from nlconsole.core.services import Services
from nlconsole.i18n import Text
from nlconsole.sandbox.maileon import contacts, routes
from nlconsole.sandbox.maileon.state import SENT_MAILING_ID, MaileonCall
from nlconsole.sandbox.maileon.wire import xml
from nlconsole.sandbox.seeds import maileon_key
from nlconsole.sandbox.server import SandboxServer
from nlconsole.sandbox.web import Response, Route, Router
from tests.integration.test_journeys import Nobody, maileon_profile


async def simulate(
    services: Services, profile: Profile, journey: str, **options: object
) -> JourneyRun:
    prepared = prepare_run(profile, journey, services, simulate=True)
    settings = {"simulate": True, "timeout": 10.0, **options}
    return await run_journey(prepared, Nobody(), RunOptions(**settings))  # type: ignore[arg-type]


class Announced(Nobody):
    """Nobody at a terminal, but the test learns when the run announces an act."""

    def __init__(self) -> None:
        self.shown: asyncio.Queue[str] = asyncio.Queue()

    def show(self, title: Text, instructions: Sequence[Text], values: Mapping[str, str]) -> None:
        self.shown.put_nowait(str(title))


async def click_open_doi_mail(
    sandbox: SandboxServer, address: str, running: asyncio.Task[JourneyRun], person: Announced
) -> None:
    """What a person does when the run asks for the click: wait for the unconfirmed DOI mail
    and click its link."""
    while await asyncio.wait_for(person.shown.get(), 30) != "The DOI confirmation":
        pass
    async with httpx.AsyncClient() as client:
        for _ in range(400):
            if running.done():
                raise AssertionError([s.as_json() for s in running.result().steps])
            mails = (await client.get(f"{sandbox.url}/mailbox.json", params={"to": address})).json()
            waiting = [m for m in mails["mails"] if m["confirm_url"] and not m["confirmed_at"]]
            if waiting:
                await client.get(waiting[-1]["confirm_url"])
                return
            await asyncio.sleep(0.05)
    raise AssertionError("no DOI mail arrived")


def observed(step: StepRecord) -> dict[str, str | None]:
    return {o.expectation.field: o.observed for o in step.observed}


async def test_m7_unsubscribe_via_the_newsletter_link_then_buy_again(
    sandbox: SandboxServer, services: Services
) -> None:
    profile = maileon_profile(services, sandbox)
    prepared = prepare_run(profile, "M7", services, simulate=True)
    address = prepared.context.address
    person = Announced()
    running = asyncio.create_task(
        run_journey(prepared, person, RunOptions(simulate=True, timeout=15))
    )
    await click_open_doi_mail(sandbox, address, running, person)  # the first sign-up
    await click_open_doi_mail(sandbox, address, running, person)  # after unsubscribing
    result = await running
    assert result.verdict is Verdict.PASS, json.dumps([s.as_json() for s in result.steps], indent=1)
    by_title = {str(s.title): s for s in result.steps}
    gone = observed(by_title["Maileon records the unsubscription"])
    assert gone == {"marker": "yes", "exists": None}
    assert observed(result.steps[-1])["permission"] == "4"
    mails = httpx.get(f"{sandbox.url}/mailbox.json", params={"to": address}).json()["mails"]
    newsletter = [m for m in mails if m["unsubscribe_url"]]
    assert len(newsletter) == 1
    assert newsletter[0]["confirmed_at"], "the unsubscribe link was followed"
    assert len([m for m in mails if m["confirm_url"]]) == 2, "a new DOI mail after re-buying"
    report = sandbox.sandbox.maileon.state.accounts["main"].unsubscriptions
    assert [(u.email, u.mailing_id) for u in report] == [(address, SENT_MAILING_ID)]


async def test_m7_is_blocked_when_the_marker_keeps_the_contact_out(
    sandbox: SandboxServer, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Maileon that ignores a sign-up of a marked address: the run says that the marker
    blocks it, with the fix, instead of a plain 'fail'."""
    create = contacts.create_contact

    def ignore_marked(call: MaileonCall) -> Response:
        if call.params["email"].lower() in call.account.unsubscription_markers:
            return xml(201)  # accepted, but nothing happens (as with a missing DOI mailing)
        return create(call)

    table: list[Route[routes.MaileonHandler]] = [
        Route(r.method, r.pattern, ignore_marked) if r.handler is create else r
        for r in routes.ROUTES._routes
    ]
    monkeypatch.setattr(routes, "ROUTES", Router[routes.MaileonHandler](table))
    monkeypatch.setattr("nlconsole.sandbox.maileon.ROUTES", routes.ROUTES)
    profile = maileon_profile(services, sandbox)
    result = await simulate(services, profile, "M7", auto_confirm=True, timeout=3.0)
    assert result.verdict is Verdict.BLOCKED, [s.as_json() for s in result.steps]
    last = result.steps[-1]
    assert "unsubscription marker" in str(last.detail)
    assert observed(last)["exists"] is None
    assert result.fix is not None
    assert "unsubscription" in str(result.fix)


async def test_m5_a_second_purchase_updates_the_same_contact(
    sandbox: SandboxServer, services: Services
) -> None:
    profile = maileon_profile(services, sandbox)
    result = await simulate(services, profile, "M5", auto_confirm=True)
    assert result.verdict is Verdict.PASS, [s.as_json() for s in result.steps]
    last = observed(result.steps[-1])
    assert last["id"] == result.facts["contact_id"]
    assert last["TITLE"] == "Prof. Dr."
    assert last["permission"] == "4"
    assert last["cmx_einkauf"] == "90002", "the newest purchase number"
    assert last["cmx_einkauf newer"] == "yes"
    assert last["NAMENSPRAEFIX"] == "von"
    assert last["LASTNAME"] == "Müller-Lüdenscheidt", "the prefix has its own field"
    assert len(sandbox.sandbox.maileon.state.accounts["main"].contacts) == 1, "no duplicate"


async def test_m6_reports_that_no_doi_plus_mail_came(
    sandbox: SandboxServer, services: Services
) -> None:
    """The sandbox sends no second DOI mail to a DOI contact: never a pass that was not seen."""
    profile = maileon_profile(services, sandbox, single_user_tracking=True)
    result = await simulate(services, profile, "M6", auto_confirm=True)
    assert result.verdict is Verdict.FAIL
    assert observed(result.steps[4])["permission"] == "4"
    asked = next(s for s in result.steps if s.kind == "ask")
    assert asked.answer == "not asked"
    assert "no unconfirmed mail" in str(result.steps[-1].detail)
    consent = observed(result.steps[6])
    assert (consent["id"], consent["EINZELNUTZERTRACKING"]) == (result.facts["contact_id"], "true")
    state = sandbox.sandbox.maileon.state.accounts["main"]
    (contact,) = state.contacts.values()
    assert (contact.permission, contact.custom["EINZELNUTZERTRACKING"]) == (4, "true"), (
        "the consent reached the field, the permission stayed DOI"
    )


async def simulate_passing(services: Services, sandbox: SandboxServer, journey: str) -> JourneyRun:
    result = await simulate(services, maileon_profile(services, sandbox), journey)
    assert result.verdict is Verdict.PASS, [s.as_json() for s in result.steps]
    return result


async def test_m8_salutation_variants_are_stored_as_entered(
    sandbox: SandboxServer, services: Services
) -> None:
    result = await simulate_passing(services, sandbox, "M8")
    seen = {str(s.title): observed(s) for s in result.steps if s.kind == "observe"}
    assert seen["Anrede divers: the fields as entered"]["GENDER"] == "d"
    none = seen["Anrede keine Angabe: the fields as entered"]
    assert none["SALUTATION"] is None
    assert none["GENDER"] is None
    assert none["TITLE"] is None
    assert none["NAMENSPRAEFIX"] is None
    herr = seen["Anrede Herr: the fields as entered"]
    assert (herr["LASTNAME"], herr["NAMENSPRAEFIX"]) == ("Berg", "van der")
    assert herr["TITLE"] == "Prof. Dr."
    numbers = {observed(s).get("cmx_einkauf") for s in result.steps if s.kind == "observe"}
    assert {"90001", "90002", "90003", "90004"} <= numbers, "each purchase its own number"
    ledger = [e.address for e in RunStore(services.config_dir, "acme").ledger()]
    variants = [variant_address(result.address, letter) for letter, _p in VARIANTS]
    assert set(variants) <= set(ledger)


class ShopTester:
    """A tester who books each M8 variant in the mock shop (over HTTP) when asked to act."""

    interactive = True

    def __init__(self, sandbox: SandboxServer, address: str) -> None:
        self.sandbox, self.address = sandbox, address
        self.variants = list(VARIANTS)

    def show(self, title: Text, instructions: Sequence[Text], values: Mapping[str, str]) -> None:
        """The instructions name the address; the tester uses the variant's values."""

    async def wait(self) -> None:
        letter, person = self.variants.pop(0)
        form = {
            "anrede": person["Anrede"],
            "amtsbezeichnung": person["Berufs-/Amtsbezeichnung"],
            "namenspraefix": person["Namenspräfix"],
            "name": person["Name"],
            "vorname": person["Vorname"],
            "email": variant_address(self.address, letter),
            "newsletter": "ja",
        }
        async with httpx.AsyncClient() as client:
            answer = await client.post(f"{self.sandbox.url}/shop/buchen", data=form)
        assert answer.status_code == 200

    async def ask(self, question: Text) -> tuple[str, str | None]:
        return "yes", None

    def step_done(self, step: StepRecord) -> None:
        """No live output."""


async def test_m8_in_tester_mode_through_the_mock_shop(
    sandbox: SandboxServer, services: Services
) -> None:
    profile = maileon_profile(services, sandbox)
    prepared = prepare_run(profile, "M8", services, simulate=False)
    tester = ShopTester(sandbox, prepared.context.address)
    result = await run_journey(prepared, tester, RunOptions(simulate=False, timeout=10))
    assert result.mode == "tester"
    assert tester.variants == []
    assert result.verdict is Verdict.PASS, [s.as_json() for s in result.steps]


async def test_m9_the_export_with_the_expired_key_is_refused(
    sandbox: SandboxServer, services: Services
) -> None:
    result = await simulate_passing(services, sandbox, "M9")
    assert observed(result.steps[1]) == {"status": "401"}
    assert observed(result.steps[2]) == {"exists": None}
    assert [s.title for s in result.steps if "custom fields" in str(s.title)] == []
    stored = json.dumps(RunStore(services.config_dir, "acme").load_run(result.id))
    assert maileon_key("expired") not in stored
    assert services.secrets.get("acme", "api_key") == SecretStr(maileon_key("create_update"))


async def test_before_the_bootstrap_a_journey_is_blocked_with_the_fix(
    sandbox: SandboxServer, services: Services
) -> None:
    """Maileon would refuse the export into custom fields that do not exist: the run says so
    before anything is sent, and names the bootstrap."""
    profile = maileon_profile(services, sandbox, bootstrapped=False)
    result = await simulate(services, profile, "M1", timeout=5.0)
    assert result.verdict is Verdict.BLOCKED, [s.as_json() for s in result.steps]
    (step,) = result.steps
    assert observed(step) == dict.fromkeys(["NAMENSPRAEFIX", "cmx_einkauf", "EINZELNUTZERTRACKING"])
    assert "nlconsole bootstrap acme --apply" in str(result.fix)
    assert sandbox.sandbox.maileon.state.accounts["main"].contacts == {}, "nothing was sent"
    shop = httpx.post(
        f"{sandbox.url}/shop/buchen",
        data={"email": "anna@verlag.de", "name": "Berg", "newsletter": "ja"},
    )
    (entry,) = httpx.get(f"{sandbox.url}/shop/protokoll.json").json()["exports"]
    assert shop.status_code == 200
    assert entry["status"] == 400, "the mock shop's export fails visibly, as cmx's would"
    assert "create it first" in entry["message"]


async def test_a_mapping_without_a_prefix_field_expects_the_prefix_in_the_name(
    sandbox: SandboxServer, services: Services
) -> None:
    profile = maileon_profile(services, sandbox, custom_fields={"cmx_einkauf": "integer"})
    result = await simulate(services, profile, "M1", auto_confirm=True)
    assert result.verdict is Verdict.PASS, [s.as_json() for s in result.steps]
    last = observed(result.steps[-1])
    assert last["LASTNAME"] == "von Müller-Lüdenscheidt"
    assert "NAMENSPRAEFIX" not in last
    assert last["cmx_einkauf"] == "90001"


async def test_m6_without_a_doi_plus_click_says_what_maileon_kept(
    sandbox: SandboxServer, services: Services
) -> None:
    """The tester clicks the first DOI mail; no DOI+ click follows: the run fails with the
    permission Maileon kept and what to ask, never a pass."""
    profile = maileon_profile(services, sandbox, single_user_tracking=True)
    prepared = prepare_run(profile, "M6", services, simulate=True)
    person = Announced()
    running = asyncio.create_task(
        run_journey(prepared, person, RunOptions(simulate=True, timeout=3))
    )
    await click_open_doi_mail(sandbox, prepared.context.address, running, person)
    result = await running
    assert result.verdict is Verdict.FAIL, [s.as_json() for s in result.steps]
    last = result.steps[-1]
    assert observed(last)["permission"] == "4"
    assert "Maileon kept permission 4" in str(last.detail)

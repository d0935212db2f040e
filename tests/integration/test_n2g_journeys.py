"""The PEIQ PORTAL → Newsletter2Go journeys against the sandbox over real sockets: simulated
(nlconsole makes the portal's push) and with a tester walking the mock portal."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import httpx

from nlconsole.core.journeys.expect import Verdict
from nlconsole.core.journeys.run import JourneyRun, StepRecord
from nlconsole.core.journeys.runner import RunOptions, run_journey
from nlconsole.core.journeys.start import prepare_run
from nlconsole.core.journeys.store import RunStore
from nlconsole.core.models import Profile
from nlconsole.core.services import Services
from nlconsole.i18n import Text
from nlconsole.sandbox.server import SandboxServer
from nlconsole.sandbox.vendors.portal_accounts import NEWSLETTERS
from tests.integration.test_journeys import Nobody
from tests.support.portal import n2g_client, portal_profile

PASSWORD = "Test-Passwort-1"


async def simulate(services: Services, profile: Profile, journey: str) -> JourneyRun:
    prepared = prepare_run(profile, journey, services, simulate=True)
    return await run_journey(prepared, Nobody(), RunOptions(simulate=True, timeout=5.0))


def observed(step: StepRecord) -> dict[str, str | None]:
    return {o.expectation.field: o.observed for o in step.observed}


class PortalTester:
    """A tester doing each act in the mock portal over HTTP when the run asks for it."""

    interactive = True

    def __init__(self, acts: list[Callable[[], Any]]) -> None:
        self.acts = acts
        self.asked: list[Text] = []

    def show(self, title: Text, instructions: Sequence[Text], values: Mapping[str, str]) -> None:
        """The next act follows these instructions."""

    async def wait(self) -> None:
        await asyncio.to_thread(self.acts.pop(0))

    async def ask(self, question: Text) -> tuple[str, str | None]:
        self.asked.append(question)
        return "yes", "seen in the portal"

    def step_done(self, step: StepRecord) -> None:
        """No live output."""


class Portal:
    """The mock PEIQ PORTAL in a browser-like session (cookies kept)."""

    def __init__(self, sandbox: SandboxServer) -> None:
        self.sandbox = sandbox
        self.http = httpx.Client(base_url=f"{sandbox.url}/portal", follow_redirects=True)

    def click_newest_link(self, address: str) -> None:
        """What a person does in the mailbox: wait for the mail, click its link."""
        for _ in range(200):
            mails = httpx.get(f"{self.sandbox.url}/mailbox.json", params={"to": address}).json()
            if mails["mails"]:
                httpx.get(mails["mails"][-1]["confirm_url"]).raise_for_status()
                return
            time.sleep(0.05)  # bounded polling until the mail is there
        raise AssertionError(f"no mail to {address}")

    def register(self, address: str, person: dict[str, str], newsletters: Sequence[str]) -> None:
        form = {
            "geschlecht": person["Geschlecht"],
            "vorname": person["Vorname"],
            "name": person["Name"],
            "email": address,
            "passwort": PASSWORD,
            "newsletter": list(newsletters),
        }
        answer = self.http.post("register", data=form)
        assert "Wir haben eine E-Mail" in answer.text, answer.text
        self.click_newest_link(address)
        answer = self.http.post("login", data={"email": address, "passwort": PASSWORD})
        assert "Account-Einstellungen" in answer.text, answer.text

    def newsletters(self, chosen: Sequence[str]) -> None:
        answer = self.http.post("user/settings/newsletter", data={"newsletter": list(chosen)})
        assert "gespeichert" in answer.text, answer.text


async def test_p8_simulated_reports_the_blacklist_and_the_fix(
    server: SandboxServer, services: Services
) -> None:
    profile = await portal_profile(services, server)
    result = await simulate(services, profile, "P8")
    assert result.verdict is Verdict.FAIL
    last = result.steps[-1]
    assert [s.verdict for s in result.steps[:-1]] == [Verdict.PASS] * 5
    book = NEWSLETTERS[0]
    assert observed(last)[f"{book}:blacklisted"] == "yes"
    assert observed(last)[f"{book}:unsubscribed"] == "yes"
    detail = str(last.detail)
    assert "blacklist blocks the re-subscription" in detail
    assert "Empfänger → Blacklist" in detail


async def test_p8_in_the_portal_blacklist_then_fixed(
    server: SandboxServer, services: Services
) -> None:
    """A tester walks P8 in the mock portal: Newsletter2Go's blacklist keeps the address out.
    After the fix the report names (the recipient leaves the book), the same walk passes."""
    profile = await portal_profile(services, server)
    book = NEWSLETTERS[0]
    portal = Portal(server)

    async def walk(fix: bool) -> JourneyRun:
        prepared = prepare_run(profile, "P8", services, simulate=False)
        address, person = prepared.context.address, prepared.context.person

        def untick() -> None:
            portal.newsletters([])
            if fix:
                asyncio.run(remove_from_book(address))

        tester = PortalTester(
            [
                lambda: portal.register(address, person, [book]),
                untick,
                lambda: portal.newsletters([book]),
            ]
        )
        result = await run_journey(prepared, tester, RunOptions(simulate=False, timeout=5.0))
        assert tester.acts == []
        return result

    async def remove_from_book(address: str) -> None:
        async with n2g_client(server) as n2g:
            list_id = profile.newsletter2go.list_ids[book]  # type: ignore[union-attr]
            recipient = await n2g.find_recipient(list_id, address)
            assert recipient is not None
            assert recipient.is_blacklisted
            await n2g.delete_recipient(list_id, recipient.id)

    blocked = await walk(fix=False)
    assert blocked.verdict is Verdict.FAIL
    assert "blacklist blocks" in str(blocked.steps[-1].detail)
    fixed = await walk(fix=True)
    assert fixed.verdict is Verdict.PASS, [s.as_json() for s in fixed.steps]
    seen = observed(fixed.steps[-1])
    assert (seen[f"{book}:present"], seen[f"{book}:blacklisted"]) == ("yes", None)


async def test_p10_simulated_keeps_one_recipient_with_the_new_address(
    server: SandboxServer, services: Services
) -> None:
    profile = await portal_profile(services, server)
    result = await simulate(services, profile, "P10")
    assert result.verdict is Verdict.PASS, [s.as_json() for s in result.steps]
    new = result.person["Neue E-Mail-Adresse"]
    assert new == result.address.replace("@", "-neu@")
    book = NEWSLETTERS[0]
    list_id = profile.newsletter2go.list_ids[book]  # type: ignore[union-attr]
    async with n2g_client(server) as n2g:
        assert await n2g.find_recipient(list_id, result.address) is None
        moved = await n2g.find_recipient(list_id, new)
    assert moved is not None
    assert moved.id == result.facts["recipient_id"]
    assert observed(result.steps[-1])[f"{book}:id"] == moved.id
    ledger = {e.address for e in RunStore(services.config_dir, "verlag").ledger()}
    assert {result.address, new} <= ledger, "both addresses can be cleaned up"


async def test_p10_in_the_portal_changes_the_address_only_after_the_link(
    server: SandboxServer, services: Services
) -> None:
    profile = await portal_profile(services, server)
    book = NEWSLETTERS[0]
    portal = Portal(server)
    prepared = prepare_run(profile, "P10", services, simulate=False)
    address, person = prepared.context.address, prepared.context.person
    new = person["Neue E-Mail-Adresse"]

    def ask_for_change() -> None:
        answer = portal.http.post("user/settings/email", data={"email": new})
        assert "Bestätigungslink" in answer.text, answer.text

    tester = PortalTester(
        [
            lambda: portal.register(address, person, [book]),
            ask_for_change,
            lambda: portal.click_newest_link(new),
        ]
    )
    result = await run_journey(prepared, tester, RunOptions(simulate=False, timeout=5.0))
    assert result.verdict is Verdict.PASS, [s.as_json() for s in result.steps]
    before_link = observed(result.steps[3])
    assert before_link[f"{book}:present"] == "yes", "nothing changed before the link"
    list_id = profile.newsletter2go.list_ids[book]  # type: ignore[union-attr]
    async with n2g_client(server) as n2g:
        everyone = await n2g.find_recipient(list_id, new)
        assert everyone is not None
        assert await n2g.find_recipient(list_id, address) is None


async def test_p2_p4_p9_p11_p13_p14_simulated(server: SandboxServer, services: Services) -> None:
    profile = await portal_profile(services, server)
    first, second = NEWSLETTERS[:2]
    runs = {}
    for journey in ("P2", "P4", "P9", "P11", "P13", "P14"):
        runs[journey] = result = await simulate(services, profile, journey)
        assert result.verdict is Verdict.PASS, (journey, [s.as_json() for s in result.steps])
    assert observed(runs["P4"].steps[1])[f"{first}:present"] is None, "nothing before the tick"
    changed = observed(runs["P9"].steps[-1])
    for book in (first, second):
        assert (changed[f"{book}:first_name"], changed[f"{book}:last_name"]) == (
            "Zoë",
            "van der Lüh",
        )
        assert changed[f"{book}:gender"] == "f"
    gone = observed(runs["P11"].steps[-1])
    assert all(gone[f"{book}:active"] is None for book in NEWSLETTERS)
    company = observed(runs["P13"].steps[-1])
    assert company[f"{first}:last_name"] == runs["P13"].person["Name"]
    assert len(company[f"{first}:last_name"] or "") == 80
    assert company[f"{first}:first_name"] is None
    names = observed(runs["P14"].steps[-1])
    assert names[f"{first}:last_name"] == "O'Brien-Weiß von der Höh"


async def test_p12_passes_only_after_watching_the_whole_time(
    server: SandboxServer, services: Services
) -> None:
    """P12 is about an absence a late push could break: it is judged over the whole
    observation, and a push during it fails the journey."""
    profile = await portal_profile(services, server)
    prepared = prepare_run(profile, "P12", services, simulate=True)
    quiet = await run_journey(prepared, Nobody(), RunOptions(simulate=True, timeout=1.0))
    assert quiet.verdict is Verdict.PASS
    assert "held for 1 s" in str(quiet.steps[-1].detail)
    prepared = prepare_run(profile, "P12", services, simulate=True)
    list_id = profile.newsletter2go.list_ids[NEWSLETTERS[0]]  # type: ignore[union-attr]

    async def early_push() -> None:
        async with n2g_client(server) as n2g:
            await n2g.upsert_recipient(list_id, prepared.context.address)

    watching = asyncio.create_task(
        run_journey(prepared, Nobody(), RunOptions(simulate=True, timeout=30.0))
    )
    await early_push()
    pushed = await watching
    assert pushed.verdict is Verdict.FAIL
    assert observed(pushed.steps[-1])[f"{NEWSLETTERS[0]}:active"] == "yes"


async def test_p7_unsubscribe_link_in_a_test_mailing(
    server: SandboxServer, services: Services
) -> None:
    """The portal's push is simulated; the tester sends the test mailing on the sandbox's
    Newsletter2Go page and clicks its unsubscribe link; the portal's side is asked."""
    profile = await portal_profile(services, server)
    book = NEWSLETTERS[0]
    prepared = prepare_run(profile, "P7", services, simulate=True)
    address = prepared.context.address

    def mailing_and_click() -> None:
        page = httpx.get(f"{server.url}/newsletter2go-app/testmailing")
        option = next(line for line in page.text.split("<option") if f": {book}<" in line)
        label = option.split(">", 1)[1].split("<", 1)[0].replace("&amp;", "&")
        sent = httpx.post(
            f"{server.url}/newsletter2go-app/testmailing",
            data={"adressbuch": label, "email": address},
        )
        assert "verschickt" in sent.text, sent.text
        Portal(server).click_newest_link(address)

    tester = PortalTester([mailing_and_click])
    result = await run_journey(prepared, tester, RunOptions(simulate=True, timeout=5.0))
    assert result.verdict is Verdict.PASS, [s.as_json() for s in result.steps]
    assert observed(result.steps[3])[f"{book}:active"] is None
    assert len(tester.asked) == 1, "the portal's sync back is a person's judgement"
    async with n2g_client(server) as n2g:
        list_id = profile.newsletter2go.list_ids[book]  # type: ignore[union-attr]
        recipient = await n2g.find_recipient(list_id, address)
    assert recipient is not None
    assert recipient.is_blacklisted


def test_the_portal_registers_a_company_without_vorname(server: SandboxServer) -> None:
    portal = Portal(server)
    name = "x" * 81
    form = {"nutzertyp": "Unternehmen", "name": name, "email": "firma@sandbox.test"}
    refused = portal.http.post("register", data={**form, "passwort": PASSWORD})
    assert "höchstens 80 Zeichen" in refused.text
    accepted = portal.http.post("register", data={**form, "name": name[:80], "passwort": "p"})
    assert "Wir haben eine E-Mail" in accepted.text

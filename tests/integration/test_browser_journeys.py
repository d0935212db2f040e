"""A real browser walks the mock vendor pages while a journey in tester mode observes the
provider: cmxOrganize's booking page for M1, PEIQ PORTAL's registration for P1 and its
e-mail change for P10."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from nlconsole.core.journeys.expect import Verdict
from nlconsole.core.journeys.run import StepRecord
from nlconsole.core.journeys.runner import RunOptions, run_journey
from nlconsole.core.journeys.start import prepare_run
from nlconsole.core.maileon.journey_repeat import SECOND_TITLE
from nlconsole.core.models import Profile
from nlconsole.core.services import Services
from nlconsole.i18n import Text
from nlconsole.sandbox.seeds import maileon_key
from nlconsole.sandbox.server import SandboxServer
from nlconsole.sandbox.vendors.portal_accounts import NEWSLETTERS
from tests.support.bootstrap import create_mapped_fields
from tests.support.browser import chromium
from tests.support.portal import portal_profile

pytestmark = pytest.mark.browser


class BrowserTester:
    """A tester who does each act in the browser when the run asks for it, like a person
    following the instructions and pressing Enter when done."""

    interactive = True

    def __init__(self, acts: list[Callable[[], None]]) -> None:
        self.acts = acts

    def show(self, title: Text, instructions: Sequence[Text], values: Mapping[str, str]) -> None:
        """The next browser act follows these instructions."""

    async def wait(self) -> None:
        await asyncio.to_thread(self.acts.pop(0))

    async def ask(self, question: Text) -> tuple[str, str | None]:
        return "yes", "checked in the browser"

    def step_done(self, step: StepRecord) -> None:
        """No live output."""


def submit_and_wait(driver: Any, answer: str) -> None:
    """Press the form's submit button and wait, like a person, for the page that answers it:
    `click()` may return before the POST has been sent, and navigating away then drops it."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, 15).until(lambda d: answer in d.page_source)


def click_newest_link(driver: Any, sandbox: SandboxServer, address: str) -> None:
    """Open the sandbox mailbox like a person and click the newest link to `address`,
    reloading for a few seconds if the mail is not there yet."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def mail_rows(d: Any) -> list[Any]:
        d.get(f"{sandbox.url}/mailbox")
        return [r for r in d.find_elements(By.TAG_NAME, "tr") if address in r.text]

    try:
        rows = WebDriverWait(driver, 10, poll_frequency=0.5).until(mail_rows)
    except TimeoutException:
        pytest.fail(f"no mail to {address} in the mailbox")
    rows[0].find_element(By.TAG_NAME, "a").click()


def browse_shop(driver: Any, sandbox: SandboxServer, address: str, person: dict[str, str]) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver.get(f"{sandbox.url}/shop")
    Select(driver.find_element(By.NAME, "anrede")).select_by_visible_text(person["Anrede"])
    driver.find_element(By.NAME, "amtsbezeichnung").send_keys(person["Berufs-/Amtsbezeichnung"])
    driver.find_element(By.NAME, "namenspraefix").send_keys(person["Namenspräfix"])
    driver.find_element(By.NAME, "name").send_keys(person["Name"])
    driver.find_element(By.NAME, "vorname").send_keys(person["Vorname"])
    driver.find_element(By.NAME, "email").send_keys(address)
    driver.find_element(By.NAME, "newsletter").click()
    submit_and_wait(driver, "Vielen Dank")


def browse_portal(
    driver: Any, sandbox: SandboxServer, address: str, person: dict[str, str], newsletter: str
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver.get(f"{sandbox.url}/portal/register")
    Select(driver.find_element(By.NAME, "geschlecht")).select_by_visible_text(person["Geschlecht"])
    driver.find_element(By.NAME, "vorname").send_keys(person["Vorname"])
    driver.find_element(By.NAME, "name").send_keys(person["Name"])
    driver.find_element(By.NAME, "email").send_keys(address)
    driver.find_element(By.NAME, "passwort").send_keys("Test-Passwort-1")
    for box in driver.find_elements(By.NAME, "newsletter"):
        if box.get_attribute("value") == newsletter:
            box.click()
    submit_and_wait(driver, "Wir haben eine E-Mail")
    click_newest_link(driver, sandbox, address)


async def walk(
    services: Services,
    profile: Profile,
    journey: str,
    acts: Callable[[str, dict[str, str]], list[Callable[[], None]]],
) -> Verdict:
    prepared = prepare_run(profile, journey, services, simulate=False)
    tester = BrowserTester(acts(prepared.context.address, prepared.context.person))
    result = await run_journey(prepared, tester, RunOptions(simulate=False, timeout=30.0))
    assert result.mode == "tester"
    assert tester.acts == [], "every act of the journey was done in the browser"
    return result.verdict


def shop_profile(sandbox: SandboxServer, services: Services) -> Profile:
    """A Maileon sandbox profile with the test key, after the bootstrap's custom fields."""
    profile = Profile.model_validate(
        {
            "name": "kurse",
            "provider": "maileon",
            "environment": "sandbox",
            "base_url": sandbox.sandbox.base_urls()["maileon"],
        }
    )
    services.profiles.add(profile)
    services.secrets.set("kurse", "test_api_key", SecretStr(maileon_key("read_delete")))
    create_mapped_fields(sandbox)
    return profile


@pytest.mark.parametrize("journey", ["M1", "M5"])
async def test_bookings_in_the_mock_cmxorganize_shop(
    journey: str, sandbox: SandboxServer, tmp_path: Path
) -> None:
    """M1: book, confirm. M5: then book again with another title: one contact, updated, with
    the newer purchase number (in tester mode nlconsole cannot know the number, only that it
    grew)."""
    services = Services.in_memory(tmp_path / "config")

    def acts(address: str, person: dict[str, str]) -> list[Callable[[], None]]:
        again = {**person, "Berufs-/Amtsbezeichnung": SECOND_TITLE}
        return [
            lambda: browse_shop(driver, sandbox, address, person),
            lambda: click_newest_link(driver, sandbox, address),
        ] + ([lambda: browse_shop(driver, sandbox, address, again)] if journey == "M5" else [])

    with chromium() as driver:
        verdict = await walk(services, shop_profile(sandbox, services), journey, acts)
    assert verdict is Verdict.PASS
    (contact,) = sandbox.sandbox.maileon.state.accounts["main"].contacts.values()
    expected = ("Prof. Dr.", "10002") if journey == "M5" else ("Dr.", "10001")
    assert (contact.standard["TITLE"], contact.custom["cmx_einkauf"]) == expected


async def walk_portal(
    sandbox: SandboxServer,
    tmp_path: Path,
    journey: str,
    acts: Callable[[Any, str, dict[str, str]], list[Callable[[], None]]],
) -> Verdict:
    """Walk a portal journey in Chromium: `acts(driver, address, person)` are the tester's."""
    services = Services.in_memory(tmp_path / "config")
    profile = await portal_profile(services, sandbox)
    with chromium() as driver:
        return await walk(
            services, profile, journey, lambda address, person: acts(driver, address, person)
        )


async def test_p1_in_the_mock_peiq_portal(sandbox: SandboxServer, tmp_path: Path) -> None:
    verdict = await walk_portal(
        sandbox,
        tmp_path,
        "P1",
        lambda driver, address, person: [
            lambda: browse_portal(driver, sandbox, address, person, NEWSLETTERS[0])
        ],
    )
    assert verdict is Verdict.PASS


def change_email(driver: Any, sandbox: SandboxServer, address: str, new: str) -> None:
    """Log in to the portal and ask for the new address in Account-Einstellungen."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(f"{sandbox.url}/portal/login")
    driver.find_element(By.NAME, "email").send_keys(address)
    driver.find_element(By.NAME, "passwort").send_keys("Test-Passwort-1")
    submit_and_wait(driver, "Account-Einstellungen")
    email_form = driver.find_element(By.CSS_SELECTOR, "form[action$='/user/settings/email']")
    email_form.find_element(By.NAME, "email").send_keys(new)
    email_form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, 15).until(lambda d: "Bestätigungslink" in d.page_source)


async def test_p10_e_mail_change_in_the_mock_peiq_portal(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    verdict = await walk_portal(
        sandbox,
        tmp_path,
        "P10",
        lambda driver, address, person: [
            lambda: browse_portal(driver, sandbox, address, person, NEWSLETTERS[0]),
            lambda: change_email(driver, sandbox, address, person["Neue E-Mail-Adresse"]),
            lambda: click_newest_link(driver, sandbox, person["Neue E-Mail-Adresse"]),
        ],
    )
    assert verdict is Verdict.PASS

"""The German console, screen by screen, shows no English word: the same walk in English and
in German, and no word of the English screens may appear on the German ones except names
(profiles, providers, products) and words both languages share.

Found this way: F1's title named the screen class ("Hilfe: Profiles"), the footer showed
Textual's own "palette", the status panel "PASS" and "memory (demo)"."""

from __future__ import annotations

import re
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from nlconsole.core.services import Services
from nlconsole.i18n import Language
from nlconsole.ui.screens.check import CheckScreen
from tests.ui.conftest import app_for, in_process_demo, settle

WORD = re.compile(r"[A-Za-zÄÖÜäöüß][\w-]{2,}")
NOT_WORDS = re.compile(r"https?://\S+|/\S+|\b[a-z_0-9]+(\.[a-z_0-9]+)+\b|…\S+|\"[^\"]*\"")
"""Paths, binding ids (F1 lists them for keymap.toml), masked tails and quoted examples."""
SHARED = {
    # names: products, providers, profiles, the tool, keys
    "nlconsole", "Maileon", "Newsletter2Go", "XQueue", "PEIQ", "PORTAL", "cmxOrganize",
    "demo-maileon", "demo-n2g", "Demo", "Sandbox", "esc", "ctrl", "enter", "tab",
    # words German uses as they are
    "Status", "API", "API-Key", "Bootstrap", "Base64", "DOI", "DOI-Mailing", "E-Mail",
    "Mailing", "Newsletter", "Problem", "Adressbuch", "Lokales", "Sport", "Tests", "Key",
    "Esc", "space", "optional", "Standard", "Authorization", "Basic",
    # Maileon's own German names for the key's rights, used in both languages
    "Erstellungsrecht", "Aktualisierungsrecht", "Leserecht", "Löschrecht", "Gültigkeit",
    # the demo's customers and DOI mailings
    "Bildung", "Kurse", "gGmbH",
    # the app's binding ids F1 lists for keymap.toml (the screens' have dots, removed above)
    "help", "quit", "theme",
    "Einzelnutzertracking", "NAMENSPRAEFIX", "EINZELNUTZERTRACKING", "cmx_einkauf",
    "Username", "Auth-Key", "Keyring", "Secret", "Service", "Info", "OK", "sandbox",
    "test", "api", "verlag", "example", "demo", "maileon", "newsletter2go", "Verlag",
}  # fmt: skip
"""Words that are the same in both languages on purpose."""


def screen_words(pilot: Pilot[int]) -> set[str]:
    """Every word the screen shows now (what a person reads, footer included)."""
    strips = pilot.app.screen._compositor.render_strips()
    text = "\n".join("".join(segment.text for segment in strip) for strip in strips)
    return set(WORD.findall(NOT_WORDS.sub(" ", text)))


async def finished(pilot: Pilot[int]) -> None:
    """Wait (bounded) until the check screen shows its verdict."""
    screen = pilot.app.screen
    assert isinstance(screen, CheckScreen)
    for _ in range(400):
        if str(screen.query_one("#result-verdict", Static).render()).strip():
            break
        await pilot.pause(0.05)
    else:
        raise AssertionError("the check never finished")
    await settle(pilot)


async def walk(services: Services, language: Language) -> set[str]:
    """The list, F1, the status panel, the checklist, the credentials and a finished check."""
    seen: set[str] = set()
    app = app_for(services, language=language)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        seen |= screen_words(pilot)
        for keys in (("f1",), ("i",), ("l",), ("s",), ("c",)):
            await pilot.press(*keys)
            await settle(pilot)
            if keys == ("c",):
                await finished(pilot)
            seen |= screen_words(pilot)
            await pilot.press("escape")
            await settle(pilot)
    return seen


async def test_the_german_console_shows_no_english_word(tmp_path: Path) -> None:
    services = in_process_demo(tmp_path / "config")
    english = await walk(services, "en")
    german = await walk(services, "de")
    assert {"Help", "Profiles", "Quit"} <= english, "the walk saw the English screens"
    assert german - english, "the walk saw German screens"
    leaked = sorted(english & german - SHARED)
    assert leaked == [], " ".join(leaked)

"""The console and the CLI describe the sandbox's scenarios in the person's language: every
seeded scenario has a translatable text (the sandbox, which imports nothing of nlconsole,
keeps its own English words), and the texts are not left behind when a scenario goes."""

from __future__ import annotations

from nlconsole.core.scenarios import SCENARIO_TEXTS
from nlconsole.sandbox.emulator import Sandbox


def test_every_seeded_scenario_has_a_text_and_every_text_a_scenario() -> None:
    described = Sandbox().describe()
    seeded = {
        "maileon": {key["scenario"] for key in described["maileon"]["keys"]},
        "newsletter2go": {
            account["scenario"] for account in described["newsletter2go"]["accounts"]
        },
    }
    assert {provider: set(texts) for provider, texts in SCENARIO_TEXTS.items()} == seeded

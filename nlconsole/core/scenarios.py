"""What each of the sandbox's seeded scenarios shows, in words a person reads (translated).

The sandbox describes its scenarios itself, in English, because it imports nothing of
nlconsole (it is a stand-alone emulator). The console and the CLI show these texts instead,
keyed by the scenario's id; a test keeps the ids in step with the sandbox's seeds. An id
without a text here falls back to the sandbox's own description.
"""

from __future__ import annotations

from nlconsole.i18n import Msg, Text, _

SCENARIO_TEXTS: dict[str, dict[str, Msg]] = {
    "maileon": {
        "all_rights": _("all four rights"),
        "create_update": _("create + update only: the key the cmxOrganize guide asks for"),
        "read_delete": _("read + delete: a test key for the console"),
        "expired": _("expired ('Gültigkeit' in the past): Maileon answers 401"),
        "inactive": _("set to inactive: Maileon answers 401"),
        "no_doi_mailing": _("all rights, but the account has no default DOI mailing"),
    },
    "newsletter2go": {
        "working": _("working account, developer mode on"),
        "developer_mode_off": _("developer mode off (the PEIQ handover needs it on)"),
        "limited_plan": _(
            "Lite plan: at most one address book, its standard one; company not yet verified"
        ),
    },
}


def scenario_text(provider: str, scenario: str, fallback: str) -> Text:
    """The translatable description of a scenario, or the sandbox's own words."""
    return SCENARIO_TEXTS.get(provider, {}).get(scenario, fallback)

"""German and English texts: the language of the seeds and of most users, and English.

The language comes from `NLCONSOLE_LANG` if set, else the system locale (`LC_ALL`,
`LC_MESSAGES`, `LANG`); anything that is not German falls back to English.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Literal

Language = Literal["de", "en"]
LANG_ENV = "NLCONSOLE_LANG"


def detect_language(env: Mapping[str, str] | None = None) -> Language:
    """Pick 'de' or 'en' from the override or the locale variables."""
    environ = os.environ if env is None else env
    for name in (LANG_ENV, "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "").strip().lower()
        if value:
            return "de" if value.startswith("de") else "en"
    return "en"


LABELS: dict[str, dict[Language, str]] = {
    "profiles": {"de": "Profile", "en": "Profiles"},
    "provider": {"de": "Anbieter", "en": "Provider"},
    "environment": {"de": "Umgebung", "en": "Environment"},
    "last_check": {"de": "Letzter Test", "en": "Last check"},
    "never": {"de": "nie", "en": "never"},
    "new_profile": {"de": "Neues Profil", "en": "New profile"},
    "edit_profile": {"de": "Profil bearbeiten", "en": "Edit profile"},
    "delete_profile": {"de": "Profil löschen", "en": "Delete profile"},
    "credentials": {"de": "Zugangsdaten", "en": "Credentials"},
    "checklist": {"de": "Checkliste", "en": "Checklist"},
    "check": {"de": "Verbindungstest", "en": "Connectivity check"},
    "save": {"de": "Speichern", "en": "Save"},
    "cancel": {"de": "Abbrechen", "en": "Cancel"},
    "show": {"de": "Anzeigen", "en": "Show"},
    "hide": {"de": "Verbergen", "en": "Hide"},
    "done": {"de": "erledigt", "en": "done"},
    "skipped": {"de": "übersprungen", "en": "skipped"},
    "pending": {"de": "offen", "en": "open"},
    "verified": {"de": "geprüft", "en": "verified"},
    "failed": {"de": "fehlgeschlagen", "en": "failed"},
    "demo_banner": {
        "de": "DEMO: Sandbox auf {url} · Geheimnisse nur im Speicher · nichts wird gespeichert",
        "en": "DEMO: sandbox at {url} · secrets in memory only · nothing is saved",
    },
    "no_profiles": {
        "de": "Noch keine Profile. Mit [n] ein Profil anlegen.",
        "en": "No profiles yet. Press [n] to create one.",
    },
    "stored": {"de": "gespeichert", "en": "stored"},
    "missing": {"de": "fehlt", "en": "missing"},
    "running": {"de": "läuft …", "en": "running …"},
    "cancelled": {"de": "abgebrochen", "en": "cancelled"},
    "loading": {"de": "Profile werden geladen …", "en": "Loading profiles …"},
    "load_failed": {
        "de": "profiles.toml ist nicht lesbar; die Datei bleibt unverändert. Datei korrigieren, "
        "dann [r] zum Neuladen.",
        "en": "profiles.toml cannot be read; it was left untouched. Fix the file, then press [r] "
        "to reload.",
    },
    "status": {"de": "Status", "en": "Status"},
    "check_column": {"de": "Prüfung", "en": "Check"},
    "result": {"de": "Ergebnis", "en": "Result"},
    "step": {"de": "Schritt", "en": "Step"},
    "state": {"de": "Stand", "en": "State"},
    "how_to_fix": {"de": "So beheben", "en": "How to fix"},
    "not_run": {"de": "nicht gelaufen", "en": "not run"},
    "display_name": {"de": "Anzeigename", "en": "Display name"},
    "base_url": {
        "de": "Basis-URL (leer: die echte API des Anbieters)",
        "en": "Base URL (empty: the provider's real API)",
    },
    "result_ok": {
        "de": "Die Schnittstelle hat, was sie braucht.",
        "en": "The interface has what it needs.",
    },
    "result_fail": {
        "de": "So funktioniert die Schnittstelle nicht: siehe die roten Zeilen.",
        "en": "The interface cannot work like this: see the red lines.",
    },
}


def label(key: str, language: Language) -> str:
    """A UI label in the language (English if the key has no translation)."""
    texts = LABELS[key]
    return texts.get(language) or texts["en"]

"""The setup checklists from the seeds, as data, and how a step's state is decided.

A step is done or skipped when the administrator says so; steps that a connectivity check can
verify (key accepted, rights, expiry, developer mode, ...) take their state from the last check
instead of from a tick, so a wrong tick cannot hide a real problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from nlconsole.core.i18n import Language
from nlconsole.core.models import Profile, ProviderKind, StepState, StepStatus

Text = dict[Language, str]


@dataclass(frozen=True)
class ChecklistStep:
    """One step: what to do, where, and why; optionally the check findings that verify it."""

    id: str
    title: Text
    what: Text
    where: Text
    why: Text
    verified_by: tuple[str, ...] = ()

    def text(self, part: str, language: Language) -> str:
        """One part ('title', 'what', 'where', 'why') in the language."""
        texts: Text = getattr(self, part)
        return texts.get(language) or texts["en"]


class StepView(StrEnum):
    """What the console shows for a step."""

    PENDING = "pending"
    DONE = "done"
    SKIPPED = "skipped"
    VERIFIED = "verified"
    FAILED = "failed"


def _t(de: str, en: str) -> Text:
    return {"de": de, "en": en}


MAILEON_STEPS: tuple[ChecklistStep, ...] = (
    ChecklistStep(
        "privacy_policy",
        _t("Datenschutzerklärung angepasst", "Privacy policy updated"),
        _t(
            "Die Datenschutzerklärung um die Übermittlung an Maileon (XQueue) ergänzen.",
            "Add the transfer of sign-up data to Maileon (XQueue) to the privacy policy.",
        ),
        _t(
            "Ihre Website; bei Fragen Ihr Datenschutzbeauftragter.",
            "Your website; ask your data protection officer.",
        ),
        _t(
            "Mit der Schnittstelle werden personenbezogene Daten an Maileon übertragen.",
            "The interface transfers personal data to Maileon.",
        ),
    ),
    ChecklistStep(
        "create_key",
        _t("API-Key in Maileon anlegen", "Create the API key in Maileon"),
        _t("„neuen API-Key erstellen“ wählen.", "Choose 'create new API key'."),
        _t(
            "Maileon: Einstellungen (oben rechts) → Konto → API-KEYS.",
            "Maileon: Settings (top right) → Account → API keys.",
        ),
        _t(
            "cmxOrganize meldet sich mit diesem Key bei Maileon an.",
            "cmxOrganize authenticates to Maileon with this key.",
        ),
        ("key.valid",),
    ),
    ChecklistStep(
        "key_label",
        _t("Bezeichnung = Name der Organisation", "Label = name of the organisation"),
        _t(
            "Unter „Bezeichnung“ den Namen Ihrer Organisation eintragen.",
            "Enter your organisation's name as the key's label ('Bezeichnung').",
        ),
        _t("Dialog „neuen API-Key erstellen“.", "The 'create API key' dialog."),
        _t("So ist der Key später eindeutig zuzuordnen.", "So the key can be recognised later."),
    ),
    ChecklistStep(
        "key_expiry",
        _t("Gültigkeit in der Zukunft", "Expiry date in the future"),
        _t(
            "Unter „Gültigkeit“ ein Datum in der Zukunft wählen und hier im Profil eintragen.",
            "Pick a future date as 'Gültigkeit' and record it in this profile.",
        ),
        _t("Dialog „neuen API-Key erstellen“.", "The 'create API key' dialog."),
        _t(
            "Ein abgelaufener Key wird mit 401 abgewiesen; die Schnittstelle steht dann still.",
            "An expired key is rejected with 401 and the interface stops.",
        ),
        ("key.expiry",),
    ),
    ChecklistStep(
        "key_rights",
        _t("Rechte: Erstellungsrecht und Aktualisierungsrecht", "Rights: create and update"),
        _t(
            "In der Rubrik „Rechte“ „Erstellungsrecht“ und „Aktualisierungsrecht“ wählen, dann "
            "mit „API-Key v1 erstellen“ bestätigen.",
            "Under 'Rechte' tick 'Erstellungsrecht' and 'Aktualisierungsrecht', then confirm "
            "with 'API-Key v1 erstellen'.",
        ),
        _t("Dialog „neuen API-Key erstellen“, Rubrik „Rechte“.", "The dialog's 'Rechte' section."),
        _t(
            "cmxOrganize legt Kontakte an und aktualisiert sie.",
            "cmxOrganize creates and updates contacts.",
        ),
        ("right.create", "right.update"),
    ),
    ChecklistStep(
        "copy_key",
        _t(
            "Key kopieren (nach „Authorization: Basic“)",
            "Copy the key (after 'Authorization: Basic')",
        ),
        _t(
            "Auf die Lupe in der Spalte „API-Key v1“ klicken und den Wert nach "
            "„Authorization: Basic“ kopieren.",
            "Click the magnifier in column 'API-Key v1' and copy the value after "
            "'Authorization: Basic'.",
        ),
        _t("Maileon: Liste der API-Keys.", "Maileon: the list of API keys."),
        _t(
            "Diesen Wert erwartet cmxOrganize; nlconsole erkennt beide Formen.",
            "cmxOrganize expects this value; nlconsole recognises both forms.",
        ),
    ),
    ChecklistStep(
        "enter_key",
        _t("Key hier eintragen und testen", "Enter the key here and test it"),
        _t(
            "Unter Zugangsdaten einfügen, speichern und den Verbindungstest starten.",
            "Paste it under Credentials, save, and run the connectivity check.",
        ),
        _t(
            "nlconsole: Zugangsdaten [s], Verbindungstest [c].",
            "nlconsole: Credentials [s], connectivity check [c].",
        ),
        _t(
            "Der Test zeigt, ob Key, Rechte und DOI-Mailing passen.",
            "The check shows whether key, rights and DOI mailing are right.",
        ),
        ("key.valid",),
    ),
    ChecklistStep(
        "doi_mailing",
        _t("DOI-Mailing vorhanden", "A DOI mailing exists"),
        _t(
            "Ein aktives Double-Opt-In-Mailing anlegen (Standard-DOI-Mailing).",
            "Create and activate a double opt-in mailing (the default DOI mailing).",
        ),
        _t("Maileon: Mailings → DOI.", "Maileon: Mailings → DOI."),
        _t(
            "Ohne DOI-Mailing „taucht der Kontakt nicht in Maileon auf“.",
            "Without a DOI mailing, new contacts never show up in Maileon.",
        ),
        ("doi.mailing",),
    ),
    ChecklistStep(
        "cmx_interface",
        _t("Schnittstelle in cmxOrganize anlegen", "Create the interface in cmxOrganize"),
        _t(
            "„Schnittstelle erstellen“, Vorlage „Newsletter maileon (Export)“, den API-Key als "
            "Benutzername eintragen.",
            "'Schnittstelle erstellen' from template 'Newsletter maileon (Export)', with the API "
            "key as the user name.",
        ),
        _t(
            "cmxOrganize: Report „Schnittstellen“ (Startseite oder Suche).",
            "cmxOrganize: report 'Schnittstellen' (start page or search).",
        ),
        _t(
            "Erst dann exportiert cmxOrganize Anmeldungen an Maileon.",
            "Only then does cmxOrganize export sign-ups to Maileon.",
        ),
    ),
    ChecklistStep(
        "single_user_tracking",
        _t("Einzelnutzertracking entscheiden", "Decide on single-user tracking"),
        _t(
            "App-Einstellung „Einzelnutzertracking“ auf „ja“ stellen, wenn Nutzer dem "
            "individuellen Tracking zustimmen können sollen (DOI+).",
            "Set the app setting 'Einzelnutzertracking' to 'ja' if subscribers may consent to "
            "individual tracking (DOI+).",
        ),
        _t("cmxOrganize: Applikation Einstellungen.", "cmxOrganize: the settings application."),
        _t(
            "Mit Zustimmung erhält der Kontakt nach der Bestätigung Permission 5 (DOI+), sonst 4.",
            "With consent the contact gets permission 5 (DOI+) after confirming, else 4.",
        ),
    ),
)

N2G_STEPS: tuple[ChecklistStep, ...] = (
    ChecklistStep(
        "own_account",
        _t("Eigener Newsletter2Go-Account", "Customer-owned Newsletter2Go account"),
        _t(
            "Einen Newsletter2Go-Account auf Ihren Namen anlegen.",
            "Create a Newsletter2Go account in your own name.",
        ),
        _t("Newsletter2Go.", "Newsletter2Go."),
        _t(
            "PEIQ übernimmt keine Einrichtung des Accounts.",
            "PEIQ does not set up the account for you.",
        ),
        ("login",),
    ),
    ChecklistStep(
        "no_manual_books",
        _t("Keine Adressbücher von Hand anlegen", "Do not create address books by hand"),
        _t(
            "Die Adressbücher (je Portal-Newsletter eines) legt die Schnittstelle selbst an.",
            "The interface creates the address books itself (one per portal newsletter).",
        ),
        _t("Newsletter2Go: Adressbücher.", "Newsletter2Go: address books."),
        _t(
            "Von Hand angelegte Bücher gehören nicht zur Schnittstelle.",
            "Books made by hand are not owned by the interface.",
        ),
        ("books.unowned",),
    ),
    ChecklistStep(
        "credentials",
        _t("Auth-Key, Username, Passwort", "Auth key, username, password"),
        _t(
            "Die drei Werte aus dem Reiter „API“ hier unter Zugangsdaten eintragen.",
            "Enter the three values from the 'API' tab under Credentials.",
        ),
        _t("Newsletter2Go: nach dem Login Reiter „API“.", "Newsletter2Go: the 'API' tab."),
        _t(
            "Die Schnittstelle meldet sich damit dauerhaft an.",
            "The interface logs in with them for as long as it runs.",
        ),
        ("login",),
    ),
    ChecklistStep(
        "developer_mode",
        _t("Entwicklermodus: an", "Developer mode: on"),
        _t(
            "Den Entwicklermodus für den API-Benutzer einschalten.",
            "Switch developer mode on for the API user.",
        ),
        _t("Newsletter2Go: Benutzereinstellungen.", "Newsletter2Go: user settings."),
        _t(
            "Die PEIQ-Übergabe verlangt „Entwicklermodus: an“.",
            "The PEIQ handover requires developer mode on.",
        ),
        ("user.developer_mode",),
    ),
    ChecklistStep(
        "api_user",
        _t("Eigener API-Benutzer mit festem Passwort", "A dedicated API user"),
        _t(
            "Einen eigenen Benutzer für die Schnittstelle verwenden, dessen Passwort sich nicht "
            "ändert.",
            "Use a dedicated user whose password will not change.",
        ),
        _t("Newsletter2Go: Benutzerverwaltung.", "Newsletter2Go: user management."),
        _t(
            "Ändert sich das Passwort, steht die Schnittstelle still.",
            "If the password changes, the interface stops.",
        ),
    ),
    ChecklistStep(
        "encrypted_handover",
        _t("Zugangsdaten verschlüsselt übergeben", "Hand over the credentials encrypted"),
        _t(
            "Die Daten verschlüsselt an PEIQ übermitteln, z. B. telefonisch oder als "
            "kennwortgeschütztes .zip.",
            "Send the credentials to PEIQ encrypted, e.g. by phone or as a protected .zip.",
        ),
        _t("Außerhalb von nlconsole.", "Outside nlconsole."),
        _t(
            "Unverschlüsselte Zugangsdaten gefährden den Account.",
            "Unencrypted credentials put the account at risk.",
        ),
    ),
    ChecklistStep(
        "privacy",
        _t("Datenschutz, AV-Vertrag, Abmeldelink", "Privacy, DPA, unsubscribe link"),
        _t(
            "AV-Vertrag mit Newsletter2Go, Datenschutzerklärung, Abmeldelink und Impressum im "
            "Newsletter prüfen.",
            "Check the data processing agreement, privacy policy, unsubscribe link and imprint.",
        ),
        _t("Ihre Rechtsprüfung.", "Your own legal review."),
        _t("Dafür ist laut PEIQ der Kunde verantwortlich.", "PEIQ makes this the customer's job."),
    ),
)


def steps_for(provider: ProviderKind) -> tuple[ChecklistStep, ...]:
    """The checklist of a provider."""
    return MAILEON_STEPS if provider is ProviderKind.MAILEON else N2G_STEPS


def view_of(step: ChecklistStep, profile: Profile) -> StepView:
    """The state to show: verified/failed from the last check, else done/skipped/pending."""
    statuses = profile.last_check.statuses if profile.last_check else {}
    if step.verified_by and all(f in statuses for f in step.verified_by):
        results = [statuses[f] for f in step.verified_by]
        if all(r in ("pass", "info") for r in results):
            return StepView.VERIFIED
        if any(r == "fail" for r in results):
            return StepView.FAILED
    state = profile.checklist.get(step.id)
    if state is None or state.status is StepStatus.PENDING:
        return StepView.PENDING
    return StepView.DONE if state.status is StepStatus.DONE else StepView.SKIPPED


def mark(profile: Profile, step_id: str, status: StepStatus, now: datetime) -> Profile:
    """A copy of the profile with one step's state changed."""
    known = {s.id for s in steps_for(profile.provider)}
    if step_id not in known:
        raise KeyError(step_id)
    checklist = dict(profile.checklist)
    checklist[step_id] = StepState(status=status, at=now)
    return profile.model_copy(update={"checklist": checklist})


def progress(profile: Profile) -> tuple[int, int]:
    """(steps done, verified or skipped; all steps)."""
    steps = steps_for(profile.provider)
    open_states = (StepView.PENDING, StepView.FAILED)
    finished = sum(1 for s in steps if view_of(s, profile) not in open_states)
    return finished, len(steps)

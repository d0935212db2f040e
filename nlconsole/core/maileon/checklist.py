"""The cmxOrganize → Maileon setup checklist, from the vendor's guide (the seeds).

Steps a check can verify name its finding constants in `verified_by`: their state comes from the
last check, so a tick by hand cannot hide a real problem.
"""

from __future__ import annotations

from nlconsole.core.checklists import ChecklistStep
from nlconsole.core.maileon import findings
from nlconsole.i18n import _

STEPS: tuple[ChecklistStep, ...] = (
    ChecklistStep(
        "privacy_policy",
        _("Privacy policy updated"),
        _("Add the transfer of sign-up data to Maileon (XQueue) to the privacy policy."),
        _("Your website; ask your data protection officer."),
        _("The interface transfers personal data to Maileon."),
    ),
    ChecklistStep(
        "create_key",
        _("Create the API key in Maileon"),
        _("Choose 'create new API key'."),
        _("Maileon: Settings (top right) → Account → API keys."),
        _("cmxOrganize authenticates to Maileon with this key."),
        verified_by=(findings.KEY_VALID,),
    ),
    ChecklistStep(
        "key_label",
        _("Label = name of the organisation"),
        _("Enter your organisation's name as the key's label ('Bezeichnung')."),
        _("The 'create API key' dialog."),
        _("So the key can be recognised later."),
    ),
    ChecklistStep(
        "key_expiry",
        _("Expiry date in the future"),
        _("Pick a future date as 'Gültigkeit' and record it in this profile."),
        _("The 'create API key' dialog."),
        _("An expired key is rejected with 401 and the interface stops."),
        verified_by=(findings.KEY_EXPIRY,),
    ),
    ChecklistStep(
        "key_rights",
        _("Rights: create and update"),
        _(
            "Under 'Rechte' tick 'Erstellungsrecht' and 'Aktualisierungsrecht', "
            "then confirm with 'API-Key v1 erstellen'."
        ),
        _("The dialog's 'Rechte' section."),
        _("cmxOrganize creates and updates contacts."),
        verified_by=(
            findings.RIGHT_CREATE,
            findings.RIGHT_UPDATE,
        ),
    ),
    ChecklistStep(
        "copy_key",
        _("Copy the key (after 'Authorization: Basic')"),
        _(
            "Click the magnifier in column 'API-Key v1' and copy the value after "
            "'Authorization: Basic'."
        ),
        _("Maileon: the list of API keys."),
        _("cmxOrganize expects this value; nlconsole recognises both forms."),
    ),
    ChecklistStep(
        "enter_key",
        _("Enter the key here and test it"),
        _("Paste it under Credentials, save, and run the connectivity check."),
        _("nlconsole: Credentials [s], connectivity check [c]."),
        _("The check shows whether key, rights and DOI mailing are right."),
        verified_by=(findings.KEY_VALID,),
    ),
    ChecklistStep(
        "doi_mailing",
        _("A DOI mailing exists"),
        _("Create and activate a double opt-in mailing (the default DOI mailing)."),
        _("Maileon: Mailings → DOI."),
        _("Without a DOI mailing, new contacts never show up in Maileon."),
        verified_by=(findings.DOI_MAILING,),
    ),
    ChecklistStep(
        "cmx_interface",
        _("Create the interface in cmxOrganize"),
        _(
            "'Schnittstelle erstellen' from template 'Newsletter maileon (Export)',"
            " with the API key as the user name."
        ),
        _("cmxOrganize: report 'Schnittstellen' (start page or search)."),
        _("Only then does cmxOrganize export sign-ups to Maileon."),
    ),
    ChecklistStep(
        "single_user_tracking",
        _("Decide on single-user tracking"),
        _(
            "Set the app setting 'Einzelnutzertracking' to 'ja' if subscribers may "
            "consent to individual tracking (DOI+)."
        ),
        _("cmxOrganize: the settings application."),
        _("With consent the contact gets permission 5 (DOI+) after confirming, else 4."),
    ),
)

"""The PEIQ PORTAL → Newsletter2Go setup checklist, from the vendor's guide (the seeds).

Steps a check can verify name its finding constants in `verified_by`: their state comes from the
last check, so a tick by hand cannot hide a real problem.
"""

from __future__ import annotations

from nlconsole.core.checklists import ChecklistStep
from nlconsole.core.newsletter2go import findings
from nlconsole.i18n import _

STEPS: tuple[ChecklistStep, ...] = (
    ChecklistStep(
        "own_account",
        _("Customer-owned Newsletter2Go account"),
        _("Create a Newsletter2Go account in your own name."),
        _("Newsletter2Go."),
        _("PEIQ does not set up the account for you."),
        verified_by=(findings.LOGIN,),
    ),
    ChecklistStep(
        "no_manual_books",
        _("Do not create address books by hand"),
        _("The interface creates the address books itself (one per portal newsletter)."),
        _("Newsletter2Go: address books."),
        _("Books made by hand are not owned by the interface."),
        verified_by=(findings.BOOKS_UNOWNED,),
    ),
    ChecklistStep(
        "credentials",
        _("Auth key, username, password"),
        _("Enter the three values from the 'API' tab under Credentials."),
        _("Newsletter2Go: the 'API' tab."),
        _("The interface logs in with them for as long as it runs."),
        verified_by=(findings.LOGIN,),
    ),
    ChecklistStep(
        "developer_mode",
        _("Developer mode: on"),
        _("Switch developer mode on for the API user."),
        _("Newsletter2Go: user settings."),
        _("The PEIQ handover requires developer mode on."),
        verified_by=(findings.DEVELOPER_MODE,),
    ),
    ChecklistStep(
        "api_user",
        _("A dedicated API user"),
        _("Use a dedicated user whose password will not change."),
        _("Newsletter2Go: user management."),
        _("If the password changes, the interface stops."),
    ),
    ChecklistStep(
        "encrypted_handover",
        _("Hand over the credentials encrypted"),
        _("Send the credentials to PEIQ encrypted, e.g. by phone or as a protected .zip."),
        _("Outside nlconsole."),
        _("Unencrypted credentials put the account at risk."),
    ),
    ChecklistStep(
        "privacy",
        _("Privacy, DPA, unsubscribe link"),
        _("Check the data processing agreement, privacy policy, unsubscribe link and imprint."),
        _("Your own legal review."),
        _("PEIQ makes this the customer's job."),
    ),
)

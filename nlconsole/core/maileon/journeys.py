"""The cmxOrganize → Maileon journeys M1–M9 (domain research §6.2): a purchase in the
cmxOrganize web shop with or without the newsletter box, DOI, DOI+, unsubscribe and more."""

from __future__ import annotations

from nlconsole.core.journeys.model import JourneySpec
from nlconsole.core.models import MaileonSettings, Profile
from nlconsole.i18n import Msg, _

BOOK = _("Book a course in the cmxOrganize web shop (Internetauftritt) with the test address.")
CONFIRM = _("Open the DOI mail that arrives at the test address and click the confirmation link.")


def _tracking_offered(profile: Profile) -> Msg | None:
    settings = profile.maileon
    if isinstance(settings, MaileonSettings) and settings.single_user_tracking:
        return None
    return _("Einzelnutzertracking is not offered (profile setting)")


JOURNEYS: tuple[JourneySpec, ...] = (
    JourneySpec(
        "M1",
        _("Purchase with the newsletter box, no tracking consent"),
        _(
            "A contact with permission 1 (none) and a DOI mail; after the click permission 4 "
            "(DOI); salutation, title, name prefix, name, first name and purchase number as sent."
        ),
        (BOOK, _("Tick 'Newsletter', leave 'Einzelnutzertracking' unticked."), CONFIRM),
    ),
    JourneySpec(
        "M2",
        _("Purchase with newsletter and Einzelnutzertracking consent"),
        _("As M1, but permission 5 (DOI+) after the click."),
        (BOOK, _("Tick 'Newsletter' and 'Einzelnutzertracking'."), CONFIRM),
        applies=_tracking_offered,
    ),
    JourneySpec(
        "M3",
        _("Purchase without the newsletter box"),
        _("No contact in Maileon, even with the tracking box ticked."),
        (BOOK, _("Leave 'Newsletter' unticked (tick 'Einzelnutzertracking' if offered).")),
    ),
    JourneySpec(
        "M4",
        _("DOI mail never confirmed"),
        _("The contact stays at permission 1; PERMISSION_STATUS is 'none'; no newsletters."),
        (BOOK, _("Tick 'Newsletter'; do not click the link in the DOI mail.")),
    ),
    JourneySpec(
        "M5",
        _("Second purchase by a confirmed subscriber"),
        _("The existing contact is updated (newest purchase number); no second contact."),
        (BOOK, _("Tick 'Newsletter'."), CONFIRM, _("Book a second course with the same address.")),
    ),
    JourneySpec(
        "M6",
        _("Confirmed subscriber buys again, now with tracking consent"),
        _("Permission 5 after a fresh DOI+ confirmation (whether cmxOrganize does this is open)."),
        (
            BOOK,
            _("Tick 'Newsletter' only."),
            CONFIRM,
            _("Book again, ticking 'Newsletter' and 'Einzelnutzertracking'."),
            CONFIRM,
        ),
        applies=_tracking_offered,
        optional=True,
    ),
    JourneySpec(
        "M7",
        _("Unsubscribe via the Maileon link, then buy again"),
        _(
            "Maileon keeps an unsubscription marker; the new sign-up sends a DOI mail and the "
            "contact can be reactivated, or nlconsole reports that it is blocked."
        ),
        (
            BOOK,
            CONFIRM,
            _("Unsubscribe with the link in a newsletter to the test address."),
            _("Book again with the newsletter box ticked."),
            CONFIRM,
        ),
    ),
    JourneySpec(
        "M8",
        _("Salutation variants: Herr, Frau, divers, none; with title and name prefix"),
        _("SALUTATION, TITLE and the name prefix exactly as entered; no literal 'null'."),
        (
            _(
                "Book four courses, each with another Anrede (Herr, Frau, divers, keine Angabe), "
                "once with a Berufs-/Amtsbezeichnung and a Namenspräfix."
            ),
        ),
    ),
    JourneySpec(
        "M9",
        _("Expired or revoked API key"),
        _("The cmxOrganize export fails visibly; Maileon answers 401."),
        (
            _("Set the key's Gültigkeit to the past (or deactivate it) in Maileon."),
            BOOK,
            _("Look for the failed export in cmxOrganize's interface log."),
        ),
    ),
)

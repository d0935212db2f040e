"""The PEIQ PORTAL → Newsletter2Go journeys P1–P14 (domain research §6.1): registration with a
newsletter choice, subscriptions in the account settings, unsubscribe, re-subscribe, changes,
deletion."""

from __future__ import annotations

from nlconsole.core.journeys.model import JourneySpec
from nlconsole.core.models import Newsletter2GoSettings, Profile
from nlconsole.i18n import Msg, _

REGISTER = _("Register in the portal (/register/) with the test address.")
VERIFY = _("Open the portal's verification mail and click its link.")
SETTINGS = _("Log in and open Account-Einstellungen → tab 'Newsletter'.")


def _several_newsletters(profile: Profile) -> Msg | None:
    settings = profile.newsletter2go
    if isinstance(settings, Newsletter2GoSettings) and len(settings.newsletters) > 1:
        return None
    return _("the portal has fewer than two newsletters (profile setting)")


JOURNEYS: tuple[JourneySpec, ...] = (
    JourneySpec(
        "P1",
        _("Registration with a newsletter choice"),
        _(
            "After verification, a recipient in the chosen address book with e-mail, first "
            "name, last name and gender; not in the books that were not chosen."
        ),
        (REGISTER, _("Choose one newsletter."), VERIFY),
    ),
    JourneySpec(
        "P2",
        _("Registration, then the Conversion-Element on the welcome page"),
        _("As P1 (only where the Conversion-Element is enabled)."),
        (REGISTER, VERIFY, _("Pick a newsletter on the Willkommensseite.")),
        optional=True,
    ),
    JourneySpec(
        "P3",
        _("Registration without a newsletter"),
        _("No recipient in any address book."),
        (REGISTER, _("Choose no newsletter."), VERIFY),
    ),
    JourneySpec(
        "P4",
        _("A logged-in user subscribes in the account settings"),
        _("The recipient is added to that address book."),
        (REGISTER, VERIFY, SETTINGS, _("Tick one newsletter and save.")),
    ),
    JourneySpec(
        "P5",
        _("Several newsletters at once"),
        _("One recipient in each matching address book; the state is per book."),
        (REGISTER, _("Choose two or more newsletters."), VERIFY),
        applies=_several_newsletters,
    ),
    JourneySpec(
        "P6",
        _("Unsubscribe in the portal"),
        _("In that book the recipient is unsubscribed (or removed); other books unchanged."),
        (REGISTER, _("Choose two newsletters."), VERIFY, SETTINGS, _("Untick one and save.")),
        applies=_several_newsletters,
    ),
    JourneySpec(
        "P7",
        _("Unsubscribe via the link in a Newsletter2Go mailing"),
        _(
            "Newsletter2Go shows the recipient unsubscribed or blacklisted; the portal's "
            "Newsletter tab should show it too (whether the portal syncs back is open)."
        ),
        (
            REGISTER,
            VERIFY,
            _("Send a test mailing to the address book and click its unsubscribe link."),
            SETTINGS,
        ),
        simulated=False,
        optional=True,
    ),
    JourneySpec(
        "P8",
        _("Re-subscribe after an unsubscribe"),
        _(
            "The recipient is active again, or nlconsole reports clearly that Newsletter2Go's "
            "blacklist blocks it (the most likely failure point)."
        ),
        (
            REGISTER,
            VERIFY,
            SETTINGS,
            _("Untick the newsletter and save."),
            _("Tick it again and save."),
        ),
    ),
    JourneySpec(
        "P9",
        _("Change first name, last name or gender"),
        _("The recipient is updated in every address book it is in."),
        (REGISTER, VERIFY, _("Change Vorname, Name and Geschlecht in the account settings.")),
    ),
    JourneySpec(
        "P10",
        _("Change the e-mail address"),
        _(
            "After the new address is confirmed, the same recipient has the new address; no "
            "second recipient. Before the confirmation nothing changes."
        ),
        (
            REGISTER,
            VERIFY,
            _("Change the e-mail address in the account settings."),
            _("Click the verification link sent to the new address."),
        ),
    ),
    JourneySpec(
        "P11",
        _("Deletion request"),
        _("The recipient is removed (or at least unsubscribed) from every address book."),
        (REGISTER, VERIFY, _("Submit a Löschantrag in the account settings.")),
    ),
    JourneySpec(
        "P12",
        _("Registration never verified"),
        _("No active recipient (whether the portal pushes before verification is open)."),
        (REGISTER, _("Choose a newsletter; do not click the verification link.")),
        optional=True,
    ),
    JourneySpec(
        "P13",
        _("Registration as a company or institution"),
        _("A recipient with the last name (company name) only; nothing cut off (up to 80)."),
        (_("Register as Unternehmen or Institution with a long name."), VERIFY),
        optional=True,
    ),
    JourneySpec(
        "P14",
        _("Special characters in names"),
        _("Umlauts, ß, hyphens, apostrophes and name prefixes stored unchanged."),
        (_("Register as Jürgen O'Brien-Weiß von der Höh with a newsletter."), VERIFY),
    ),
)

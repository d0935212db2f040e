"""The rows of the Maileon pre-flight check (M0), as constants the checklist links to."""

from __future__ import annotations

from nlconsole.core.models import MaileonSettings
from nlconsole.core.report import FindingSpec
from nlconsole.i18n import Msg, _

KEY_VALID = FindingSpec("key.valid", _("API key accepted"), blocking=True)
RIGHT_CREATE = FindingSpec("right.create", _("Right: create (Erstellungsrecht)"), blocking=True)
RIGHT_UPDATE = FindingSpec("right.update", _("Right: update (Aktualisierungsrecht)"), blocking=True)
RIGHT_READ = FindingSpec("right.read", _("Right: read (Leserecht)"))
RIGHT_DELETE = FindingSpec("right.delete", _("Right: delete (Löschrecht)"))
RIGHTS = {
    "create": RIGHT_CREATE,
    "update": RIGHT_UPDATE,
    "read": RIGHT_READ,
    "delete": RIGHT_DELETE,
}
"""Right name → its row; create and update are what the cmxOrganize guide requires."""
KEY_EXPIRY = FindingSpec("key.expiry", _("Key expiry (Gültigkeit)"), blocking=True)
TEST_KEY = FindingSpec("testkey.valid", _("Test key accepted, read + delete"))
ACCOUNT = FindingSpec("account", _("Account"))
DOI_MAILING = FindingSpec("doi.mailing", _("DOI mailing"))
CUSTOM_FIELD = FindingSpec("field", _("Custom field"))
"""A family: one row per custom field of the profile's mapping, `field.<name>`."""


def field_row(name: str) -> FindingSpec:
    """The row of one custom field of the mapping."""
    return CUSTOM_FIELD.keyed(name, _("Custom field '{name}'", name=name))


def mapping_fix(settings: MaileonSettings, profile: str, name: str, found: str) -> Msg:
    """How to settle a field that exists with another type than the mapping's: nlconsole never
    changes the field, so the mapping follows it (`profiles edit --custom-field`, or the form)."""
    role = next((role for role, held in settings.role_fields.items() if held == name), None)
    if role is None:
        return _(
            "nlconsole never changes an existing field: set the type it has ({type}) for "
            "'{name}' in the profile's custom_fields in profiles.toml, or use another field "
            "name.",
            type=found,
            name=name,
        )
    return _(
        "nlconsole never changes an existing field: give the mapping the type the field has "
        "(e on the profile list, or: {command}), or another field name for this role.",
        command=f"nlconsole profiles edit {profile} --custom-field {role}={name}:{found}",
    )

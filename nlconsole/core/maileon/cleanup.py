"""Deleting a Maileon test contact: `DELETE contacts/email/{email}` with the test key."""

from __future__ import annotations

from pydantic import SecretStr

from nlconsole.core.journeys.store import LedgerEntry
from nlconsole.core.models import Profile
from nlconsole.i18n import _
from nlconsole.providers.base import PermissionDenied
from nlconsole.providers.http import HttpOptions
from nlconsole.providers.maileon import KEYS_PAGE, MaileonClient


async def delete_maileon_contact(
    profile: Profile, secrets: dict[str, SecretStr | None], entry: LedgerEntry, http: HttpOptions
) -> bool:
    """True when the contact was deleted, False when it was already gone."""
    key = secrets.get("test_api_key")
    if key is None:
        raise PermissionDenied(
            _("no test key is stored: deleting needs its Löschrecht"),
            _(
                "Store a test key with Leserecht + Löschrecht (created under {page}).",
                page=KEYS_PAGE,
            ),
        )
    async with MaileonClient(profile.base_url, key, options=http) as client:
        return await client.delete_contact(entry.address)

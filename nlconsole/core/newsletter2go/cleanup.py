"""Deleting a Newsletter2Go test recipient from every address book the ledger names."""

from __future__ import annotations

from pydantic import SecretStr

from nlconsole.core.journeys.store import LedgerEntry
from nlconsole.core.models import Profile
from nlconsole.i18n import _
from nlconsole.providers.base import CredentialsRejected
from nlconsole.providers.http import HttpOptions
from nlconsole.providers.newsletter2go import Newsletter2GoClient


async def delete_n2g_recipient(
    profile: Profile, secrets: dict[str, SecretStr | None], entry: LedgerEntry, http: HttpOptions
) -> bool:
    """True when a recipient was deleted from at least one book, False when it was nowhere."""
    login = [secrets.get(n) for n in ("auth_key", "username", "password")]
    auth_key, username, password = login
    if auth_key is None or username is None or password is None:
        raise CredentialsRejected(
            _("the Newsletter2Go login is not stored"),
            _("Store auth key, username and password under Credentials (key s)."),
        )
    deleted = False
    async with Newsletter2GoClient(
        profile.base_url, auth_key, username, password, options=http
    ) as client:
        for list_id in entry.places:
            recipient = await client.find_recipient(list_id, entry.address)
            if recipient is not None:
                await client.delete_recipient(list_id, recipient.id)
                deleted = True
    return deleted

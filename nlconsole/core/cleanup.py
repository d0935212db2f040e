"""Remove every test contact the journeys created — and nothing else.

Only addresses in the ledger are touched, however much another address looks like a test one.
Deleting is for real (Maileon `DELETE contacts/email/{email}` with the test key, Newsletter2Go
the recipient in each address book): unsubscribing would leave blacklist entries and markers
that break the next run's re-subscribe journeys. Already gone counts as done; what could not be
deleted keeps its reason in the ledger for the next try.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from nlconsole.core.journeys.store import LedgerEntry, RunStore
from nlconsole.core.kit import kit_for
from nlconsole.core.models import Profile
from nlconsole.i18n import Text
from nlconsole.providers.base import ProviderError

if TYPE_CHECKING:
    from nlconsole.core.services import Services

Outcome = Literal["planned", "deleted", "gone", "failed"]


@dataclass(frozen=True)
class CleanupItem:
    """One ledger address and what cleanup did (or would do) with it."""

    entry: LedgerEntry
    outcome: Outcome
    reason: Text | None = None


async def clean_up(
    profile: Profile,
    services: Services,
    *,
    dry_run: bool,
    on_item: Callable[[CleanupItem], None] | None = None,
) -> list[CleanupItem]:
    """Delete the profile's open ledger addresses at the provider (or list them: dry run)."""
    store = RunStore(services.config_dir, profile.name)
    entries = list(store.open_entries())
    kit = kit_for(profile)
    secrets = {f.name: services.secrets.get(profile.name, f.name) for f in kit.secret_fields}
    items = []
    for entry in entries:
        if dry_run:
            item = CleanupItem(entry, "planned")
        else:
            try:
                existed = await kit.delete_test_contact(profile, secrets, entry, services.http)
                item = CleanupItem(entry, "deleted" if existed else "gone")
            except ProviderError as exc:
                item = CleanupItem(entry, "failed", exc.message)
        items.append(item)
        if on_item is not None:
            on_item(item)
    if not dry_run:
        _record(store, items, services)
    return items


def _record(store: RunStore, items: list[CleanupItem], services: Services) -> None:
    done = {i.entry.address.lower() for i in items if i.outcome in ("deleted", "gone")}
    failed = {i.entry.address.lower(): i.reason for i in items if i.outcome == "failed"}
    now = services.clock.now()

    def mark(entries: list[LedgerEntry]) -> None:
        for entry in entries:
            key = entry.address.lower()
            if key in done:
                entry.cleaned_at, entry.last_error = now, None
            elif key in failed:
                entry.last_error = failed[key]

    store.change(mark)

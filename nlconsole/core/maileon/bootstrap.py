"""Maileon bootstrap: the custom fields of the profile's cmxOrganize mapping, and the DOI mailing.

Maileon has standard fields for most of what cmxOrganize transfers; the rest (Namenspräfix,
'Autowert des Einkaufs', Einzelnutzertracking by default) needs custom fields that must exist
before a contact write uses them. Missing ones are created with the integration key (it has the
create right); a field of the same name but another type is a conflict and never altered.
Listing fields needs the read right, so reads use the test key when one is stored. The DOI
mailing cannot be created through the API: the plan says whether it is there and how to make it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from pydantic import SecretStr

from nlconsole.core.bootstrap import Action, BootstrapPlan, PlanItem, apply_items, create_once
from nlconsole.core.checks import store_hint
from nlconsole.core.kit import BootstrapContext
from nlconsole.core.maileon import findings as rows
from nlconsole.core.maileon.check import read_doi, read_key_fix
from nlconsole.core.models import Profile
from nlconsole.core.report import Finding, ReportRecorder, Status
from nlconsole.errors import ConfigError
from nlconsole.i18n import _
from nlconsole.providers.base import Conflict, PermissionDenied, ProviderError
from nlconsole.providers.maileon import MaileonClient


@asynccontextmanager
async def clients(context: BootstrapContext) -> AsyncIterator[tuple[MaileonClient, MaileonClient]]:
    """The integration key's client (creates) and the reading one (the test key, if stored)."""
    api_key = context.secrets.get("api_key")
    if api_key is None:
        raise ConfigError(
            _("no API key is stored"),
            _(
                "Store it under Credentials (key s in the console) or with: {command}",
                command=store_hint(context.profile.name, "api_key"),
            ),
        )
    test_key = context.secrets.get("test_api_key")
    keys: list[SecretStr] = [api_key] + ([test_key] if test_key is not None else [])
    made = [MaileonClient(context.profile.base_url, key, options=context.http) for key in keys]
    try:
        yield made[0], made[-1]
    finally:
        await asyncio.gather(*(c.aclose() for c in made))


async def plan_bootstrap(context: BootstrapContext) -> BootstrapPlan:
    """Read the account's custom fields and DOI mailings and plan; changes nothing."""
    settings = context.profile.maileon_settings
    async with clients(context) as (_main, reader):
        try:
            found: dict[str, str] | ProviderError = await reader.list_custom_fields()
        except PermissionDenied as exc:
            found = exc
        doi = await read_doi(context, reader)
    items = [
        _field_item(name, wanted, found, context.profile)
        for name, wanted in settings.field_mapping.items()
    ]
    if doi.status is Status.PASS:
        items.append(PlanItem(rows.DOI_MAILING, Action.EXISTS, doi.detail))
    else:
        items.append(PlanItem(rows.DOI_MAILING, Action.MANUAL, doi.detail, doi.remediation))
    return BootstrapPlan(context.profile.name, context.profile.provider.value, items)


def _field_item(
    name: str, wanted: str, found: dict[str, str] | ProviderError, profile: Profile
) -> PlanItem:
    spec = rows.field_row(name)
    if isinstance(found, ProviderError):
        return PlanItem(
            spec,
            Action.BLOCKED,
            _("cannot tell whether it exists: listing custom fields needs the read right"),
            read_key_fix(profile.name),
            kind="field",
            subject=name,
        )
    if name not in found:
        return PlanItem(
            spec,
            Action.CREATE,
            _("missing: would be created as {type}", type=wanted),
            kind="field",
            subject=name,
            owner=wanted,
        )
    if found[name] != wanted:
        return PlanItem(
            spec,
            Action.CONFLICT,
            _("exists as {found}, the mapping expects {wanted}", found=found[name], wanted=wanted),
            rows.mapping_fix(profile.maileon_settings, profile.name, name, found[name]),
            kind="field",
            subject=name,
        )
    return PlanItem(
        spec, Action.EXISTS, _("present ({type})", type=wanted), kind="field", subject=name
    )


async def apply_bootstrap(
    context: BootstrapContext, plan: BootstrapPlan, recorder: ReportRecorder
) -> None:
    """Create each missing field once (looked up right before, and again after a lost answer)."""
    async with clients(context) as (main, reader):

        async def realise(item: PlanItem) -> Finding:
            name, wanted = item.subject, item.owner

            async def present() -> str | None:
                fields = await reader.list_custom_fields()
                if name in fields and fields[name] != wanted:
                    raise Conflict(
                        _(
                            "'{name}' appeared meanwhile as {found}, not {wanted}",
                            name=name,
                            found=fields[name],
                            wanted=wanted,
                        ),
                        _("Plan again: bootstrap never changes a field."),
                    )
                return name if name in fields else None

            async def create() -> str:
                await main.create_custom_field(name, wanted)
                return name

            _found, made = await create_once(present, create)
            if made:
                return item.spec.passed(_("created as {type}", type=wanted))
            return item.spec.passed(_("present ({type})", type=wanted))

        await apply_items(plan, recorder, realise)

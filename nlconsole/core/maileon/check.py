"""The Maileon pre-flight check (M0).

One round trip in the good case: the four pings of the integration key (and of the test key,
if any), the account information and the DOI mailings are all requested at once. Reads use the
test key when one is stored, since the key the cmxOrganize guide asks for has no read right.
"""

from __future__ import annotations

import asyncio
from datetime import date

from pydantic import SecretStr

from nlconsole.core.checks import store_hint
from nlconsole.core.credentials import EXPIRY_WARNING_DAYS
from nlconsole.core.kit import CheckContext
from nlconsole.core.maileon import findings as rows
from nlconsole.core.models import MaileonRight, MaileonSettings, Profile
from nlconsole.core.report import Finding, ReportRecorder, Status
from nlconsole.i18n import Msg, _, _n, joined
from nlconsole.providers.base import CredentialsRejected, PermissionDenied, ProviderError
from nlconsole.providers.maileon import (
    KEYS_PAGE,
    RIGHT_LABEL_DE,
    AccountInfo,
    DoiMailing,
    MaileonClient,
)

REQUIRED_RIGHTS = ("create", "update")


async def check_maileon(context: CheckContext, recorder: ReportRecorder) -> None:
    """Record one finding per planned row (never raises for what Maileon answers)."""
    profile = context.profile
    api_key = context.secrets.get("api_key")
    if api_key is None:
        recorder.add(
            rows.KEY_VALID.failed(
                _("no API key is stored"),
                _(
                    "Store it under Credentials (key s in the console) or with: {command}",
                    command=store_hint(profile.name, "api_key"),
                ),
            )
        )
        return
    test_key = context.secrets.get("test_api_key")
    keys: list[SecretStr] = [api_key] + ([test_key] if test_key is not None else [])
    clients = [MaileonClient(profile.base_url, key, options=context.http) for key in keys]
    try:
        await _run(context, clients, recorder)
    finally:
        await asyncio.gather(*(c.aclose() for c in clients))


async def _run(
    context: CheckContext, clients: list[MaileonClient], recorder: ReportRecorder
) -> None:
    main, reader = clients[0], clients[-1]
    settings = context.profile.maileon
    assert isinstance(settings, MaileonSettings)

    answers: dict[str, ProviderError | None] = {}

    async def integration_key() -> None:
        pings, latency = await context.timed(main.ping_all())
        assert isinstance(pings, dict)  # ping_all folds ProviderErrors into its result
        answers.update(pings)
        for finding in key_findings(pings, latency):
            recorder.add(finding)

    async def test_key() -> None:
        if len(clients) > 1:
            pings, latency = await context.timed(clients[1].ping_all())
            assert isinstance(pings, dict)
            recorder.add(test_key_finding(pings, latency))

    async def account() -> None:
        info, latency = await context.timed(reader.account_info())
        recorder.add(account_finding(info, latency, reader is not main, context.profile.name))

    async def doi() -> None:
        recorder.add(await read_doi(context, reader))

    async def custom_fields() -> None:
        stored = frozenset(n for n, v in context.secrets.items() if v is not None)
        if wants_field_rows(context.profile, stored):
            found, latency = await context.timed(reader.list_custom_fields())
            for finding in field_findings(settings.field_mapping, found, latency, context):
                recorder.add(finding)

    recorder.add(expiry_finding(settings.key_expires, context.today))
    await asyncio.gather(integration_key(), test_key(), account(), doi(), custom_fields())
    key = recorder.get(rows.KEY_VALID.id)
    rejected = any(isinstance(e, CredentialsRejected) for e in answers.values())
    if key is not None and key.status is Status.FAIL:
        expiry = recorder.get(rows.KEY_EXPIRY.id)
        if rejected and expiry is not None and expiry.status is not Status.FAIL:
            # A recorded date cannot vouch for a key Maileon just refused.
            recorder.add(
                rows.KEY_EXPIRY.unknown(
                    _(
                        "recorded as {recorded}, but Maileon rejected the key: it may have "
                        "expired or been deactivated",
                        recorded=expiry.detail,
                    ),
                    _(
                        "Compare the key's 'Gültigkeit' and status under {page} with the "
                        "recorded date.",
                        page=KEYS_PAGE,
                    ),
                )
            )
        if reader is main:
            # The reads failed for the same reason: say so once, on the key.
            family = rows.CUSTOM_FIELD.id + "."
            reads = [s for s in recorder.report.planned if s.id.startswith(family)]
            reason = (
                _("not checked: the API key was not accepted")
                if rejected
                else _("not checked: Maileon could not be asked (see the API key row)")
            )
            for spec in (rows.ACCOUNT, rows.DOI_MAILING, *reads):
                recorder.add(spec.unknown(reason))


def key_findings(pings: dict[str, ProviderError | None], latency: float) -> list[Finding]:
    """The key row and one row per right, from the four pings."""
    rejected = next((e for e in pings.values() if isinstance(e, CredentialsRejected)), None)
    other = next(
        (e for e in pings.values() if e is not None and not isinstance(e, PermissionDenied)), None
    )
    error = rejected or other
    if error is not None:
        return [
            rows.KEY_VALID.failed(error.message, error.remediation, latency_ms=latency),
            *(
                spec.unknown(
                    _("unknown: the key was not accepted")
                    if rejected is not None
                    else _("unknown: Maileon could not be asked"),
                    latency_ms=latency,
                )
                for spec in rows.RIGHTS.values()
            ),
        ]
    found = [rows.KEY_VALID.passed(_("Maileon accepted the key"), latency_ms=latency)]
    for right, spec in rows.RIGHTS.items():
        present = pings[right] is None
        label = RIGHT_LABEL_DE[right]
        if present:
            found.append(spec.passed(_("present"), latency_ms=latency))
        elif right in REQUIRED_RIGHTS:
            found.append(
                spec.failed(
                    _("missing: cmxOrganize needs it to export sign-ups"),
                    _("Tick '{label}' for the key under {page}.", label=label, page=KEYS_PAGE),
                    latency_ms=latency,
                )
            )
        else:
            found.append(
                spec.info(
                    _("missing (cmxOrganize does not need it; the console uses a test key)"),
                    latency_ms=latency,
                )
            )
    return found


def test_key_finding(pings: dict[str, ProviderError | None], latency: float) -> Finding:
    """Whether the test key works and has the read and delete rights the console uses."""
    errors = [e for e in pings.values() if e is not None and not isinstance(e, PermissionDenied)]
    if errors:
        return rows.TEST_KEY.warn(errors[0].message, errors[0].remediation, latency_ms=latency)
    missing = [r for r in ("read", "delete") if pings[r] is not None]
    if missing:
        labels = joined([f"'{RIGHT_LABEL_DE[r]}'" for r in missing], " + ")
        return rows.TEST_KEY.warn(
            _("the test key lacks {rights}", rights=joined(missing, " + ")),
            _("Tick {labels} for the test key under {page}.", labels=labels, page=KEYS_PAGE),
            latency_ms=latency,
        )
    return rows.TEST_KEY.passed(_("read and delete present"), latency_ms=latency)


def expiry_finding(expires: date | None, today: date) -> Finding:
    """The recorded 'Gültigkeit' (Maileon does not report it)."""
    if expires is None:
        return rows.KEY_EXPIRY.warn(
            _("no expiry date recorded"),
            _(
                "Maileon does not report it: record the key's 'Gültigkeit' in the profile "
                "(key e in the console, or --key-expires YYYY-MM-DD with 'nlconsole profiles "
                "edit')."
            ),
        )
    days = (expires - today).days
    if days <= 0:
        return rows.KEY_EXPIRY.failed(
            _("expired on {date}", date=expires),
            _(
                "Set a future 'Gültigkeit' under {page}, then record it in the profile.",
                page=KEYS_PAGE,
            ),
        )
    left = _n(
        "{count} day left (until {date})", "{count} days left (until {date})", days, date=expires
    )
    if days < EXPIRY_WARNING_DAYS:
        return rows.KEY_EXPIRY.warn(
            left,
            _("Extend the key's 'Gültigkeit' under {page} before it runs out.", page=KEYS_PAGE),
        )
    return rows.KEY_EXPIRY.passed(left)


def read_key_fix(profile: str) -> Msg:
    """How to let the console read what the integration key may not."""
    return _(
        "Store a test key with the read and delete rights (Leserecht, Löschrecht) under "
        "Credentials, or with: {command}",
        command=store_hint(profile, "test_api_key"),
    )


def account_finding(
    info: AccountInfo | ProviderError, latency: float, via_test_key: bool, profile: str
) -> Finding:
    """Which account the key belongs to (needs the read right)."""
    if isinstance(info, PermissionDenied):
        return rows.ACCOUNT.unknown(
            _("not verified: the key has no read right"), read_key_fix(profile), latency_ms=latency
        )
    if isinstance(info, ProviderError):
        return rows.ACCOUNT.warn(info.message, info.remediation, latency_ms=latency)
    detail = _(
        "{name} (id {id}{kind}){via}",
        name=info.name or _("unnamed"),
        id=info.id,
        kind=_(", {type} account", type=info.type) if info.type else "",
        via=_(" (read with the test key)") if via_test_key else "",
    )
    return rows.ACCOUNT.passed(detail, latency_ms=latency)


def doi_finding(
    mailings: list[DoiMailing] | ProviderError,
    keys: dict[int, str | None],
    wanted_key: str | None,
    latency: float,
    profile: str,
) -> Finding:
    """Whether a DOI mailing exists (or the recorded DOI key is found)."""
    spec = rows.DOI_MAILING
    if isinstance(mailings, PermissionDenied):
        return spec.unknown(
            _(
                "not verified: listing DOI mailings needs the read right; without a DOI mailing, "
                "contacts never show up in Maileon"
            ),
            read_key_fix(profile),
            latency_ms=latency,
        )
    if isinstance(mailings, ProviderError):
        return spec.warn(mailings.message, mailings.remediation, latency_ms=latency)
    if not mailings:
        return spec.warn(
            _("the account has no DOI mailing"),
            _(
                "Create and activate a DOI mailing in Maileon (Mailings → DOI): with doi=true and "
                "no default DOI mailing, new contacts never show up (Maileon FAQ)."
            ),
            latency_ms=latency,
        )
    if wanted_key:
        if wanted_key not in keys.values():
            return spec.warn(
                _n(
                    "no DOI mailing has the configured DOI key ({count} DOI mailing found)",
                    "no DOI mailing has the configured DOI key ({count} DOI mailings found)",
                    len(mailings),
                ),
                _(
                    "Copying or updating a DOI mailing changes its DOI key: read the current key "
                    "in the DOI mailing's settings and record it in the profile (DOI mailing key)."
                ),
                latency_ms=latency,
            )
        name = next(m.name for m in mailings if keys.get(m.id) == wanted_key)
        return spec.passed(
            _("configured DOI key belongs to '{name}'", name=name or ""), latency_ms=latency
        )
    names = joined([m.name or str(m.id) for m in mailings[:3]])
    return spec.passed(
        _n(
            "{count} DOI mailing: {names}",
            "{count} DOI mailings: {names}",
            len(mailings),
            names=names,
        ),
        latency_ms=latency,
    )


async def read_doi(context: CheckContext, reader: MaileonClient) -> Finding:
    """The DOI mailing row: present, or the recorded DOI key found (the API cannot create one)."""
    settings, profile = context.profile.maileon_settings, context.profile.name
    mailings, latency = await context.timed(reader.list_doi_mailings())
    keys: dict[int, str | None] = {}
    if isinstance(mailings, list) and settings.doi_mailing_key and mailings:
        found = await asyncio.gather(
            *(reader.doi_key(m.id) for m in mailings), return_exceptions=True
        )
        keys = {m.id: k for m, k in zip(mailings, found, strict=True) if isinstance(k, str)}
    return doi_finding(mailings, keys, settings.doi_mailing_key, latency, profile)


def wants_field_rows(profile: Profile, stored: frozenset[str]) -> bool:
    """Custom fields can only be listed with the read right: a test key, or a key with it."""
    settings = profile.maileon_settings
    return "test_api_key" in stored or MaileonRight.READ in settings.rights_confirmed


def bootstrap_fix(profile: str) -> Msg:
    """How to create what bootstrap creates."""
    return _(
        "Create it with bootstrap: key b in the console, or: nlconsole bootstrap {profile}",
        profile=profile,
    )


def field_findings(
    mapping: dict[str, str],
    found: dict[str, str] | ProviderError,
    latency: float,
    context: CheckContext,
) -> list[Finding]:
    """One row per custom field of the mapping: present with its type, of another type, or
    missing (cmxOrganize's writes that use it fail until it exists)."""
    result = []
    for name, wanted in mapping.items():
        spec = rows.field_row(name)
        if isinstance(found, PermissionDenied):
            result.append(
                spec.unknown(
                    _("not verified: listing custom fields needs the read right"),
                    read_key_fix(context.profile.name),
                    latency_ms=latency,
                )
            )
        elif isinstance(found, ProviderError):
            result.append(spec.unknown(found.message, found.remediation, latency_ms=latency))
        elif name not in found:
            result.append(
                spec.info(
                    _("missing: writes that use it fail until it exists"),
                    bootstrap_fix(context.profile.name),
                    latency_ms=latency,
                )
            )
        elif found[name] != wanted:
            result.append(
                spec.warn(
                    _(
                        "exists as {found}, the mapping expects {wanted}",
                        found=found[name],
                        wanted=wanted,
                    ),
                    rows.mapping_fix(
                        context.profile.maileon_settings, context.profile.name, name, found[name]
                    ),
                    latency_ms=latency,
                )
            )
        else:
            result.append(spec.passed(_("present ({type})", type=wanted), latency_ms=latency))
    return result

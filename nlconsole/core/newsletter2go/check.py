"""The Newsletter2Go pre-flight check (N0).

Two round trips in the good case: the token, then company, user and address books at once
(further pages of address books concurrently too). Address books are compared with the portal's
newsletters from the profile: present, missing, duplicated, and created by hand. A required fact
that cannot be read (developer mode) means the check cannot pass.
"""

from __future__ import annotations

import asyncio

from nlconsole.core.checks import store_hint
from nlconsole.core.kit import CheckContext
from nlconsole.core.models import Newsletter2GoSettings
from nlconsole.core.newsletter2go import findings as rows
from nlconsole.core.newsletter2go.findings import book_row
from nlconsole.core.newsletter2go.plan_limit import plan_room
from nlconsole.core.report import Finding, ReportRecorder
from nlconsole.i18n import _, _n, joined, joined_some
from nlconsole.providers.base import ProviderError
from nlconsole.providers.newsletter2go import AddressBook, Company, Newsletter2GoClient, User

SECRETS = ("auth_key", "username", "password")


async def check_newsletter2go(context: CheckContext, recorder: ReportRecorder) -> None:
    """Record one finding per planned row (never raises for what Newsletter2Go answers)."""
    profile = context.profile
    auth_key, username, password = (context.secrets.get(n) for n in SECRETS)
    if auth_key is None or username is None or password is None:
        missing = [n for n in SECRETS if context.secrets.get(n) is None]
        recorder.add(
            rows.LOGIN.failed(
                _("not stored: {fields}", fields=joined(missing)),
                _(
                    "Store them under Credentials (key s in the console) or with: {commands}",
                    commands=joined([store_hint(profile.name, n) for n in missing], "; "),
                ),
            )
        )
        return
    client = Newsletter2GoClient(
        profile.base_url, auth_key, username, password, options=context.http
    )
    try:
        await _run(context, client, recorder)
    finally:
        await client.aclose()


async def _run(
    context: CheckContext, client: Newsletter2GoClient, recorder: ReportRecorder
) -> None:
    settings = context.profile.newsletter2go
    assert isinstance(settings, Newsletter2GoSettings)
    login, latency = await context.timed(client.login())
    if isinstance(login, ProviderError):
        recorder.add(rows.LOGIN.failed(login.message, login.remediation, latency_ms=latency))
        return
    recorder.add(
        rows.LOGIN.passed(
            _("token received (account {account})", account=client.account_id or "?"),
            latency_ms=latency,
        )
    )
    (companies, c_ms), (user, u_ms), (books, b_ms) = await asyncio.gather(
        context.timed(client.companies()),
        context.timed(client.current_user()),
        context.timed(client.lists()),
    )
    company = companies[0] if isinstance(companies, list) and companies else None
    recorder.add(company_finding(companies, company, c_ms))
    recorder.add(user_finding(user, u_ms))
    recorder.add(plan_finding(user, settings.newsletters, books, u_ms))
    if isinstance(books, ProviderError):
        for name in settings.newsletters:
            recorder.add(book_row(name).unknown(books.message, books.remediation, latency_ms=b_ms))
        recorder.add(rows.BOOKS_UNOWNED.unknown(books.message, books.remediation, latency_ms=b_ms))
        return
    found = book_findings(
        settings.newsletters, settings.list_ids, books, company, b_ms, context.profile.name
    )
    for finding in found:
        recorder.add(finding)


def company_finding(
    companies: list[Company] | ProviderError, company: Company | None, latency: float
) -> Finding:
    """Whether the company is verified (Newsletter2Go sends only for verified accounts)."""
    spec = rows.COMPANY
    if isinstance(companies, ProviderError):
        return spec.warn(companies.message, companies.remediation, latency_ms=latency)
    if company is None:
        return spec.warn(_("no company visible to this user"), latency_ms=latency)
    name = company.name or ""
    if company.state == "verified":
        return spec.passed(
            _("{name} ({id}) is verified", name=name, id=company.id), latency_ms=latency
        )
    return spec.warn(
        _(
            "{name} ({id}) is '{state}', not verified",
            name=name,
            id=company.id,
            state=company.state,
        ),
        _(
            "Newsletter2Go sends newsletters only for verified accounts: finish the verification "
            "in the account settings."
        ),
        latency_ms=latency,
    )


def user_finding(user: User | ProviderError, latency: float) -> Finding:
    """Developer mode of the API user: the PEIQ handover requires it on."""
    spec = rows.DEVELOPER_MODE
    if isinstance(user, ProviderError):
        return spec.unknown(
            _("could not be read: {reason}", reason=user.message),
            user.remediation
            or _(
                "Check developer mode in Newsletter2Go's user settings, then run the check again."
            ),
            latency_ms=latency,
        )
    email = user.email or ""
    plan = _(", plan {plan}", plan=user.plan) if user.plan else ""
    if not user.is_active:
        return spec.failed(
            _("the API user {email} is not active", email=email),
            _("Activate the user in Newsletter2Go."),
            latency_ms=latency,
        )
    if user.is_developer_mode:
        return spec.passed(_("on for {email}{plan}", email=email, plan=plan), latency_ms=latency)
    return spec.failed(
        _("off for {email}{plan}", email=email, plan=plan),
        _(
            "The PEIQ handover requires 'Entwicklermodus: an': switch developer mode on for this "
            "user in Newsletter2Go."
        ),
        latency_ms=latency,
    )


def plan_finding(
    user: User | ProviderError,
    newsletters: list[str],
    books: list[AddressBook] | ProviderError,
    latency: float,
) -> Finding:
    """Whether the booked plan can keep one address book per portal newsletter, counting the
    books the account already has (a limited plan counts the standard one too)."""
    spec = rows.PLAN_LIMIT
    if isinstance(user, ProviderError):
        return spec.unknown(
            _("the plan could not be read: {reason}", reason=user.message), latency_ms=latency
        )
    room = plan_room(user.plan, newsletters, None if isinstance(books, ProviderError) else books)
    if not room.fits:
        return spec.failed(
            room.shortfall(),
            _(
                "{remedy} With this plan the other address books are deactivated.",
                remedy=room.remedy(),
            ),
            latency_ms=latency,
        )
    return spec.passed(room.room(), latency_ms=latency)


def book_findings(
    newsletters: list[str],
    recorded_ids: dict[str, str],
    books: list[AddressBook],
    company: Company | None,
    latency: float,
    profile: str,
) -> list[Finding]:
    """One row per newsletter (present, missing, duplicated) and one for books made by hand."""
    found = []
    by_id = {book.id: book for book in books}
    for name in newsletters:
        spec = book_row(name)
        matches = [b for b in books if b.name.strip() == name.strip()]
        recorded = recorded_ids.get(name)
        if len(matches) > 1:
            found.append(
                spec.warn(
                    _n(
                        "duplicated: {count} address book has this name ({ids})",
                        "duplicated: {count} address books have this name ({ids})",
                        len(matches),
                        ids=joined([b.id for b in matches]),
                    ),
                    _(
                        "The interface writes to one of them only: delete the extra one(s) in "
                        "Newsletter2Go, keeping the one that has the subscribers."
                    ),
                    latency_ms=latency,
                )
            )
        elif not matches:
            found.append(
                spec.info(
                    _("missing: not created yet"),
                    _(
                        "Create it with bootstrap (key b in the console, or: nlconsole bootstrap "
                        "{profile}); do not create it by hand.",
                        profile=profile,
                    ),
                    latency_ms=latency,
                )
            )
        elif recorded and recorded not in by_id:
            found.append(
                spec.warn(
                    _(
                        "present as {id}, but the recorded id {recorded} no longer exists",
                        id=matches[0].id,
                        recorded=recorded,
                    ),
                    _("Remove the outdated id from the profile's list_ids in profiles.toml."),
                    latency_ms=latency,
                )
            )
        else:
            found.append(spec.passed(_("present ({id})", id=matches[0].id), latency_ms=latency))
    wanted = {n.strip() for n in newsletters}
    default_id = company.default_list_id if company else None
    unowned = [b for b in books if b.name.strip() not in wanted and b.id != default_id]
    if unowned:
        found.append(
            rows.BOOKS_UNOWNED.warn(
                _n(
                    "{count} address book the interface would not own: {names}",
                    "{count} address books the interface would not own: {names}",
                    len(unowned),
                    names=joined_some([f"'{b.name}'" for b in unowned]),
                ),
                _(
                    "The PEIQ interface creates its own address books: remove these if they were "
                    "made for the portal, or add their newsletter names to the profile."
                ),
                latency_ms=latency,
            )
        )
    else:
        found.append(
            rows.BOOKS_UNOWNED.passed(
                _n(
                    "none ({count} address book checked)",
                    "none ({count} address books checked)",
                    len(books),
                ),
                latency_ms=latency,
            )
        )
    return found

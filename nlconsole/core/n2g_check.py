"""The Newsletter2Go connectivity check (pre-flight N0).

Two round trips in the good case: the token, then company, user and address books at once
(further pages of address books concurrently too). Address books are compared with the portal's
newsletters from the profile: present, missing, duplicated, and created by hand.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from pydantic import SecretStr

from nlconsole.core.diagnostics import (
    CheckReport,
    Finding,
    FindingSink,
    FindingStatus,
    Observer,
    PlannedFinding,
    recording,
    timed,
)
from nlconsole.core.models import Profile
from nlconsole.providers.base import ProviderError
from nlconsole.providers.n2g_models import AddressBook, Company, User
from nlconsole.providers.newsletter2go import Newsletter2GoClient

N2GClientFactory = Callable[[str, SecretStr, SecretStr, SecretStr], Newsletter2GoClient]


@dataclass(frozen=True)
class N2GSecrets:
    """The login of a Newsletter2Go check."""

    auth_key: SecretStr | None
    username: SecretStr | None
    password: SecretStr | None


def default_n2g_factory(
    base_url: str, auth_key: SecretStr, username: SecretStr, password: SecretStr
) -> Newsletter2GoClient:
    """A real client with the default timeouts."""
    return Newsletter2GoClient(base_url, auth_key, username, password)


def planned_n2g_findings(newsletters: list[str]) -> list[PlannedFinding]:
    """The rows a Newsletter2Go check fills in, in order."""
    rows = [
        PlannedFinding("login", "Login (auth key, username, password)"),
        PlannedFinding("company", "Company verified for sending"),
        PlannedFinding("user.developer_mode", "Developer mode (Entwicklermodus)"),
    ]
    rows += [PlannedFinding(f"book.{name}", f"Address book '{name}'") for name in newsletters]
    rows.append(PlannedFinding("books.unowned", "Address books created by hand"))
    return rows


async def check_newsletter2go(
    profile: Profile,
    secrets: N2GSecrets,
    *,
    now: datetime,
    client_factory: N2GClientFactory = default_n2g_factory,
    observer: Observer | None = None,
) -> CheckReport:
    """Run the Newsletter2Go check for one profile (never raises for what the API answers)."""
    planned = planned_n2g_findings(profile.n2g_settings.newsletters)
    with recording(profile.name, profile.provider.value, now, observer, planned) as sink:
        auth_key, username, password = secrets.auth_key, secrets.username, secrets.password
        if auth_key is None or username is None or password is None:
            missing = [
                n for n in ("auth_key", "username", "password") if getattr(secrets, n) is None
            ]
            sink.add(
                Finding(
                    "login",
                    "Login (auth key, username, password)",
                    FindingStatus.FAIL,
                    f"not stored: {', '.join(missing)}",
                    "Store them with: "
                    + "; ".join(f"nlconsole secrets set {profile.name} {n}" for n in missing),
                    blocking=True,
                )
            )
            return sink.report
        client = client_factory(profile.base_url, auth_key, username, password)
        try:
            await _run(profile, client, sink)
        finally:
            await client.aclose()
    return sink.report


async def _run(profile: Profile, client: Newsletter2GoClient, sink: FindingSink) -> None:
    login, latency = await timed(client.login())
    if isinstance(login, ProviderError):
        sink.add(
            Finding(
                "login",
                "Login (auth key, username, password)",
                FindingStatus.FAIL,
                login.message,
                login.remediation,
                latency,
                blocking=True,
            )
        )
        return
    sink.add(
        Finding(
            "login",
            "Login (auth key, username, password)",
            FindingStatus.PASS,
            f"token received (account {client.account_id})",
            latency_ms=latency,
            blocking=True,
        )
    )
    (companies, c_ms), (user, u_ms), (books, b_ms) = await asyncio.gather(
        timed(client.companies()), timed(client.current_user()), timed(client.lists())
    )
    company = companies[0] if isinstance(companies, list) and companies else None
    sink.add(_company_finding(companies, company, c_ms))
    sink.add(_user_finding(user, u_ms))
    settings = profile.n2g_settings
    if isinstance(books, ProviderError):
        for name in settings.newsletters:
            sink.add(
                Finding(
                    f"book.{name}",
                    f"Address book '{name}'",
                    FindingStatus.UNKNOWN,
                    books.message,
                    books.remediation,
                    b_ms,
                )
            )
        return
    for finding in _book_findings(settings.newsletters, settings.list_ids, books, company, b_ms):
        sink.add(finding)


def _company_finding(
    companies: list[Company] | ProviderError, company: Company | None, latency: float
) -> Finding:
    title = "Company verified for sending"
    if isinstance(companies, ProviderError):
        return Finding(
            "company", title, FindingStatus.WARN, companies.message, companies.remediation, latency
        )
    if company is None:
        return Finding(
            "company",
            title,
            FindingStatus.WARN,
            "no company visible to this user",
            latency_ms=latency,
        )
    if company.state == "verified":
        return Finding(
            "company",
            title,
            FindingStatus.PASS,
            f"{company.name} ({company.id}) is verified",
            latency_ms=latency,
        )
    return Finding(
        "company",
        title,
        FindingStatus.WARN,
        f"{company.name} ({company.id}) is '{company.state}', not verified",
        "Newsletter2Go sends newsletters only for verified accounts: finish the verification "
        "in the account settings.",
        latency,
    )


def _user_finding(user: User | ProviderError, latency: float) -> Finding:
    title = "Developer mode (Entwicklermodus)"
    if isinstance(user, ProviderError):
        return Finding(
            "user.developer_mode",
            title,
            FindingStatus.UNKNOWN,
            user.message,
            user.remediation,
            latency,
        )
    plan = f", plan {user.plan}" if user.plan else ""
    if not user.is_active:
        return Finding(
            "user.developer_mode",
            title,
            FindingStatus.FAIL,
            f"the API user {user.email} is not active",
            "Activate the user in Newsletter2Go.",
            latency,
            blocking=True,
        )
    if user.is_developer_mode:
        return Finding(
            "user.developer_mode",
            title,
            FindingStatus.PASS,
            f"on for {user.email}{plan}",
            latency_ms=latency,
            blocking=True,
        )
    return Finding(
        "user.developer_mode",
        title,
        FindingStatus.FAIL,
        f"off for {user.email}{plan}",
        "The PEIQ handover requires 'Entwicklermodus: an': switch developer mode on for this "
        "user in Newsletter2Go.",
        latency,
        blocking=True,
    )


def _book_findings(
    newsletters: list[str],
    recorded_ids: dict[str, str],
    books: list[AddressBook],
    company: Company | None,
    latency: float,
) -> list[Finding]:
    findings = []
    by_id = {book.id: book for book in books}
    for name in newsletters:
        title = f"Address book '{name}'"
        matches = [b for b in books if b.name.strip() == name.strip()]
        recorded = recorded_ids.get(name)
        if len(matches) > 1:
            ids = ", ".join(b.id for b in matches)
            findings.append(
                Finding(
                    f"book.{name}",
                    title,
                    FindingStatus.WARN,
                    f"duplicated: {len(matches)} address books have this name ({ids})",
                    "The interface writes to one of them only: "
                    "delete the extra one(s) in Newsletter2Go, keeping the one that has the "
                    "subscribers.",
                    latency,
                )
            )
        elif not matches:
            findings.append(
                Finding(
                    f"book.{name}",
                    title,
                    FindingStatus.INFO,
                    "missing: not created yet",
                    "The interface creates it (or run 'nlconsole bootstrap'); do not create it by "
                    "hand.",
                    latency,
                )
            )
        elif recorded and recorded not in by_id:
            findings.append(
                Finding(
                    f"book.{name}",
                    title,
                    FindingStatus.WARN,
                    f"present as {matches[0].id}, but the recorded id {recorded} no longer exists",
                    "Update the recorded list id (bootstrap does this).",
                    latency,
                )
            )
        else:
            findings.append(
                Finding(
                    f"book.{name}",
                    title,
                    FindingStatus.PASS,
                    f"present ({matches[0].id})",
                    latency_ms=latency,
                )
            )
    wanted = {n.strip() for n in newsletters}
    default_id = company.default_list_id if company else None
    unowned = [b for b in books if b.name.strip() not in wanted and b.id != default_id]
    if unowned:
        names = ", ".join(f"'{b.name}'" for b in unowned[:5])
        findings.append(
            Finding(
                "books.unowned",
                "Address books created by hand",
                FindingStatus.WARN,
                f"{len(unowned)} address book(s) the interface would not own: {names}",
                "The PEIQ interface creates its own address books: remove these if they were made "
                "for the portal, or add their newsletter names to the profile.",
                latency,
            )
        )
    else:
        detail = f"none ({len(books)} address book(s) checked)"
        findings.append(
            Finding(
                "books.unowned",
                "Address books created by hand",
                FindingStatus.PASS,
                detail,
                latency_ms=latency,
            )
        )
    return findings

"""The Maileon connectivity check (pre-flight M0).

One round trip in the good case: the four pings of the integration key (and of the test key,
if any), the account information and the DOI mailings are all requested at once. Reads use the
test key when one is stored, since the key the cmxOrganize guide asks for has no read right.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from pydantic import SecretStr

from nlconsole.core.credentials import EXPIRY_WARNING_DAYS
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
from nlconsole.providers.base import CredentialsRejected, PermissionDenied, ProviderError
from nlconsole.providers.maileon import (
    KEYS_PAGE,
    RIGHT_LABEL_DE,
    AccountInfo,
    MaileonClient,
)
from nlconsole.providers.maileon_xml import DoiMailing

ClientFactory = Callable[[str, SecretStr], MaileonClient]
REQUIRED_RIGHTS = ("create", "update")
RIGHTS = ("create", "update", "read", "delete")
RIGHT_TITLE = {r: f"Right: {r} ({RIGHT_LABEL_DE[r]})" for r in RIGHTS}


@dataclass(frozen=True)
class MaileonSecrets:
    """The keys a Maileon check uses."""

    api_key: SecretStr | None
    test_api_key: SecretStr | None = None


def planned_maileon_findings(has_test_key: bool) -> list[PlannedFinding]:
    """The rows a Maileon check fills in, in order."""
    rows = [PlannedFinding("key.valid", "API key accepted")]
    rows += [PlannedFinding(f"right.{r}", RIGHT_TITLE[r]) for r in RIGHTS]
    rows.append(PlannedFinding("key.expiry", "Key expiry (Gültigkeit)"))
    if has_test_key:
        rows.append(PlannedFinding("testkey.valid", "Test key accepted, read + delete"))
    rows += [PlannedFinding("account", "Account"), PlannedFinding("doi.mailing", "DOI mailing")]
    return rows


def default_client_factory(base_url: str, key: SecretStr) -> MaileonClient:
    """A real client with the default timeouts."""
    return MaileonClient(base_url, key)


async def check_maileon(
    profile: Profile,
    secrets: MaileonSecrets,
    *,
    today: date,
    now: datetime,
    client_factory: ClientFactory = default_client_factory,
    observer: Observer | None = None,
) -> CheckReport:
    """Run the Maileon check for one profile and return its report (never raises for answers)."""
    planned = planned_maileon_findings(secrets.test_api_key is not None)
    with recording(profile.name, profile.provider.value, now, observer, planned) as sink:
        if secrets.api_key is None:
            sink.add(
                Finding(
                    "key.valid",
                    "API key accepted",
                    FindingStatus.FAIL,
                    "no API key is stored",
                    f"Store it with: nlconsole secrets set {profile.name} api_key",
                    blocking=True,
                )
            )
            return sink.report
        clients = [client_factory(profile.base_url, secrets.api_key)]
        if secrets.test_api_key is not None:
            clients.append(client_factory(profile.base_url, secrets.test_api_key))
        try:
            await _run(profile, clients, sink, today)
        finally:
            await asyncio.gather(*(c.aclose() for c in clients))
    return sink.report


async def _run(
    profile: Profile, clients: list[MaileonClient], sink: FindingSink, today: date
) -> None:
    main = clients[0]
    reader = clients[-1]
    settings = profile.maileon_settings

    async def integration_key() -> None:
        pings, latency = await timed(main.ping_all())
        assert isinstance(pings, dict)  # ping_all folds ProviderErrors into its result
        _key_findings(pings, latency, sink)

    async def test_key() -> None:
        if len(clients) < 2:
            return
        pings, latency = await timed(clients[1].ping_all())
        assert isinstance(pings, dict)
        sink.add(_test_key_finding(pings, latency))

    async def account() -> None:
        info, latency = await timed(reader.account_info())
        sink.add(_account_finding(info, latency, reader is not main))

    async def doi() -> None:
        mailings, latency = await timed(reader.list_doi_mailings())
        keys: dict[int, str | None] = {}
        if isinstance(mailings, list) and settings.doi_mailing_key and mailings:
            found = await asyncio.gather(
                *(reader.doi_key(m.id) for m in mailings), return_exceptions=True
            )
            keys = {m.id: k for m, k in zip(mailings, found, strict=True) if isinstance(k, str)}
        sink.add(_doi_finding(mailings, keys, settings.doi_mailing_key, latency))

    sink.add(_expiry_finding(settings.key_expires, today))
    await asyncio.gather(integration_key(), test_key(), account(), doi())
    key = sink.get("key.valid")
    if reader is main and key is not None and key.status is FindingStatus.FAIL:
        # The reads failed for the same reason: say so once, on the key.
        for finding_id, title in (("account", "Account"), ("doi.mailing", "DOI mailing")):
            sink.add(
                Finding(
                    finding_id,
                    title,
                    FindingStatus.UNKNOWN,
                    "not checked: the API key was not accepted",
                )
            )


def _key_findings(
    pings: dict[str, ProviderError | None], latency: float, sink: FindingSink
) -> None:
    rejected = next((e for e in pings.values() if isinstance(e, CredentialsRejected)), None)
    other = next(
        (e for e in pings.values() if e is not None and not isinstance(e, PermissionDenied)), None
    )
    if rejected is not None or other is not None:
        error = rejected or other
        assert error is not None
        sink.add(
            Finding(
                "key.valid",
                "API key accepted",
                FindingStatus.FAIL,
                error.message,
                error.remediation,
                latency,
                blocking=True,
            )
        )
        for right in RIGHTS:
            sink.add(
                Finding(
                    f"right.{right}",
                    RIGHT_TITLE[right],
                    FindingStatus.UNKNOWN,
                    "unknown: the key was not accepted",
                    latency_ms=latency,
                    blocking=right in REQUIRED_RIGHTS,
                )
            )
        return
    sink.add(
        Finding(
            "key.valid",
            "API key accepted",
            FindingStatus.PASS,
            "Maileon accepted the key",
            latency_ms=latency,
            blocking=True,
        )
    )
    for right in RIGHTS:
        present = pings[right] is None
        label = RIGHT_LABEL_DE[right]
        if right in REQUIRED_RIGHTS:
            finding = Finding(
                f"right.{right}",
                RIGHT_TITLE[right],
                FindingStatus.PASS if present else FindingStatus.FAIL,
                "present" if present else "missing: cmxOrganize needs it to export sign-ups",
                "" if present else f"Tick '{label}' for the key under {KEYS_PAGE}.",
                latency,
                blocking=True,
            )
        else:
            finding = Finding(
                f"right.{right}",
                RIGHT_TITLE[right],
                FindingStatus.PASS if present else FindingStatus.INFO,
                "present"
                if present
                else "missing (cmxOrganize does not need it; the console uses a test key)",
                latency_ms=latency,
            )
        sink.add(finding)


def _test_key_finding(pings: dict[str, ProviderError | None], latency: float) -> Finding:
    title = "Test key accepted, read + delete"
    errors = [e for e in pings.values() if e is not None and not isinstance(e, PermissionDenied)]
    if errors:
        return Finding(
            "testkey.valid",
            title,
            FindingStatus.WARN,
            errors[0].message,
            errors[0].remediation,
            latency,
        )
    missing = [r for r in ("read", "delete") if pings[r] is not None]
    if missing:
        labels = " and ".join(f"'{RIGHT_LABEL_DE[r]}'" for r in missing)
        return Finding(
            "testkey.valid",
            title,
            FindingStatus.WARN,
            f"the test key lacks {' and '.join(missing)}",
            f"Tick {labels} for the test key under {KEYS_PAGE}.",
            latency,
        )
    return Finding(
        "testkey.valid", title, FindingStatus.PASS, "read and delete present", latency_ms=latency
    )


def _expiry_finding(expires: date | None, today: date) -> Finding:
    title = "Key expiry (Gültigkeit)"
    if expires is None:
        return Finding(
            "key.expiry",
            title,
            FindingStatus.WARN,
            "no expiry date recorded",
            "Maileon does not report it: record the key's 'Gültigkeit' with "
            "'nlconsole profiles edit NAME --key-expires YYYY-MM-DD'.",
        )
    days = (expires - today).days
    if days <= 0:
        return Finding(
            "key.expiry",
            title,
            FindingStatus.FAIL,
            f"expired on {expires.isoformat()}",
            f"Set a future 'Gültigkeit' under {KEYS_PAGE}, then record it here.",
            blocking=True,
        )
    status = FindingStatus.WARN if days < EXPIRY_WARNING_DAYS else FindingStatus.PASS
    remediation = (
        f"Extend the key's 'Gültigkeit' under {KEYS_PAGE} before it runs out."
        if status is FindingStatus.WARN
        else ""
    )
    return Finding(
        "key.expiry",
        title,
        status,
        f"{days} day{'s' if days != 1 else ''} left (until {expires.isoformat()})",
        remediation,
    )


def _account_finding(
    info: AccountInfo | ProviderError, latency: float, via_test_key: bool
) -> Finding:
    if isinstance(info, PermissionDenied):
        return Finding(
            "account",
            "Account",
            FindingStatus.UNKNOWN,
            "not readable: the key has no read right",
            "Store a test key with read + delete rights: nlconsole secrets set NAME test_api_key",
            latency,
        )
    if isinstance(info, ProviderError):
        return Finding(
            "account", "Account", FindingStatus.WARN, info.message, info.remediation, latency
        )
    via = " (read with the test key)" if via_test_key else ""
    kind = f", {info.type} account" if info.type else ""
    return Finding(
        "account",
        "Account",
        FindingStatus.PASS,
        f"{info.name or 'unnamed'} (id {info.id}{kind}){via}",
        latency_ms=latency,
    )


def _doi_finding(
    mailings: list[DoiMailing] | ProviderError,
    keys: dict[int, str | None],
    wanted_key: str | None,
    latency: float,
) -> Finding:
    title = "DOI mailing"
    if isinstance(mailings, PermissionDenied):
        return Finding(
            "doi.mailing",
            title,
            FindingStatus.UNKNOWN,
            "cannot list DOI mailings without the read right",
            "Store a test key with read rights so the console can verify this; "
            "without a DOI mailing, contacts never show up in Maileon.",
            latency,
        )
    if isinstance(mailings, ProviderError):
        return Finding(
            "doi.mailing",
            title,
            FindingStatus.WARN,
            mailings.message,
            mailings.remediation,
            latency,
        )
    if not mailings:
        return Finding(
            "doi.mailing",
            title,
            FindingStatus.WARN,
            "the account has no DOI mailing",
            "Create and activate a DOI mailing in Maileon (Mailings → DOI): with doi=true and no "
            "default DOI mailing, new contacts never show up (Maileon FAQ).",
            latency,
        )
    if wanted_key:
        if wanted_key not in keys.values():
            return Finding(
                "doi.mailing",
                title,
                FindingStatus.WARN,
                f"no DOI mailing has the configured DOI key ({len(mailings)} DOI mailing(s) found)",
                "Copying or updating a DOI mailing changes its DOI key: read the current key "
                "in the DOI mailing's settings and record it with --doi-mailing-key.",
                latency,
            )
        name = next(m.name for m in mailings if keys.get(m.id) == wanted_key)
        return Finding(
            "doi.mailing",
            title,
            FindingStatus.PASS,
            f"configured DOI key belongs to '{name}'",
            latency_ms=latency,
        )
    names = ", ".join(m.name or str(m.id) for m in mailings[:3])
    return Finding(
        "doi.mailing",
        title,
        FindingStatus.PASS,
        f"{len(mailings)} DOI mailing(s): {names}",
        latency_ms=latency,
    )

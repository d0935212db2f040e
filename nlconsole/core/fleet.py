"""Check many profiles at once: bounded concurrency, one deadline per check, one write of the
results, and one failing profile never stops the others.

Onboarding staff look after dozens of customers; checking them one process at a time costs a
process start and a TLS handshake each. Here every profile's secrets are read (in a thread: the
keyring blocks), then its check runs as soon as a slot is free, and each result is reported the
moment it is known. Each check keeps its own small connection pool: one pool shared by the whole
fleet was measured slower (httpcore assigns requests to connections by scanning the pool, which
grows quadratic with fifty connections in one pool); the TLS context is shared per process.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nlconsole.core.checks import (
    DEFAULT_DEADLINE,
    CheckInputs,
    last_check_of,
    load_check_inputs,
    run_check,
)
from nlconsole.core.models import Profile
from nlconsole.core.report import Report
from nlconsole.errors import NLConsoleError

if TYPE_CHECKING:
    from nlconsole.core.services import Services

DEFAULT_CONCURRENCY = 8
MAX_CONCURRENCY = 64


@dataclass(frozen=True)
class FleetResult:
    """One profile's outcome: its report, or the error that kept it from being checked."""

    profile: Profile
    report: Report | None = None
    error: NLConsoleError | None = None


async def check_fleet(
    profiles: Sequence[Profile],
    services: Services,
    *,
    concurrency: int = DEFAULT_CONCURRENCY,
    deadline: float = DEFAULT_DEADLINE,
    on_result: Callable[[FleetResult], None] | None = None,
) -> list[FleetResult]:
    """Check every profile, at most `concurrency` at a time; results in the profiles' order."""
    slots = asyncio.Semaphore(max(1, min(concurrency, MAX_CONCURRENCY)))

    async def one(profile: Profile) -> FleetResult:
        async with slots:
            try:
                inputs: CheckInputs = await asyncio.to_thread(
                    load_check_inputs, profile, services.secrets
                )
                result = FleetResult(
                    profile, report=await run_check(inputs, services, deadline=deadline)
                )
            except NLConsoleError as exc:
                result = FleetResult(profile, error=exc)
        if on_result is not None:
            on_result(result)
        return result

    results = list(await asyncio.gather(*(one(p) for p in profiles)))
    reports = [r.report for r in results if r.report is not None]
    await asyncio.to_thread(record_results, services, reports)
    return results


def record_results(services: Services, reports: Sequence[Report]) -> None:
    """Keep every outcome on its profile in one write (a write per profile would cost a lock,
    a parse and an fsync each)."""
    with services.profiles.edit() as profile_set:
        for report in reports:
            profile = profile_set.profiles.get(report.profile)
            if profile is not None:
                profile.last_check = last_check_of(report)

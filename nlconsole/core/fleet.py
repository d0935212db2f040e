"""Check many profiles at once: bounded concurrency, one deadline per check, one write of the
results, and one failing profile never stops the others.

Onboarding staff look after dozens of customers; checking them one process at a time costs a
process start and a TLS handshake each. Here every profile's secrets are read (in a thread: the
keyring blocks), then its check runs as soon as a slot is free, and each result is reported the
moment it is known. Each slot keeps one connection pool (`KeptPool`) for all the checks it runs,
so a check reuses the keep-alive connections of the slot's previous one instead of opening ~6
new ones (and, against a real provider, as many TLS handshakes). Measured against the sandbox
with 100 profiles, that halved the sandbox's CPU per check and cut this process's by 5–10 %:
what is left (~6.5 ms per Maileon check, all on the fleet's one event loop) is httpx's, httpcore's
and anyio's cost per request, which bounds the fleet at about n × that time. One pool per slot,
not one for the whole fleet: httpcore assigns requests to connections by scanning the pool,
which was measured to grow quadratic with fifty connections in one pool. The TLS context is
shared per process.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from collections.abc import AsyncIterator, Callable, Sequence
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
    from nlconsole.providers.http import HttpOptions
    from nlconsole.providers.pool import KeptPool

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
    slots = Slots(services.http, max(1, min(concurrency, MAX_CONCURRENCY)))

    async def one(profile: Profile) -> FleetResult:
        async with slots.slot() as http:
            try:
                inputs: CheckInputs = await asyncio.to_thread(
                    load_check_inputs, profile, services.secrets
                )
                report = await run_check(inputs, services, deadline=deadline, http=http)
                result = FleetResult(profile, report=report)
            except NLConsoleError as exc:
                result = FleetResult(profile, error=exc)
        if on_result is not None:
            on_result(result)
        return result

    tasks = [asyncio.ensure_future(one(p)) for p in profiles]
    try:
        results = list(await asyncio.gather(*tasks))
    finally:
        # An unexpected error (or a cancel) leaves the other checks running: stop them and wait
        # before their pools are closed under them.
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await slots.aclose()
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


class Slots:
    """At most `width` checks at a time, each slot with the HTTP options its checks use: one
    kept pool per slot, opened when the slot first runs a check (a fleet of three profiles
    opens three). With a transport already injected (the demo's and the tests' in-process
    sandbox) or a proxy in the environment, the checks use the services' options as they are."""

    def __init__(self, http: HttpOptions, width: int) -> None:
        from nlconsole.providers.pool import kept_pools_possible

        self._http = http
        self._limit = asyncio.Semaphore(width)
        self._keep = http.transport is None and kept_pools_possible()
        self._idle: list[HttpOptions] = []
        self._pools: list[KeptPool] = []

    @contextlib.asynccontextmanager
    async def slot(self) -> AsyncIterator[HttpOptions]:
        """Wait for a free slot; yield the HTTP options of its checks."""
        async with self._limit:
            http = self._idle.pop() if self._idle else self._open()
            try:
                yield http
            finally:
                self._idle.append(http)

    def _open(self) -> HttpOptions:
        if not self._keep:
            return self._http
        from nlconsole.providers.http import tls_context
        from nlconsole.providers.pool import KeptPool

        pool = KeptPool(tls_context())
        self._pools.append(pool)
        return dataclasses.replace(self._http, transport=pool)

    async def aclose(self) -> None:
        """Close the slots' pools (also when the fleet was cancelled)."""
        for pool in self._pools:
            await pool.close()

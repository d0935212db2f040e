"""The steps of a journey as a kit writes them: acts, observations and questions.

An act is something that happens in the vendor's system: a person does it (tester mode), or
nlconsole makes the integration's own call (simulate mode); some acts are always a person's
(the DOI click). An observation reads the provider until the expectations hold or the step's
time runs out. A question asks what only a person can judge.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pydantic import SecretStr

from nlconsole.core.clock import Clock
from nlconsole.core.journeys.expect import Expectation
from nlconsole.core.models import Profile
from nlconsole.i18n import Msg

if TYPE_CHECKING:
    from nlconsole.providers.http import HttpOptions


@dataclass
class JourneyContext:
    """What a run's steps work with: the profile, its secrets, the test data, HTTP, time."""

    profile: Profile
    secrets: dict[str, SecretStr | None]
    address: str
    person: dict[str, str]
    """The test person's values (Anrede, names, ...), as the tester enters them."""
    http: HttpOptions
    clock: Clock
    facts: dict[str, str] = field(default_factory=dict)
    """What earlier steps learned (a recipient id, a purchase number)."""


Simulation = Callable[[JourneyContext], Awaitable[None]]
Reader = Callable[[JourneyContext], Awaitable[Mapping[str, object] | None]]
Explain = Callable[[JourneyContext, Mapping[str, object] | None], Msg | None]
"""Why a failed observation failed, in the journey's words (e.g. a blacklist), or None."""


@dataclass(frozen=True)
class Act:
    """Something that happens in the vendor's system (or in the test mailbox)."""

    title: Msg
    instructions: Sequence[Msg]
    simulate: Simulation | None = None
    """The integration's own call; None: always a person's act (a DOI click)."""
    confirms_doi: bool = False
    """A DOI click: the sandbox can do it with --auto-confirm."""


@dataclass(frozen=True)
class Observe:
    """Read the provider until every expectation holds, or the step's time runs out."""

    title: Msg
    read: Reader
    expect: Callable[[JourneyContext], list[Expectation]]
    explain: Explain | None = None
    """On failure: a specific reason and fix from what was seen last (instead of 'not as
    expected')."""
    steady: bool = False
    """The expectations must hold at every read until the step's time is up, not just once:
    for an absence that a late push could still break (nothing arrives before verification)."""
    blocked: Callable[[Mapping[str, object] | None], Blocked | None] | None = None
    """At the timeout: whether what was seen last shows the provider blocking the journey
    (e.g. Maileon's unsubscription marker), which is reported as blocked, not failed."""
    precondition: Callable[[JourneyContext, Mapping[str, object] | None], Blocked | None] | None = (
        None
    )
    """Judged at every read: a block ends the step blocked at once, for what waiting cannot
    fix (a custom field that only the bootstrap creates)."""


@dataclass(frozen=True)
class Ask:
    """A question only a person can answer (yes / no / notes)."""

    question: Msg


Step = Act | Observe | Ask


@dataclass(frozen=True)
class Blocked:
    """A precondition is missing: the run cannot act (no read key, no address book, ...)."""

    reason: Msg
    fix: Msg


@dataclass(frozen=True)
class Script:
    """A journey's steps, and what blocks it before anything is sent."""

    steps: Sequence[Step]
    places: Callable[[JourneyContext], list[str]]
    """Where the test address may end up (for the ledger): 'maileon' or address book ids."""
    more_addresses: Callable[[JourneyContext], list[str]] | None = None
    """Further test addresses the run uses or may create (several contacts in one run, a
    changed e-mail address): into the ledger with the first before anything is sent."""

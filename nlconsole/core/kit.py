"""Provider kits: everything that differs between Maileon and Newsletter2Go, behind one protocol.

Call sites ask `kit_for(profile)` (or `kit_for(kind)`) and never branch on the provider
themselves (harlequin's adapter idea, one package per backend: `core/maileon/`,
`core/newsletter2go/`). A kit describes its secret fields and its settings as data, so the CLI
flags, the console's form and the credentials screen are built from the same description.
Kits import their HTTP clients lazily: the console's first frame does not pay for them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from importlib import import_module
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar

from pydantic import BaseModel, SecretStr

from nlconsole.core.models import Profile, ProviderKind
from nlconsole.i18n import Msg, Text
from nlconsole.providers.base import ProviderError

T = TypeVar("T")

if TYPE_CHECKING:
    from nlconsole.core.bootstrap import BootstrapPlan
    from nlconsole.core.checklists import ChecklistStep
    from nlconsole.core.credentials import ParsedSecret
    from nlconsole.core.journeys.model import JourneySpec
    from nlconsole.core.journeys.script import Blocked, JourneyContext, Script
    from nlconsole.core.journeys.store import LedgerEntry
    from nlconsole.core.report import Finding, FindingSpec, ReportRecorder
    from nlconsole.providers.http import HttpOptions


@dataclass(frozen=True)
class SecretField:
    """One secret a provider needs, and how pasted text becomes its value."""

    name: str
    """The field's name in the keyring and on the command line (`secrets set NAME api_key`)."""
    label: Msg
    required: bool
    help: Msg
    parse: Callable[[str], ParsedSecret]
    shown: bool = False
    """Not a secret from its owner (a user name): the console may show it in clear."""
    where: Msg | None = None
    """Where the customer finds the value in the provider's UI (the hand-over template says it)."""


SettingKind = Literal["text", "token", "email", "date", "bool", "names", "rights", "field_map"]
"""text: free text; token: a code or key (no spaces, no '/'); email: a mail address;
field_map: a field name and type per role (`--custom-field ROLE=NAME[:TYPE]`)."""


@dataclass(frozen=True)
class FieldRole:
    """One role of a field mapping: what the field holds, and its default name and type."""

    role: str
    """How the command line names it, e.g. `purchase`."""
    label: Msg
    default_name: str
    default_type: str


@dataclass(frozen=True)
class SettingField:
    """One non-secret setting of a provider, as the CLI and the console's form offer it."""

    key: str
    """The attribute of the provider's settings model."""
    flag: str
    """The command-line option, e.g. `--key-expires`."""
    label: Msg
    help: Msg
    kind: SettingKind = "text"
    choices: tuple[str, ...] = ()
    """For `rights`: the allowed values (several may be chosen); for `field_map`: the types."""
    roles: tuple[FieldRole, ...] = ()
    """For `field_map`: the roles a field can be set for."""
    roles_key: str = ""
    """For `field_map`: the settings attribute that records role → field name."""
    reset_flag: str = ""
    """For `field_map`: the option that goes back to the default mapping."""
    rule: Callable[[str, str], Msg | None] | None = None
    """For `field_map`: the provider's rule a field name and type must follow (the problem, or
    None)."""


@dataclass(frozen=True)
class CheckContext:
    """What a provider's check gets: the profile, its secrets, time, and how to reach HTTP."""

    profile: Profile
    secrets: dict[str, SecretStr | None]
    today: date
    now: datetime
    http: HttpOptions
    monotonic: Callable[[], float]
    """The run's monotonic clock, for latencies (the services' clock: fixed in tests)."""

    async def timed(self, call: Awaitable[T]) -> tuple[T | ProviderError, float]:
        """Await a provider call; return its result or its ProviderError, and the latency in
        ms."""
        started = self.monotonic()
        try:
            result: T | ProviderError = await call
        except ProviderError as exc:
            result = exc
        return result, (self.monotonic() - started) * 1000


@dataclass(frozen=True)
class BootstrapContext(CheckContext):
    """What a provider's bootstrap gets: the check's context, and how to record in the profile
    what it created or adopted (on the profile as it is in the file then)."""

    remember: Callable[[Callable[[Profile], Profile]], None]


@dataclass(frozen=True)
class SetupRecord:
    """What setting up the account left in a profile, for the protocol: the address books
    recorded by id, the custom fields of the mapping with the check row that looks for each, and
    the check row of the DOI mailing. Empty where the provider has no such thing."""

    list_ids: dict[str, str]
    """Newsletter name → address book (list) id."""
    fields: tuple[tuple[str, str, str], ...] = ()
    """(field name, type, id of the pre-flight check's row for it)."""
    doi_row: str | None = None
    """The id of the pre-flight check's DOI mailing row (the API cannot create one)."""


class ProviderKit(Protocol):
    """The provider-specific half of every feature."""

    kind: ProviderKind
    title: str
    """The provider's name, e.g. 'Maileon'."""
    vendor: str
    """The system that feeds it, e.g. 'cmxOrganize'."""
    settings_key: str
    """Where the provider's settings live in a profile (`[profiles.NAME.<key>]`)."""
    default_base_url: str
    secret_fields: tuple[SecretField, ...]
    setting_fields: tuple[SettingField, ...]
    bootstrap_families: tuple[str, ...]
    """The check's row families (`book`, `field`) whose rows bootstrap settles."""

    def settings_model(self) -> type[BaseModel]:
        """The pydantic model of the provider's settings."""
        ...

    def checklist(self) -> Sequence[ChecklistStep]:
        """The setup checklist from the vendor's guide."""
        ...

    def planned_check(self, profile: Profile, stored: frozenset[str]) -> list[FindingSpec]:
        """The rows the pre-flight check fills in, given which secrets are stored."""
        ...

    async def check(self, context: CheckContext, recorder: ReportRecorder) -> None:
        """The pre-flight check: records one finding per planned row; never raises for what
        the provider answers."""
        ...

    def journeys(self) -> Sequence[JourneySpec]:
        """The acceptance journeys of the vendor's integration (M1–M9, P1–P14)."""
        ...

    async def delete_test_contact(
        self,
        profile: Profile,
        secrets: dict[str, SecretStr | None],
        entry: LedgerEntry,
        http: HttpOptions,
    ) -> bool:
        """Delete a test address wherever the ledger says it may be; False when it was gone.

        Raises ProviderError (no delete right, 5xx, timeout) when it could not be deleted.
        """
        ...

    def journey_person(self) -> dict[str, str]:
        """The test person's values a tester enters in the vendor's system."""
        ...

    def journey_script(
        self, journey: str, context: JourneyContext, simulate: bool
    ) -> Script | Blocked | None:
        """A journey's steps, what blocks it, or None when it cannot run yet."""
        ...

    async def plan_bootstrap(self, context: BootstrapContext) -> BootstrapPlan:
        """What bootstrap would create, adopt, or cannot do in the account; changes nothing
        (raises ProviderError when the account cannot be read)."""
        ...

    async def apply_bootstrap(
        self, context: BootstrapContext, plan: BootstrapPlan, recorder: ReportRecorder
    ) -> None:
        """Settle the plan: one finding per item; each create looked up first."""
        ...

    def setup_record(self, profile: Profile) -> SetupRecord:
        """What the profile records of the account's set-up (for the protocol)."""
        ...


_KIT_MODULES: dict[ProviderKind, str] = {
    ProviderKind.MAILEON: "nlconsole.core.maileon",
    ProviderKind.NEWSLETTER2GO: "nlconsole.core.newsletter2go",
}


def kit_for(what: Profile | ProviderKind | str) -> ProviderKit:
    """The kit of a profile's provider (or of a provider kind)."""
    kind = what.provider if isinstance(what, Profile) else ProviderKind(what)
    kit: ProviderKit = import_module(_KIT_MODULES[kind]).KIT
    return kit


def kit_packages() -> list[str]:
    """The package of every kit (its modules beside `kit` are imported when first needed)."""
    return list(_KIT_MODULES.values())


def all_kits() -> list[ProviderKit]:
    """Every kit, in a stable order."""
    return [kit_for(kind) for kind in ProviderKind]


def secret_field(kit: ProviderKit, name: str) -> SecretField:
    """A kit's secret field by name, or an error naming the valid ones."""
    from nlconsole.errors import UsageError
    from nlconsole.i18n import _, joined

    for candidate in kit.secret_fields:
        if candidate.name == name:
            return candidate
    raise UsageError(
        _(
            "'{name}' is not a secret of a {provider} profile (fields: {fields})",
            name=name,
            provider=kit.title,
            fields=joined([f.name for f in kit.secret_fields]),
        )
    )


def settings_of(profile: Profile) -> Any:
    """A profile's provider settings (a Maileon or Newsletter2Go settings model)."""
    return getattr(profile, kit_for(profile).settings_key)


def bootstrap_settles(kit: ProviderKit, finding: Finding) -> bool:
    """Whether bootstrap settles what a check row found missing. Missing rows are information
    (bootstrap creates them); a field of another type, a duplicated book or a row that could
    not be verified (WARN, FAIL, ?) is something bootstrap only reports, not settles."""
    from nlconsole.core.report import Status

    family = finding.id.split(".", 1)[0]
    return family in kit.bootstrap_families and finding.status is Status.INFO


def describe_provider(kit: ProviderKit) -> Text:
    """'Maileon (cmxOrganize)': how lists and forms name a provider."""
    return f"{kit.title} ({kit.vendor})"

"""Every message the console's workers post (workers never touch widgets themselves).

None of them bubble: each is meant for the node it is posted to (the app forwards
ServicesReady to the screen, which must not send it back up).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from nlconsole.i18n import Text

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from pathlib import Path

    from nlconsole.core.bootstrap import BootstrapPlan
    from nlconsole.core.checks import CheckInputs
    from nlconsole.core.cleanup import CleanupItem
    from nlconsole.core.fleet import FleetResult
    from nlconsole.core.handover import Handover
    from nlconsole.core.journeys.catalogue import CatalogueEntry
    from nlconsole.core.journeys.run import JourneyRun, StepRecord
    from nlconsole.core.journeys.start import PreparedRun
    from nlconsole.core.keymap import Keymap
    from nlconsole.core.models import Profile
    from nlconsole.core.profile_rows import ProfileRow
    from nlconsole.core.report import Finding, Report
    from nlconsole.core.services import Services
    from nlconsole.core.status import Status
    from nlconsole.ui.boot import Environment


class ServicesReady(Message, bubble=False):
    """The services (profile store, secret store, maybe the demo sandbox) are up."""

    def __init__(self, services: Services, environment: Environment) -> None:
        super().__init__()
        self.services = services
        self.environment = environment


class KeymapLoaded(Message, bubble=False):
    """keymap.toml was read (an empty keymap when there is none)."""

    def __init__(self, keymap: Keymap) -> None:
        super().__init__()
        self.keymap = keymap


class BootFailed(Message, bubble=False):
    """The services could not be started."""

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error


class ProfilesLoaded(Message, bubble=False):
    """The profile store was read (with the list's rows of its profiles)."""

    def __init__(
        self, profiles: list[Profile], warnings: list[Text], rows: list[ProfileRow]
    ) -> None:
        super().__init__()
        self.profiles = profiles
        self.warnings = warnings
        self.rows = rows


class FleetResultReady(Message, bubble=False):
    """One profile of "check all" has its result (a report, or the error that stopped it)."""

    def __init__(self, result: FleetResult) -> None:
        super().__init__()
        self.result = result


class ProfilesChanged(Message, bubble=False):
    """Profiles were saved; lists reload (selecting `selected`) and show `notice`. `created` is
    a profile just made, whose credentials come next on the guided path."""

    def __init__(
        self,
        selected: str | None = None,
        notice: Text | None = None,
        *,
        created: Profile | None = None,
    ) -> None:
        super().__init__()
        self.selected = selected
        self.notice = notice
        self.created = created


class ProfileReloaded(Message, bubble=False):
    """One profile was read again (after a save, or when returning to a screen)."""

    def __init__(self, profile: Profile) -> None:
        super().__init__()
        self.profile = profile


class SecretStatus(Message, bubble=False):
    """Which secrets are stored (never their values)."""

    def __init__(self, present: dict[str, bool]) -> None:
        super().__init__()
        self.present = present


class SecretsSaved(Message, bubble=False):
    """Secrets were written to the store."""

    def __init__(self, names: list[str]) -> None:
        super().__init__()
        self.names = names


class InputsLoaded(Message, bubble=False):
    """A profile's secrets were read from the store, ready for a check."""

    def __init__(self, inputs: CheckInputs) -> None:
        super().__init__()
        self.inputs = inputs


class FindingUpdated(Message, bubble=False):
    """A run produced (or replaced) a finding."""

    def __init__(self, finding: Finding) -> None:
        super().__init__()
        self.finding = finding


class ReportFinished(Message, bubble=False):
    """A run ended with a report."""

    def __init__(self, report: Report) -> None:
        super().__init__()
        self.report = report


class CheckRecorded(Message, bubble=False):
    """The check ran again after an apply and its result is kept on the profile."""

    def __init__(self, report: Report) -> None:
        super().__init__()
        self.report = report


class JourneysLoaded(Message, bubble=False):
    """A profile's journey catalogue was read (with the last verdicts from runs/)."""

    def __init__(self, entries: list[CatalogueEntry]) -> None:
        super().__init__()
        self.entries = entries


class TestMailboxSaved(Message, bubble=False):
    """The tester's mailbox was saved in the profile; `then_run` is the journey (id, simulate)
    that asked for it, to be started now."""

    def __init__(self, profile: Profile, then_run: tuple[str, bool] | None) -> None:
        super().__init__()
        self.profile = profile
        self.then_run = then_run


class JourneyPrepared(Message, bubble=False):
    """A journey run is ready: test address derived, secrets read."""

    def __init__(self, prepared: PreparedRun) -> None:
        super().__init__()
        self.prepared = prepared


class JourneyInstructions(Message, bubble=False):
    """The tester should do something now (with these values)."""

    def __init__(
        self, title: Text, instructions: Sequence[Text], values: Mapping[str, str]
    ) -> None:
        super().__init__()
        self.title = title
        self.instructions = list(instructions)
        self.values = dict(values)


class JourneyQuestion(Message, bubble=False):
    """A question only the tester can answer."""

    def __init__(self, question: Text) -> None:
        super().__init__()
        self.question = question


class JourneyStepDone(Message, bubble=False):
    """A step of the run has its verdict."""

    def __init__(self, step: StepRecord) -> None:
        super().__init__()
        self.step = step


class JourneyFinished(Message, bubble=False):
    """The run ended."""

    def __init__(self, run: JourneyRun) -> None:
        super().__init__()
        self.run = run


class HandoverRead(Message, bubble=False):
    """A hand-over zip was decrypted and parsed in memory (values stay inside `handover`)."""

    def __init__(self, handover: Handover) -> None:
        super().__init__()
        self.handover = handover


class HandoverStored(Message, bubble=False):
    """The hand-over's values were written to the secret store."""

    def __init__(self, names: list[str]) -> None:
        super().__init__()
        self.names = names


class PlanReady(Message, bubble=False):
    """A bootstrap plan was made (nothing changed yet)."""

    def __init__(self, plan: BootstrapPlan) -> None:
        super().__init__()
        self.plan = plan


class StatusCollected(Message, bubble=False):
    """The status view's facts were read (profiles, keyring; masked tails only)."""

    def __init__(self, status: Status) -> None:
        super().__init__()
        self.status = status


class KeyringUnavailable(Message, bubble=False):
    """At start: no secure keyring can be used (the console still opens)."""

    def __init__(self, problem: Text) -> None:
        super().__init__()
        self.problem = problem


class ScenarioApplied(Message, bubble=False):
    """A demo scenario's credentials were stored in a demo profile, ready for its check."""

    def __init__(self, profile: Profile) -> None:
        super().__init__()
        self.profile = profile


class ReportSaved(Message, bubble=False):
    """A finished report was written as text and JSON."""

    def __init__(self, text_path: Path, json_path: Path) -> None:
        super().__init__()
        self.text_path = text_path
        self.json_path = json_path


class ProtocolPreviewed(Message, bubble=False):
    """The protocol's Markdown was built for the preview."""

    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.markdown = markdown


class ProtocolExported(Message, bubble=False):
    """The protocol was written to a file."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


class CleanupItems(Message, bubble=False):
    """The ledger's open test contacts, listed (nothing deleted yet)."""

    def __init__(self, items: list[CleanupItem]) -> None:
        super().__init__()
        self.items = items


class CleanupDone(Message, bubble=False):
    """Cleanup deleted what it could."""

    def __init__(self, items: list[CleanupItem]) -> None:
        super().__init__()
        self.items = items

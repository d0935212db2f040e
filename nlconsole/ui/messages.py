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
    from nlconsole.core.checks import CheckInputs
    from nlconsole.core.models import Profile
    from nlconsole.core.report import Finding, Report
    from nlconsole.core.services import Services
    from nlconsole.ui.boot import Environment


class ServicesReady(Message, bubble=False):
    """The services (profile store, secret store, maybe the demo sandbox) are up."""

    def __init__(self, services: Services, environment: Environment) -> None:
        super().__init__()
        self.services = services
        self.environment = environment


class BootFailed(Message, bubble=False):
    """The services could not be started."""

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error


class ProfilesLoaded(Message, bubble=False):
    """The profile store was read."""

    def __init__(self, profiles: list[Profile], warnings: list[Text]) -> None:
        super().__init__()
        self.profiles = profiles
        self.warnings = warnings


class ProfilesChanged(Message, bubble=False):
    """Profiles were saved; lists reload (selecting `selected`) and show `notice`."""

    def __init__(self, selected: str | None = None, notice: Text | None = None) -> None:
        super().__init__()
        self.selected = selected
        self.notice = notice


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

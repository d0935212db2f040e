"""Messages workers post to the screens (workers never touch widgets themselves).

None of them bubble: each is meant for the node it is posted to (the app forwards
ServicesReady to the screen, which must not send it back up).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from nlconsole.core.diagnostics import CheckReport, Finding
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


class FindingUpdated(Message, bubble=False):
    """A connectivity check produced (or replaced) a finding."""

    def __init__(self, finding: Finding) -> None:
        super().__init__()
        self.finding = finding


class CheckFinished(Message, bubble=False):
    """A connectivity check ended with a report."""

    def __init__(self, report: CheckReport) -> None:
        super().__init__()
        self.report = report


class ProfilesChanged(Message, bubble=False):
    """Profiles were saved; lists should reload."""

"""A screen that explains a problem (keyring, config file, ...) instead of a traceback."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Static

from nlconsole.i18n import Text, _
from nlconsole.ui.bindings import bind
from nlconsole.ui.screens.base import ConsoleModal
from nlconsole.ui.widgets.footer import ConsoleFooter


class ProblemScreen(ConsoleModal[None]):
    """Title, what went wrong, how to fix it; Escape or Enter closes it."""

    NAME = _("Problem")

    BINDINGS: ClassVar[list[BindingType]] = [
        bind("escape,enter", "dismiss", _("Close"), id="problem.close"),
    ]

    def __init__(self, title: Text, message: Text, remediation: Text | None) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.remediation = remediation

    @classmethod
    def from_error(cls, error: BaseException) -> ProblemScreen:
        """Build the screen for an error, by its kind."""
        from nlconsole.core.secrets import SecretStoreError
        from nlconsole.errors import ConfigError, NLConsoleError

        if isinstance(error, SecretStoreError):
            return cls(_("The keyring cannot be used"), error.message, error.remediation)
        if isinstance(error, ConfigError):
            return cls(_("profiles.toml cannot be used"), error.message, error.remediation)
        if isinstance(error, NLConsoleError):
            return cls(_("Something is wrong"), error.message, error.remediation)
        return cls(
            _("Unexpected error"),
            f"{type(error).__name__}: {error}",
            _("Nothing was lost. Please report this with the steps that led here."),
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="problem"):
            yield Static(RichText(self.t(self.title_text), style="bold"), id="problem-title")
            yield Static(RichText(self.t(self.message)), id="problem-message")
            if self.remediation:
                yield Static(
                    RichText(self.t(_("How to fix it: {fix}", fix=self.remediation))),
                    id="problem-fix",
                )
            yield Static(RichText(self.t(_("Esc / Enter: close")), style="dim"))
        yield ConsoleFooter()

    async def action_dismiss(self, result: None = None) -> None:
        """Close the screen."""
        self.dismiss(result)

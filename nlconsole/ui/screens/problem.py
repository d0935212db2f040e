"""A screen that explains a problem (keyring, config file, ...) instead of a traceback."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class ProblemScreen(ModalScreen[None]):
    """Title, what went wrong, how to fix it; Escape or Enter closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "dismiss", "Close", id="problem.close"),
    ]

    def __init__(self, title: str, message: str, remediation: str) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.remediation = remediation

    @classmethod
    def from_error(cls, error: Exception) -> ProblemScreen:
        """Build the screen for an error, by its kind."""
        from nlconsole.core.secrets import SecretStoreError
        from nlconsole.errors import ConfigError, NLConsoleError

        if isinstance(error, SecretStoreError):
            return cls("The keyring cannot be used", error.message, error.remediation)
        if isinstance(error, ConfigError):
            return cls("profiles.toml cannot be used", error.message, error.remediation)
        if isinstance(error, NLConsoleError):
            return cls("Something is wrong", error.message, error.remediation)
        return cls(
            "Unexpected error",
            f"{type(error).__name__}: {error}",
            "Nothing was lost. Please report this with the steps that led here.",
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="problem"):
            yield Static(Text(self.title_text, style="bold"), id="problem-title")
            yield Static(Text(self.message), id="problem-message")
            if self.remediation:
                yield Static(Text("How to fix it: " + self.remediation), id="problem-fix")
            yield Static(Text("Esc / Enter: close", style="dim"))

    async def action_dismiss(self, result: None = None) -> None:
        """Close the screen."""
        self.dismiss(result)

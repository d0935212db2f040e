"""What every console screen shares: typed access to the app's services and language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

from nlconsole.core.i18n import Language, label

if TYPE_CHECKING:
    from nlconsole.core.services import Services
    from nlconsole.ui.app import NLConsoleApp


class ConsoleScreen(Screen[None]):
    """A full screen of the console."""

    HELP = ""

    @property
    def console(self) -> NLConsoleApp:
        """The app, typed."""
        from nlconsole.ui.app import NLConsoleApp

        assert isinstance(self.app, NLConsoleApp)
        return self.app

    @property
    def language(self) -> Language:
        """The UI language."""
        return self.console.language

    def t(self, key: str) -> str:
        """A label in the UI language."""
        return label(key, self.language)

    @property
    def services(self) -> Services:
        """The services (screens that need them are only opened once they are up)."""
        services = self.console.services
        assert services is not None
        return services

    def show_problem(self, error: Exception) -> None:
        """Show a keyring, config or other error on its own screen instead of crashing."""
        from nlconsole.ui.screens.problem import ProblemScreen

        self.app.push_screen(ProblemScreen.from_error(error))

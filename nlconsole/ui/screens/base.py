"""What every console screen shares: the app's services and translator, translated bindings,
and the one handler that turns a failed worker into the problem screen (harlequin's pattern).

Workers raise what goes wrong; they never catch-and-report on their own. A failed worker never
ends the app: `worker_failed` lets a screen mark what did not finish, then the problem screen
says what happened and how to fix it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState

from nlconsole.i18n import Text, Translator
from nlconsole.ui.bindings import translate_bindings

if TYPE_CHECKING:
    from nlconsole.core.services import Services
    from nlconsole.ui.app import NLConsoleApp

ResultT = TypeVar("ResultT")


class ScreenTools:
    """Mixed into the console's screens and dialogs."""

    app: Any

    @property
    def console(self) -> NLConsoleApp:
        """The app, typed."""
        from nlconsole.ui.app import NLConsoleApp

        assert isinstance(self.app, NLConsoleApp)
        return self.app

    @property
    def translate(self) -> Translator:
        """The UI language's translator."""
        return self.console.translate

    def t(self, text: Text | None) -> str:
        """A text in the UI language."""
        return self.console.translate(text)

    @property
    def services(self) -> Services:
        """The services (screens that need them are only opened once they are up)."""
        services = self.console.services
        assert services is not None
        return services

    def show_problem(self, error: BaseException) -> None:
        """Show an error on its own screen instead of crashing."""
        from nlconsole.ui.screens.problem import ProblemScreen

        self.app.push_screen(ProblemScreen.from_error(error))

    def worker_failed(self, worker: Worker[Any], error: BaseException) -> None:
        """Hook: a worker of this screen failed (before the problem screen shows)."""

    def on_mount(self) -> None:
        translate_bindings(self, self.translate)  # type: ignore[arg-type]
        self.refresh_bindings()  # type: ignore[attr-defined]

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one worker-error handler (subclasses' handlers for other states run too)."""
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self.worker_failed(event.worker, event.worker.error)
            self.show_problem(event.worker.error)


class ConsoleScreen(ScreenTools, Screen[None]):
    """A full screen of the console."""

    NAME: ClassVar[Text] = ""
    """What F1 help calls the screen."""
    PURPOSE: ClassVar[Text] = ""


class ConsoleModal(ScreenTools, ModalScreen[ResultT]):
    """A dialog of the console."""

    NAME: ClassVar[Text] = ""
    """What F1 help calls the dialog."""
    PURPOSE: ClassVar[Text] = ""

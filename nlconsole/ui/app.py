"""NLConsoleApp: the console's shell. Services come in through the constructor (a boot
function), are started in a thread worker after the first frame, and are handed to screens.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on, work
from textual.app import App
from textual.binding import BindingType
from textual.command import CommandPalette
from textual.screen import Screen

from nlconsole.i18n import Language, Translator, _, detect_language
from nlconsole.ui.bindings import bind, translate_bindings
from nlconsole.ui.boot import Boot, Environment, first_rows
from nlconsole.ui.commands import ConsoleCommands
from nlconsole.ui.idle_gc import IdleCollector
from nlconsole.ui.messages import BootFailed, KeymapLoaded, KeyringUnavailable, ServicesReady
from nlconsole.ui.screens.profiles import ProfilesScreen

if TYPE_CHECKING:
    from nlconsole.core.services import Services


def warm_first_check() -> None:
    """Off the event loop: import what the first check needs (the check screen, the kits' check
    modules, httpx's TLS context and lazy imports: ~80 ms the first check spent frozen)."""
    import importlib

    from nlconsole.core.warmup import warm_checks

    warm_checks()
    importlib.import_module("nlconsole.ui.screens.check")


class NLConsoleApp(App[int]):
    """The nlconsole terminal console."""

    TITLE = "nlconsole"
    CSS_PATH = "nlconsole.tcss"
    COMMANDS: ClassVar[set[Any]] = {ConsoleCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        bind("f1", "help", _("Help"), id="help", priority=True),
        bind("ctrl+t", "toggle_theme", _("Theme"), id="theme", show=False),
        bind("ctrl+q", "quit", _("Quit"), id="quit", priority=True),
        # Declared here so the footer's entry is translated (Textual adds an English one).
        bind(
            "ctrl+p",
            "command_palette",
            _("palette"),
            id="palette",
            show=False,
            priority=True,
            tooltip=_("Command palette"),
        ),
    ]

    def __init__(self, boot: Boot, *, language: Language | None = None) -> None:
        super().__init__()
        self._boot = boot
        self.language: Language = language or detect_language()
        translate_bindings(self, self.translate)
        self.services: Services | None = None
        self.environment: Environment | None = None
        self.collector = IdleCollector(self)

    @property
    def translate(self) -> Translator:
        """The translator of the UI language."""
        return Translator.for_language(self.language)

    def get_default_screen(self) -> Screen[Any]:
        """The profiles screen is the base screen (pushing it would cost a screen switch), with
        the rows the boot can tell at once, so the first frame already lists the profiles."""
        return ProfilesScreen(first_rows(self._boot))

    def on_mount(self) -> None:
        # Paint first: the boot imports keyring/pydantic and may start the sandbox.
        self.call_after_refresh(self._start_services)

    @work(thread=True, exclusive=True, group="boot", exit_on_error=False)
    def _start_services(self) -> None:
        """Boot, then (still off the event loop) read the keymap, which imports every screen
        to know the binding ids, warm the first check, and probe the keyring (it may block)."""
        try:
            services, environment = self._boot()
        except Exception as exc:
            self.post_message(BootFailed(exc))
            return
        self.post_message(ServicesReady(services, environment))
        from nlconsole.core.keymap import load_keymap
        from nlconsole.ui.keys import keymap_rules

        self.post_message(KeymapLoaded(load_keymap(services.config_dir, keymap_rules())))
        warm_first_check()
        with contextlib.suppress(RuntimeError):  # the app ended while the boot ran
            self.call_from_thread(self.collector.start)  # what lives now lives for the session
        from nlconsole.core.status import keyring_state

        keyring = keyring_state(services)  # blocking: it may probe the keyring daemon
        if keyring.problem is not None:
            self.post_message(KeyringUnavailable(keyring.problem))

    @on(ServicesReady)
    def _services_ready(self, message: ServicesReady) -> None:
        self.services = message.services
        self.environment = message.environment
        self.screen.post_message(ServicesReady(message.services, message.environment))

    @on(KeymapLoaded)
    def _keymap_loaded(self, message: KeymapLoaded) -> None:
        if message.keymap.bindings:
            self.set_keymap(message.keymap.bindings)
        for problem in message.keymap.problems:
            self.notify(
                self.translate(problem), title="keymap.toml", severity="warning", markup=False
            )

    @on(KeyringUnavailable)
    def _keyring_unavailable(self, message: KeyringUnavailable) -> None:
        """Short: the status panel (i) and the credentials screen give the whole fix."""
        self.notify(
            self.translate(
                _("{problem}\nPress i for the status and how to fix it.", problem=message.problem)
            ),
            title=self.translate(_("No secure keyring: secrets cannot be stored")),
            severity="warning",
            timeout=20,
            markup=False,
        )

    @on(BootFailed)
    def _boot_failed(self, message: BootFailed) -> None:
        from nlconsole.ui.screens.problem import ProblemScreen

        self.push_screen(ProblemScreen.from_error(message.error))

    def action_toggle_theme(self) -> None:
        """Switch between the dark and the light theme."""
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def action_help(self) -> None:
        """F1: help for the current screen (dialogs too: the binding has priority), or close it."""
        from nlconsole.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
        else:
            self.push_screen(HelpScreen(self.screen))

    def action_command_palette(self) -> None:
        """The command palette, with its prompt in the UI language."""
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(
                CommandPalette(
                    placeholder=self.translate(_("Search for commands…")), id="--command-palette"
                )
            )

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent) and not event.is_forwarded:
            self.collector.input_seen()
        await super().on_event(event)

    def on_unmount(self) -> None:
        self.collector.stop()
        if self.environment is not None:
            self.environment.close()

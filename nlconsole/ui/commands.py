"""Command palette entries: every action of the current screen by its footer name and key
(once each, with the user's keymap), and on the profile list, every profile by name, title and
provider: "Check acme" jumps to acme and runs its check."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Provider

from nlconsole.i18n import Translator, _
from nlconsole.ui.keys import effective_bindings, offered_bindings

Command = tuple[str, Callable[[], Any], str]
"""Title, what it runs, help (the key)."""


class ConsoleCommands(Provider):
    """The active screen's (and the app's) actions, and per-profile actions on the list."""

    @property
    def translate(self) -> Translator:
        """The console's translator."""
        from nlconsole.ui.app import NLConsoleApp

        app = self.app
        assert isinstance(app, NLConsoleApp)
        return app.translate

    def _actions(self) -> list[Command]:
        commands: list[Command] = []
        for node, binding, keys in offered_bindings(self.screen, self.app):
            title = self.translate.gettext(binding.description)
            if binding.tooltip:
                title = f"{title}: {self.translate.gettext(binding.tooltip)}"
            # What Widget.run_action does: the action, with the node as its namespace.
            commands.append((title, partial(self.app.run_action, binding.action, node), keys))
        return commands

    def _profile_commands(self) -> list[Command]:
        """On a screen listing profiles: go to each, or run each per-profile action on it."""
        screen: Any = self.screen
        profiles = getattr(screen, "profiles", None)
        per_profile = getattr(screen, "PER_PROFILE", ())
        if not isinstance(profiles, dict) or not per_profile:
            return []
        from nlconsole.core.kit import kit_for

        translate = self.translate
        actions = {
            b.action: (translate.gettext(b.description), keys)
            for b, keys in effective_bindings(screen)
            if b.action in per_profile
        }
        commands: list[Command] = []
        for name, profile in profiles.items():
            about = f"{name} · {profile.title} · {kit_for(profile).title}"
            commands.append(
                (
                    translate(_("Go to {profile}", profile=about)),
                    partial(screen.highlight, name),
                    "",
                )
            )
            for action, (title, keys) in actions.items():
                commands.append((f"{title} {about}", partial(self._on_profile, name, action), keys))
        return commands

    async def _on_profile(self, name: str, action: str) -> None:
        screen: Any = self.screen
        screen.highlight(name)
        await screen.run_action(action)

    async def discover(self) -> AsyncIterator[DiscoveryHit]:
        for title, run, key in self._actions():
            yield DiscoveryHit(title, run, help=key)

    async def search(self, query: str) -> AsyncIterator[Hit]:
        matcher = self.matcher(query)
        for title, run, key in self._actions() + self._profile_commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), run, help=key)

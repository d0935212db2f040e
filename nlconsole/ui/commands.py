"""Command palette entries: every action of the current screen, by its footer name and key."""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Provider


class ConsoleCommands(Provider):
    """Offers the bindings of the active screen (and the app) as palette commands, once each."""

    def _commands(self) -> list[tuple[str, str, str, str]]:
        screen = self.screen
        seen: set[str] = set()
        commands = []
        for node in (screen, self.app):
            for _key, binding in node._bindings:
                if not isinstance(binding, Binding) or not binding.description:
                    continue
                if binding.action in seen or not binding.show:
                    continue
                seen.add(binding.action)
                target = "screen" if node is screen else "app"
                key = self.app.get_key_display(binding)
                commands.append((binding.description, binding.action, target, key))
        return commands

    async def discover(self) -> AsyncIterator[DiscoveryHit]:
        for title, action, target, key in self._commands():
            yield DiscoveryHit(title, partial(self._run, action, target), help=key)

    async def search(self, query: str) -> AsyncIterator[Hit]:
        matcher = self.matcher(query)
        for title, action, target, key in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(title), partial(self._run, action, target), help=key
                )

    async def _run(self, action: str, target: str) -> None:
        node = self.screen if target == "screen" else self.app
        await node.run_action(action)

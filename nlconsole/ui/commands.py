"""Command palette entries: every action of the current screen, by its footer name."""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Provider


class ConsoleCommands(Provider):
    """Offers the bindings of the active screen (and the app) as palette commands."""

    def _commands(self) -> list[tuple[str, str, str]]:
        screen = self.screen
        seen: set[str] = set()
        commands = []
        for node in (screen, self.app):
            for binding in getattr(node, "BINDINGS", []):
                if not hasattr(binding, "action") or not binding.description:
                    continue
                if binding.action in seen or not binding.show:
                    continue
                seen.add(binding.action)
                target = "screen" if node is screen else "app"
                commands.append((binding.description, binding.action, target))
        return commands

    async def discover(self) -> AsyncIterator[DiscoveryHit]:
        for title, action, target in self._commands():
            yield DiscoveryHit(
                title, partial(self._run, action, target), help=f"{target}: {action}"
            )

    async def search(self, query: str) -> AsyncIterator[Hit]:
        matcher = self.matcher(query)
        for title, action, target in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._run, action, target))

    async def _run(self, action: str, target: str) -> None:
        node = self.screen if target == "screen" else self.app
        await node.run_action(action)

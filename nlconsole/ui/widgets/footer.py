"""The console's footer: help comes first, so F1 stays visible however narrow the terminal,
and dialogs show it too.

Textual's footer lists the focused widget's keys, then the screen's, then the app's, and cuts
what does not fit; at 80 columns that cut F1, the one key that explains all the others. On a
dialog (a modal screen) it lists only the dialog's keys, though F1 works there as well.

Textual recomposes the footer whenever a screen's bindings may have changed, which includes
every return to a screen (focus is restored), usually twice: each time ~15 new keys are mounted
and styled and the screen is laid out again (~25 ms on a list of 1000 profiles, which pushed the
return to that list over 50 ms). The footer recomposes only when what it shows differs.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from nlconsole.ui.keys import effective_bindings
from nlconsole.ui.watchers import prune_watchers

FIRST = ("help",)
"""App actions whose keys lead the footer on every screen."""


class ConsoleFooter(Footer):
    """A footer with F1 (help) first, on full screens and dialogs alike."""

    _composed_for: Any = None
    """What the keys on show were composed from (see `_shown`)."""

    def _shown(self) -> Any:
        """Everything `compose` reads that can change while the footer is mounted."""
        bindings = tuple(
            (binding, enabled, tooltip)
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
        )
        return bindings, self.show_command_palette, self.compact, self._bindings_ready

    async def recompose(self) -> None:
        """Compose again only when the keys would differ from the ones shown."""
        if self.is_attached and self._composed_for == self._shown():
            return
        await super().recompose()

    def compose(self) -> ComposeResult:
        self._composed_for = self._shown()
        # Each recompose binds new keys to `compact`; let the removed ones (and the Headers of
        # closed screens, bound to the app's title) go.
        prune_watchers(self)
        prune_watchers(self.app)
        widgets = list(super().compose())
        first = [w for w in widgets if isinstance(w, FooterKey) and w.action in FIRST]
        if not first and widgets:
            first = [
                FooterKey(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                ).data_bind(compact=Footer.compact)
                for binding, _keys in effective_bindings(self.app)
                if binding.action in FIRST
            ]
            columns = self.styles.grid_size_columns or 0
            self.styles.grid_size_columns = columns + len(first)
        yield from first
        yield from (w for w in widgets if w not in first)

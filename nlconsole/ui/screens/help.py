"""F1: what the current screen is for and every key it understands, as the user mapped them."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from nlconsole.i18n import _
from nlconsole.ui.bindings import bind
from nlconsole.ui.keys import offered_bindings
from nlconsole.ui.screens.base import ConsoleModal
from nlconsole.ui.widgets.footer import ConsoleFooter


class HelpScreen(ConsoleModal[None]):
    """Help for one screen: its purpose and its active bindings (with the user's keys)."""

    NAME = _("Help")

    BINDINGS: ClassVar[list[BindingType]] = [
        bind("escape,f1,q", "dismiss", _("Close"), id="help.close"),
    ]

    def __init__(self, about: Screen[object]) -> None:
        super().__init__()
        self.about = about

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, pad_edge=False)
        table.add_column(style="bold")
        table.add_column()
        table.add_column(style="dim")
        for _node, binding, keys in offered_bindings(self.about, self.app):
            table.add_row(keys, self.translate.gettext(binding.description), binding.id or "")
        table.add_row(
            self.app.get_key_display(Binding("ctrl+p", "", "")), self.t(_("Command palette")), ""
        )
        name = self.t(getattr(self.about, "NAME", "")) or type(self.about).__name__
        with VerticalScroll(id="help"):
            yield Static(RichText(self.t(_("Help: {screen}", screen=name)), style="bold"))
            yield Static(RichText(self.t(getattr(self.about, "PURPOSE", ""))))
            yield Static(table, id="help-keys")
            yield Static(
                RichText(
                    self.t(
                        _(
                            "Remap keys by id in keymap.toml in the config dir, e.g. {example}. "
                            "Esc / F1: close",
                            example='"profile.check" = "ctrl+k"',
                        )
                    ),
                    style="dim",
                )
            )
        yield ConsoleFooter()

    async def action_dismiss(self, result: None = None) -> None:
        """Close help."""
        self.dismiss(result)

"""F1: what the current screen is for and every key it understands."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


class HelpScreen(ModalScreen[None]):
    """Help for one screen: its HELP text and its bindings."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, about: Screen[object]) -> None:
        super().__init__()
        self.about = about

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, pad_edge=False)
        table.add_column(style="bold")
        table.add_column()
        table.add_column(style="dim")
        for node in (self.about, self.app):
            for binding in getattr(node, "BINDINGS", []):
                if isinstance(binding, Binding) and binding.description:
                    table.add_row(
                        self.app.get_key_display(binding), binding.description, binding.id or ""
                    )
        table.add_row(self.app.get_key_display(Binding("ctrl+p", "", "")), "Command palette")
        with VerticalScroll(id="help"):
            yield Static(
                Text(f"Help: {type(self.about).__name__.removesuffix('Screen')}", style="bold")
            )
            yield Static(Text(getattr(self.about, "HELP", "") or ""))
            yield Static(table)
            yield Static(
                Text(
                    "Remap keys by id in keymap.toml in the config dir, e.g. "
                    '"profile.check" = "ctrl+k". Esc / F1: close',
                    style="dim",
                )
            )

    async def action_dismiss(self, result: None = None) -> None:
        """Close help."""
        self.dismiss(result)

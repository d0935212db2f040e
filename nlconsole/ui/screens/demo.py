"""The demo explains itself: the sandbox's seeded scenarios (expired key, create+update key,
developer mode off, Lite plan, …) with their credentials, one key away from a check.

The scenarios come from the running sandbox's `describe()`; a scenario's values whose names are
secret fields of the provider's kit are stored in that provider's demo profile, so nothing here
knows one provider from another.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import SecretStr
from rich.text import Text as RichText
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Header, Static

from nlconsole.core.kit import all_kits
from nlconsole.core.scenarios import scenario_text
from nlconsole.i18n import Text, _
from nlconsole.ui.bindings import bind
from nlconsole.ui.messages import ScenarioApplied
from nlconsole.ui.screens.base import ConsoleScreen
from nlconsole.ui.widgets.footer import ConsoleFooter


class Scenario:
    """One seeded sandbox scenario: which provider, what it shows, the values to enter."""

    def __init__(self, provider: str, title: str, entry: dict[str, Any]) -> None:
        self.provider = provider
        self.title = title
        self.name = str(entry.get("scenario", ""))
        self.description = scenario_text(provider, self.name, str(entry.get("description", "")))
        self.values = {
            key: ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            for key, value in entry.items()
            if value is not None
        }


def scenarios(description: dict[str, Any]) -> list[Scenario]:
    """Every scenario the sandbox describes, for the providers the console has kits for."""
    found: list[Scenario] = []
    for kit in all_kits():
        section = description.get(kit.kind.value, {})
        for entries in section.values():
            if isinstance(entries, list):
                found.extend(
                    Scenario(kit.kind.value, kit.title, e) for e in entries if isinstance(e, dict)
                )
    return found


class DemoScreen(ConsoleScreen):
    """The sandbox's scenarios; Enter tries the highlighted one on its demo profile."""

    NAME = _("Demo scenarios")

    PURPOSE = _(
        "The demo's sandbox has ready-made accounts and keys, each showing one situation you will "
        "meet with customers. Pick one and press Enter: its values are stored in the demo "
        "profile of that provider (in memory) and the check runs. Esc returns to the profiles."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        bind("enter", "try_scenario", _("Try it"), id="demo.try"),
        bind("escape", "app.pop_screen", _("Back"), id="demo.back"),
    ]

    def __init__(self, description: dict[str, Any], profiles: dict[str, str]) -> None:
        super().__init__()
        self.scenarios = scenarios(description)
        self.profiles = profiles
        """Provider kind → the demo profile its scenarios are tried on."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="demo"):
            yield Static(RichText(self.t(self.PURPOSE)), id="demo-intro")
            yield DataTable(id="scenarios", cursor_type="row")
            yield Static("", id="scenario-detail")
        yield ConsoleFooter()

    def on_mount(self) -> None:
        table = self.query_one("#scenarios", DataTable)
        table.add_columns(self.t(_("Provider")), self.t(_("Scenario")), self.t(_("What it shows")))
        for index, scenario in enumerate(self.scenarios):
            table.add_row(
                scenario.title, scenario.name, self._fitted(scenario.description), key=str(index)
            )
        table.focus()
        self._show_detail()

    def _fitted(self, description: Text) -> str:
        """The description cut with "…" to the room left of the screen (the detail below shows
        it whole)."""
        text = self.t(description)
        room = max(20, self.app.size.width - 42)
        return text if len(text) <= room else text[: room - 1].rstrip() + "…"

    def selected(self) -> Scenario | None:
        """The highlighted scenario."""
        table = self.query_one("#scenarios", DataTable)
        if table.row_count == 0:
            return None
        return self.scenarios[table.cursor_row]

    @on(DataTable.RowHighlighted)
    def _show_detail(self) -> None:
        scenario = self.selected()
        detail = self.query_one("#scenario-detail", Static)
        if scenario is None:
            detail.update("")
            return
        values = "\n".join(
            f"  {key}: {value}"
            for key, value in scenario.values.items()
            if key not in ("scenario", "description")
        )
        profile = self.profiles.get(scenario.provider, "")
        hint = _(
            "Try this: press Enter to store these values in '{profile}' and run its check. "
            "Afterwards compare the rows with what the scenario shows.",
            profile=profile,
        )
        detail.update(RichText(f"{self.t(scenario.description)}\n{values}\n{self.t(hint)}"))

    @on(DataTable.RowSelected)
    def action_try_scenario(self) -> None:
        """Store the scenario's values in its demo profile, then run the check."""
        scenario = self.selected()
        if scenario is not None and scenario.provider in self.profiles:
            self._apply(scenario, self.profiles[scenario.provider])

    @work(thread=True, exclusive=True, group="demo", exit_on_error=False)
    def _apply(self, scenario: Scenario, profile_name: str) -> None:
        from nlconsole.core.kit import kit_for

        profile = self.services.profiles.get(profile_name)
        for field in kit_for(profile).secret_fields:
            value = scenario.values.get(field.name)
            if value is not None:
                self.services.secrets.set(profile.name, field.name, SecretStr(value))
        self.post_message(ScenarioApplied(profile))

    @on(ScenarioApplied)
    def _applied(self, message: ScenarioApplied) -> None:
        from nlconsole.ui.screens.check import CheckScreen

        self.app.push_screen(CheckScreen(message.profile))

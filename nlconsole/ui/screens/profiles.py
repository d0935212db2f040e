"""The main screen: the profiles, with provider, environment and last check result."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Footer, Header, Static

from nlconsole.ui.messages import ProfilesChanged, ServicesReady
from nlconsole.ui.screens.base import ConsoleScreen

if TYPE_CHECKING:
    from textual.widgets import DataTable

    from nlconsole.core.models import Profile

OUTCOME_STYLE = {"pass": "green", "warn": "yellow", "fail": "bold red"}


class ProfilesLoaded(Message):
    """The profile store was read."""

    def __init__(self, profiles: list[Profile], warnings: list[str]) -> None:
        super().__init__()
        self.profiles = profiles
        self.warnings = warnings


class ProfilesScreen(ConsoleScreen):
    """Lists profiles; every other screen starts from here."""

    HELP = (
        "Profiles: one per customer interface (a provider account in one environment).\n"
        "Pick a profile with the arrow keys, then open its checklist, credentials or "
        "connectivity check. Secrets are stored in the OS keyring (in memory in the demo)."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_profile", "New", id="profile.new"),
        Binding("e", "edit_profile", "Edit", id="profile.edit"),
        Binding("d", "delete_profile", "Delete", id="profile.delete"),
        Binding("l", "checklist", "Checklist", id="profile.checklist"),
        Binding("s", "credentials", "Credentials", id="profile.credentials"),
        Binding("c", "check", "Check", id="profile.check"),
        Binding("r", "reload", "Reload", id="profile.reload", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.profiles: dict[str, Profile] = {}
        self.load_failed = False
        """After a failed load, only an explicit reload (r) tries again, not every resume."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="banner")
        with Vertical(id="main"):
            yield Static(self.t("loading"), id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#banner", Static).display = False
        if self.console.services is not None:
            self._on_services(self.console.environment)

    @on(ServicesReady)
    def _services_ready(self, message: ServicesReady) -> None:
        self._on_services(message.environment)

    def _on_services(self, environment: object) -> None:
        from nlconsole.ui.boot import Environment

        if isinstance(environment, Environment) and environment.demo:
            banner = self.query_one("#banner", Static)
            banner.update(self.t("demo_banner").format(url=environment.sandbox_url))
            banner.display = True
        self.load_profiles()

    def on_screen_resume(self) -> None:
        if self.console.services is not None and not self.load_failed:
            self.load_profiles()

    @on(ProfilesChanged)
    def _changed(self) -> None:
        self.load_profiles()

    @work(thread=True, exclusive=True, group="profiles", exit_on_error=False)
    def load_profiles(self) -> None:
        """Read profiles.toml off the event loop."""
        try:
            profile_set = self.services.profiles.load()
        except Exception as exc:
            self.app.call_from_thread(self._load_failed, exc)
            return
        self.post_message(ProfilesLoaded(list(profile_set.profiles.values()), profile_set.warnings))

    def _table(self) -> DataTable[Text | str]:
        """The profiles table, mounted on first use (the first frame does not wait for it)."""
        from textual.widgets import DataTable

        found = self.query("#profiles")
        if found:
            existing: DataTable[Text | str] = found.only_one(DataTable)
            return existing
        table: DataTable[Text | str] = DataTable(
            id="profiles", cursor_type="row", zebra_stripes=True
        )
        self.query_one("#main").mount(table, before="#detail")
        table.add_columns(
            self.t("profiles"), self.t("provider"), self.t("environment"), self.t("last_check")
        )
        table.focus()
        return table

    def _load_failed(self, error: Exception) -> None:
        self.load_failed = True
        self.query_one("#detail", Static).update(Text(self.t("load_failed"), style="bold red"))
        self.show_problem(error)

    @on(ProfilesLoaded)
    def _loaded(self, message: ProfilesLoaded) -> None:
        self.load_failed = False
        selected = self.selected_name()
        table = self._table()
        table.clear()
        self.profiles = {p.name: p for p in message.profiles}
        for profile in message.profiles:
            table.add_row(*self._row(profile), key=profile.name)
        if selected in self.profiles:
            table.move_cursor(row=table.get_row_index(selected))
        for warning in message.warnings:
            self.notify(warning, title="profiles.toml", severity="warning", markup=False)
        self._show_detail()

    def _row(self, profile: Profile) -> tuple[Text, str, str, Text]:
        check = profile.last_check
        if check is None:
            last = Text(self.t("never"), style="dim")
        else:
            last = Text(
                f"{check.outcome.upper()} {check.at.astimezone():%Y-%m-%d %H:%M}",
                style=OUTCOME_STYLE[check.outcome],
            )
        return Text(profile.title), profile.provider.value, profile.environment.value, last

    def on_data_table_row_highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        from nlconsole.core.checklists import progress

        detail = self.query_one("#detail", Static)
        profile = self.selected()
        if profile is None:
            detail.update(Text(self.t("no_profiles")) if not self.profiles else "")
            return
        done, total = progress(profile)
        lines = [f"{profile.name} · {profile.base_url}", f"{self.t('checklist')}: {done}/{total}"]
        if profile.last_check:
            lines.append(f"{self.t('last_check')}: {profile.last_check.summary}")
        detail.update(Text("\n".join(lines)))

    def selected_name(self) -> str | None:
        """The name of the highlighted profile."""
        if not self.query("#profiles"):
            return None
        table = self._table()
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return str(key.value) if key.value is not None else None

    def selected(self) -> Profile | None:
        """The highlighted profile."""
        name = self.selected_name()
        return self.profiles.get(name) if name else None

    def _need_profile(self) -> Profile | None:
        if self.console.services is None:
            self.notify("Still starting …", severity="warning")
            return None
        profile = self.selected()
        if profile is None:
            self.notify(self.t("no_profiles"), severity="warning", markup=False)
        return profile

    # -- actions -------------------------------------------------------------------------------

    def action_new_profile(self) -> None:
        """Create a profile."""
        if self.console.services is None:
            return
        from nlconsole.ui.screens.profile_form import ProfileFormScreen

        self.app.push_screen(ProfileFormScreen(None, set(self.profiles)), self._save_profile)

    def action_edit_profile(self) -> None:
        """Edit the highlighted profile."""
        profile = self._need_profile()
        if profile is not None:
            from nlconsole.ui.screens.profile_form import ProfileFormScreen

            self.app.push_screen(ProfileFormScreen(profile, set(self.profiles)), self._save_profile)

    def _save_profile(self, profile: Profile | None) -> None:
        if profile is not None:
            self._store_profile(profile)

    @work(thread=True, group="profiles-save", exit_on_error=False)
    def _store_profile(self, profile: Profile) -> None:
        try:
            self.services.profiles.put(profile)
        except Exception as exc:
            self.app.call_from_thread(self.show_problem, exc)
            return
        self.app.call_from_thread(self.notify, f"Saved profile '{profile.name}'", markup=False)
        self.post_message(ProfilesChanged())

    def action_delete_profile(self) -> None:
        """Delete the highlighted profile (after confirmation) and its secrets."""
        profile = self._need_profile()
        if profile is None:
            return
        from nlconsole.ui.screens.confirm import ConfirmScreen

        question = (
            f"Delete profile '{profile.name}' and its stored secrets?\nThis cannot be undone."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(profile.name)

        self.app.push_screen(ConfirmScreen(question), answered)

    @work(thread=True, group="profiles-save", exit_on_error=False)
    def _delete(self, name: str) -> None:
        try:
            self.services.remove_profile(self.profiles[name])
        except Exception as exc:
            self.app.call_from_thread(self.show_problem, exc)
            return
        self.app.call_from_thread(self.notify, f"Deleted profile '{name}'", markup=False)
        self.post_message(ProfilesChanged())

    def action_credentials(self) -> None:
        """Enter or replace the highlighted profile's secrets."""
        profile = self._need_profile()
        if profile is not None:
            from nlconsole.ui.screens.credentials import CredentialsScreen

            self.app.push_screen(CredentialsScreen(profile))

    def action_check(self) -> None:
        """Run the connectivity check of the highlighted profile."""
        profile = self._need_profile()
        if profile is not None:
            from nlconsole.ui.screens.check import CheckScreen

            self.app.push_screen(CheckScreen(profile))

    def action_checklist(self) -> None:
        """Open the highlighted profile's setup checklist."""
        profile = self._need_profile()
        if profile is not None:
            from nlconsole.ui.screens.checklist import ChecklistScreen

            self.app.push_screen(ChecklistScreen(profile))

    def action_reload(self) -> None:
        """Read profiles.toml again."""
        if self.console.services is not None:
            self.load_profiles()

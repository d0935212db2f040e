"""The main screen: the profiles, with provider, environment and last check result."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text as RichText
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Header, Static
from textual.worker import Worker

from nlconsole.i18n import _
from nlconsole.ui.bindings import bind
from nlconsole.ui.messages import ProfilesChanged, ProfilesLoaded, ServicesReady
from nlconsole.ui.screens.base import ConsoleScreen
from nlconsole.ui.screens.profile_links import ProfileLinks
from nlconsole.ui.widgets.footer import ConsoleFooter

if TYPE_CHECKING:
    from textual.widgets import DataTable

    from nlconsole.core.models import Profile
    from nlconsole.core.settings import ProfileDraft

OUTCOME_STYLE = {"pass": "green", "warn": "yellow", "fail": "bold red"}
TITLE_WIDTH = 40
"""Longer display names are cut with "…" so the other columns stay on screen."""
NO_PROFILES = _("No profiles yet. Press n to create one.")


class ProfilesScreen(ProfileLinks, ConsoleScreen):
    """Lists profiles; every other screen starts from here."""

    PURPOSE = _(
        "Profiles: one per customer interface (a provider account in one environment). Pick a "
        "profile with the arrow keys, then open its checklist, credentials or connectivity "
        "check. Secrets are stored in the OS keyring (in memory in the demo)."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        bind("n", "new_profile", _("New"), id="profile.new", tooltip=_("create a profile")),
        bind("e", "edit_profile", _("Edit"), id="profile.edit", tooltip=_("edit the profile")),
        bind(
            "d",
            "delete_profile",
            _("Delete"),
            id="profile.delete",
            tooltip=_("delete the profile and its secrets"),
        ),
        bind(
            "l", "checklist", _("Checklist"), id="profile.checklist", tooltip=_("the setup steps")
        ),
        bind(
            "s",
            "credentials",
            _("Credentials"),
            id="profile.credentials",
            tooltip=_("enter or replace API keys and logins"),
        ),
        bind(
            "c",
            "check",
            _("Check"),
            id="profile.check",
            tooltip=_("test the connection and the credentials"),
        ),
        bind(
            "j",
            "journeys",
            _("Journeys"),
            id="profile.journeys",
            tooltip=_("test sign-ups along the user journeys"),
        ),
        bind(
            "b",
            "bootstrap",
            _("Bootstrap"),
            id="profile.bootstrap",
            tooltip=_("create the address books and custom fields the interface needs"),
        ),
        bind(
            "p",
            "protocol",
            _("Protocol"),
            id="profile.protocol",
            tooltip=_("the acceptance protocol the customer signs"),
        ),
        bind("r", "reload", _("Reload"), id="profile.reload", show=False),
        bind("i", "status", _("Status"), id="profile.status"),
        bind("t", "demo", _("Try scenarios"), id="profile.demo"),
    ]

    PER_PROFILE = ("check", "credentials", "checklist", "edit_profile", "delete_profile")
    """Actions the command palette offers for each profile by name ("Check acme")."""

    def __init__(self) -> None:
        super().__init__()
        self.profiles: dict[str, Profile] = {}
        self.load_failed = False
        """After a failed load, only an explicit reload (r) tries again, not every resume."""
        self._select_next: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="banner")
        with Vertical(id="main"):
            yield Static(self.t(_("Loading profiles …")), id="detail")
        yield ConsoleFooter()

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
            banner.update(
                self.t(
                    _(
                        "DEMO: sandbox at {url} · secrets in memory only · nothing is saved · "
                        "t: scenarios to try",
                        url=environment.sandbox_url or "",
                    )
                )
            )
            banner.display = True
        self.refresh_bindings()
        self.load_profiles()

    def on_screen_resume(self) -> None:
        if self.console.services is not None and not self.load_failed:
            self.load_profiles()

    @on(ProfilesChanged)
    def _changed(self, message: ProfilesChanged) -> None:
        if message.notice is not None:
            self.notify(self.t(message.notice), markup=False)
        self._select_next = message.selected or self._select_next
        self.load_profiles()
        if message.created is not None:
            self._open_credentials(message.created)

    @work(thread=True, exclusive=True, group="profiles", exit_on_error=False)
    def load_profiles(self) -> None:
        """Read profiles.toml off the event loop."""
        profile_set = self.services.profiles.load()
        self.post_message(ProfilesLoaded(list(profile_set.profiles.values()), profile_set.warnings))

    def worker_failed(self, worker: Worker[Any], error: BaseException) -> None:
        if worker.group == "profiles":
            self.load_failed = True
            self.query_one("#detail", Static).update(
                RichText(
                    self.t(
                        _(
                            "profiles.toml cannot be read; it was left untouched. Fix the file, "
                            "then press r to reload."
                        )
                    ),
                    style="bold red",
                )
            )

    def _table(self) -> DataTable[RichText | str]:
        """The profiles table, mounted on first use (the first frame does not wait for it)."""
        from textual.widgets import DataTable

        found = self.query("#profiles")
        if found:
            existing: DataTable[RichText | str] = found.only_one(DataTable)
            return existing
        table: DataTable[RichText | str] = DataTable(
            id="profiles", cursor_type="row", zebra_stripes=True
        )
        self.query_one("#main").mount(table, before="#detail")
        table.add_columns(
            self.t(_("Profiles")),
            self.t(_("Provider")),
            self.t(_("Environment")),
            self.t(_("Last check")),
        )
        table.focus()
        return table

    @on(ProfilesLoaded)
    def _loaded(self, message: ProfilesLoaded) -> None:
        self.load_failed = False
        selected = self._select_next or self.selected_name()
        self._select_next = None
        table = self._table()
        table.clear()
        self.profiles = {p.name: p for p in message.profiles}
        for profile in message.profiles:
            table.add_row(*self._row(profile), key=profile.name)
        if selected in self.profiles:
            table.move_cursor(row=table.get_row_index(selected))
        for warning in message.warnings:
            self.notify(self.t(warning), title="profiles.toml", severity="warning", markup=False)
        self._show_detail()

    def _row(self, profile: Profile) -> tuple[RichText, str, str, RichText]:
        from nlconsole.core.kit import kit_for

        check = profile.last_check
        if check is None:
            last = RichText(self.t(_("never")), style="dim")
        else:
            last = RichText(
                f"{check.outcome.upper()} {self.translate.datetime(check.at)}",
                style=OUTCOME_STYLE[check.outcome],
            )
        title = profile.title
        if len(title) > TITLE_WIDTH:
            title = title[: TITLE_WIDTH - 1] + "…"
        return RichText(title), kit_for(profile).title, profile.environment.value, last

    def on_data_table_row_highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        from nlconsole.core.checklists import progress
        from nlconsole.core.kit import kit_for

        detail = self.query_one("#detail", Static)
        profile = self.selected()
        if profile is None:
            detail.update(RichText(self.t(NO_PROFILES)) if not self.profiles else "")
            return
        done, total = progress(kit_for(profile).checklist(), profile)
        lines = [
            f"{profile.name} · {profile.base_url}",
            self.t(_("Checklist: {done}/{total}", done=done, total=total)),
        ]
        if profile.last_check:
            lines.append(self.t(_("Last check: {summary}", summary=profile.last_check.summary)))
        detail.update(RichText("\n".join(lines)))

    def selected_name(self) -> str | None:
        """The name of the highlighted profile."""
        if not self.query("#profiles"):
            return None
        table = self._table()
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return str(key.value) if key.value is not None else None

    def highlight(self, name: str) -> None:
        """Move the cursor to a profile (from the command palette)."""
        table = self._table()
        if name in self.profiles:
            table.move_cursor(row=table.get_row_index(name))

    def selected(self) -> Profile | None:
        """The highlighted profile."""
        name = self.selected_name()
        return self.profiles.get(name) if name else None

    def _need_profile(self) -> Profile | None:
        if self.console.services is None:
            self.notify(self.t(_("Still starting …")), severity="warning")
            return None
        profile = self.selected()
        if profile is None:
            self.notify(self.t(NO_PROFILES), severity="warning", markup=False)
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

    def _save_profile(self, draft: ProfileDraft | None) -> None:
        if draft is not None:
            self._store_profile(draft)

    @work(thread=True, group="profiles-save", exit_on_error=False)
    def _store_profile(self, draft: ProfileDraft) -> None:
        """Add the new profile, or change the fresh one (never write back a stale copy)."""
        store = self.services.profiles
        created = None
        if draft.is_new:
            created = draft.new_profile()
            store.add(created)
        else:
            store.update(draft.name, draft.apply)
        notice = _("Saved profile '{name}'", name=draft.name)
        self.post_message(ProfilesChanged(draft.name, notice, created=created))

    def action_delete_profile(self) -> None:
        """Delete the highlighted profile (after confirmation) and its secrets."""
        profile = self._need_profile()
        if profile is None:
            return
        from nlconsole.ui.screens.confirm import ConfirmScreen

        question = _(
            "Delete profile '{name}' and its stored secrets?\nThis cannot be undone.",
            name=profile.name,
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(profile.name)

        self.app.push_screen(ConfirmScreen(question), answered)

    @work(thread=True, group="profiles-save", exit_on_error=False)
    def _delete(self, name: str) -> None:
        self.services.remove_profile(self.profiles[name])
        self.post_message(ProfilesChanged(notice=_("Deleted profile '{name}'", name=name)))

    def action_credentials(self) -> None:
        """Enter or replace the highlighted profile's secrets."""
        profile = self._need_profile()
        if profile is not None:
            self._open_credentials(profile)

    def _open_credentials(self, profile: Profile) -> None:
        from nlconsole.ui.screens.credentials import CredentialsScreen

        self.app.push_screen(CredentialsScreen(profile))

    def action_reload(self) -> None:
        """Read profiles.toml again."""
        if self.console.services is not None:
            self.load_profiles()

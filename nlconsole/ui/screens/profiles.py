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
from nlconsole.ui.screens.profile_fleet import FleetCheck
from nlconsole.ui.screens.profile_links import NO_PROFILES, ProfileLinks
from nlconsole.ui.widgets.footer import ConsoleFooter
from nlconsole.ui.widgets.profile_table import ProfileTable

if TYPE_CHECKING:
    from collections.abc import Sequence

    from nlconsole.core.models import Profile
    from nlconsole.core.profile_rows import ProfileRow
    from nlconsole.core.profiles import Fingerprint
    from nlconsole.core.settings import ProfileDraft


class ProfilesScreen(FleetCheck, ProfileLinks, ConsoleScreen):
    """Lists profiles; every other screen starts from here."""

    NAME = _("Profiles")

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
            "A",
            "check_all",
            _("Check all"),
            id="profile.check_all",
            tooltip=_("check every profile at once; press again to cancel"),
        ),
        bind("escape", "cancel_check_all", _("Cancel check all"), id="profile.check_all.cancel"),
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

    def __init__(self, rows: Sequence[ProfileRow] = ()) -> None:
        super().__init__()
        self.profiles: dict[str, Profile] = {}
        """The validated profiles (empty until the store's full load arrives)."""
        self.loaded = False
        self.load_failed = False
        """After a failed load, only an explicit reload (r) tries again, not every resume."""
        self._select_next: str | None = None
        self._first_rows = list(rows)
        self._fingerprint: Fingerprint | None = None
        """profiles.toml's version that the list shows."""
        self._detail_shown: str | None = None
        """The profile details under the table, as shown."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="banner")
        with Vertical(id="main"):
            yield ProfileTable(self.translate, self._first_rows)
            yield Static("" if self._first_rows else self.t(_("Loading profiles …")), id="detail")
        yield ConsoleFooter()

    def on_mount(self) -> None:
        self.query_one("#banner", Static).display = False
        self.table.focus()
        if self.console.services is not None:
            self._on_services(self.console.environment)

    @property
    def table(self) -> ProfileTable:
        """The profiles table."""
        return self.query_one(ProfileTable)

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
            # After the list is painted: a thread validating 1000 profiles takes the
            # interpreter lock from the event loop every 5 ms, which doubled the repaint's freeze.
            self.call_after_refresh(self.load_profiles)

    @on(ProfilesChanged)
    def _changed(self, message: ProfilesChanged) -> None:
        if message.notice is not None:
            self.notify(self.t(message.notice), markup=False)
        self._select_next = message.selected or self._select_next
        # Forced: a load started when the form closed may already have read the saved file
        # (and its version), before this message set the profile to select.
        self.load_profiles(force=True)
        if message.created is not None:
            self._open_credentials(message.created)

    @work(thread=True, exclusive=True, group="profiles", exit_on_error=False)
    def load_profiles(self, *, force: bool = False) -> None:
        """Read and validate profiles.toml off the event loop (the rows too: 1000 are work);
        unless forced, not when the file is the one already shown (most returns to the list)."""
        from nlconsole.core.profile_rows import rows_of

        store = self.services.profiles
        fingerprint = store.fingerprint()
        if not force and self.loaded and fingerprint == self._fingerprint:
            return
        profile_set = store.load()
        profiles = list(profile_set.profiles.values())
        self._fingerprint = fingerprint
        self.post_message(ProfilesLoaded(profiles, profile_set.warnings, rows_of(profiles)))

    def worker_failed(self, worker: Worker[Any], error: BaseException) -> None:
        if worker.group == "profiles":
            self.load_failed = True
            self.loaded = False
            self.profiles = {}
            self.table.show([])  # rows read before the file broke are no longer what it says
            self._detail_shown = None
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

    @on(ProfilesLoaded)
    def _loaded(self, message: ProfilesLoaded) -> None:
        self.loaded = True
        self.load_failed = False
        table = self.table
        self.profiles = {p.name: p for p in message.profiles}
        selected = table.selected_name
        if self._select_next in self.profiles:
            # Only a load that has it: one read before the save (when the form closed) has not.
            selected, self._select_next = self._select_next, None
        table.show(message.rows)
        table.select(selected)
        for warning in message.warnings:
            self.notify(self.t(warning), title="profiles.toml", severity="warning", markup=False)
        self._show_detail()

    def on_data_table_row_highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        if not self.loaded:  # rows of the first frame: the checklist import (pydantic) waits
            return
        from nlconsole.core.checklists import progress
        from nlconsole.core.kit import kit_for

        detail = self.query_one("#detail", Static)
        profile = self.selected()
        if profile is None:
            self._detail_shown = None
            detail.update(RichText(self.t(NO_PROFILES)) if not self.profiles else "")
            return
        done, total = progress(kit_for(profile).checklist(), profile)
        lines = [
            f"{profile.name} · {profile.base_url}",
            self.t(_("Checklist: {done}/{total}", done=done, total=total)),
        ]
        if profile.last_check:
            lines.append(self.t(_("Last check: {summary}", summary=profile.last_check.summary)))
        text = "\n".join(lines)
        if text != self._detail_shown:  # an update lays out the screen again (~20 ms at 1000)
            self._detail_shown = text
            detail.update(RichText(text))

    def selected_name(self) -> str | None:
        """The name of the highlighted profile."""
        return self.table.selected_name

    def highlight(self, name: str) -> None:
        """Move the cursor to a profile (from the command palette)."""
        self.table.select(name)

    def selected(self) -> Profile | None:
        """The highlighted profile."""
        name = self.selected_name()
        return self.profiles.get(name) if name else None

    def _need_profile(self) -> Profile | None:
        if self.console.services is None or not self.loaded:
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
            self.load_profiles(force=True)

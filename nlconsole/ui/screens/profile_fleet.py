"""`A` on the profile list: check every profile at once, with a live status column.

The same core as `nlconsole check --all` (bounded concurrency, a deadline per check, one failing
profile never stops the others, one write of the results), run as an async worker on the event
loop: checks only await network I/O. Each result shows in the profile's row the moment it is
known. Esc or a second `A` cancels; what finished by then is kept on its profile, as a single
check keeps its result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text as RichText
from textual import work
from textual.worker import Worker, WorkerState

from nlconsole.i18n import _, _n
from nlconsole.ui.messages import FleetResultReady, ProfilesChanged
from nlconsole.ui.screens.profile_links import NO_PROFILES

if TYPE_CHECKING:
    from nlconsole.core.fleet import FleetResult
    from nlconsole.core.models import Profile
    from nlconsole.core.report import Report
    from nlconsole.core.services import Services
    from nlconsole.i18n import Text
    from nlconsole.ui.widgets.profile_table import ProfileTable

FLEET_GROUP = "check-all"


class FleetCheck:
    """The profile list's "check all"."""

    app: Any
    console: Any
    profiles: dict[str, Profile]
    loaded: bool
    _fleet_worker: Worker[None] | None = None
    _fleet_reports: list[Report]
    _fleet_pending: set[str]

    if TYPE_CHECKING:  # what the screen it is mixed into provides

        @property
        def table(self) -> ProfileTable: ...
        @property
        def services(self) -> Services: ...

        def t(self, text: Text | None) -> str: ...
        def notify(self, message: str, **kwargs: Any) -> None: ...
        def refresh_bindings(self) -> None: ...
        def post_message(self, message: Any) -> bool: ...

    @property
    def fleet_running(self) -> bool:
        """Whether "check all" is running."""
        return self._fleet_worker is not None and self._fleet_worker.is_running

    def action_check_all(self) -> None:
        """Check every profile at once; pressed again while running, cancel."""
        if self.fleet_running:
            self.action_cancel_check_all()
            return
        if self.console.services is None or not self.loaded:
            self.notify(self.t(_("Still starting …")), severity="warning")
            return
        if not self.profiles:
            self.notify(self.t(NO_PROFILES), severity="warning", markup=False)
            return
        self._fleet_reports = []
        self._fleet_pending = set(self.profiles)
        running = RichText(self.t(_("running…")), style="dim")
        for name in self.profiles:
            self.table.set_status(name, running)
        self._fleet_worker = self._check_all(list(self.profiles.values()))
        self.refresh_bindings()

    def action_cancel_check_all(self) -> None:
        """Cancel "check all" (what finished is kept)."""
        if self._fleet_worker is not None and self._fleet_worker.is_running:
            self._fleet_worker.cancel()

    @work(exclusive=True, group=FLEET_GROUP, exit_on_error=False)
    async def _check_all(self, profiles: list[Profile]) -> None:
        from nlconsole.core.fleet import check_fleet

        def on_result(result: FleetResult) -> None:
            if result.report is not None:
                self._fleet_reports.append(result.report)
            self.post_message(FleetResultReady(result))

        await check_fleet(profiles, self.services, on_result=on_result)

    def on_fleet_result_ready(self, message: FleetResultReady) -> None:
        """A profile's check finished: show its result in its row (a handler by name: `@on`
        is not seen in a mixin)."""
        result = message.result
        name = result.profile.name
        self._fleet_pending.discard(name)
        self.table.set_status(name, status_cell(result, self.t))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != FLEET_GROUP or not event.worker.is_finished:
            return
        self.refresh_bindings()
        if event.state is WorkerState.CANCELLED:
            cancelled = RichText(self.t(_("cancelled")), style="dim")
            for name in self._fleet_pending:
                self.table.set_status(name, cancelled)
            self._record_finished(list(self._fleet_reports))
        elif event.state is WorkerState.SUCCESS:
            self.post_message(ProfilesChanged(notice=self._fleet_summary()))

    @work(thread=True, group="check-all-record", exit_on_error=False)
    def _record_finished(self, reports: list[Report]) -> None:
        """After a cancel: keep the results that did arrive (the fleet writes them itself only
        when it finishes)."""
        from nlconsole.core.fleet import record_results

        record_results(self.services, reports)
        self.post_message(ProfilesChanged(notice=_("Check all was cancelled.")))

    def _fleet_summary(self) -> Text:
        total = len(self.profiles)
        passed = sum(1 for report in self._fleet_reports if report.ok)
        return _n(
            "Checked {count} profile: {passed} passed.",
            "Checked {count} profiles: {passed} passed.",
            total,
            passed=passed,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Esc cancels "check all" and shows in the footer only while it runs."""
        if action == "cancel_check_all":
            return self.fleet_running
        result: bool | None = super().check_action(action, parameters)  # type: ignore[misc]
        return result


def status_cell(result: FleetResult, t: Any) -> RichText:
    """passed / N findings / error, as the status column shows a profile's result."""
    from nlconsole.core.report import Status

    if result.report is None:
        return RichText(t(_("error")), style="bold red")
    problems = sum(1 for f in result.report.findings if f.status not in (Status.PASS, Status.INFO))
    if problems == 0:
        return RichText(t(_("passed")), style="green")
    style = "bold red" if result.report.outcome == "fail" else "yellow"
    return RichText(t(_n("{count} finding", "{count} findings", problems)), style=style)

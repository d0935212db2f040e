"""From the profile list to the screens that work on one profile (check, checklist, bootstrap,
journeys, protocol) and to the status and demo panels: kept apart from the list itself."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nlconsole.i18n import _

if TYPE_CHECKING:
    from nlconsole.core.models import Profile

NO_PROFILES = _("No profiles yet. Press n to create one.")


class ProfileLinks:
    """Actions of the profile list that open another screen."""

    app: Any
    console: Any

    def _need_profile(self) -> Profile | None:
        """The highlighted profile, or None after telling the person why there is none."""
        raise NotImplementedError

    def action_check(self) -> None:
        """Run the connectivity check of the highlighted profile."""
        profile = self._need_profile()
        if profile is not None:
            from nlconsole.ui.screens.check import CheckScreen

            self.app.push_screen(CheckScreen(profile))

    def action_bootstrap(self) -> None:
        """Plan (and apply) what the highlighted profile's interface needs in the account."""
        profile = self._need_profile()
        if profile is not None:
            from nlconsole.ui.screens.bootstrap import BootstrapScreen

            self.app.push_screen(BootstrapScreen(profile))

    def action_checklist(self) -> None:
        """Open the highlighted profile's setup checklist."""
        profile = self._need_profile()
        if profile is not None:
            from nlconsole.ui.screens.checklist import ChecklistScreen

            self.app.push_screen(ChecklistScreen(profile))

    def action_journeys(self) -> None:
        """Open the highlighted profile's acceptance journeys."""
        profile = self._need_profile()
        if profile is not None:
            from nlconsole.ui.screens.journeys import JourneysScreen

            self.app.push_screen(JourneysScreen(profile))

    def action_status(self) -> None:
        """Open the status panel (like `nlconsole status`)."""
        if self.console.services is not None:
            from nlconsole.ui.screens.status import StatusScreen

            self.app.push_screen(StatusScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The demo's scenarios only exist (and show in the footer) in the demo."""
        if action == "demo":
            environment = self.console.environment
            return environment is not None and environment.sandbox is not None
        return True

    def action_demo(self) -> None:
        """Open the demo's scenarios (seeded sandbox accounts, one key from a check)."""
        environment = self.console.environment
        if environment is not None and environment.sandbox is not None:
            from nlconsole.ui.boot import DEMO_PROFILES
            from nlconsole.ui.screens.demo import DemoScreen

            self.app.push_screen(DemoScreen(environment.sandbox, DEMO_PROFILES))

    def action_protocol(self) -> None:
        """Preview and export the highlighted profile's acceptance protocol."""
        profile = self._need_profile()
        if profile is not None:
            from nlconsole.ui.screens.protocol import ProtocolScreen

            self.app.push_screen(ProtocolScreen(profile))

"""The Newsletter2Go kit: what PEIQ PORTAL → Newsletter2Go needs, as data and hooks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pydantic import BaseModel

from nlconsole.core.checklists import ChecklistStep
from nlconsole.core.journeys.model import JourneySpec
from nlconsole.core.kit import (
    BootstrapContext,
    CheckContext,
    SecretField,
    SettingField,
    SetupRecord,
)
from nlconsole.core.models import Newsletter2GoSettings, Profile, ProviderKind
from nlconsole.core.newsletter2go import findings as rows
from nlconsole.core.newsletter2go.secrets import parse_auth_key, parse_password, parse_username
from nlconsole.core.report import FindingSpec, ReportRecorder
from nlconsole.i18n import _
from nlconsole.providers.endpoints import DEFAULT_BASE_URLS, NEWSLETTER2GO

if TYPE_CHECKING:
    from pydantic import SecretStr

    from nlconsole.core.bootstrap import BootstrapPlan
    from nlconsole.core.journeys.script import Blocked, JourneyContext, Script
    from nlconsole.core.journeys.store import LedgerEntry
    from nlconsole.providers.http import HttpOptions


class Newsletter2GoKit:
    """PEIQ PORTAL → Newsletter2Go."""

    kind = ProviderKind.NEWSLETTER2GO
    title = "Newsletter2Go"
    vendor = "PEIQ PORTAL"
    settings_key = "newsletter2go"
    default_base_url = DEFAULT_BASE_URLS[NEWSLETTER2GO]
    secret_fields = (
        SecretField(
            "auth_key",
            _("Auth key"),
            True,
            _("from the API tab (Konto → API), '<client id>:<secret>'"),
            parse_auth_key,
            where=_("Newsletter2Go: after logging in, tab 'API': the Auth-Key."),
        ),
        SecretField(
            "username",
            _("Username"),
            True,
            _("login e-mail of the (dedicated) API user"),
            parse_username,
            shown=True,
            where=_("Newsletter2Go: after logging in, tab 'API': the Username (a login e-mail)."),
        ),
        SecretField(
            "password",
            _("Password"),
            True,
            _("password of that user"),
            parse_password,
            where=_("Newsletter2Go: the password of that user (as shown on tab 'API')."),
        ),
    )
    bootstrap_families = (rows.BOOK.id,)
    setting_fields = (
        SettingField(
            "newsletters",
            "--newsletter",
            _("Portal newsletters (comma-separated; one address book each)"),
            _("a portal newsletter (one address book each); repeat for several"),
            "names",
        ),
        SettingField(
            "developer_mode_confirmed",
            "--developer-mode",
            _("Developer mode confirmed on (Entwicklermodus)"),
            _("developer mode confirmed on for the API user"),
            "bool",
        ),
        SettingField(
            "doi_form_code",
            "--doi-form-code",
            _("DOI form code"),
            _("code of a subscribe form linked to a DOI mailing"),
            "token",
        ),
        SettingField(
            "sender_email",
            "--sender-email",
            _("Sender e-mail for new address books"),
            _("default sender address for new address books"),
            "email",
        ),
        SettingField(
            "sender_name",
            "--sender-name",
            _("Sender name for new address books"),
            _("default sender name for new address books"),
        ),
    )

    def settings_model(self) -> type[BaseModel]:
        return Newsletter2GoSettings

    def checklist(self) -> Sequence[ChecklistStep]:
        from nlconsole.core.newsletter2go.checklist import STEPS

        return STEPS

    def planned_check(self, profile: Profile, stored: frozenset[str]) -> list[FindingSpec]:
        settings = profile.newsletter2go
        newsletters = settings.newsletters if settings else []
        return [
            rows.LOGIN,
            rows.COMPANY,
            rows.DEVELOPER_MODE,
            rows.PLAN_LIMIT,
            *(rows.book_row(name) for name in newsletters),
            rows.BOOKS_UNOWNED,
        ]

    async def check(self, context: CheckContext, recorder: ReportRecorder) -> None:
        from nlconsole.core.newsletter2go.check import check_newsletter2go

        await check_newsletter2go(context, recorder)

    def journeys(self) -> Sequence[JourneySpec]:
        from nlconsole.core.newsletter2go.journeys import JOURNEYS

        return JOURNEYS

    async def delete_test_contact(
        self,
        profile: Profile,
        secrets: dict[str, SecretStr | None],
        entry: LedgerEntry,
        http: HttpOptions,
    ) -> bool:
        from nlconsole.core.newsletter2go.cleanup import delete_n2g_recipient

        return await delete_n2g_recipient(profile, secrets, entry, http)

    def journey_person(self) -> dict[str, str]:
        from nlconsole.core.newsletter2go.journey_steps import journey_person

        return journey_person()

    def journey_script(
        self, journey: str, context: JourneyContext, simulate: bool
    ) -> Script | Blocked | None:
        from nlconsole.core.newsletter2go.journey_steps import n2g_script

        return n2g_script(journey, context, simulate)

    async def plan_bootstrap(self, context: BootstrapContext) -> BootstrapPlan:
        from nlconsole.core.newsletter2go.bootstrap import plan_bootstrap

        return await plan_bootstrap(context)

    async def apply_bootstrap(
        self, context: BootstrapContext, plan: BootstrapPlan, recorder: ReportRecorder
    ) -> None:
        from nlconsole.core.newsletter2go.bootstrap import apply_bootstrap

        await apply_bootstrap(context, plan, recorder)

    def setup_record(self, profile: Profile) -> SetupRecord:
        return SetupRecord(dict(profile.n2g_settings.list_ids))

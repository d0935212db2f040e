"""The Maileon kit: what cmxOrganize → Maileon needs, as data and hooks for every feature."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pydantic import BaseModel

from nlconsole.core.checklists import ChecklistStep
from nlconsole.core.journeys.model import JourneySpec
from nlconsole.core.kit import (
    BootstrapContext,
    CheckContext,
    FieldRole,
    SecretField,
    SettingField,
    SetupRecord,
)
from nlconsole.core.maileon import findings as rows
from nlconsole.core.maileon.secrets import parse_maileon_key
from nlconsole.core.models import (
    DEFAULT_CUSTOM_FIELDS,
    PREFIX_FIELD,
    PREFIX_ROLE,
    PURCHASE_FIELD,
    PURCHASE_ROLE,
    TRACKING_FIELD,
    TRACKING_ROLE,
    MaileonRight,
    MaileonSettings,
    Profile,
    ProviderKind,
)
from nlconsole.core.report import FindingSpec, ReportRecorder
from nlconsole.i18n import Msg, _
from nlconsole.providers.endpoints import DEFAULT_BASE_URLS, MAILEON

if TYPE_CHECKING:
    from pydantic import SecretStr

    from nlconsole.core.bootstrap import BootstrapPlan
    from nlconsole.core.journeys.script import Blocked, JourneyContext, Script
    from nlconsole.core.journeys.store import LedgerEntry
    from nlconsole.providers.http import HttpOptions

RIGHT_NAMES = tuple(right.value for right in MaileonRight)
CUSTOM_FIELD_TYPES = ("string", "integer", "float", "date", "boolean")
"""Maileon's custom field types, as `providers.maileon.fields` has them (a test keeps the two
equal): importing that package here would load the HTTP client for `profiles list`."""


def custom_field_problem(name: str, field_type: str) -> Msg | None:
    """Maileon's rule a custom field name or type breaks (the provider's rules, loaded lazily)."""
    from nlconsole.providers.maileon.fields import custom_field_problem as problem

    return problem(name, field_type)


FIELD_ROLES = (
    FieldRole(
        PREFIX_ROLE,
        _("Name prefix (Namenspräfix)"),
        PREFIX_FIELD,
        DEFAULT_CUSTOM_FIELDS[PREFIX_FIELD],
    ),
    FieldRole(
        PURCHASE_ROLE,
        _("Purchase number (Autowert des Einkaufs)"),
        PURCHASE_FIELD,
        DEFAULT_CUSTOM_FIELDS[PURCHASE_FIELD],
    ),
    FieldRole(
        TRACKING_ROLE,
        _("Single-user tracking (Einzelnutzertracking)"),
        TRACKING_FIELD,
        DEFAULT_CUSTOM_FIELDS[TRACKING_FIELD],
    ),
)
"""The custom fields of the cmxOrganize mapping, by what each holds."""


class MaileonKit:
    """cmxOrganize → Maileon."""

    kind = ProviderKind.MAILEON
    title = "Maileon"
    vendor = "cmxOrganize"
    settings_key = "maileon"
    default_base_url = DEFAULT_BASE_URLS[MAILEON]
    secret_fields = (
        SecretField(
            "api_key",
            _("API key"),
            True,
            _("the integration key cmxOrganize uses (Erstellungsrecht + Aktualisierungsrecht)"),
            parse_maileon_key,
            where=_(
                "Maileon: Einstellungen (top right) → Konto → API-Keys, magnifier in column "
                "'API-Key v1'; copy the value after 'Authorization: Basic'."
            ),
        ),
        SecretField(
            "test_api_key",
            _("Test API key"),
            False,
            _("optional key with Leserecht + Löschrecht the console uses to observe and clean up"),
            parse_maileon_key,
            where=_(
                "Maileon: a second API key with Leserecht + Löschrecht, found like the first "
                "(magnifier in column 'API-Key v1'); leave empty if there is none."
            ),
        ),
    )
    bootstrap_families = (rows.CUSTOM_FIELD.id,)
    setting_fields = (
        SettingField(
            "key_label",
            "--key-label",
            _("Key label ('Bezeichnung')"),
            _("the key's 'Bezeichnung' in Maileon: the organisation's name"),
        ),
        SettingField(
            "key_expires",
            "--key-expires",
            _("Key expiry ('Gültigkeit', YYYY-MM-DD or DD.MM.YYYY)"),
            _("the key's 'Gültigkeit' (a future date; Maileon does not report it)"),
            "date",
        ),
        SettingField(
            "rights_confirmed",
            "--rights",
            _("Rights of the API key"),
            _("rights you ticked for the integration key, e.g. create,update"),
            "rights",
            RIGHT_NAMES,
        ),
        SettingField(
            "test_key_rights_confirmed",
            "--test-key-rights",
            _("Rights of the test key"),
            _("rights of the test key, e.g. read,delete"),
            "rights",
            RIGHT_NAMES,
        ),
        SettingField(
            "doi_mailing_key",
            "--doi-mailing-key",
            _("DOI mailing key (empty: the default DOI mailing)"),
            _("DOI key of a specific DOI mailing"),
            "token",
        ),
        SettingField(
            "single_user_tracking",
            "--single-user-tracking",
            _("Einzelnutzertracking offered (DOI+)"),
            _("whether cmxOrganize offers Einzelnutzertracking (DOI+)"),
            "bool",
        ),
        SettingField(
            "custom_fields",
            "--custom-field",
            _("Custom fields of the cmxOrganize mapping (Feldname, Typ; empty: none)"),
            _(
                "a custom field's name and type for one role, ROLE=NAME[:TYPE] (roles: {roles}; "
                "types: {types}; without a type the field keeps its type; ROLE= means no field "
                "of its own); repeatable",
                roles=", ".join(role.role for role in FIELD_ROLES),
                types=", ".join(CUSTOM_FIELD_TYPES),
            ),
            "field_map",
            CUSTOM_FIELD_TYPES,
            roles=FIELD_ROLES,
            roles_key="custom_field_roles",
            reset_flag="--default-custom-fields",
            rule=custom_field_problem,
        ),
    )

    def settings_model(self) -> type[BaseModel]:
        return MaileonSettings

    def checklist(self) -> Sequence[ChecklistStep]:
        from nlconsole.core.maileon.checklist import STEPS

        return STEPS

    def planned_check(self, profile: Profile, stored: frozenset[str]) -> list[FindingSpec]:
        planned = [rows.KEY_VALID, *rows.RIGHTS.values(), rows.KEY_EXPIRY]
        if "test_api_key" in stored:
            planned.append(rows.TEST_KEY)
        from nlconsole.core.maileon.check import wants_field_rows

        planned += [rows.ACCOUNT, rows.DOI_MAILING]
        if wants_field_rows(profile, stored):
            settings = profile.maileon_settings
            planned += [rows.field_row(name) for name in settings.field_mapping]
        return planned

    async def check(self, context: CheckContext, recorder: ReportRecorder) -> None:
        from nlconsole.core.maileon.check import check_maileon

        await check_maileon(context, recorder)

    def journeys(self) -> Sequence[JourneySpec]:
        from nlconsole.core.maileon.journeys import JOURNEYS

        return JOURNEYS

    async def delete_test_contact(
        self,
        profile: Profile,
        secrets: dict[str, SecretStr | None],
        entry: LedgerEntry,
        http: HttpOptions,
    ) -> bool:
        from nlconsole.core.maileon.cleanup import delete_maileon_contact

        return await delete_maileon_contact(profile, secrets, entry, http)

    def journey_person(self) -> dict[str, str]:
        from nlconsole.core.maileon.journey_steps import journey_person

        return journey_person()

    def journey_script(
        self, journey: str, context: JourneyContext, simulate: bool
    ) -> Script | Blocked | None:
        from nlconsole.core.maileon.journey_steps import maileon_script

        return maileon_script(journey, context, simulate)

    async def plan_bootstrap(self, context: BootstrapContext) -> BootstrapPlan:
        from nlconsole.core.maileon.bootstrap import plan_bootstrap

        return await plan_bootstrap(context)

    async def apply_bootstrap(
        self, context: BootstrapContext, plan: BootstrapPlan, recorder: ReportRecorder
    ) -> None:
        from nlconsole.core.maileon.bootstrap import apply_bootstrap

        await apply_bootstrap(context, plan, recorder)

    def setup_record(self, profile: Profile) -> SetupRecord:
        mapping = profile.maileon_settings.field_mapping
        fields = tuple(
            (name, kind, rows.field_row(name).id) for name, kind in sorted(mapping.items())
        )
        return SetupRecord({}, fields, rows.DOI_MAILING.id)

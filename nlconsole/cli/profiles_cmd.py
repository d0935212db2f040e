"""`nlconsole profiles ...`: create, list, show, edit and remove customer profiles.

The provider-specific flags come from the kits' setting descriptions, so every setting the
console's form offers is a flag here too, parsed by the same code.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from nlconsole.cli.context import EXIT_OK, Context
from nlconsole.errors import UsageError
from nlconsole.i18n import Translator, _, joined

if TYPE_CHECKING:
    from nlconsole.core.kit import SettingField
    from nlconsole.core.models import Profile


NAME = "profiles"
HELP = _("create, list, show, edit and remove profiles")


def register(commands: Any, t: Translator) -> None:
    """Add the `profiles` command tree."""
    from nlconsole.core.models import ProviderKind

    parser = commands.add_parser(
        NAME,
        help=t(HELP),
    )
    sub = parser.add_subparsers(dest="profiles_command", metavar="ACTION", required=True)

    add = sub.add_parser("add", help=t(_("create a profile")))
    add.add_argument("name", help=t(_("profile name: lower-case letters, digits, '-', '_'")))
    add.add_argument("--provider", required=True, choices=[k.value for k in ProviderKind])
    _add_common_options(add, t)
    add.set_defaults(handler=_add)

    edit = sub.add_parser("edit", help=t(_("change a profile's settings")))
    edit.add_argument("name", help=t(_("profile name")))
    _add_common_options(edit, t)
    edit.set_defaults(handler=_edit)

    listing = sub.add_parser("list", help=t(_("list profiles with their last check result")))
    listing.add_argument("--json", action="store_true", help=t(_("print one JSON object")))
    listing.set_defaults(handler=_list)

    show = sub.add_parser("show", help=t(_("show one profile's settings (never secrets)")))
    show.add_argument("name", help=t(_("profile name")))
    show.add_argument("--json", action="store_true", help=t(_("print one JSON object")))
    show.set_defaults(handler=_show)

    remove = sub.add_parser("remove", help=t(_("remove a profile and its stored secrets")))
    remove.add_argument("name", help=t(_("profile name")))
    remove.add_argument(
        "--keep-secrets",
        action="store_true",
        help=t(_("leave the profile's secrets in the keyring")),
    )
    remove.set_defaults(handler=_remove)


def _add_common_options(parser: argparse.ArgumentParser, t: Translator) -> None:
    from nlconsole.core.kit import all_kits
    from nlconsole.core.models import Environment

    parser.add_argument("--base-url", help=t(_("API base URL (default: the provider's real API)")))
    parser.add_argument("--environment", choices=[e.value for e in Environment])
    parser.add_argument(
        "--display-name", help=t(_("name to show, e.g. the customer's organisation"))
    )
    parser.add_argument(
        "--test-mailbox",
        metavar="ADDRESS",
        help=t(_("your own mailbox; journeys send their tagged test addresses there")),
    )
    for kit in all_kits():
        group = parser.add_argument_group(t(_("{provider} settings", provider=kit.title)))
        for field in kit.setting_fields:
            _add_setting_option(group, field, t)


def _add_setting_option(group: Any, field: SettingField, t: Translator) -> None:
    dest = _dest(field)
    if field.kind == "bool":
        group.add_argument(field.flag, dest=dest, choices=["yes", "no"], help=t(field.help))
    elif field.kind == "names":
        group.add_argument(
            field.flag, dest=dest, action="append", metavar="NAME", help=t(field.help)
        )
    elif field.kind == "field_map":
        group.add_argument(
            field.flag, dest=dest, action="append", metavar="ROLE=NAME[:TYPE]", help=t(field.help)
        )
        group.add_argument(
            field.reset_flag,
            dest=_reset_dest(field),
            action="store_const",
            const=True,
            help=t(_("go back to the default custom fields (before any {flag})", flag=field.flag)),
        )
    elif field.kind == "rights":
        group.add_argument(field.flag, dest=dest, metavar="LIST", help=t(field.help))
    elif field.kind == "date":
        group.add_argument(field.flag, dest=dest, metavar="DATE", help=t(field.help))
    else:
        group.add_argument(field.flag, dest=dest, help=t(field.help))


def _dest(field: SettingField) -> str:
    return "setting_" + field.flag.removeprefix("--").replace("-", "_")


def _reset_dest(field: SettingField) -> str:
    return "setting_" + field.reset_flag.removeprefix("--").replace("-", "_")


def _given(args: argparse.Namespace, field: SettingField) -> list[str]:
    """The field's options given on this command line."""
    given = [field.flag] if getattr(args, _dest(field)) is not None else []
    if field.reset_flag and getattr(args, _reset_dest(field)) is not None:
        given.append(field.reset_flag)
    return given


def _add(context: Context, args: argparse.Namespace) -> int:
    from nlconsole.core.kit import kit_for
    from nlconsole.core.settings import check_profile_name, validated

    data = {"name": check_profile_name(args.name), "provider": args.provider}
    profile = _apply_options(validated(data), args, context)
    context.services.profiles.add(profile)
    kit = kit_for(profile)
    context.out.line(
        _(
            "Created {provider} profile '{name}' → {url}",
            provider=kit.title,
            name=profile.name,
            url=profile.base_url,
        )
    )
    context.out.line(
        _(
            "Next: {command}",
            command=f"nlconsole secrets set {profile.name} {kit.secret_fields[0].name}",
        )
    )
    return EXIT_OK


def _edit(context: Context, args: argparse.Namespace) -> int:
    profile = context.services.profiles.update(
        args.name, lambda fresh: _apply_options(fresh, args, context)
    )
    context.out.line(_("Updated profile '{name}'", name=profile.name))
    return EXIT_OK


def _apply_options(profile: Profile, args: argparse.Namespace, context: Context) -> Profile:
    from nlconsole.core.endpoints import checked_base_url
    from nlconsole.core.field_map import FieldMapEdit, parse_field_map
    from nlconsole.core.kit import all_kits, kit_for
    from nlconsole.core.settings import check_display_name, parse_setting, with_settings

    common: dict[str, Any] = {}
    if args.base_url is not None:
        common["base_url"] = checked_base_url(args.base_url, "--base-url")
    if args.environment is not None:
        common["environment"] = args.environment
    if args.display_name is not None:
        common["display_name"] = check_display_name(args.display_name)
    if args.test_mailbox is not None:
        from nlconsole.core.journeys.addresses import check_mailbox

        common["test_mailbox"] = check_mailbox(args.test_mailbox) if args.test_mailbox else None
    kit = kit_for(profile)
    misplaced = [
        flag
        for other in all_kits()
        if other.kind is not kit.kind
        for field in other.setting_fields
        for flag in _given(args, field)
        if field.flag not in {f.flag for f in kit.setting_fields}
    ]
    if misplaced:
        raise UsageError(
            _(
                "{flags} do not apply to a {provider} profile",
                flags=joined(misplaced),
                provider=kit.kind.value,
            )
        )
    changes: dict[str, Any] = {}
    today = context.services.clock.today()
    for field in kit.setting_fields:
        raw = getattr(args, _dest(field))
        if field.kind == "field_map":
            reset = bool(getattr(args, _reset_dest(field)))
            if raw is not None or reset:
                changes[field.key] = FieldMapEdit(field, parse_field_map(field, raw or []), reset)
        elif raw is not None:
            value, warnings = parse_setting(field, raw, today)
            context.out.warnings(warnings)
            changes[field.key] = value
    return with_settings(profile, common, changes)


def _list(context: Context, args: argparse.Namespace) -> int:
    from nlconsole.core.kit import kit_for
    from nlconsole.core.report import OUTCOME_LABEL

    t = context.translate
    profile_set = context.services.profiles.load()
    context.out.warnings(profile_set.warnings)
    profiles = list(profile_set.profiles.values())
    if args.json:
        context.out.json(
            {"profiles": [p.model_dump(mode="json", exclude_none=True) for p in profiles]}
        )
        return EXIT_OK
    if not profiles:
        context.out.line(
            _(
                "No profiles yet. Create one with: {command}",
                command="nlconsole profiles add NAME --provider maileon",
            )
        )
        return EXIT_OK
    rows = [
        [
            p.name,
            kit_for(p).title,
            p.environment.value,
            p.base_url,
            (
                f"{t(OUTCOME_LABEL[p.last_check.outcome])} {t.datetime(p.last_check.at)}"
                if p.last_check
                else t(_("never"))
            ),
        ]
        for p in profiles
    ]
    context.out.table(
        [_("NAME"), _("PROVIDER"), _("ENVIRONMENT"), _("BASE URL"), _("LAST CHECK")], rows
    )
    return EXIT_OK


def _show(context: Context, args: argparse.Namespace) -> int:
    from nlconsole.core.credentials import CredentialError, check_expiry
    from nlconsole.core.kit import kit_for

    profile = context.services.profiles.get(args.name)
    if args.json:
        context.out.json(profile.model_dump(mode="json", exclude_none=True))
        return EXIT_OK
    document = profile.model_dump(mode="json", exclude_none=True)
    if profile.last_check is not None:
        document["last_check"]["summary"] = context.translate(profile.last_check.summary)
    flat = _flatten(document)
    width = max(len(key) for key in flat)
    for key, value in flat.items():
        print(f"{key.ljust(width)}  {value}")
    expires = getattr(getattr(profile, kit_for(profile).settings_key), "key_expires", None)
    if expires is not None:
        try:
            notes = check_expiry(expires, context.services.clock.today()).warnings
        except CredentialError as exc:
            notes = (exc.message,)  # type: ignore[assignment]
        for note in notes:
            context.out.line(_("note: {note}", note=note))
    return EXIT_OK


def _flatten(document: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in document.items():
        if isinstance(value, dict) and value:
            flat.update(_flatten(value, f"{prefix}{key}."))
        elif isinstance(value, list):
            flat[prefix + key] = ", ".join(str(v) for v in value) or "-"
        elif isinstance(value, dict) or value == "":
            flat[prefix + key] = "-"  # empty: a list, a table, or a role without a field
        else:
            flat[prefix + key] = str(value)
    return flat


def _remove(context: Context, args: argparse.Namespace) -> int:
    from nlconsole.core.secrets import SecretStoreError

    services = context.services
    profile = services.profiles.get(args.name)
    try:
        removed_secrets = services.remove_profile(profile, keep_secrets=args.keep_secrets)
    except SecretStoreError as exc:
        raise UsageError(
            _(
                "profile '{name}' was not removed: its secrets could not be deleted ({reason})",
                name=profile.name,
                reason=exc.message,
            ),
            _("{fix} Or remove only the profile with --keep-secrets.", fix=exc.remediation),
        ) from exc
    if removed_secrets:
        context.out.line(
            _(
                "Removed profile '{name}' and its secrets ({fields})",
                name=profile.name,
                fields=joined(removed_secrets),
            )
        )
    else:
        context.out.line(_("Removed profile '{name}'", name=profile.name))
    return EXIT_OK

"""`nlconsole profiles ...`: create, list, show, edit and remove customer profiles."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from nlconsole.cli.context import EXIT_OK, Context
from nlconsole.cli.output import print_json, print_table, print_warnings
from nlconsole.errors import NLConsoleError
from nlconsole.providers.endpoints import MAILEON, NEWSLETTER2GO

if TYPE_CHECKING:
    from nlconsole.core.models import Profile

PROVIDERS = (MAILEON, NEWSLETTER2GO)
ENVIRONMENTS = ("staging", "production", "sandbox")
RIGHTS = ("create", "read", "update", "delete")

_MAILEON_OPTIONS = (
    "key_label",
    "key_expires",
    "rights",
    "test_key_rights",
    "doi_mailing_key",
    "single_user_tracking",
)
_N2G_OPTIONS = ("newsletter", "developer_mode", "doi_form_code", "sender_email", "sender_name")


def register(commands: Any) -> None:
    """Add the `profiles` command tree."""
    parser = commands.add_parser("profiles", help="create, list, show, edit and remove profiles")
    sub = parser.add_subparsers(dest="profiles_command", metavar="ACTION", required=True)

    add = sub.add_parser("add", help="create a profile")
    add.add_argument("name", help="profile name: lower-case letters, digits, '-', '_'")
    add.add_argument("--provider", required=True, choices=PROVIDERS)
    _add_common_options(add)
    add.set_defaults(handler=_add)

    edit = sub.add_parser("edit", help="change a profile's settings")
    edit.add_argument("name")
    _add_common_options(edit)
    edit.set_defaults(handler=_edit)

    listing = sub.add_parser("list", help="list profiles with their last check result")
    listing.add_argument("--json", action="store_true", help="print one JSON object")
    listing.set_defaults(handler=_list)

    show = sub.add_parser("show", help="show one profile's settings (never secrets)")
    show.add_argument("name")
    show.add_argument("--json", action="store_true", help="print one JSON object")
    show.set_defaults(handler=_show)

    remove = sub.add_parser("remove", help="remove a profile and its stored secrets")
    remove.add_argument("name")
    remove.add_argument(
        "--keep-secrets", action="store_true", help="leave the profile's secrets in the keyring"
    )
    remove.set_defaults(handler=_remove)


def _add_common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--base-url", help="API base URL (default: the provider's real API)")
    parser.add_argument("--environment", choices=ENVIRONMENTS)
    parser.add_argument("--display-name", help="name to show, e.g. the customer's organisation")
    maileon = parser.add_argument_group("Maileon settings")
    maileon.add_argument("--key-label", help="the key's 'Bezeichnung' (organisation name)")
    maileon.add_argument("--key-expires", metavar="DATE", help="the key's 'Gültigkeit' (future)")
    maileon.add_argument("--rights", metavar="LIST", help="rights confirmed, e.g. create,update")
    maileon.add_argument("--test-key-rights", metavar="LIST", help="test key rights: read,delete")
    maileon.add_argument("--doi-mailing-key", help="DOI key of a specific DOI mailing")
    maileon.add_argument(
        "--single-user-tracking",
        choices=["yes", "no"],
        help="whether Einzelnutzertracking (DOI+) is offered",
    )
    n2g = parser.add_argument_group("Newsletter2Go settings")
    n2g.add_argument(
        "--newsletter",
        action="append",
        metavar="NAME",
        help="a portal newsletter (→ address book); repeat for several",
    )
    n2g.add_argument("--developer-mode", choices=["yes", "no"], help="developer mode confirmed on")
    n2g.add_argument("--doi-form-code", help="code of a subscribe form with a DOI mailing")
    n2g.add_argument("--sender-email", help="default sender address for new address books")
    n2g.add_argument("--sender-name", help="default sender name for new address books")


def _add(context: Context, args: argparse.Namespace) -> int:
    from nlconsole.core.models import ProviderKind

    data: dict[str, Any] = {"name": args.name, "provider": args.provider}
    profile = _apply_options(_validated(data), args, context)
    context.services.profiles.add(profile)
    print(f"Created {profile.provider.value} profile '{profile.name}' → {profile.base_url}")
    print(
        f"Next: nlconsole secrets set {profile.name} "
        + ("api_key" if profile.provider is ProviderKind.MAILEON else "auth_key")
    )
    return EXIT_OK


def _edit(context: Context, args: argparse.Namespace) -> int:
    store = context.services.profiles
    profile = _apply_options(store.get(args.name), args, context)
    store.put(profile)
    print(f"Updated profile '{profile.name}'")
    return EXIT_OK


def _apply_options(profile: Profile, args: argparse.Namespace, context: Context) -> Profile:
    from nlconsole.core.models import ProviderKind

    data = profile.model_dump()
    for option in ("base_url", "environment", "display_name"):
        if getattr(args, option) is not None:
            data[option] = getattr(args, option)
    other = _N2G_OPTIONS if profile.provider is ProviderKind.MAILEON else _MAILEON_OPTIONS
    misplaced = [o for o in other if getattr(args, o) is not None]
    if misplaced:
        flags = ", ".join("--" + o.replace("_", "-") for o in misplaced)
        raise NLConsoleError(f"{flags} do not apply to a {profile.provider.value} profile")
    if profile.provider is ProviderKind.MAILEON:
        data["maileon"].update(_maileon_changes(args, context))
    else:
        data["newsletter2go"].update(_n2g_changes(args))
    return _validated(data)


def _maileon_changes(args: argparse.Namespace, context: Context) -> dict[str, Any]:
    from nlconsole.core.credentials import parse_expiry

    changes: dict[str, Any] = {}
    if args.key_label is not None:
        changes["key_label"] = args.key_label.strip() or None
    if args.key_expires is not None:
        expiry = parse_expiry(args.key_expires, context.services.today())
        print_warnings(expiry.warnings)
        changes["key_expires"] = expiry.value
    for option, key in (
        ("rights", "rights_confirmed"),
        ("test_key_rights", "test_key_rights_confirmed"),
    ):
        if getattr(args, option) is not None:
            changes[key] = _parse_rights(getattr(args, option))
    if args.doi_mailing_key is not None:
        changes["doi_mailing_key"] = args.doi_mailing_key.strip() or None
    if args.single_user_tracking is not None:
        changes["single_user_tracking"] = args.single_user_tracking == "yes"
    return changes


def _n2g_changes(args: argparse.Namespace) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if args.newsletter is not None:
        names = [n.strip() for n in args.newsletter if n.strip()]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise NLConsoleError(f"newsletter named twice: {', '.join(duplicates)}")
        changes["newsletters"] = names
    if args.developer_mode is not None:
        changes["developer_mode_confirmed"] = args.developer_mode == "yes"
    for option in ("doi_form_code", "sender_email", "sender_name"):
        if getattr(args, option) is not None:
            changes[option] = getattr(args, option).strip() or None
    return changes


def _parse_rights(text: str) -> list[str]:
    names = [part.strip().lower() for part in text.split(",") if part.strip()]
    valid = set(RIGHTS)
    unknown = [n for n in names if n not in valid]
    if unknown:
        raise NLConsoleError(
            f"unknown right(s): {', '.join(unknown)}", f"Use any of: {', '.join(valid)}."
        )
    return names


def _validated(data: dict[str, Any]) -> Profile:
    from pydantic import ValidationError

    from nlconsole.core.models import Profile

    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        details = "; ".join(str(err["msg"]).removeprefix("Value error, ") for err in exc.errors())
        raise NLConsoleError(f"invalid profile: {details}") from exc


def _list(context: Context, args: argparse.Namespace) -> int:
    profile_set = context.services.profiles.load()
    print_warnings(profile_set.warnings)
    profiles = list(profile_set.profiles.values())
    if args.json:
        print_json({"profiles": [p.model_dump(mode="json", exclude_none=True) for p in profiles]})
        return EXIT_OK
    if not profiles:
        print("No profiles yet. Create one with: nlconsole profiles add NAME --provider maileon")
        return EXIT_OK
    rows = [
        [
            p.name,
            p.provider.value,
            p.environment.value,
            p.base_url,
            (
                f"{p.last_check.outcome} {p.last_check.at:%Y-%m-%d %H:%M}"
                if p.last_check
                else "never"
            ),
        ]
        for p in profiles
    ]
    print_table(["NAME", "PROVIDER", "ENVIRONMENT", "BASE URL", "LAST CHECK"], rows)
    return EXIT_OK


def _show(context: Context, args: argparse.Namespace) -> int:
    from nlconsole.core.credentials import CredentialError, check_expiry

    profile = context.services.profiles.get(args.name)
    if args.json:
        print_json(profile.model_dump(mode="json", exclude_none=True))
        return EXIT_OK
    flat = _flatten(profile.model_dump(mode="json", exclude_none=True))
    width = max(len(key) for key in flat)
    for key, value in flat.items():
        print(f"{key.ljust(width)}  {value}")
    if profile.maileon and profile.maileon.key_expires:
        try:
            for warning in check_expiry(
                profile.maileon.key_expires, context.services.today()
            ).warnings:
                print(f"note: {warning}")
        except CredentialError as exc:
            print(f"note: {exc.message}")
    return EXIT_OK


def _flatten(document: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in document.items():
        if isinstance(value, dict) and value:
            flat.update(_flatten(value, f"{prefix}{key}."))
        elif isinstance(value, list):
            flat[prefix + key] = ", ".join(str(v) for v in value) or "-"
        elif isinstance(value, dict):
            flat[prefix + key] = "-"
        else:
            flat[prefix + key] = str(value)
    return flat


def _remove(context: Context, args: argparse.Namespace) -> int:
    services = context.services
    profile = services.profiles.get(args.name)
    from nlconsole.core.secrets import SecretStoreError

    try:
        removed_secrets = services.remove_profile(profile, keep_secrets=args.keep_secrets)
    except SecretStoreError as exc:
        raise NLConsoleError(
            f"profile '{profile.name}' was not removed: its secrets could not be deleted "
            f"({exc.message})",
            exc.remediation + " Or remove only the profile with --keep-secrets.",
        ) from exc
    suffix = f" and its secrets ({', '.join(removed_secrets)})" if removed_secrets else ""
    print(f"Removed profile '{profile.name}'{suffix}")
    return EXIT_OK

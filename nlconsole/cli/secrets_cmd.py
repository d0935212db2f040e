"""`nlconsole secrets ...`: store, check and delete a profile's secrets in the keyring.

Values never come from argv (they would land in shell history and `ps`): they are read from
stdin when piped, or from a masked prompt on a terminal. Nothing here ever prints a value.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from nlconsole.cli.context import EXIT_OK, Context
from nlconsole.errors import UsageError
from nlconsole.i18n import Text, Translator, _

NAME = "secrets"
HELP = _("store, check and delete secrets in the keyring")


def register(commands: Any, t: Translator) -> None:
    """Add the `secrets` command tree."""
    parser = commands.add_parser(
        NAME,
        help=t(HELP),
    )
    sub = parser.add_subparsers(dest="secrets_command", metavar="ACTION", required=True)

    set_ = sub.add_parser(
        "set",
        help=t(_("store a secret read from stdin or a masked prompt")),
        description=t(
            _(
                "Maileon fields: api_key, test_api_key. Newsletter2Go fields: auth_key, "
                "username, password. The value is read from stdin when piped, else from a "
                "masked prompt."
            )
        ),
    )
    set_.add_argument("name", help=t(_("profile name")))
    set_.add_argument("field", help=t(_("secret field, e.g. api_key")))
    set_.set_defaults(handler=_set)

    status = sub.add_parser("status", help=t(_("which secrets are stored (never their values)")))
    status.add_argument("name", help=t(_("profile name")))
    status.add_argument("--json", action="store_true", help=t(_("print one JSON object")))
    status.set_defaults(handler=_status)

    delete = sub.add_parser("delete", help=t(_("delete one or all of a profile's secrets")))
    delete.add_argument("name", help=t(_("profile name")))
    delete.add_argument("field", nargs="?", help=t(_("secret field (default: all)")))
    delete.add_argument(
        "--yes", action="store_true", help=t(_("delete all of them without asking"))
    )
    delete.set_defaults(handler=_delete)


def _read_value(context: Context, label: Text) -> str:
    if sys.stdin is None:
        raise UsageError(
            _("no input: pipe the {label} into this command or run it in a terminal", label=label)
        )
    if sys.stdin.isatty():
        return getpass.getpass(context.translate(_("{label} (input hidden): ", label=label)))
    return sys.stdin.read(1024 * 1024)


def _set(context: Context, args: argparse.Namespace) -> int:
    from nlconsole.core.kit import kit_for, secret_field

    services = context.services
    profile = services.profiles.get(args.name)
    field = secret_field(kit_for(profile), args.field)
    parsed = field.parse(_read_value(context, field.label))
    services.secrets.set(profile.name, field.name, parsed.value)
    context.out.line(
        _(
            "Stored {field} for profile '{name}' in {backend} (recognised: {form})",
            field=field.name,
            name=profile.name,
            backend=services.secrets.backend_name,
            form=parsed.form,
        )
    )
    context.out.warnings(parsed.warnings)
    return EXIT_OK


def _status(context: Context, args: argparse.Namespace) -> int:
    from nlconsole.core.kit import kit_for

    services = context.services
    profile = services.profiles.get(args.name)
    fields = kit_for(profile).secret_fields
    present = {f.name: services.secrets.get(profile.name, f.name) is not None for f in fields}
    if args.json:
        context.out.json(
            {
                "profile": profile.name,
                "backend": context.translate(services.secrets.backend_name),
                "fields": {
                    f.name: {"present": present[f.name], "required": f.required} for f in fields
                },
            }
        )
        return EXIT_OK
    t = context.translate
    context.out.line(
        _(
            "Secrets of '{name}' in {backend}:",
            name=profile.name,
            backend=services.secrets.backend_name,
        )
    )
    context.out.table(
        [_("FIELD"), _("STATUS"), _("NEED")],
        [
            [
                f.name,
                t(_("present") if present[f.name] else _("missing")),
                t(_("required") if f.required else _("optional")),
            ]
            for f in fields
        ],
    )
    return EXIT_OK


def _delete(context: Context, args: argparse.Namespace) -> int:
    from nlconsole.core.kit import kit_for, secret_field

    services = context.services
    profile = services.profiles.get(args.name)
    kit = kit_for(profile)
    fields = [secret_field(kit, args.field)] if args.field else list(kit.secret_fields)
    if not args.field and not args.yes and not _confirmed(context, profile.name):
        raise UsageError(
            _("nothing was deleted"),
            _(
                "Name one field, or pass --yes to delete all secrets of '{name}'.",
                name=profile.name,
            ),
        )
    for field in fields:
        deleted = services.secrets.delete(profile.name, field.name)
        context.out.line(
            _("{field}: deleted", field=field.name)
            if deleted
            else _("{field}: was not stored", field=field.name)
        )
    return EXIT_OK


def _confirmed(context: Context, name: str) -> bool:
    """Ask on a terminal; without one (a script), deleting everything needs --yes."""
    if sys.stdin is None or not sys.stdin.isatty():
        return False
    answer = input(context.translate(_("Delete all secrets of '{name}'? [y/N] ", name=name)))
    return answer.strip().lower() in ("y", "yes", "j", "ja")

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
from nlconsole.cli.output import print_json, print_table, print_warnings
from nlconsole.errors import NLConsoleError


def register(commands: Any) -> None:
    """Add the `secrets` command tree."""
    parser = commands.add_parser("secrets", help="store, check and delete secrets in the keyring")
    sub = parser.add_subparsers(dest="secrets_command", metavar="ACTION", required=True)

    set_ = sub.add_parser(
        "set",
        help="store a secret read from stdin or a masked prompt",
        description="Maileon fields: api_key, test_api_key. "
        "Newsletter2Go fields: auth_key, username, password. "
        "The value is read from stdin when piped, else from a masked prompt.",
    )
    set_.add_argument("name", help="profile name")
    set_.add_argument("field", help="secret field, e.g. api_key")
    set_.set_defaults(handler=_set)

    status = sub.add_parser("status", help="which secrets are stored (never their values)")
    status.add_argument("name", help="profile name")
    status.add_argument("--json", action="store_true", help="print one JSON object")
    status.set_defaults(handler=_status)

    delete = sub.add_parser("delete", help="delete one or all of a profile's secrets")
    delete.add_argument("name", help="profile name")
    delete.add_argument("field", nargs="?", help="secret field (default: all)")
    delete.set_defaults(handler=_delete)


def _read_value(label: str) -> str:
    if sys.stdin is None:
        raise NLConsoleError(
            f"no input: pipe the {label} into this command or run it in a terminal"
        )
    if sys.stdin.isatty():
        return getpass.getpass(f"{label} (input hidden): ")
    return sys.stdin.read()


def _set(context: Context, args: argparse.Namespace) -> int:
    from nlconsole.core.credentials import parse_secret
    from nlconsole.core.secrets import secret_field

    services = context.services
    profile = services.profiles.get(args.name)
    field = secret_field(profile.provider, args.field)
    parsed = parse_secret(profile.provider, field.name, _read_value(field.label))
    services.secrets.set(profile.name, field.name, parsed.value)
    print(
        f"Stored {field.name} for profile '{profile.name}' in {services.secrets.backend_name}"
        f" (recognised: {parsed.form})"
    )
    print_warnings(parsed.warnings)
    return EXIT_OK


def _status(context: Context, args: argparse.Namespace) -> int:
    from nlconsole.core.secrets import SECRET_FIELDS

    services = context.services
    profile = services.profiles.get(args.name)
    fields = SECRET_FIELDS[profile.provider]
    present = {f.name: services.secrets.get(profile.name, f.name) is not None for f in fields}
    if args.json:
        print_json(
            {
                "profile": profile.name,
                "backend": services.secrets.backend_name,
                "fields": {
                    f.name: {"present": present[f.name], "required": f.required} for f in fields
                },
            }
        )
        return EXIT_OK
    print(f"Secrets of '{profile.name}' in {services.secrets.backend_name}:")
    print_table(
        ["FIELD", "STATUS", "NEED"],
        [
            [
                f.name,
                "present" if present[f.name] else "missing",
                "required" if f.required else "optional",
            ]
            for f in fields
        ],
    )
    return EXIT_OK


def _delete(context: Context, args: argparse.Namespace) -> int:
    from nlconsole.core.secrets import SECRET_FIELDS, secret_field

    services = context.services
    profile = services.profiles.get(args.name)
    fields = (
        [secret_field(profile.provider, args.field)]
        if args.field
        else SECRET_FIELDS[profile.provider]
    )
    for field in fields:
        deleted = services.secrets.delete(profile.name, field.name)
        print(f"{field.name}: {'deleted' if deleted else 'was not stored'}")
    return EXIT_OK

"""`nlconsole handover ...`: the customer's fill-in template, and credentials in and out of
password-protected zips.

Passwords never come from argv (shell history, `ps`): a masked prompt on a terminal, or one
line from stdin, where `--yes` must then say that storing (or writing) without a question is
meant. Nothing here prints a value; import shows each field's recognised form only.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from nlconsole.cli.context import EXIT_OK, Context
from nlconsole.errors import UsageError
from nlconsole.i18n import Text, Translator, _, joined

MIN_EXPORT_PASSWORD = 12
"""An AES zip is only as strong as its password, and the zip can be attacked offline."""
_MAX_PASSWORD_LINE = 4096


NAME = "handover"
HELP = _("credential hand-over in password-protected zips")


def register(commands: Any, t: Translator) -> None:
    """Add the `handover` command tree."""
    parser = commands.add_parser(
        NAME,
        help=t(HELP),
    )
    sub = parser.add_subparsers(dest="handover_command", metavar="ACTION", required=True)

    template = sub.add_parser(
        "template", help=t(_("write the fill-in file for the customer (German, no secrets)"))
    )
    template.add_argument("name", help=t(_("profile name")))
    template.add_argument("-o", "--output", metavar="FILE", help=t(_("file (default: stdout)")))
    template.set_defaults(handler=_template)

    import_ = sub.add_parser(
        "import",
        help=t(_("store the credentials of a password-protected hand-over zip")),
        description=t(
            _(
                "The zip is read in memory only. The password is asked with a masked prompt, "
                "or read as one line from stdin (then --yes is required)."
            )
        ),
    )
    import_.add_argument("name", help=t(_("profile name")))
    import_.add_argument("zip", metavar="FILE.zip", help=t(_("the zip you received")))
    import_.add_argument("--yes", action="store_true", help=t(_("store without asking")))
    import_.add_argument(
        "--allow-unencrypted",
        action="store_true",
        help=t(_("accept a zip without a password (the credentials were exposed)")),
    )
    import_.set_defaults(handler=_import)

    export = sub.add_parser(
        "export", help=t(_("write a profile's stored secrets into an AES-256 zip"))
    )
    export.add_argument("name", help=t(_("profile name")))
    export.add_argument("-o", "--output", metavar="FILE.zip", required=True, help=t(_("zip file")))
    export.add_argument(
        "--yes", action="store_true", help=t(_("read the password as one line from stdin"))
    )
    export.add_argument("--force", action="store_true", help=t(_("replace an existing file")))
    export.set_defaults(handler=_export)


def _template(context: Context, args: argparse.Namespace) -> int:
    from nlconsole.core.config_files import atomic_write
    from nlconsole.core.handover import render_template
    from nlconsole.core.kit import kit_for

    profile = context.services.profiles.get(args.name)
    german = Translator.for_language("de")
    if args.output is None:
        text = render_template(kit_for(profile), profile.name, german)
        sys.stdout.write(text)
        return EXIT_OK
    text = render_template(kit_for(profile), profile.name, german, Path(args.output).name)
    atomic_write(Path(args.output), text.encode("utf-8"))
    context.out.line(_("Wrote the hand-over template to {path}", path=args.output))
    return EXIT_OK


def _import(context: Context, args: argparse.Namespace) -> int:
    from nlconsole.core.handover import inspect_zip, open_sealed, store_handover
    from nlconsole.core.handover_zip import Encryption
    from nlconsole.core.kit import kit_for

    services = context.services
    profile = services.profiles.get(args.name)
    kit = kit_for(profile)
    path = Path(args.zip)
    sealed = inspect_zip(path, allow_unencrypted=args.allow_unencrypted)
    interactive = _on_terminal()
    if not interactive and not args.yes:
        raise UsageError(
            _("nothing was stored: without a terminal, importing needs --yes"),
            _("Pipe the password as one line and pass --yes, or run the command in a terminal."),
        )
    password = (
        None
        if sealed.encryption is Encryption.NONE
        else _read_password(context, _("Password of {path}", path=str(path)), interactive)
    )
    handover = open_sealed(sealed, path, kit, password)
    context.out.warnings(handover.warnings)
    context.out.line(_("Found in {path} for profile '{name}':", path=str(path), name=profile.name))
    for item in handover.fields:
        context.out.line(_("  {field}: {form}", field=item.field.name, form=item.parsed.form))
        context.out.warnings(item.parsed.warnings)
    question = _(
        "Store {fields} in {backend}? [y/N] ",
        fields=joined([item.field.name for item in handover.fields]),
        backend=services.secrets.backend_name,
    )
    if not args.yes and not _confirmed(context, question):
        raise UsageError(_("nothing was stored"), _("Answer 'y' to store the credentials."))
    stored = store_handover(services.secrets, profile.name, handover)
    context.out.line(
        _(
            "Stored {fields} for profile '{name}' in {backend}",
            fields=joined(stored),
            name=profile.name,
            backend=services.secrets.backend_name,
        )
    )
    return EXIT_OK


def _export(context: Context, args: argparse.Namespace) -> int:
    from nlconsole.core.handover import export_handover
    from nlconsole.core.kit import kit_for

    services = context.services
    profile = services.profiles.get(args.name)
    kit = kit_for(profile)
    path = Path(args.output)
    if path.exists() and not args.force:
        raise UsageError(
            _("{path} exists; nothing was written", path=str(path)),
            _("Choose another file, or pass --force to replace it."),
        )
    values = {
        field.name: value
        for field in kit.secret_fields
        if (value := services.secrets.get(profile.name, field.name)) is not None
    }
    missing = [
        field.name for field in kit.secret_fields if field.required and field.name not in values
    ]
    if missing:
        # The zip could not be imported at the other end: a hand-over is complete or not made.
        raise UsageError(
            _(
                "profile '{name}' lacks required secrets ({fields}); nothing was written",
                name=profile.name,
                fields=joined(missing),
            ),
            _("Store them first with 'nlconsole secrets set' or 'nlconsole handover import'."),
        )
    interactive = _on_terminal()
    if not interactive and not args.yes:
        raise UsageError(
            _("nothing was written: without a terminal, exporting needs --yes"),
            _("Pipe the password as one line and pass --yes, or run the command in a terminal."),
        )
    password = _read_password(context, _("Password for the zip"), interactive)
    if interactive and password != _read_password(context, _("Repeat the password"), True):
        raise UsageError(_("the passwords differ; nothing was written"))
    if len(password) < MIN_EXPORT_PASSWORD:
        raise UsageError(
            _(
                "the password is shorter than {count} characters; nothing was written",
                count=MIN_EXPORT_PASSWORD,
            ),
            _("Anyone with the zip can try passwords offline: choose a long one."),
        )
    export_handover(path, kit, profile.name, values, password)
    context.out.line(
        _(
            "Wrote {fields} of '{name}' to {path} (AES-256, readable only by you)",
            fields=joined(sorted(values)),
            name=profile.name,
            path=str(path),
        )
    )
    context.out.warnings(
        [
            _(
                "Send the password by another channel (e.g. by phone), never with the zip. "
                "Delete the zip once it has been imported."
            )
        ]
    )
    return EXIT_OK


def _on_terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _read_password(context: Context, label: Text, interactive: bool) -> str:
    """A masked prompt on a terminal, else one line from stdin (never argv)."""
    if interactive:
        return getpass.getpass(context.translate(_("{label} (input hidden): ", label=label)))
    if sys.stdin is None:
        raise UsageError(_("no input: pipe the password into this command"))
    return sys.stdin.readline(_MAX_PASSWORD_LINE).rstrip("\r\n")


def _confirmed(context: Context, question: Text) -> bool:
    answer = input(context.translate(question))
    return answer.strip().lower() in ("y", "yes", "j", "ja")

"""`nlconsole status [NAME]`: config dir, keyring, and per profile which secrets are stored
(masked), the last check and its age, checklist progress. Like `gh auth status`."""

from __future__ import annotations

import argparse
from typing import Any

from nlconsole.cli.context import EXIT_OK, Context
from nlconsole.i18n import Translator, _

NAME = "status"
HELP = _("where things are stored and how each profile stands")


def register(commands: Any, t: Translator) -> None:
    """Add the `status` command."""
    parser = commands.add_parser(
        NAME,
        help=t(HELP),
        description=t(
            _(
                "Shows the config dir, the keyring, and per profile which secrets are stored "
                "(with a masked tail, never the value), the last check and checklist progress."
            )
        ),
    )
    parser.add_argument("name", nargs="?", help=t(_("only this profile")))
    parser.add_argument("--json", action="store_true", help=t(_("print one JSON object")))
    parser.set_defaults(handler=_status)


def _status(context: Context, args: argparse.Namespace) -> int:
    from nlconsole.core.status import collect_status, status_json, status_lines

    status = collect_status(context.services, args.name)
    if args.json:
        context.out.json(status_json(status, context.translate))
        return EXIT_OK
    for line in status_lines(status):
        context.out.line(line)
    return EXIT_OK

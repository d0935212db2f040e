"""`nlconsole journeys ...`: the acceptance journeys of a profile's provider."""

from __future__ import annotations

import argparse
from typing import Any

from nlconsole.cli.context import EXIT_OK, Context
from nlconsole.i18n import Translator, _


def register(commands: Any, t: Translator) -> None:
    """Add the `journeys` command tree."""
    parser = commands.add_parser(
        "journeys", help=t(_("the acceptance journeys (test sign-ups) of a profile"))
    )
    sub = parser.add_subparsers(dest="journeys_command", metavar="ACTION", required=True)
    listing = sub.add_parser(
        "list", help=t(_("every journey of the provider, whether it applies, its last verdict"))
    )
    listing.add_argument("name", help=t(_("profile name")))
    listing.add_argument("--json", action="store_true", help=t(_("print one JSON object")))
    listing.set_defaults(handler=_list)


def _list(context: Context, args: argparse.Namespace) -> int:
    from nlconsole.core.journeys.catalogue import catalogue

    services = context.services
    profile = services.profiles.get(args.name)
    entries = catalogue(profile, services.config_dir)
    t = context.translate
    if args.json:
        context.out.json(
            {
                "profile": profile.name,
                "journeys": [
                    {
                        "id": e.spec.id,
                        "title": t(e.spec.title),
                        "expected": t(e.spec.expected),
                        "applies": e.not_applicable is None,
                        "not_applicable": t(e.not_applicable) or None,
                        "simulated": e.spec.simulated,
                        "optional": e.spec.optional,
                        "last_verdict": e.last_verdict,
                    }
                    for e in entries
                ],
            }
        )
        return EXIT_OK
    rows = [
        [
            e.spec.id,
            t(e.spec.title),
            t(_("yes")) if e.not_applicable is None else t(_("no: {why}", why=e.not_applicable)),
            e.last_verdict or t(_("not run")),
        ]
        for e in entries
    ]
    context.out.table([_("ID"), _("JOURNEY"), _("APPLIES"), _("LAST VERDICT")], rows)
    return EXIT_OK

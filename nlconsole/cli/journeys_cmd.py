"""`nlconsole journeys ...`: the acceptance journeys of a profile's provider."""

from __future__ import annotations

import argparse
from typing import Any

from nlconsole.cli.context import EXIT_CHECK_FAILED, EXIT_OK, Context
from nlconsole.errors import UsageError
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
    run = sub.add_parser("run", help=t(_("run one journey: act, observe, judge")))
    run.add_argument("name", help=t(_("profile name")))
    run.add_argument("journey", help=t(_("journey id, e.g. M1 or P5")))
    run.add_argument(
        "--simulate",
        action="store_true",
        help=t(_("make the integration's own call instead of waiting for a tester")),
    )
    run.add_argument(
        "--timeout",
        default="60",
        metavar="SECONDS",
        help=t(_("how long each observation may wait for the provider (default 60)")),
    )
    run.add_argument(
        "--auto-confirm",
        action="store_true",
        help=t(_("click the DOI link in the sandbox mailbox (sandbox only)")),
    )
    run.add_argument("--json", action="store_true", help=t(_("print the run as one JSON object")))
    run.set_defaults(handler=_run)


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


def _run(context: Context, args: argparse.Namespace) -> int:
    import asyncio

    from nlconsole.cli.journey_output import TerminalPerson, print_run, run_json
    from nlconsole.core.journeys.expect import Verdict
    from nlconsole.core.journeys.runner import RunOptions, run_journey
    from nlconsole.core.journeys.start import prepare_run

    try:
        timeout = float(args.timeout)
    except ValueError:
        timeout = -1.0
    if not 1 <= timeout <= 3600:
        raise UsageError(
            _(
                "--timeout must be a number of seconds from 1 to 3600, not {value}",
                value=repr(args.timeout),
            )
        )
    services = context.services
    profile = services.profiles.get(args.name)
    prepared = prepare_run(profile, args.journey, services, simulate=args.simulate)
    person = TerminalPerson(context)
    options = RunOptions(args.simulate, timeout, args.auto_confirm)
    run = asyncio.run(run_journey(prepared, person, options))
    if args.json:
        context.out.json(run_json(run, context.translate))
    else:
        print_run(context, run)
    return EXIT_OK if run.verdict is Verdict.PASS else EXIT_CHECK_FAILED

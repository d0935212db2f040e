"""`nlconsole journeys ...`: the acceptance journeys of a profile's provider."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from nlconsole.cli.context import EXIT_CHECK_FAILED, EXIT_OK, Context
from nlconsole.errors import UsageError
from nlconsole.i18n import Translator, _

if TYPE_CHECKING:
    from nlconsole.core.journeys.start import PreparedRun


NAME = "journeys"
HELP = _("the acceptance journeys (test sign-ups) of a profile")


def register(commands: Any, t: Translator) -> None:
    """Add the `journeys` command tree."""
    parser = commands.add_parser(
        NAME,
        help=t(HELP),
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
    _run_options(run, t)
    run.set_defaults(handler=_run)
    runs = sub.add_parser(
        "runs", help=t(_("the profile's runs with their verdicts (interrupted ones resume)"))
    )
    runs.add_argument("name", help=t(_("profile name")))
    runs.add_argument("--json", action="store_true", help=t(_("print one JSON object")))
    runs.set_defaults(handler=_runs)
    resume = sub.add_parser(
        "resume",
        help=t(_("go on with an interrupted run: same test address, from its first open step")),
    )
    resume.add_argument("name", help=t(_("profile name")))
    resume.add_argument("run", help=t(_("run id, as `journeys runs` lists it")))
    _run_options(resume, t)
    resume.set_defaults(handler=_resume)


def _run_options(parser: Any, t: Translator) -> None:
    parser.add_argument(
        "--timeout",
        default="60",
        metavar="SECONDS",
        help=t(_("how long each observation may wait for the provider (default 60)")),
    )
    parser.add_argument(
        "--auto-confirm",
        action="store_true",
        help=t(_("click the DOI link in the sandbox mailbox (sandbox only)")),
    )
    parser.add_argument(
        "--json", action="store_true", help=t(_("print the run as one JSON object"))
    )


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
            t(_("interrupted"))
            if e.last_verdict == "pending"
            else e.last_verdict or t(_("not run")),
        ]
        for e in entries
    ]
    context.out.table([_("ID"), _("JOURNEY"), _("APPLIES"), _("LAST VERDICT")], rows)
    return EXIT_OK


def _run(context: Context, args: argparse.Namespace) -> int:
    from nlconsole.core.journeys.start import prepare_run

    timeout = _timeout(args.timeout)
    services = context.services
    profile = services.profiles.get(args.name)
    prepared = prepare_run(profile, args.journey, services, simulate=args.simulate)
    return _walk(context, args, prepared, args.simulate, timeout)


def _resume(context: Context, args: argparse.Namespace) -> int:
    from nlconsole.core.journeys.resume import prepare_resume

    timeout = _timeout(args.timeout)
    services = context.services
    profile = services.profiles.get(args.name)
    prepared = prepare_resume(profile, args.run, services)
    if not args.json:
        context.out.line(
            _(
                "Resuming {journey} at step {step} with {address}",
                journey=prepared.run.journey,
                step=len(prepared.run.steps) + 1,
                address=prepared.run.address,
            )
        )
    return _walk(context, args, prepared, prepared.run.mode == "simulate", timeout)


def _timeout(value: str) -> float:
    try:
        timeout = float(value)
    except ValueError:
        timeout = -1.0
    if not 1 <= timeout <= 3600:
        raise UsageError(
            _(
                "--timeout must be a number of seconds from 1 to 3600, not {value}",
                value=repr(value),
            )
        )
    return timeout


def _walk(
    context: Context,
    args: argparse.Namespace,
    prepared: PreparedRun,
    simulate: bool,
    timeout: float,
) -> int:
    import asyncio

    from nlconsole.cli.journey_output import TerminalPerson, print_run, run_json
    from nlconsole.core.journeys.expect import Verdict
    from nlconsole.core.journeys.runner import RunOptions, run_journey

    person = TerminalPerson(context)
    options = RunOptions(simulate, timeout, args.auto_confirm)
    try:
        run = asyncio.run(run_journey(prepared, person, options))
    except KeyboardInterrupt:
        command = f"nlconsole journeys resume {prepared.run.profile} {prepared.run.id}"
        hint = _("The run is kept; go on with it later: {command}", command=command)
        print(context.translate(hint), file=sys.stderr)
        raise
    if args.json:
        context.out.json(run_json(run, context.translate))
    else:
        print_run(context, run)
    return EXIT_OK if run.verdict is Verdict.PASS else EXIT_CHECK_FAILED


def _runs(context: Context, args: argparse.Namespace) -> int:
    from nlconsole.core.journeys.resume import read_runs
    from nlconsole.core.journeys.store import RunStore

    services = context.services
    profile = services.profiles.get(args.name)
    runs, unreadable = read_runs(RunStore(services.config_dir, profile.name))
    if args.json:
        context.out.json(
            {
                "profile": profile.name,
                "runs": [
                    {
                        "id": r.id,
                        "journey": r.journey,
                        "mode": r.mode,
                        "address": r.address,
                        "started_at": r.started_at.isoformat(),
                        "ended_at": r.ended_at.isoformat() if r.ended_at else None,
                        "verdict": r.verdict.value,
                        "steps_done": len(r.steps),
                        "resumable": r.interrupted,
                    }
                    for r in runs
                ],
                "unreadable": unreadable,
            }
        )
        return EXIT_OK
    t = context.translate
    rows = [
        [
            r.id,
            r.journey,
            t(_("simulated")) if r.mode == "simulate" else t(_("tester")),
            r.address,
            t(_("interrupted (resume it)")) if r.interrupted else r.verdict.value,
        ]
        for r in runs
    ]
    context.out.table([_("RUN"), _("JOURNEY"), _("MODE"), _("TEST ADDRESS"), _("VERDICT")], rows)
    for run_id in unreadable:
        context.out.line(_("run '{run}' cannot be read and is left out", run=run_id))
    interrupted = [r for r in runs if r.interrupted]
    if interrupted:
        context.out.line(
            _(
                "Go on with an interrupted run: {command}",
                command=f"nlconsole journeys resume {profile.name} {interrupted[-1].id}",
            )
        )
    return EXIT_OK

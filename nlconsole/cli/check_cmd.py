"""`nlconsole check NAME`: the pre-flight check, as a report or one JSON object."""

from __future__ import annotations

import argparse
import math
from typing import TYPE_CHECKING, Any

from nlconsole.cli.context import EXIT_CHECK_FAILED, EXIT_OK, Context
from nlconsole.errors import NLConsoleError, UsageError
from nlconsole.i18n import Translator, _

if TYPE_CHECKING:
    from nlconsole.core.report import Report


NAME = "check"
HELP = _("test a profile's connection and credentials (or several, or all)")


def register(commands: Any, t: Translator) -> None:
    """Add the `check` command."""
    parser = commands.add_parser(
        NAME,
        help=t(HELP),
        description=t(
            _(
                "Exit code 0: the interface has what it needs (every profile, with several); "
                "1: it does not; 2: usage, configuration or keyring problem."
            )
        ),
    )
    parser.add_argument(
        "names", nargs="*", metavar="NAME", help=t(_("the names of the profiles to check"))
    )
    parser.add_argument("--all", action="store_true", help=t(_("check every profile")))
    parser.add_argument(
        "--concurrency",
        default="8",
        metavar="N",
        help=t(_("how many profiles to check at once (default 8)")),
    )
    parser.add_argument("--json", action="store_true", help=t(_("print one JSON object")))
    parser.add_argument(
        "--deadline",
        default=None,
        metavar="SECONDS",
        help=t(_("stop the check after this many seconds (default 60, at most 3600)")),
    )
    parser.set_defaults(handler=_check)


def deadline_of(text: str | None) -> float:
    """The --deadline value: a number of seconds from 1 to 3600, or a UsageError saying so."""
    from nlconsole.core.checks import DEFAULT_DEADLINE, MAX_DEADLINE

    if text is None:
        return DEFAULT_DEADLINE
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not 1 <= seconds <= MAX_DEADLINE:
        raise UsageError(
            _(
                "--deadline must be a number of seconds from 1 to {high}, not {value}",
                high=f"{MAX_DEADLINE:g}",
                value=repr(text),
            )
        )
    return seconds


def _check(context: Context, args: argparse.Namespace) -> int:
    if args.all or len(args.names) != 1:
        from nlconsole.cli.fleet_output import check_many

        return check_many(context, args)
    return _check_one(context, args.names[0], args)


def _check_one(context: Context, name: str, args: argparse.Namespace) -> int:
    import asyncio

    from nlconsole.core.checks import load_check_inputs, record_result, run_check
    from nlconsole.core.report_text import report_json

    deadline = deadline_of(args.deadline)
    services = context.services
    profile = services.profiles.get(name)
    inputs = load_check_inputs(profile, services.secrets)
    report = asyncio.run(run_check(inputs, services, deadline=deadline))
    try:
        record_result(services, report)
    except NLConsoleError as exc:
        context.out.warnings([_("the result was not saved: {reason}", reason=exc.message)])
    if args.json:
        context.out.json(report_json(report, context.translate))
    else:
        print_report(context, report, profile.base_url)
    return EXIT_OK if report.ok else EXIT_CHECK_FAILED


def print_report(context: Context, report: Report, base_url: str) -> None:
    """The report as aligned lines: status, title, detail, latency; the fix below."""
    from nlconsole.core.report_text import report_text

    print(report_text(report, base_url, context.translate), end="")

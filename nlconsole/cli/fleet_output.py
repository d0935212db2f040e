"""`nlconsole check --all` (or several names): every profile at once, a line each as it
finishes, a progress line on a terminal, a summary table, or one JSON document."""

from __future__ import annotations

import argparse
import asyncio
import sys

from nlconsole.cli.context import EXIT_CHECK_FAILED, EXIT_OK, EXIT_USAGE, Context
from nlconsole.core.fleet import MAX_CONCURRENCY, FleetResult, check_fleet
from nlconsole.core.kit import kit_for
from nlconsole.core.report import OUTCOME_LABEL
from nlconsole.core.report_text import report_json
from nlconsole.errors import UsageError
from nlconsole.i18n import Text, _


def check_many(context: Context, args: argparse.Namespace) -> int:
    """Check the named profiles (or all) concurrently; exit 0 all pass, 1 any not, 2 errors."""
    from nlconsole.cli.check_cmd import deadline_of

    concurrency = _concurrency(args.concurrency)
    deadline = deadline_of(args.deadline)
    services = context.services
    profile_set = services.profiles.load()
    context.out.warnings(profile_set.warnings)
    if not args.all and not args.names:
        raise UsageError(_("name one or more profiles, or check them all with --all"))
    if args.all:
        profiles = list(profile_set.profiles.values())
    else:
        # From the set read above: one validation of the file, not one per name.
        profiles = [profile_set.profile(name) for name in dict.fromkeys(args.names)]
    if not profiles:
        raise UsageError(
            _("no profiles to check"),
            _("Name profiles, or create one with: {command}", command="nlconsole profiles add"),
        )
    progress = _Progress(context, len(profiles))
    results = asyncio.run(
        check_fleet(
            profiles,
            services,
            concurrency=concurrency,
            deadline=deadline,
            on_result=progress.done,
        )
    )
    progress.clear()
    if args.json:
        context.out.json(
            {
                "ok": all(r.report is not None and r.report.ok for r in results),
                "profiles": [_result_json(context, r) for r in results],
            }
        )
    else:
        _summary(context, results)
    if any(r.error is not None for r in results):
        return EXIT_USAGE
    return (
        EXIT_OK
        if all(r.report is not None and r.report.ok for r in results)
        else (EXIT_CHECK_FAILED)
    )


def _concurrency(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= MAX_CONCURRENCY:
        raise UsageError(
            _(
                "--concurrency must be a number from 1 to {max}, not {value}",
                max=MAX_CONCURRENCY,
                value=repr(text),
            )
        )
    return int(text)


class _Progress:
    """One line per profile as it finishes; on a terminal also a progress line on stderr."""

    def __init__(self, context: Context, total: int) -> None:
        self.context = context
        self.total = total
        self.finished = 0
        self.live = not context.out.json_mode and sys.stderr.isatty()

    def done(self, result: FleetResult) -> None:
        self.finished += 1
        if self.context.out.json_mode:
            return
        self.clear()
        self.context.out.line(_line(result))
        if self.live:
            text = self.context.translate(
                _("checked {done} of {total}", done=self.finished, total=self.total)
            )
            print(f"\r{text}", end="", file=sys.stderr, flush=True)

    def clear(self) -> None:
        if self.live:
            print("\r\033[K", end="", file=sys.stderr, flush=True)


def _line(result: FleetResult) -> Text:
    name = result.profile.name
    if result.error is not None:
        return _("ERROR {name}: {message}", name=name, message=result.error.message)
    assert result.report is not None
    return _(
        "{outcome} {name}: {summary}",
        outcome=OUTCOME_LABEL[result.report.outcome],
        name=name,
        summary=result.report.summary(),
    )


def _summary(context: Context, results: list[FleetResult]) -> None:
    t = context.translate
    rows = []
    for result in results:
        if result.report is None:
            state, verdict = t(_("ERROR")), t(result.error.message if result.error else "")
        else:
            state, verdict = t(OUTCOME_LABEL[result.report.outcome]), t(result.report.verdict())
        rows.append([result.profile.name, kit_for(result.profile).title, state, verdict])
    context.out.line()
    context.out.table([_("NAME"), _("PROVIDER"), _("RESULT"), _("VERDICT")], rows)
    passed = sum(1 for r in results if r.report is not None and r.report.ok)
    context.out.line(_("{passed} of {total} profiles pass.", passed=passed, total=len(results)))


def _result_json(context: Context, result: FleetResult) -> dict[str, object]:
    if result.report is not None:
        return report_json(result.report, context.translate)
    error = result.error
    return {
        "profile": result.profile.name,
        "ok": False,
        "error": {
            "message": context.translate(error.message if error else ""),
            "remediation": context.translate(error.remediation if error else None) or None,
        },
    }

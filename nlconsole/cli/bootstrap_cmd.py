"""`nlconsole bootstrap NAME`: plan what the interface needs in the account; `--apply` makes it.

Without `--apply` nothing changes. An apply asks first (or takes `--yes`), shows each item as it
is settled and can be run again after any interruption: it continues where it stopped.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from nlconsole.cli.context import EXIT_CHECK_FAILED, EXIT_OK, Context
from nlconsole.errors import ServiceError, UsageError
from nlconsole.i18n import _, _n

if TYPE_CHECKING:
    from nlconsole.core.bootstrap import BootstrapPlan
    from nlconsole.core.report import Finding


NAME = "bootstrap"
HELP = _("plan (and with --apply create) the address books or custom fields")


def register(commands: Any, t: Any) -> None:
    """Add the `bootstrap` command."""
    parser = commands.add_parser(
        NAME,
        help=t(HELP),
        description=t(
            _(
                "Shows what exists, what would be created, what conflicts and what blocks; "
                "changes nothing without --apply. Exit code 0: nothing left to do; 1: changes "
                "to apply, or conflicts or blocks remain; 2: usage, configuration or keyring "
                "problem."
            )
        ),
    )
    parser.add_argument("name", help=t(_("profile name")))
    parser.add_argument("--apply", action="store_true", help=t(_("apply the plan")))
    parser.add_argument("--yes", action="store_true", help=t(_("apply without asking")))
    parser.add_argument("--json", action="store_true", help=t(_("print one JSON document")))
    parser.set_defaults(handler=_bootstrap)


def _bootstrap(context: Context, args: argparse.Namespace) -> int:
    import asyncio

    from nlconsole.core.bootstrap import apply_plan, make_plan
    from nlconsole.core.checks import load_check_inputs

    services = context.services
    inputs = load_check_inputs(services.profiles.get(args.name), services.secrets)
    try:
        plan = asyncio.run(make_plan(inputs, services))
    except ServiceError as exc:
        context.out.error(exc)
        return EXIT_CHECK_FAILED
    if not args.json:
        _print_plan(context, plan)
    if not args.apply or not plan.changes:
        if args.json:
            context.out.json({"plan": plan.as_json(context.translate), "result": None})
        return EXIT_OK if plan.settled else EXIT_CHECK_FAILED
    answer = True if args.yes else _confirmed(context, args.name, len(plan.changes))
    if answer is None:
        raise UsageError(
            _("not applied: confirm on a terminal, or pass --yes"),
            _("Run again with --apply --yes to apply without asking."),
        )
    if not answer:
        if args.json:
            context.out.json({"plan": plan.as_json(context.translate), "result": None})
        else:
            context.out.line(_("Not applied: nothing was changed."))
        return EXIT_CHECK_FAILED

    def observe(finding: Finding) -> None:
        if not args.json:
            _print_row(context, finding)

    if not args.json:
        context.out.line(_("Applying:"))
    try:
        report = asyncio.run(apply_plan(inputs, services, plan, observer=observe))
    except ServiceError as exc:
        context.out.error(exc)
        return EXIT_CHECK_FAILED
    return _finish(context, plan, report, args.json)


def _finish(context: Context, plan: BootstrapPlan, report: Any, as_json: bool) -> int:
    import asyncio

    from nlconsole.core.bootstrap import applied_completely, recheck, result_verdict
    from nlconsole.core.report import OUTCOME_LABEL
    from nlconsole.core.report_text import report_json

    done = applied_completely(plan, report)
    if not as_json:
        context.out.line(result_verdict(plan, report))
    check = None
    if done:
        # The last check predates the apply: run it again so its rows, `status` and the
        # protocol show the account as it is now (the apply's exit code does not depend on it).
        try:
            check = asyncio.run(recheck(plan.profile, context.services))
        except ServiceError as exc:
            context.out.error(exc)
        else:
            if not as_json:
                context.out.line(
                    _(
                        "Check afterwards: {outcome} – {verdict}",
                        outcome=OUTCOME_LABEL[check.outcome],
                        verdict=check.verdict(),
                    )
                )
    if as_json:
        result = report_json(report, context.translate)
        result["verdict"] = context.translate(result_verdict(plan, report))
        result["ok"] = done
        context.out.json(
            {
                "plan": plan.as_json(context.translate),
                "result": result,
                "check": None if check is None else report_json(check, context.translate),
            }
        )
    return EXIT_OK if done else EXIT_CHECK_FAILED


def _print_plan(context: Context, plan: BootstrapPlan) -> None:
    from nlconsole.core.bootstrap import ACTION_LABEL, plan_verdict

    t = context.translate
    context.out.line(
        _(
            "Bootstrap plan for '{profile}' ({provider}):",
            profile=plan.profile,
            provider=plan.provider,
        )
    )
    labels = [t(ACTION_LABEL[item.action]) for item in plan.items]
    titles = [t(item.spec.title) for item in plan.items]
    label_width = max((len(label) for label in labels), default=0)
    title_width = max((len(title) for title in titles), default=0)
    for item, label, title in zip(plan.items, labels, titles, strict=True):
        print(f"  {label.ljust(label_width)}  {title.ljust(title_width)}  {t(item.detail)}")
        if item.remediation:
            context.out.line(_("        fix: {remediation}", remediation=item.remediation))
    context.out.line(plan_verdict(plan))


def _print_row(context: Context, finding: Finding) -> None:
    from nlconsole.core.report_text import MARK

    t = context.translate
    print(f"  {t(MARK[finding.status.value])}  {t(finding.title)}  {t(finding.detail)}")
    sys.stdout.flush()


def _confirmed(context: Context, name: str, count: int) -> bool | None:
    """Ask on a terminal: yes or no; None when there is no terminal (a script must pass
    --yes)."""
    if sys.stdin is None or not sys.stdin.isatty():
        return None
    answer = input(
        context.translate(
            _n(
                "Apply {count} change to the account of '{name}'? [y/N] ",
                "Apply {count} changes to the account of '{name}'? [y/N] ",
                count,
                name=name,
            )
        )
    )
    return answer.strip().lower() in ("y", "yes", "j", "ja")

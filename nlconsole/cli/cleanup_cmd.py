"""`nlconsole cleanup NAME`: delete every test contact the profile's journeys created."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from nlconsole.cli.context import EXIT_CHECK_FAILED, EXIT_OK, Context
from nlconsole.errors import UsageError
from nlconsole.i18n import Msg, Translator, _, _n

OUTCOME: dict[str, Msg] = {
    "planned": _("would delete"),
    "deleted": _("deleted"),
    "gone": _("already gone"),
    "failed": _("NOT deleted"),
}


NAME = "cleanup"
HELP = _("delete the test contacts the journeys created (only those in the ledger)")


def register(commands: Any, t: Translator) -> None:
    """Add the `cleanup` command."""
    parser = commands.add_parser(
        NAME,
        help=t(HELP),
        description=t(
            _(
                "Deletes for real (unsubscribing would leave blacklist entries that break the "
                "next re-subscribe journey). Exit 0: everything is gone; 1: some could not be "
                "deleted (they stay in the ledger); 2: usage, configuration or keyring problem."
            )
        ),
    )
    parser.add_argument("name", help=t(_("profile name")))
    parser.add_argument("--dry-run", action="store_true", help=t(_("only list what would go")))
    parser.add_argument("--yes", action="store_true", help=t(_("delete without asking")))
    parser.add_argument("--json", action="store_true", help=t(_("print one JSON object")))
    parser.set_defaults(handler=_cleanup)


def _cleanup(context: Context, args: argparse.Namespace) -> int:
    import asyncio

    from nlconsole.core.cleanup import CleanupItem, clean_up
    from nlconsole.core.journeys.store import RunStore

    services = context.services
    profile = services.profiles.get(args.name)
    entries = list(RunStore(services.config_dir, profile.name).open_entries())
    dry_run = args.dry_run or not entries
    if not dry_run and not args.yes and not _confirmed(context, len(entries)):
        raise UsageError(
            _("nothing was deleted"),
            _("Look first with --dry-run, then confirm, or pass --yes."),
        )

    def show(item: CleanupItem) -> None:
        if not args.json:
            reason = f"  ({context.translate(item.reason)})" if item.reason else ""
            places = ", ".join(item.entry.places)
            print(
                f"{context.translate(OUTCOME[item.outcome]):<14} {item.entry.address}"
                f"  [{places}]  {item.entry.run_id}{reason}"
            )

    items = asyncio.run(clean_up(profile, services, dry_run=dry_run, on_item=show))
    if args.json:
        context.out.json(
            {
                "profile": profile.name,
                "dry_run": dry_run,
                "items": [
                    {
                        "address": i.entry.address,
                        "places": i.entry.places,
                        "run": i.entry.run_id,
                        "outcome": i.outcome,
                        "reason": context.translate(i.reason) or None,
                    }
                    for i in items
                ],
            }
        )
    elif not items:
        context.out.line(_("No test contacts to clean up."))
    failed = sum(1 for i in items if i.outcome == "failed")
    return EXIT_CHECK_FAILED if failed else EXIT_OK


def _confirmed(context: Context, count: int) -> bool:
    if sys.stdin is None or not sys.stdin.isatty():
        return False
    question = _n(
        "Delete {count} test contact at the provider for real? [y/N] ",
        "Delete {count} test contacts at the provider for real? [y/N] ",
        count,
    )
    return input(context.translate(question)).strip().lower() in ("y", "yes", "j", "ja")

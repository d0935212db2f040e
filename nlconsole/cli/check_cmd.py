"""`nlconsole check NAME`: the connectivity check, as a report or one JSON object."""

from __future__ import annotations

import argparse
import asyncio
from typing import TYPE_CHECKING, Any

from nlconsole.cli.context import EXIT_CHECK_FAILED, EXIT_OK, Context
from nlconsole.cli.output import print_json, print_warnings
from nlconsole.errors import NLConsoleError

if TYPE_CHECKING:
    from nlconsole.core.diagnostics import CheckReport

MARK = {"pass": "PASS", "info": "INFO", "warn": "WARN", "fail": "FAIL", "unknown": "  ? "}


def register(commands: Any) -> None:
    """Add the `check` command."""
    parser = commands.add_parser(
        "check",
        help="test a profile's connection and credentials",
        description="Exit code 0: the interface has what it needs; 1: it does not; "
        "2: usage, configuration or keyring problem.",
    )
    parser.add_argument("name", help="profile name")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=_check)


def _check(context: Context, args: argparse.Namespace) -> int:
    from nlconsole.core.checks import load_check_inputs, record_result, run_check

    services = context.services
    profile = services.profiles.get(args.name)
    inputs = load_check_inputs(profile, services.secrets)
    report = asyncio.run(run_check(inputs, services))
    try:
        record_result(services, report)
    except NLConsoleError as exc:
        print_warnings([f"the result was not saved: {exc.message}"])
    if args.json:
        print_json(report.as_json())
    else:
        _print_report(report, profile.base_url)
    return EXIT_OK if report.ok else EXIT_CHECK_FAILED


def _print_report(report: CheckReport, base_url: str) -> None:
    print(f"{report.provider} check of '{report.profile}' at {base_url}")
    width = max((len(f.title) for f in report.findings), default=0)
    for finding in report.findings:
        latency = f"{finding.latency_ms:6.0f} ms" if finding.latency_ms is not None else ""
        mark = MARK[finding.status.value]
        print(f"  {mark}  {finding.title.ljust(width)}  {finding.detail}  {latency}")
        if finding.remediation and finding.status.value != "pass":
            print(f"        fix: {finding.remediation}")
    verdict = (
        "the interface has what it needs"
        if report.ok
        else "the interface cannot work like this: fix the FAIL lines above"
    )
    print(f"Result: {report.outcome.upper()}: {verdict} ({report.duration_ms / 1000:.2f} s)")

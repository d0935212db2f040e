"""Command-line entry point: argparse front end over the core services.

Each subcommand lives in its own module with a `register()` that adds its parser; handlers get a
`Context` that builds the services lazily, so `--help` and `--version` stay instant.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from nlconsole import __version__
from nlconsole.cli import check_cmd, profiles_cmd, sandbox_cmd, secrets_cmd, tui_cmd
from nlconsole.cli.context import EXIT_USAGE, Context
from nlconsole.cli.output import print_error
from nlconsole.errors import NLConsoleError


def build_parser() -> argparse.ArgumentParser:
    """The whole command tree; subcommands appear only when they work."""
    parser = argparse.ArgumentParser(
        prog="nlconsole",
        description="Set up and acceptance-test Maileon and Newsletter2Go newsletter interfaces.",
        epilog="Profiles live in profiles.toml under the config dir; secrets only in the keyring.",
    )
    parser.add_argument("--version", action="version", version=f"nlconsole {__version__}")
    parser.add_argument(
        "--lang", choices=["de", "en"], help="console language (default: from the locale)"
    )
    parser.add_argument(
        "--home",
        metavar="DIR",
        help="config directory (default: $NLCONSOLE_HOME, else the platform's user config dir)",
    )
    commands = parser.add_subparsers(
        dest="command",
        metavar="COMMAND",
        title="commands (without one, nlconsole opens the console)",
    )
    tui_cmd.register(commands)
    profiles_cmd.register(commands)
    secrets_cmd.register(commands)
    check_cmd.register(commands)
    sandbox_cmd.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code (0 ok, 1 check failed, 2 usage/config/secret error)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", tui_cmd.run_console)
    context = Context(home=args.home)
    try:
        result: int = handler(context, args)
    except NLConsoleError as exc:
        print_error(exc)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    return result

"""Command-line entry point: argparse front end over the core services.

Each subcommand lives in its own module with a `register()` that adds its parser; handlers get a
`Context` that builds the services lazily, so `--help` and `--version` stay instant. Any error
of the error base ends as a message and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from nlconsole import __version__
from nlconsole.cli import (
    bootstrap_cmd,
    check_cmd,
    cleanup_cmd,
    handover_cmd,
    journeys_cmd,
    profiles_cmd,
    protocol_cmd,
    sandbox_cmd,
    secrets_cmd,
    status_cmd,
    tui_cmd,
)
from nlconsole.cli.argparse_texts import translate_argparse
from nlconsole.cli.context import EXIT_USAGE, Context
from nlconsole.errors import NLConsoleError
from nlconsole.i18n import LANGUAGES, Language, Translator, _, detect_language


def build_parser(translate: Translator) -> argparse.ArgumentParser:
    """The whole command tree; subcommands appear only when they work."""
    t = translate
    parser = argparse.ArgumentParser(
        prog="nlconsole",
        description=t(
            _("Set up and acceptance-test Maileon and Newsletter2Go newsletter interfaces.")
        ),
        epilog=t(
            _("Profiles live in profiles.toml under the config dir; secrets only in the keyring.")
        ),
    )
    parser.add_argument("--version", action="version", version=f"nlconsole {__version__}")
    parser.add_argument(
        "--lang", choices=list(LANGUAGES), help=t(_("language (default: from the locale)"))
    )
    parser.add_argument(
        "--home",
        metavar="DIR",
        help=t(
            _("config directory (default: $NLCONSOLE_HOME, else the platform's user config dir)")
        ),
    )
    commands = parser.add_subparsers(
        dest="command",
        metavar="COMMAND",
        title=t(_("commands (without one, nlconsole opens the console)")),
    )
    commands_in_order = (
        tui_cmd,
        profiles_cmd,
        secrets_cmd,
        handover_cmd,
        check_cmd,
        bootstrap_cmd,
        journeys_cmd,
        cleanup_cmd,
        protocol_cmd,
        status_cmd,
        sandbox_cmd,
    )
    for module in commands_in_order:
        module.register(commands, t)
    return parser


def language_of(argv: Sequence[str]) -> Language:
    """`--lang` wherever it stands (before or after the command), else the locale."""
    for index, arg in enumerate(argv):
        value: str | None = arg.partition("=")[2] if arg.startswith("--lang=") else None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        if value == "de":
            return "de"
        if value == "en":
            return "en"
    return detect_language()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code (0 ok, 1 check failed, 2 usage/config/secret error)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    language = language_of(arguments)
    translate = Translator.for_language(language)
    translate_argparse(translate)
    args = build_parser(translate).parse_args(arguments)
    handler = getattr(args, "handler", tui_cmd.run_console)
    context = Context(args.home, language, json=bool(getattr(args, "json", False)))
    try:
        result: int = handler(context, args)
    except NLConsoleError as exc:
        context.out.error(exc)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(translate(_("interrupted")), file=sys.stderr)
        return 130
    return result

"""Command-line entry point: argparse front end over the core services.

Each subcommand lives in its own module with its `NAME`, its `HELP` and a `register()` that adds
its parser; handlers get a `Context` that builds the services lazily. Only the command being run
gets its whole parser tree; the others are a name and a help line, and the command modules import
their heavy dependencies (asyncio, httpx, pydantic, keyring) inside their handlers, so `--help`
and short commands do not pay for what they never use. Any error of the error base ends as a
message and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import os
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

COMMANDS_IN_ORDER = (
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
ALL = "*"
"""`build_parser(command=ALL)` builds every command's whole tree (tests walk it)."""
OPTIONS_WITH_VALUE = ("--lang", "--home")


def build_parser(translate: Translator, command: str | None = ALL) -> argparse.ArgumentParser:
    """The command tree: `command`'s in full (every one for `ALL`), the others by name and help."""
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
    parser.add_argument(
        "--version",
        action="version",
        version=f"nlconsole {__version__}",
        help=t(_("show program's version number and exit")),
    )
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
    for module in COMMANDS_IN_ORDER:
        if command in (ALL, module.NAME):
            module.register(commands, t)
        else:
            commands.add_parser(module.NAME, help=t(module.HELP))
    return parser


def command_of(argv: Sequence[str]) -> str | None:
    """The command `argv` names: its first word that is neither an option nor an option's value."""
    words = iter(argv)
    for arg in words:
        if arg == "--":
            return next(words, None)
        if arg in OPTIONS_WITH_VALUE:
            next(words, None)
        elif not arg.startswith("-"):
            return arg
    return None


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


EXIT_BROKEN_PIPE = 141
"""128 + SIGPIPE, what a shell reports for a command whose reader went away."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code (0 ok, 1 check failed, 2 usage/config/secret error)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    language = language_of(arguments)
    translate = Translator.for_language(language)
    translate_argparse(translate)
    args = build_parser(translate, command_of(arguments)).parse_args(arguments)
    handler = getattr(args, "handler", tui_cmd.run_console)
    context = Context(args.home, language, json=bool(getattr(args, "json", False)))
    try:
        result: int = handler(context, args)
        sys.stdout.flush()  # inside the try: a reader that went away shows here
    except NLConsoleError as exc:
        context.out.error(exc)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(translate(_("interrupted")), file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `nlconsole status | head`: the reader has what it wanted. Not an error to report;
        # stdout goes to /dev/null so the interpreter's last flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    return result

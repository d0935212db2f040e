"""`nlconsole protocol NAME`: the acceptance protocol the customer signs, in one of four formats.

German by default whatever the locale (the customer's paper), English with `--lang en`.
Markdown and JSON may go to stdout; HTML and PDF only into a file (`-o`), written beside the
target and renamed over it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from nlconsole.cli.context import EXIT_OK, Context
from nlconsole.core.protocol import BINARY_OR_LARGE, FORMATS, protocol_bytes
from nlconsole.errors import UsageError
from nlconsole.i18n import LANGUAGES, Translator, _

NAME = "protocol"
HELP = _("export the acceptance protocol of a profile (PDF, HTML, Markdown, JSON)")


def register(commands: Any, t: Translator) -> None:
    """Add the `protocol` command."""
    parser = commands.add_parser(
        NAME,
        help=t(HELP),
        description=t(
            _(
                "Builds the protocol from the profile, its checklist, the last pre-flight check, "
                "the journey runs and the cleanup ledger. Every format shows the SHA-256 of the "
                "JSON document. It never contains a secret."
            )
        ),
    )
    parser.add_argument("name", help=t(_("profile name")))
    parser.add_argument(
        "--format", choices=list(FORMATS), default="pdf", help=t(_("format (default: pdf)"))
    )
    parser.add_argument(
        "--lang",
        choices=list(LANGUAGES),
        default=argparse.SUPPRESS,  # keep a `nlconsole --lang en protocol` given before it
        help=t(_("language of the protocol (default: de)")),
    )
    parser.add_argument("-o", "--output", metavar="FILE", help=t(_("write to this file")))
    parser.add_argument(
        "--tester", metavar="NAME", help=t(_("who tested (default: the operating system user)"))
    )
    parser.set_defaults(handler=_protocol)


def _protocol(context: Context, args: argparse.Namespace) -> int:
    from nlconsole.core.protocol.export import default_tester, write_file

    fmt = args.format
    if args.output is None and fmt in BINARY_OR_LARGE:
        raise UsageError(
            _("a {format} protocol is written to a file only", format=fmt.upper()),
            _("Give a file with -o, e.g. -o protocol.{format}.", format=fmt),
        )
    services = context.services
    profile = services.profiles.get(args.name)
    translate = Translator.for_language(getattr(args, "lang", None) or "de")
    data = protocol_bytes(
        profile,
        services.config_dir,
        fmt,
        translate=translate,
        exported_at=services.clock.now(),
        tester=args.tester or default_tester(),
    )
    if args.output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)  # UTF-8 whatever the terminal's encoding ("→", "✔")
        sys.stdout.buffer.flush()
        return EXIT_OK
    path = Path(args.output).expanduser()
    write_file(path, data)
    context.out.line(_("Protocol written to {path}", path=str(path)))
    return EXIT_OK

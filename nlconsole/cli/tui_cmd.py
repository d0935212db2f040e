"""`nlconsole` (no command) and `nlconsole demo`: open the console.

Textual is imported only here, and only when the console is opened.
"""

from __future__ import annotations

import argparse
from typing import Any

from nlconsole.cli.context import Context
from nlconsole.core.paths import config_dir
from nlconsole.i18n import LANGUAGES, Translator, _

NAME = "demo"
HELP = _("open the console on the built-in sandbox (offline, nothing of yours is touched)")


def register(commands: Any, t: Translator) -> None:
    """Add the `demo` command (the bare `nlconsole` opens the console on real profiles)."""
    demo = commands.add_parser(
        NAME,
        help=t(HELP),
        description=t(
            _(
                "Starts the sandbox in this process on a free loopback port, keeps secrets in "
                "memory and uses a temporary config dir, with ready demo profiles for Maileon "
                "and Newsletter2Go."
            )
        ),
    )
    demo.add_argument(
        "--lang",
        choices=list(LANGUAGES),
        default=argparse.SUPPRESS,  # keep a `nlconsole --lang de demo` given before the command
        help=t(_("language (default: from the locale)")),
    )
    demo.set_defaults(handler=run_demo)


def run_demo(context: Context, args: argparse.Namespace) -> int:
    """Open the console on the embedded sandbox."""
    from nlconsole.ui.app import NLConsoleApp
    from nlconsole.ui.boot import demo_boot

    return NLConsoleApp(demo_boot, language=context.language).run() or 0


def run_console(context: Context, args: argparse.Namespace) -> int:
    """Open the console on the real profiles and the OS keyring."""
    from nlconsole.ui.app import NLConsoleApp
    from nlconsole.ui.boot import real_boot

    app = NLConsoleApp(real_boot(config_dir(context.home)), language=context.language)
    return app.run() or 0

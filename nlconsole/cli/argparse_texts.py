"""German for argparse's own words ("usage:", "options", its error messages).

argparse asks the stdlib `gettext` for them; `translate_argparse` points those calls at our
translator for this process (the CLI process is ours alone), and `ARGPARSE_TEXTS` names the
msgids so that Babel extracts them into our catalogue.
"""

from __future__ import annotations

import argparse

from nlconsole.i18n import Translator, _

ARGPARSE_TEXTS = (
    _("usage: "),
    _("positional arguments"),
    _("options"),
    _("show this help message and exit"),
    _("show program's version number and exit"),
    _("the following arguments are required: %s"),
    _("unrecognized arguments: %s"),
    _("invalid choice: %(value)r (choose from %(choices)s)"),
    _("invalid %(type)s value: %(value)r"),
    _("argument %(argument_name)s: %(message)s"),
    _("%(prog)s: error: %(message)s\n"),
    _("expected one argument"),
    _("expected at least one argument"),
    _("expected at most one argument"),
    _("ambiguous option: %(option)s could match %(matches)s"),
    _("not allowed with argument %s"),
    _("one of the arguments %s is required"),
)


def translate_argparse(translate: Translator) -> None:
    """Let argparse speak the CLI's language."""
    argparse._ = translate.gettext  # type: ignore[attr-defined]

    def ngettext(singular: str, plural: str, n: int) -> str:
        return translate.gettext(singular if n == 1 else plural)

    argparse.ngettext = ngettext  # type: ignore[attr-defined]

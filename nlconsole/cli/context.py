"""What a CLI handler gets: the language, a printer, lazily built services, the exit codes."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from nlconsole.cli.output import Printer
from nlconsole.core.paths import config_dir
from nlconsole.i18n import Language, Translator

if TYPE_CHECKING:
    from nlconsole.core.services import Services

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_USAGE = 2


class Context:
    """Builds the real services on first use (profiles under the config dir, OS keyring)."""

    def __init__(self, home: str | None, language: Language, *, json: bool = False) -> None:
        self.home = home
        self.language: Language = language
        self.translate = Translator.for_language(language)
        self.out = Printer(self.translate, json=json)

    @cached_property
    def services(self) -> Services:
        """The services for this invocation."""
        from nlconsole.core.services import Services

        return Services.real(config_dir(self.home), self.language)

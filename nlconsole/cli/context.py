"""What a CLI handler gets: lazily built services and the exit codes."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from nlconsole.core.paths import config_dir

if TYPE_CHECKING:
    from nlconsole.core.services import Services

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_USAGE = 2


class Context:
    """Builds the real services on first use (profiles under the config dir, OS keyring)."""

    def __init__(self, home: str | None) -> None:
        self.home = home

    @cached_property
    def services(self) -> Services:
        """The services for this invocation."""
        from nlconsole.core.services import Services

        return Services.real(config_dir(self.home))

"""One base for every error a person gets to read: what went wrong and how to fix it.

Core and provider errors both derive from `NLConsoleError`, so the CLI turns any of them into a
message and exit code 2, and the console into its problem screen. Texts are `Msg` values
(translated at the edge); neither ever contains a secret.
"""

from __future__ import annotations

from nlconsole.i18n import ENGLISH, Text


class NLConsoleError(Exception):
    """An error with a message for the administrator and, where known, a remediation."""

    def __init__(self, message: Text, remediation: Text | None = None) -> None:
        super().__init__(ENGLISH(message))
        self.message: Text = message
        self.remediation: Text | None = remediation or None

    def __str__(self) -> str:
        message = ENGLISH(self.message)
        return f"{message}\n{ENGLISH(self.remediation)}" if self.remediation else message


class ConfigError(NLConsoleError):
    """profiles.toml (or the config dir) cannot be read, parsed, validated or written; the file
    on disk is left as it was."""


class ProfileNotFound(NLConsoleError):
    """No profile of that name exists."""


class ProfileExists(NLConsoleError):
    """A profile of that name already exists."""


class UsageError(NLConsoleError):
    """A command was given values that cannot work together (a CLI usage problem)."""


class ServiceError(NLConsoleError):
    """A provider (or the network to it) failed a call; the provider clients' errors derive from
    it, so the edges can tell it apart without reaching into the clients."""

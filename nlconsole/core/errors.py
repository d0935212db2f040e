"""Errors the core reports to people: each carries what went wrong and how to fix it."""

from __future__ import annotations


class NLConsoleError(Exception):
    """An error with a message for the administrator and, where known, a remediation."""

    def __init__(self, message: str, remediation: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.remediation = remediation

    def __str__(self) -> str:
        return f"{self.message}\n{self.remediation}" if self.remediation else self.message


class ConfigError(NLConsoleError):
    """profiles.toml cannot be read, parsed or validated; the file is left untouched."""


class ProfileNotFound(NLConsoleError):
    """No profile of that name exists."""


class ProfileExists(NLConsoleError):
    """A profile of that name already exists."""

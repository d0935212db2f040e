"""Base URLs as people enter them: the providers' transport rule, as errors for the edges.

The CLI and the console take base URLs from people; the rule itself (HTTPS, or HTTP on
loopback only; no credentials, control characters or bad ports) lives with the clients.
"""

from __future__ import annotations

from nlconsole.errors import UsageError
from nlconsole.i18n import Text, _
from nlconsole.providers.endpoints import InsecureBaseURL, check_base_url, is_loopback_host

__all__ = ["checked_base_url", "is_loopback_host"]


def checked_base_url(text: str, what: Text) -> str:
    """The normalised base URL, or a UsageError naming where it came from and what is wrong."""
    try:
        return check_base_url(text)
    except InsecureBaseURL as exc:
        problem = exc.args[0] if exc.args else str(exc)
        raise UsageError(_("{what}: {problem}", what=what, problem=problem)) from None

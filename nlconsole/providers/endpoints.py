"""Provider endpoints and the transport-security rule for base URLs.

Kept free of httpx so that profile validation can use it without paying for an HTTP stack.
"""

from __future__ import annotations

import ipaddress
import unicodedata
from urllib.parse import urlsplit

from nlconsole.i18n import _

MAILEON = "maileon"
NEWSLETTER2GO = "newsletter2go"

DEFAULT_BASE_URLS: dict[str, str] = {
    MAILEON: "https://api.maileon.com/1.0",
    NEWSLETTER2GO: "https://api.newsletter2go.com",
}


class InsecureBaseURL(ValueError):
    """A base URL that would send credentials in clear text or is not a usable URL."""


def is_loopback_host(host: str) -> bool:
    """True for `localhost` and loopback addresses (127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_base_url(url: str) -> str:
    """Return `url` without surrounding white space and trailing slash, or raise InsecureBaseURL.

    HTTPS is required because every request carries credentials; plain HTTP is allowed only on
    loopback, where the sandbox runs. Control characters and white space inside are refused:
    `urlsplit` silently drops some of them, but the URL itself would carry them into request
    lines and headers (`.../1.0\\r\\nX-Evil: 1`). The port must be a number from 1 to 65535.
    """
    candidate = url.strip()
    odd = next((c for c in candidate if unicodedata.category(c)[0] in "CZ"), None)
    if odd is not None:
        raise InsecureBaseURL(
            _(
                "{url} contains a control character or white space ({char}); a base URL has none",
                url=repr(url),
                char=f"U+{ord(odd):04X}",
            )
        )
    not_a_url = InsecureBaseURL(_("{url} is not an http(s) URL with a host name", url=repr(url)))
    try:
        parts = urlsplit(candidate)  # raises for a broken [IPv6] host
        host = parts.hostname
    except ValueError:
        raise not_a_url from None
    if parts.scheme not in ("http", "https") or not host:
        raise not_a_url
    if not _valid_port(parts.netloc):
        raise InsecureBaseURL(
            _("{url} has an invalid port: use a number from 1 to 65535", url=repr(url))
        )
    if parts.query or parts.fragment:
        raise InsecureBaseURL(_("{url} must not carry a query string or fragment", url=repr(url)))
    if parts.username or parts.password:
        raise InsecureBaseURL(
            _("a base URL must not contain credentials; store them with 'secrets set'")
        )
    if parts.scheme == "http" and not is_loopback_host(host):
        raise InsecureBaseURL(
            _(
                "{url} uses plain HTTP: credentials would travel unencrypted. Use https://, or "
                "http:// only for a loopback host such as the sandbox",
                url=repr(url),
            )
        )
    return candidate.rstrip("/")


def _valid_port(netloc: str) -> bool:
    """No port, or ASCII digits for 1 to 65535 (`urlsplit` accepts 0 and an empty port)."""
    host_port = netloc.rpartition("@")[2]
    after_host = host_port.rpartition("]")[2] if host_port.startswith("[") else host_port
    if ":" not in after_host:
        return True
    port = after_host.rpartition(":")[2]
    return port.isascii() and port.isdigit() and 1 <= int(port) <= 65535

"""Provider endpoints and the transport-security rule for base URLs.

Kept free of httpx so that profile validation can use it without paying for an HTTP stack.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

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
    """Return `url` without a trailing slash, or raise InsecureBaseURL.

    HTTPS is required because every request carries credentials; plain HTTP is allowed only on
    loopback, where the sandbox runs.
    """
    candidate = url.strip()
    parts = urlsplit(candidate)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InsecureBaseURL(f"{url!r} is not an http(s) URL with a host name")
    if parts.query or parts.fragment:
        raise InsecureBaseURL(f"{url!r} must not carry a query string or fragment")
    if parts.username or parts.password:
        raise InsecureBaseURL(
            "a base URL must not contain credentials; store them with 'secrets set'"
        )
    if parts.scheme == "http" and not is_loopback_host(parts.hostname):
        raise InsecureBaseURL(
            f"{url!r} uses plain HTTP: credentials would travel unencrypted. "
            "Use https://, or http:// only for a loopback host such as the sandbox"
        )
    return candidate.rstrip("/")

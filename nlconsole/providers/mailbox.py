"""The sandbox's DOI mailbox, read over HTTP like any API: for --auto-confirm in unattended
sandbox runs (the demo, tests). Against a real provider the DOI click is always a person's."""

from __future__ import annotations

from urllib.parse import urlsplit

from nlconsole.i18n import _
from nlconsole.providers.base import NotFound, ProtocolError
from nlconsole.providers.endpoints import is_loopback_host
from nlconsole.providers.http import HttpOptions, HttpSession, json_or_none


def sandbox_root(base_url: str) -> str | None:
    """The sandbox's root URL behind a provider base URL, or None when it is not on loopback."""
    parts = urlsplit(base_url)
    if parts.scheme != "http" or not parts.hostname or not is_loopback_host(parts.hostname):
        return None
    return f"{parts.scheme}://{parts.netloc}"


async def confirm_newest_doi(root: str, address: str, options: HttpOptions) -> None:
    """Follow the confirmation link of the newest unconfirmed mail to `address`."""
    headers = {"Accept": "application/json"}
    session = HttpSession(root, headers=headers, options=options, service="Sandbox")
    try:
        response = await session.request("GET", "mailbox.json", params=[("to", address)])
        data = json_or_none(response)
        mails = data.get("mails") if isinstance(data, dict) else None
        if not isinstance(mails, list):
            raise ProtocolError(_("the sandbox mailbox did not answer as expected"))
        open_mails = [
            m
            for m in mails
            if isinstance(m, dict) and not m.get("confirmed_at") and m.get("confirm_url")
        ]
        if not open_mails:
            raise NotFound(
                _("no unconfirmed mail to {address} in the sandbox mailbox", address=address)
            )
        link = str(open_mails[-1]["confirm_url"])
        path = urlsplit(link).path.lstrip("/")
        await session.request("GET", path)
    finally:
        await session.aclose()

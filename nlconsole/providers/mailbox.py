"""The sandbox's DOI mailbox, read over HTTP like any API: for --auto-confirm in unattended
sandbox runs (the demo, tests). Against a real provider the DOI click is always a person's."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from pydantic import SecretStr

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
    await _follow_newest(root, address, options, "confirm_url")


async def unsubscribe_via_newsletter(root: str, address: str, options: HttpOptions) -> None:
    """Have the sandbox's Maileon send its newsletter to `address`, then follow the
    newsletter's unsubscribe link, as the subscriber does (journey M7)."""
    session = _session(root, options)
    try:
        response = await session.request(
            "POST",
            "_sandbox/maileon/newsletter",
            content=json.dumps({"to": address}).encode(),
            headers={"Content-Type": "application/json"},
            retry=False,
        )
        if response.status_code >= 400:
            data = json_or_none(response)
            problem = data.get("error") if isinstance(data, dict) else None
            raise NotFound(
                _("the sandbox sent no newsletter: {problem}", problem=str(problem)[:200])
            )
    finally:
        await session.aclose()
    await _follow_newest(root, address, options, "unsubscribe_url")


def _session(root: str, options: HttpOptions) -> HttpSession:
    headers = {"Accept": "application/json"}
    return HttpSession(root, headers=headers, options=options, service="Sandbox")


async def _follow_newest(root: str, address: str, options: HttpOptions, link: str) -> None:
    """Follow `link` (confirm_url or unsubscribe_url) of the newest unfollowed mail."""
    session = _session(root, options)
    try:
        response = await session.request("GET", "mailbox.json", params=[("to", address)])
        data = json_or_none(response)
        mails = data.get("mails") if isinstance(data, dict) else None
        if not isinstance(mails, list):
            raise ProtocolError(_("the sandbox mailbox did not answer as expected"))
        open_mails = [
            m for m in mails if isinstance(m, dict) and not m.get("confirmed_at") and m.get(link)
        ]
        if not open_mails:
            raise NotFound(
                _("no unconfirmed mail to {address} in the sandbox mailbox", address=address)
            )
        path = urlsplit(str(open_mails[-1][link])).path.lstrip("/")
        await session.request("GET", path)
    finally:
        await session.aclose()


async def sandbox_maileon_key(root: str, scenario: str, options: HttpOptions) -> SecretStr:
    """A seeded Maileon key of the sandbox (e.g. 'expired', for journey M9), read from its
    public description when needed, so it is never stored in a profile or a run."""
    session = _session(root, options)
    try:
        data = json_or_none(await session.request("GET", ""))
    finally:
        await session.aclose()
    maileon = data.get("maileon") if isinstance(data, dict) else None
    keys = maileon.get("keys") if isinstance(maileon, dict) else None
    for seed in keys if isinstance(keys, list) else []:
        if isinstance(seed, dict) and seed.get("scenario") == scenario:
            return SecretStr(str(seed.get("api_key")))
    raise ProtocolError(_("the sandbox has no Maileon key '{scenario}'", scenario=scenario))

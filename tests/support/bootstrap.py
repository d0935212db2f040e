"""What the bootstrap does before any Maileon journey, for tests: the default mapping's custom
fields, created over Maileon's API (real HTTP) with the integration key (it has the create
right). The journeys' exports write into them; without them Maileon refuses the export."""

from __future__ import annotations

import httpx

from nlconsole.core.models import DEFAULT_CUSTOM_FIELDS
from nlconsole.sandbox.seeds import maileon_key
from nlconsole.sandbox.server import SandboxServer
from nlconsole.sandbox.vendors.interfaces import maileon_headers


def create_mapped_fields(sandbox: SandboxServer) -> None:
    """Create NAMENSPRAEFIX, cmx_einkauf and EINZELNUTZERTRACKING in the sandbox's account."""
    base = sandbox.sandbox.base_urls()["maileon"]
    for name, kind in DEFAULT_CUSTOM_FIELDS.items():
        response = httpx.post(
            f"{base}/contacts/fields/custom/{name}",
            params={"type": kind},
            headers=maileon_headers(maileon_key("create_update")),
            timeout=10,
        )
        assert response.status_code in (200, 201), response.text

"""A Newsletter2Go profile for the sandbox's mock PEIQ PORTAL: its newsletters, with the
address books bootstrap makes for them (the portal's interface finds them by name)."""

from __future__ import annotations

from pydantic import SecretStr

from nlconsole.core.bootstrap import apply_plan, make_plan
from nlconsole.core.checks import load_check_inputs
from nlconsole.core.models import Profile
from nlconsole.core.services import Services
from nlconsole.providers.newsletter2go import Newsletter2GoClient
from nlconsole.sandbox.seeds import n2g_account
from nlconsole.sandbox.server import SandboxServer
from nlconsole.sandbox.vendors.portal_accounts import NEWSLETTERS

SECRETS = ("auth_key", "username", "password")


async def portal_profile(services: Services, sandbox: SandboxServer) -> Profile:
    """Profile 'verlag' on the working account, its books created and recorded."""
    account = n2g_account("working")
    profile = Profile.model_validate(
        {
            "name": "verlag",
            "provider": "newsletter2go",
            "environment": "sandbox",
            "base_url": sandbox.sandbox.base_urls()["newsletter2go"],
            "newsletter2go": {"newsletters": list(NEWSLETTERS)},
        }
    )
    services.profiles.add(profile)
    for field in SECRETS:
        services.secrets.set("verlag", field, SecretStr(getattr(account, field)))
    inputs = load_check_inputs(profile, services.secrets)
    await apply_plan(inputs, services, await make_plan(inputs, services))
    return services.profiles.get("verlag")


def n2g_client(sandbox: SandboxServer) -> Newsletter2GoClient:
    """A client on the working account (to look at or change what the portal pushed)."""
    account = n2g_account("working")
    url = sandbox.sandbox.base_urls()["newsletter2go"]
    return Newsletter2GoClient(url, *(SecretStr(getattr(account, s)) for s in SECRETS))

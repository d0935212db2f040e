"""The sandbox without a socket: both emulated APIs, the mailbox, the clock, faults and the
control API behind one `dispatch(request)`.

The threaded HTTP server (`server.py`) and the in-process httpx transport (`transport.py`) both
sit on top of this, so tests with and without ports see the same behaviour.
"""

from __future__ import annotations

import math
import secrets
from dataclasses import dataclass, field
from typing import Any

from nlconsole.sandbox.clock import SandboxClock
from nlconsole.sandbox.control import TOKEN_HEADER, ControlAccess, ControlApi
from nlconsole.sandbox.faults import FaultDecision, FaultInjector, FaultRule, fault_response
from nlconsole.sandbox.mailbox import Mailbox
from nlconsole.sandbox.maileon import MaileonSandbox
from nlconsole.sandbox.maileon.newsletters import send_newsletter
from nlconsole.sandbox.newsletter2go import N2GSandbox
from nlconsole.sandbox.newsletter2go.mailings import testmailing_page
from nlconsole.sandbox.seeds import (
    MAILEON_DOI_KEY,
    MAILEON_KEYS,
    N2G_ACCOUNTS,
    N2G_DOI_FORM_CODE,
    N2G_WRONG_PASSWORD,
    n2g_account,
)
from nlconsole.sandbox.vendors.interfaces import Newsletter2GoInterface
from nlconsole.sandbox.vendors.portal import PortalPages
from nlconsole.sandbox.vendors.portal_accounts import PortalAccounts
from nlconsole.sandbox.vendors.shop import CourseShop
from nlconsole.sandbox.web import Request, Response

API_PREFIXES = ("/maileon/", "/newsletter2go/")
"""Faults apply only below these, so the mailbox and the control API stay usable."""


@dataclass
class SandboxOptions:
    """How the sandbox behaves: timings and the faults active from the start."""

    unsubscribe_delay: float = 1.0
    token_lifetime: float = 7200.0
    faults: list[FaultRule] = field(default_factory=list)
    seed: int = 0

    def __post_init__(self) -> None:
        """Refuse values that would make the sandbox misbehave, with what is wrong."""
        if not _finite_number(self.unsubscribe_delay) or self.unsubscribe_delay < 0:
            raise ValueError("unsubscribe_delay must be a number of seconds, 0 or more")
        if not _finite_number(self.token_lifetime) or self.token_lifetime <= 0:
            raise ValueError("token_lifetime must be a number of seconds above 0")
        if isinstance(self.seed, bool) or not isinstance(self.seed, int):
            raise ValueError("seed must be a whole number")
        if not all(isinstance(rule, FaultRule) for rule in self.faults):
            raise ValueError("faults must be FaultRule values")


def _finite_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


class Sandbox:
    """Both emulated APIs plus mailbox and fault injection, independent of the socket."""

    def __init__(self, options: SandboxOptions | None = None) -> None:
        self.options = options or SandboxOptions()
        self.public_url = "http://127.0.0.1"
        self.clock = SandboxClock()
        self.mailbox = Mailbox(self.clock)
        self.faults = FaultInjector(self.options.seed)
        for rule in self.options.faults:
            self.faults.add(rule)
        self.maileon = MaileonSandbox(
            self.mailbox,
            lambda: self.public_url,
            self.clock,
            unsubscribe_delay=self.options.unsubscribe_delay,
        )
        self.n2g = N2GSandbox(
            self.mailbox,
            self.clock,
            token_lifetime=self.options.token_lifetime,
            seed=self.options.seed,
        )
        portal_login = n2g_account("working")
        self.shop = CourseShop(self.dispatch)
        self.portal = PortalPages(
            PortalAccounts(
                self.mailbox,
                Newsletter2GoInterface(
                    self.dispatch,
                    portal_login.auth_key,
                    portal_login.username,
                    portal_login.password,
                ),
            )
        )
        self.control_token = secrets.token_urlsafe(18)
        """Per run; the control API wants it in `X-Sandbox-Token` when the server is remote."""
        self.remote = False
        """Set by the server when it is bound beyond loopback."""
        self.control = ControlApi(
            self.faults,
            self.clock,
            self.describe,
            ControlAccess(self.control_token, lambda: self.remote),
            lambda email: send_newsletter(self.maileon.state, email),
        )

    def base_urls(self) -> dict[str, str]:
        """Where each emulated API and the mailbox are served."""
        return {
            "maileon": f"{self.public_url}/maileon/1.0",
            "newsletter2go": f"{self.public_url}/newsletter2go",
            "mailbox": f"{self.public_url}/mailbox",
            "control": f"{self.public_url}/_sandbox",
            "shop": f"{self.public_url}/shop",
            "portal": f"{self.public_url}/portal",
        }

    def describe(self, *, include_control_token: bool = True) -> dict[str, Any]:
        """Base URLs, seeded credentials (sandbox-only values) and how to reach the control API.

        The unguarded root page leaves the control token out; the CLI banner and the guarded
        `GET /_sandbox` show it.
        """
        control: dict[str, Any] = {"remote": self.remote, "token_header": TOKEN_HEADER}
        if include_control_token:
            control["token"] = self.control_token
        return {
            "base_urls": self.base_urls(),
            "control": control,
            "maileon": {
                "keys": [
                    {
                        "scenario": seed.scenario,
                        "api_key": seed.key,
                        "rights": sorted(seed.rights),
                        "expires": seed.expires.isoformat() if seed.expires else None,
                        "active": seed.active,
                        "description": seed.description,
                    }
                    for seed in MAILEON_KEYS
                ],
                "doi_mailing_key": MAILEON_DOI_KEY,
            },
            "newsletter2go": {
                "accounts": [
                    {
                        "scenario": seed.scenario,
                        "auth_key": seed.auth_key,
                        "username": seed.username,
                        "password": seed.password,
                        "description": seed.description,
                    }
                    for seed in N2G_ACCOUNTS
                ],
                "wrong_password": N2G_WRONG_PASSWORD,
                "doi_form_code": N2G_DOI_FORM_CODE,
                "token_lifetime": self.n2g.token_lifetime,
            },
        }

    def dispatch(self, request: Request) -> Response:
        """Route one request to the emulator or page that serves it (no faults)."""
        segments = request.segments
        if segments[:2] == ("maileon", "1.0"):
            return self.maileon.handle(request, segments[2:])
        if segments[:1] == ("newsletter2go",):
            return self.n2g.handle(request, segments[1:])
        if segments == ("newsletter2go-app", "testmailing"):
            return testmailing_page(self.n2g.state, request)
        if segments[:1] == ("mailbox.json",) or (
            segments == ("mailbox",) and "json" in request.header("Accept")
        ):
            mails = self.mailbox.mails(request.param("to"))
            return Response.json(200, {"mails": [m.as_json(self.public_url) for m in mails]})
        if segments == ("mailbox",):
            return Response.html(200, self.mailbox.render_html(self.public_url))
        if len(segments) == 3 and segments[:2] in (
            ("mailbox", "confirm"),
            ("mailbox", "unsubscribe"),
        ):
            status, outcome = self.mailbox.confirm(segments[2])
            done = "Unsubscribed" if segments[1] == "unsubscribe" else "Subscription confirmed"
            return Response.html(
                status, self.mailbox.render_confirmation(status, outcome, self.public_url, done)
            )
        if segments[:1] == ("shop",):
            shop_page = self.shop.handle(request, segments[1:])
            if shop_page is not None:
                return shop_page
        if segments[:1] == ("portal",):
            portal_page = self.portal.handle(request, segments[1:])
            if portal_page is not None:
                return portal_page
        if segments[:1] == ("_sandbox",):
            return self.control.handle(request, segments[1:])
        if not segments:
            return Response.json(200, self.describe(include_control_token=False))
        return Response.text(404, f"nothing at {request.raw_path}; see {self.public_url}/_sandbox")

    def decide_faults(self, request: Request) -> FaultDecision:
        """The faults for one request: none outside the provider APIs."""
        if not request.raw_path.startswith(API_PREFIXES):
            return FaultDecision()
        return self.faults.decide(request.method, request.raw_path)

    def answer(self, request: Request, decision: FaultDecision) -> Response:
        """The response after the faults that replace it (error, rate limit, HTML page);
        latency, dropped connections and slow bodies are the caller's business."""
        injected = fault_response(decision)
        if injected is not None:
            return injected
        try:
            return self.dispatch(request)
        except Exception as exc:  # a sandbox bug must become a visible 500, not a hang
            return Response.text(500, f"sandbox error: {type(exc).__name__}: {exc}")

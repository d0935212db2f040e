"""Maileon REST API 1.0 emulation: keys with rights and expiry, contacts, DOI, custom fields.

Served under `/maileon/1.0/`. Answers use exactly `application/vnd.maileon.api+xml` and
`<error><message>` bodies; every behaviour and its source is tabled in BEHAVIOUR.md. The state
lives in `state`, the resources in one handler module each, the paths in `routes`.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable

from nlconsole.sandbox.clock import SandboxClock
from nlconsole.sandbox.mailbox import Mailbox
from nlconsole.sandbox.maileon.newsletters import follow_link
from nlconsole.sandbox.maileon.routes import ROUTES
from nlconsole.sandbox.maileon.state import MaileonCall, MaileonState
from nlconsole.sandbox.maileon.wire import error
from nlconsole.sandbox.seeds import MaileonKeySeed
from nlconsole.sandbox.web import Request, Response, RouteMissing

RIGHT_BY_METHOD = {"GET": "read", "POST": "create", "PUT": "update", "DELETE": "delete"}


class MaileonSandbox:
    """In-memory Maileon accounts, reachable with the seeded keys."""

    def __init__(
        self,
        mailbox: Mailbox,
        public_url: Callable[[], str],
        clock: SandboxClock,
        *,
        unsubscribe_delay: float = 1.0,
    ) -> None:
        self.state = MaileonState(mailbox, clock, public_url, unsubscribe_delay)
        mailbox.register("maileon", lambda mail: follow_link(self.state, mail))

    def handle(self, request: Request, path: tuple[str, ...]) -> Response:
        """Answer one request whose path below `/maileon/1.0/` is `path`."""
        right = RIGHT_BY_METHOD.get(request.method)
        if right is None:
            return error(
                405, f"method {request.method} is not allowed", {"Allow": "GET, POST, PUT, DELETE"}
            )
        seed = self._authenticate(request)
        if seed is None:
            return error(401, "Unauthorized: the API key is missing, invalid or expired")
        if right not in seed.rights:
            return error(403, f"Forbidden: the API key has no privilege for {request.method}")
        route = ROUTES.resolve(request.method, path)
        if isinstance(route, RouteMissing):
            return error(
                route.status,
                f"unknown resource {'/'.join(path)} for {request.method}",
                route.headers,
            )
        with self.state.lock:
            account = self.state.accounts[seed.account]
            self.state.purge(account)
            return route.handler(MaileonCall(request, route.params, account, self.state))

    def _authenticate(self, request: Request) -> MaileonKeySeed | None:
        scheme, _, token = request.header("Authorization").partition(" ")
        if scheme.lower() != "basic" or not token:
            return None
        try:
            key = base64.b64decode(token.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        seed = self.state.keys.get(key) or self.state.keys.get(key.removesuffix(":"))
        if seed is None or not seed.active:
            return None
        if seed.expires is not None and seed.expires <= self.state.clock.today():
            return None
        return seed

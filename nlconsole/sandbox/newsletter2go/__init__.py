"""Newsletter2Go REST API emulation under `/newsletter2go/`: OAuth, envelopes, lists,
attributes, recipients, forms with DOI. Accepts what the official PHP SDK sends (POST for
recipient updates, `_expand=1`, a bare trailing `?`, a Bearer token on form submit).

The state lives in `state`, the resources in one handler module each, the paths in `routes`.
"""

from __future__ import annotations

from nlconsole.sandbox.clock import SandboxClock
from nlconsole.sandbox.mailbox import Mailbox
from nlconsole.sandbox.newsletter2go import mailings
from nlconsole.sandbox.newsletter2go.filters import BadFilter
from nlconsole.sandbox.newsletter2go.oauth import authenticate
from nlconsole.sandbox.newsletter2go.routes import API_ROUTES, PUBLIC_ROUTES
from nlconsole.sandbox.newsletter2go.state import N2GCall, N2GState
from nlconsole.sandbox.newsletter2go.wire import rest_error
from nlconsole.sandbox.web import Request, Response, RouteMissing


class N2GSandbox:
    """The emulated Newsletter2Go API."""

    def __init__(
        self,
        mailbox: Mailbox,
        clock: SandboxClock,
        *,
        token_lifetime: float = 7200.0,
        seed: int = 0,
    ) -> None:
        self.state = N2GState(mailbox, clock, token_lifetime, seed)
        mailbox.register("newsletter2go", lambda mail: mailings.follow(self.state, mail))

    @property
    def token_lifetime(self) -> float:
        """Seconds an access token lives."""
        return self.state.token_lifetime

    def handle(self, request: Request, path: tuple[str, ...]) -> Response:
        """Answer one request whose path below `/newsletter2go/` is `path`."""
        with self.state.lock:
            public = PUBLIC_ROUTES.resolve(request.method, path)
            if not isinstance(public, RouteMissing):
                return public.handler(self.state, request, public.params)
            user = authenticate(self.state, request)
            if isinstance(user, Response):
                return user
            route = API_ROUTES.resolve(request.method, path)
            if isinstance(route, RouteMissing):
                allowed = RouteMissing(route.allowed + public.allowed)
                return rest_error(
                    allowed.status,
                    allowed.status,
                    f"Call not available: {request.method} /{'/'.join(path)}",
                    allowed.headers,
                )
            company = self.state.company_of(user)
            try:
                return route.handler(N2GCall(request, route.params, user, company, self.state))
            except BadFilter as exc:
                return rest_error(400, 1000, str(exc))

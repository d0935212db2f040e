"""The control API under `/_sandbox/`: describe the sandbox, change faults, move the clock.

It is guarded, because anything that can reach it can change what the sandbox answers: a
request must name a loopback `Host` (`127.0.0.1`, `localhost`, `[::1]`, with any port), or
carry the run's token in `X-Sandbox-Token`; a server bound beyond loopback always needs the
token. Requests that change something (POST, DELETE) must say `Content-Type:
application/json`. Together this blocks browser CSRF (a page may POST text/plain to any
origin, but not JSON without a preflight the sandbox never grants) and DNS rebinding (the
browser then sends the attacker's host name). The mailbox and the mock pages are not guarded.
"""

from __future__ import annotations

import hmac
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from nlconsole.sandbox.clock import SandboxClock
from nlconsole.sandbox.faults import FaultInjector, FaultRule
from nlconsole.sandbox.web import Params, Request, Response, Route, RouteMissing, Router

TOKEN_HEADER = "X-Sandbox-Token"  # noqa: S105 (a header name)
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})
CHANGING_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
MAX_RULES_PER_REQUEST = 100


@dataclass(frozen=True)
class ControlAccess:
    """Who may use the control API: the run's token, and whether the server is remote."""

    token: str
    is_remote: Callable[[], bool]

    def refusal(self, request: Request) -> Response | None:
        """Why this request may not use the control API, or None."""
        sent = request.header(TOKEN_HEADER)
        token_ok = bool(sent) and hmac.compare_digest(sent.encode(), self.token.encode())
        if not token_ok:
            if self.is_remote():
                return _refuse(
                    403, f"this sandbox is reachable from other hosts: send {TOKEN_HEADER}"
                )
            if not _is_loopback_host(request.header("Host")):
                return _refuse(
                    403, f"the control API answers only a loopback Host or {TOKEN_HEADER}"
                )
        if request.method in CHANGING_METHODS and not _is_json(request.header("Content-Type")):
            return _refuse(415, "the control API accepts only Content-Type: application/json")
        return None


def _is_loopback_host(host: str) -> bool:
    name = host.strip().lower()
    if name.startswith("["):
        name = name[: name.find("]") + 1]
    elif name.count(":") == 1:
        name = name.partition(":")[0]
    return name in LOOPBACK_HOSTS


def _is_json(content_type: str) -> bool:
    return content_type.partition(";")[0].strip().lower() == "application/json"


def _refuse(status: int, message: str) -> Response:
    return Response.json(status, {"error": message})


def _strict_json(request: Request) -> Any:
    """The body as JSON without the NaN/Infinity literals Python would otherwise accept."""

    def refuse(constant: str) -> Any:
        raise ValueError(f"{constant} is not a number the sandbox accepts")

    return json.loads(request.body.decode("utf-8") or "null", parse_constant=refuse)


class ControlApi:
    """Test hooks of a running sandbox (never part of an emulated provider API)."""

    def __init__(
        self,
        faults: FaultInjector,
        clock: SandboxClock,
        describe: Callable[[], dict[str, Any]],
        access: ControlAccess,
        send_newsletter: Callable[[str], tuple[int, str]] | None = None,
    ) -> None:
        self._faults = faults
        self._send_newsletter = send_newsletter
        self._clock = clock
        self._describe = describe
        self._access = access
        self._router: Router[Callable[[Request, Params], Response]] = Router(
            [
                Route("GET", "", self._info),
                Route("GET", "faults", self._list_faults),
                Route("POST", "faults", self._add_faults),
                Route("DELETE", "faults", self._clear_faults),
                Route("POST", "clock", self._advance_clock),
                Route("POST", "maileon/newsletter", self._newsletter),
            ]
        )

    def handle(self, request: Request, path: tuple[str, ...]) -> Response:
        """Answer one request whose path below `/_sandbox/` is `path`."""
        refusal = self._access.refusal(request)
        if refusal is not None:
            return refusal
        route = self._router.resolve(request.method, path)
        if isinstance(route, RouteMissing):
            return Response.json(
                route.status,
                {"error": f"no control resource {request.method} /{'/'.join(path)}"},
                route.headers,
            )
        return route.handler(request, route.params)

    def _info(self, request: Request, params: Params) -> Response:
        return Response.json(200, self._describe())

    def _list_faults(self, request: Request, params: Params) -> Response:
        return Response.json(200, {"faults": self._faults.rules()})

    def _add_faults(self, request: Request, params: Params) -> Response:
        try:
            data = _strict_json(request)
            items = data if isinstance(data, list) else [data]
            if len(items) > MAX_RULES_PER_REQUEST:
                raise ValueError(f"at most {MAX_RULES_PER_REQUEST} fault rules per request")
            rules = [FaultRule.from_dict(item) for item in items]
        except (ValueError, TypeError) as exc:
            return Response.json(400, {"error": str(exc)})
        for rule in rules:
            self._faults.add(rule)
        return Response.json(201, {"faults": self._faults.rules()})

    def _clear_faults(self, request: Request, params: Params) -> Response:
        self._faults.clear()
        return Response.json(200, {"faults": []})

    def _advance_clock(self, request: Request, params: Params) -> Response:
        expected = 'expected {"advance_seconds": N} with 0 <= N <= 3153600000'
        try:
            data = _strict_json(request)
        except ValueError as exc:
            return Response.json(400, {"error": f"{exc}; {expected}"})
        seconds = data.get("advance_seconds") if isinstance(data, dict) else None
        if isinstance(seconds, bool) or not isinstance(seconds, int | float):
            return Response.json(400, {"error": expected})
        try:
            if not math.isfinite(seconds):
                raise ValueError(expected)
            offset = self._clock.advance(float(seconds))
        except (ValueError, OverflowError) as exc:
            return Response.json(400, {"error": str(exc) or expected})
        return Response.json(200, {"offset_seconds": offset})

    def _newsletter(self, request: Request, params: Params) -> Response:
        """`{"to": email}`: Maileon sends its sealed newsletter to that contact (journey M7)."""
        try:
            data = _strict_json(request)
        except ValueError as exc:
            return Response.json(400, {"error": str(exc)})
        email = data.get("to") if isinstance(data, dict) else None
        if not isinstance(email, str) or "@" not in email or self._send_newsletter is None:
            return Response.json(400, {"error": 'expected {"to": "<e-mail of a contact>"}'})
        status, message = self._send_newsletter(email)
        return Response.json(status, {"message": message} if status < 400 else {"error": message})

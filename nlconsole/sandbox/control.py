"""The control API under `/_sandbox/`: describe the sandbox, change faults, move the clock."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from nlconsole.sandbox.clock import SandboxClock
from nlconsole.sandbox.faults import FaultInjector, FaultRule
from nlconsole.sandbox.web import Params, Request, Response, Route, RouteMissing, Router


class ControlApi:
    """Test hooks of a running sandbox (never part of an emulated provider API)."""

    def __init__(
        self,
        faults: FaultInjector,
        clock: SandboxClock,
        describe: Callable[[], dict[str, Any]],
    ) -> None:
        self._faults = faults
        self._clock = clock
        self._describe = describe
        self._router: Router[Callable[[Request, Params], Response]] = Router(
            [
                Route("GET", "", self._info),
                Route("GET", "faults", self._list_faults),
                Route("POST", "faults", self._add_faults),
                Route("DELETE", "faults", self._clear_faults),
                Route("POST", "clock", self._advance_clock),
            ]
        )

    def handle(self, request: Request, path: tuple[str, ...]) -> Response:
        """Answer one request whose path below `/_sandbox/` is `path`."""
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
            data = request.json()
            items = data if isinstance(data, list) else [data]
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
        try:
            offset = self._clock.advance(float(request.json().get("advance_seconds", 0)))
        except (ValueError, TypeError, AttributeError):
            return Response.json(400, {"error": 'expected {"advance_seconds": N}'})
        return Response.json(200, {"offset_seconds": offset})

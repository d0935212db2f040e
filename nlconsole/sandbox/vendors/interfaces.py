"""How the vendors' interfaces call the emulated providers: real API requests, dispatched in
process, with the seeded credentials an administrator would have configured."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import quote, urlencode

from nlconsole.sandbox.newsletter2go.oauth import PASSWORD_GRANT
from nlconsole.sandbox.web import Request, Response

Dispatch = Callable[[Request], Response]


class InterfaceError(RuntimeError):
    """A provider call of an interface failed; the message is what its log shows."""


def call(
    dispatch: Dispatch,
    method: str,
    path: str,
    headers: dict[str, str],
    body: bytes = b"",
    query: list[tuple[str, str]] | None = None,
) -> Response:
    """One API request; `path` is percent-encoded already, `query` is form-encoded here."""
    target = path + ("?" + urlencode(query) if query else "")
    return dispatch(Request.parse(method, target, {"Host": "127.0.0.1", **headers}, body))


class Newsletter2GoInterface:
    """The PEIQ PORTAL's side of the Newsletter2Go interface: one login, lists by name."""

    def __init__(self, dispatch: Dispatch, auth_key: str, username: str, password: str) -> None:
        self._dispatch = dispatch
        self._login = (auth_key, username, password)
        self._token = ""

    def request(
        self,
        method: str,
        path: str,
        document: Any = None,
        query: list[tuple[str, str]] | None = None,
    ) -> dict[str, Any]:
        """An authenticated call; logs in (again) when the token is missing or expired."""
        for _ in range(2):
            if not self._token:
                self._token = self._log_in()
            body = b"" if document is None else json.dumps(document).encode()
            headers = {"Authorization": f"Bearer {self._token}"}
            if document is not None:
                headers["Content-Type"] = "application/json"
            response = call(self._dispatch, method, f"/newsletter2go/{path}", headers, body, query)
            if response.status == 401:
                self._token = ""
                continue
            if response.status >= 300:
                raise InterfaceError(
                    f"Newsletter2Go {method} /{path}: {response.status} {response.body[:200]!r}"
                )
            result: dict[str, Any] = json.loads(response.body or b"{}")
            return result
        raise InterfaceError("Newsletter2Go refused the interface's login")

    def _log_in(self) -> str:
        auth_key, username, password = self._login
        basic = base64.b64encode(auth_key.encode()).decode()
        body = {"username": username, "password": password, "grant_type": PASSWORD_GRANT}
        response = call(
            self._dispatch,
            "POST",
            "/newsletter2go/oauth/v2/token",
            {"Authorization": f"Basic {basic}", "Content-Type": "application/json"},
            json.dumps(body).encode(),
        )
        if response.status != 200:
            raise InterfaceError(f"Newsletter2Go login failed: {response.status}")
        return str(json.loads(response.body)["access_token"])

    def list_id(self, name: str) -> str:
        """The address book named `name`, created on first use ("PEIQ creates the lists")."""
        found = self.request("GET", "lists", query=[("_expand", "true"), ("_limit", "500")])
        for item in found.get("value", []):
            if item.get("name") == name:
                return str(item["id"])
        made = self.request("POST", "lists", {"name": name})
        return str(made["value"][0]["id"])

    def recipient_id(self, list_id: str, email: str) -> str | None:
        """The recipient with `email` in a list, if any."""
        found = self.request(
            "GET",
            f"lists/{quote(list_id, safe='')}/recipients",
            query=[("_filter", f'email=="{email}"')],
        )
        items = found.get("value", [])
        return str(items[0]["id"]) if items else None


def maileon_headers(api_key: str) -> dict[str, str]:
    """What the cmx export sends to Maileon."""
    token = base64.b64encode(api_key.encode()).decode()
    return {
        "Authorization": f"Basic {token}",
        "Content-Type": "application/vnd.maileon.api+xml; charset=utf-8",
        "Accept": "application/vnd.maileon.api+xml",
    }

"""The Newsletter2Go token: password grant with the auth key, refreshed ahead of its expiry.

Tokens live in memory only. A refresh tries `jwt_refresh`, then `jwt` with the refresh token,
then a password login; a refresh that fails for any reason but the credentials (a 5xx, a page
that is not JSON) also falls back to the password login. A 429 on the token request is a rate
limit, not wrong credentials: its Retry-After is honoured once, then it is reported as such.
"""

from __future__ import annotations

import asyncio
import base64
import math
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

import httpx
from pydantic import SecretStr

from nlconsole.i18n import _
from nlconsole.providers.base import CredentialsRejected, ProtocolError, ServerError
from nlconsole.providers.http import HttpSession, json_or_none, parse_retry_after
from nlconsole.providers.newsletter2go.wire import (
    PASSWORD_GRANT,
    REFRESH_GRANT,
    Scrub,
    json_bytes,
    not_json,
    status_error,
    token_error,
)

REFRESH_AHEAD = 60.0
MAX_TOKEN_LIFETIME = 30 * 24 * 3600.0
Sleep = Callable[[float], Awaitable[None]]


@dataclass
class Token:
    """An access token, its refresh token, when it expires (monotonic), and the account."""

    access: SecretStr
    refresh: SecretStr | None
    expires_at: float
    account_id: str | None


class TokenManager:
    """Obtains and renews the token of one API user; one request at a time."""

    def __init__(
        self,
        http: HttpSession,
        auth_key: SecretStr,
        username: SecretStr,
        password: SecretStr,
        *,
        clock: Callable[[], float],
        scrub: Scrub,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._http = http
        self._basic = "Basic " + base64.b64encode(
            auth_key.get_secret_value().encode("utf-8")
        ).decode("ascii")
        self._username = username
        self._password = password
        self._clock = clock
        self._scrub = scrub
        self._sleep = sleep
        self.token: Token | None = None
        self.lock = asyncio.Lock()
        self.logins = 0
        self.refreshes = 0

    @property
    def account_id(self) -> str | None:
        """The logged-in account's id (after a login)."""
        return self.token.account_id if self.token else None

    async def login(self) -> None:
        """Password grant: `POST /oauth/v2/token` with the whole auth key as Basic credentials."""
        async with self.lock:
            await self.password_login()

    async def bearer(self) -> str:
        """The `Authorization` value for an API call, logging in or refreshing when due."""
        async with self.lock:
            if self.token is None:
                await self.password_login()
            elif self.token.expires_at - self._clock() < REFRESH_AHEAD:
                await self.refresh()
            assert self.token is not None
            return "Bearer " + self.token.access.get_secret_value()

    async def password_login(self) -> None:
        """Log in with username and password (call with the lock held)."""
        self.token = await self._request(
            {
                "username": self._username.get_secret_value(),
                "password": self._password.get_secret_value(),
                "grant_type": PASSWORD_GRANT,
            }
        )
        self.logins += 1

    async def refresh(self) -> None:
        """Renew the token (call with the lock held): refresh grants, else a password login."""
        token = self.token
        if token is None or token.refresh is None:
            await self.password_login()
            return
        for grant in (REFRESH_GRANT, PASSWORD_GRANT):
            try:
                self.token = await self._request(
                    {"refresh_token": token.refresh.get_secret_value(), "grant_type": grant}
                )
            except (CredentialsRejected, ServerError, ProtocolError):
                continue
            self.refreshes += 1
            return
        await self.password_login()

    async def _request(self, body: Mapping[str, str]) -> Token:
        response = await self._post(body)
        if response.status_code == 429:
            wait = parse_retry_after(response.headers.get("Retry-After"))
            if wait is not None and wait <= self._http.settings.max_retry_wait:
                await self._sleep(wait)
                response = await self._post(body)
        data = json_or_none(response)
        if response.status_code == 429:
            raise token_error(
                "",
                "",
                429,
                grant=body.get("grant_type", ""),
                retry_after=parse_retry_after(response.headers.get("Retry-After")),
            )
        if response.status_code >= 500:
            raise status_error(
                response, data if isinstance(data, dict) else {}, _("the login"), self._scrub
            )
        if not isinstance(data, dict):
            raise not_json(response, _("the login"), self._scrub)
        error = data.get("error")
        if error or response.status_code >= 400 or not data.get("access_token"):
            raise token_error(
                self._scrub(str(error or "")),
                self._scrub(str(data.get("error_description") or "")),
                response.status_code,
                grant=body.get("grant_type", ""),
                retry_after=None,
            )
        return self._token(data)

    async def _post(self, body: Mapping[str, str]) -> httpx.Response:
        return await self._http.request(
            "POST",
            "oauth/v2/token",
            content=json_bytes(body),
            headers={"Authorization": self._basic},
            retry=False,
        )

    def _token(self, data: dict[str, object]) -> Token:
        raw_expiry = data.get("expires_in", 7200)
        try:
            expires_in = float(raw_expiry)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            expires_in = math.nan
        if isinstance(raw_expiry, bool) or not 0 < expires_in <= MAX_TOKEN_LIFETIME:
            raise ProtocolError(
                _("Newsletter2Go's token answer has an invalid lifetime (expires_in)"),
                _("This is on Newsletter2Go's side or a proxy's: try again later."),
            )
        refresh = data.get("refresh_token")
        account = data.get("account_id")
        return Token(
            SecretStr(str(data["access_token"])),
            SecretStr(str(refresh)) if isinstance(refresh, str) and refresh else None,
            self._clock() + expires_in,
            str(account) if isinstance(account, str | int) and account != "" else None,
        )


def is_rejected_token(response: httpx.Response, data: object) -> bool:
    """A 401, or the OAuth `invalid_grant` body the SDK also retries on."""
    return response.status_code == 401 or (
        isinstance(data, dict) and data.get("error") == "invalid_grant"
    )

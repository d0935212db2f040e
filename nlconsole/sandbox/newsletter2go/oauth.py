"""`POST /oauth/v2/token` (password and refresh grants) and Bearer-token checks."""

from __future__ import annotations

import base64
import binascii
import secrets
from typing import Any
from urllib.parse import parse_qsl

from nlconsole.sandbox.newsletter2go.state import IssuedToken, N2GState, UserRecord
from nlconsole.sandbox.newsletter2go.wire import json_object, oauth_error
from nlconsole.sandbox.web import Params, Request, Response

PASSWORD_GRANT = "https://nl2go.com/jwt"  # noqa: S105 (a grant type)
REFRESH_GRANT = "https://nl2go.com/jwt_refresh"
REFRESH_LIFETIME = 30 * 24 * 3600.0


def token(state: N2GState, request: Request, params: Params) -> Response:
    """Issue tokens for a login or a refresh token; OAuth error bodies otherwise."""
    scheme, _, encoded = request.header("Authorization").partition(" ")
    try:
        auth_key = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        auth_key = ""
    if scheme.lower() != "basic" or not state.known_auth_key(auth_key):
        return oauth_error(401, "invalid_client", "The client credentials are invalid")
    body = _token_body(request)
    grant = str(body.get("grant_type", ""))
    if grant == PASSWORD_GRANT and "refresh_token" not in body:
        user = state.user_by_login(auth_key, str(body.get("username", "")))
        if user is None or user.password != str(body.get("password", "")):
            return oauth_error(400, "invalid_grant", "Invalid username and password combination")
        return _issue(state, user)
    if grant in (REFRESH_GRANT, PASSWORD_GRANT):
        stored = state.refresh_tokens.pop(str(body.get("refresh_token", "")), None)
        if stored is None or stored.expires_at <= state.clock.monotonic():
            return oauth_error(400, "invalid_grant", "Invalid refresh token")
        return _issue(state, state.users[stored.user_id])
    if not grant:
        return oauth_error(400, "invalid_request", "The grant type was not specified")
    return oauth_error(400, "unsupported_grant_type", f"Invalid grant_type parameter: {grant}")


def _token_body(request: Request) -> dict[str, Any]:
    if "json" in request.header("Content-Type"):
        return json_object(request)
    return dict(parse_qsl(request.body.decode("utf-8", "replace")))


def _issue(state: N2GState, user: UserRecord) -> Response:
    access, refresh = "__" + secrets.token_urlsafe(24), "__" + secrets.token_urlsafe(24)
    now = state.clock.monotonic()
    state.access_tokens[access] = IssuedToken(user.id, now + state.token_lifetime)
    state.refresh_tokens[refresh] = IssuedToken(user.id, now + REFRESH_LIFETIME)
    return Response.json(
        200,
        {
            "access_token": access,
            "expires_in": int(state.token_lifetime),
            "token_type": "bearer",
            "scope": None,
            "refresh_token": refresh,
            "account_id": user.account_id,
            "type": "user",
        },
    )


def authenticate(state: N2GState, request: Request) -> UserRecord | Response:
    """The user of a valid Bearer token, or the 401 the real API gives."""
    scheme, _, value = request.header("Authorization").partition(" ")
    stored = state.access_tokens.get(value.strip()) if scheme.lower() == "bearer" else None
    if stored is None:
        return oauth_error(401, "invalid_grant", "The access token provided is invalid.")
    if stored.expires_at <= state.clock.monotonic():
        return oauth_error(401, "invalid_grant", "The access token provided has expired.")
    return state.users[stored.user_id]

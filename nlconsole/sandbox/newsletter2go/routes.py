"""Newsletter2Go's route tables (paths below `/newsletter2go/`): public calls and API calls."""

from __future__ import annotations

from collections.abc import Callable

from nlconsole.sandbox.newsletter2go import attributes, forms, lists, oauth, recipients
from nlconsole.sandbox.newsletter2go.state import N2GCall, N2GState
from nlconsole.sandbox.web import Params, Request, Response, Route, Router

PublicHandler = Callable[[N2GState, Request, Params], Response]
ApiHandler = Callable[[N2GCall], Response]

PUBLIC_ROUTES: Router[PublicHandler] = Router(
    [
        Route("POST", "oauth/v2/token", oauth.token),
        Route("GET", "forms/generate/{code}", forms.generate),
        Route("POST", "forms/submit/{code}", forms.submit),
    ]
)
"""Calls without a Bearer token (a token sent along is ignored)."""

API_ROUTES: Router[ApiHandler] = Router(
    [
        Route("GET", "companies", lists.companies),
        Route("GET", "users", lists.users),
        Route("GET", "users/{user_id}", lists.user),
        Route("GET", "lists", lists.lists),
        Route("POST", "lists", lists.create_list),
        Route("GET", "lists/{list_id}", lists.get_list),
        Route("PATCH", "lists/{list_id}", lists.update_list),
        Route("DELETE", "lists/{list_id}", lists.delete_list),
        Route("GET", "lists/{list_id}/attributes", attributes.list_attributes),
        Route("DELETE", "lists/{list_id}/attributes/{attribute_id}", attributes.delete_from_list),
        Route("POST", "attributes", attributes.create_attribute),
        Route("GET", "attributes/{attribute_id}", attributes.get_attribute),
        Route("PATCH", "attributes/{attribute_id}", attributes.update_attribute),
        Route("POST", "recipients", recipients.upsert),
        Route("GET", "recipients", recipients.all_recipients),
        Route("GET", "recipients/global", recipients.all_recipients),
        Route("GET", "lists/{list_id}/recipients", recipients.list_recipients),
        Route("PATCH", "lists/{list_id}/recipients", recipients.update_matching),
        Route("POST", "lists/{list_id}/recipients", recipients.update_matching),
        Route("DELETE", "lists/{list_id}/recipients", recipients.delete_matching),
        Route("GET", "lists/{list_id}/recipients/{recipient_id}", recipients.get_one),
        Route("PATCH", "lists/{list_id}/recipients/{recipient_id}", recipients.update_one),
        Route("POST", "lists/{list_id}/recipients/{recipient_id}", recipients.update_one),
        Route("DELETE", "lists/{list_id}/recipients/{recipient_id}", recipients.delete_one),
        Route("GET", "forms", lists.forms),
    ]
)
"""Calls that need `Authorization: Bearer <access token>`."""

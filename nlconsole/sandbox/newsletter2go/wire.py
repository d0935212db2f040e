"""Newsletter2Go's wire format: `{status, info, value}` envelopes, error bodies, paging."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from nlconsole.sandbox.web import Request, Response

PUBLIC = "https://api.newsletter2go.com"
"""Links in envelopes point at the real API, as the real answers do."""


def envelope(
    status: int,
    value: list[Any],
    *,
    count: int | None = None,
    additional: dict[str, Any] | None = None,
    href: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Response:
    """The `{status, info, value}` envelope every REST answer uses."""
    info: dict[str, Any] = {"count": len(value) if count is None else count}
    if href is not None:
        links = {"_href": f"{PUBLIC}/{href}?_limit={limit}&_offset={offset}"}
        if count is not None and offset + limit < count:
            links["_next"] = f"{PUBLIC}/{href}?_limit={limit}&_offset={offset + limit}"
        info["links"] = links
    if additional is not None:
        info["additional"] = additional
    return Response.json(status, {"status": status, "info": info, "value": value})


def rest_error(
    status: int, code: int, message: str, headers: dict[str, str] | None = None
) -> Response:
    """A REST error body (`{status, code, error_message}`)."""
    return Response.json(
        status, {"status": status, "code": code, "error_message": message}, headers
    )


def oauth_error(status: int, error: str, description: str) -> Response:
    """An OAuth error body (`{error, error_description}`)."""
    return Response.json(status, {"error": error, "error_description": description})


def created(href: str, item_id: str) -> Response:
    """201 with the new item's `{_href, id}`."""
    return envelope(201, [{"_href": f"{PUBLIC}/{href}/{item_id}", "id": item_id}])


def page(
    request: Request,
    href: str,
    items: list[dict[str, Any]],
    matches: Callable[[dict[str, Any]], bool],
    additional: dict[str, Any] | None = None,
) -> Response:
    """A page of `items` after `_filter`, `_limit`, `_offset`, `_expand` and `_fields`."""
    selected = [i for i in items if matches(i)]
    try:
        limit = int(request.param("_limit", "50") or "50")
        offset = int(request.param("_offset", "0") or "0")
    except ValueError:
        return rest_error(400, 1000, "_limit and _offset must be numbers")
    window = selected[offset : offset + limit] if limit > 0 else selected[offset:]
    if not wants_expanded(request):
        window = [{"_href": f"{PUBLIC}/{href}/{i['id']}", "id": i["id"]} for i in window]
    else:
        window = [select_fields(request, i) for i in window]
    return envelope(
        200,
        window,
        count=len(selected),
        additional=additional,
        href=href,
        limit=limit,
        offset=offset,
    )


def wants_expanded(request: Request) -> bool:
    """`_expand=true` or `1` (the SDK's spelling)."""
    return request.param("_expand", "") in ("1", "true")


def select_fields(request: Request, item: dict[str, Any]) -> dict[str, Any]:
    """The fields `_fields` asks for (plus `id`), or all of them."""
    fields = request.param("_fields")
    if not fields:
        return item
    wanted = {f.strip() for f in fields.split(",")} | {"id"}
    return {k: v for k, v in item.items() if k in wanted}


def json_value(request: Request) -> Any:
    """The JSON body, or None when it is not JSON."""
    try:
        return request.json()
    except ValueError:
        return None


def json_object(request: Request) -> dict[str, Any]:
    """The JSON body if it is an object, else {}."""
    data = json_value(request)
    return data if isinstance(data, dict) else {}

"""Newsletter2Go bootstrap: one address book per portal newsletter, and the attributes it needs.

The PEIQ page asks that the address books are not made by hand but "initial von der
Schnittstelle angelegt": one per portal newsletter, named exactly as the newsletter, with the
profile's sender defaults. A book that already has the name is adopted (its id recorded), two
books with the name are a conflict for the administrator (never a guess), books that match no
newsletter are reported and left alone, and a plan that cannot hold the books (Lite keeps one)
blocks up front. Ids are recorded in the profile right after each create, so an interrupted
apply continues where it stopped.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from nlconsole.core.bootstrap import (
    Action,
    BootstrapPlan,
    PlanItem,
    apply_items,
    create_once,
)
from nlconsole.core.checks import store_hint
from nlconsole.core.kit import BootstrapContext
from nlconsole.core.models import Profile
from nlconsole.core.newsletter2go import findings as rows
from nlconsole.core.newsletter2go.check import SECRETS
from nlconsole.core.newsletter2go.plan_limit import PlanRoom, plan_room
from nlconsole.core.report import Finding, ReportRecorder
from nlconsole.errors import ConfigError
from nlconsole.i18n import _, _n, joined, joined_some
from nlconsole.providers.base import Conflict
from nlconsole.providers.newsletter2go import AddressBook, Newsletter2GoClient

ATTRIBUTES = ("title",)
"""Attributes the field mapping needs beyond Newsletter2Go's standard recipient fields:
'Berufs- und Amtsbezeichnung' has no standard field (domain.md §7.2)."""


@asynccontextmanager
async def connected(context: BootstrapContext) -> AsyncIterator[Newsletter2GoClient]:
    """A logged-in client for the profile (ConfigError when a secret is not stored)."""
    values = [context.secrets.get(name) for name in SECRETS]
    missing = [name for name, value in zip(SECRETS, values, strict=True) if value is None]
    auth_key, username, password = values
    if auth_key is None or username is None or password is None:
        raise ConfigError(
            _("not stored: {fields}", fields=joined(missing)),
            _(
                "Store them under Credentials (key s in the console) or with: {commands}",
                commands=joined([store_hint(context.profile.name, n) for n in missing], "; "),
            ),
        )
    client = Newsletter2GoClient(
        context.profile.base_url, auth_key, username, password, options=context.http
    )
    try:
        await client.login()
        yield client
    finally:
        await client.aclose()


async def plan_bootstrap(context: BootstrapContext) -> BootstrapPlan:
    """Read the account and plan; changes nothing."""
    async with connected(context) as client:
        companies, user, books = await asyncio.gather(
            client.companies(), client.current_user(), client.lists()
        )
        settings = context.profile.n2g_settings
        room = plan_room(user.plan, settings.newsletters, books)
        blocked = not room.fits
        items = [_plan_item(room)]
        book_items = [
            _book_item(name, settings.list_ids.get(name), books, blocked)
            for name in settings.newsletters
        ]
        have = [i for i in book_items if i.action in (Action.EXISTS, Action.ADOPT)]
        found = await asyncio.gather(*(client.attributes(i.ref or "") for i in have))
        attributes = {i.subject: {a.name for a in f} for i, f in zip(have, found, strict=True)}
        for item in book_items:
            items.append(item)
            if item.action in (Action.EXISTS, Action.ADOPT, Action.CREATE):
                items.extend(_attribute_items(item.subject, attributes.get(item.subject, set())))
        default_id = companies[0].default_list_id if companies else None
        items.append(_unowned_item(settings.newsletters, books, default_id))
    return BootstrapPlan(context.profile.name, context.profile.provider.value, items)


def _plan_item(room: PlanRoom) -> PlanItem:
    spec = rows.PLAN_LIMIT
    if not room.fits:
        return PlanItem(
            spec,
            Action.BLOCKED,
            room.shortfall(),
            _("{remedy} Nothing is created until then.", remedy=room.remedy()),
        )
    return PlanItem(spec, Action.EXISTS, room.room())


def _book_item(
    name: str, recorded: str | None, books: list[AddressBook], blocked: bool
) -> PlanItem:
    spec = rows.book_row(name)
    matches = [b for b in books if b.name.strip() == name.strip()]
    renamed = next((b for b in books if b.id == recorded and b not in matches), None)
    if len(matches) > 1:
        return PlanItem(
            spec,
            Action.CONFLICT,
            _n(
                "{count} address book has this name ({ids})",
                "{count} address books have this name ({ids})",
                len(matches),
                ids=joined([b.id for b in matches]),
            ),
            _(
                "Bootstrap does not guess which one the interface uses: keep the one with the "
                "subscribers, delete or rename the others in Newsletter2Go, then plan again."
            ),
            kind="book",
            subject=name,
        )
    if renamed is not None:
        return PlanItem(
            spec,
            Action.CONFLICT,
            _(
                "the recorded address book {id} is now named '{other}'",
                id=renamed.id,
                other=renamed.name,
            ),
            _(
                "Rename it back in Newsletter2Go, or remove its id from the profile's list_ids; "
                "bootstrap never renames an address book."
            ),
            kind="book",
            subject=name,
        )
    if matches:
        book = matches[0]
        if recorded == book.id:
            return PlanItem(
                spec,
                Action.EXISTS,
                _("present ({id})", id=book.id),
                ref=book.id,
                kind="book",
                subject=name,
            )
        return PlanItem(
            spec,
            Action.ADOPT,
            _("present as {id}, not recorded yet: its id is recorded in the profile", id=book.id),
            ref=book.id,
            kind="book",
            subject=name,
        )
    if blocked:
        return PlanItem(
            spec,
            Action.BLOCKED,
            _("not created: the account's plan cannot hold the address books"),
            kind="book",
            subject=name,
        )
    return PlanItem(spec, Action.CREATE, _("missing: would be created"), kind="book", subject=name)


def _attribute_items(book: str, present: set[str]) -> list[PlanItem]:
    return [
        PlanItem(
            rows.attribute_row(book, name),
            Action.EXISTS if name in present else Action.CREATE,
            _("present") if name in present else _("missing: would be created"),
            kind="attribute",
            subject=name,
            owner=book,
        )
        for name in ATTRIBUTES
    ]


def _unowned_item(
    newsletters: list[str], books: list[AddressBook], default_id: str | None
) -> PlanItem:
    wanted = {n.strip() for n in newsletters}
    unowned = [b for b in books if b.name.strip() not in wanted and b.id != default_id]
    if not unowned:
        return PlanItem(rows.BOOKS_UNOWNED, Action.EXISTS, _("none"))
    return PlanItem(
        rows.BOOKS_UNOWNED,
        Action.UNOWNED,
        _n(
            "{count} address book matches no newsletter: {names}",
            "{count} address books match no newsletter: {names}",
            len(unowned),
            names=joined_some([f"'{b.name}' ({b.id})" for b in unowned]),
        ),
        _(
            "Bootstrap leaves them alone: remove them in Newsletter2Go if they were made for "
            "the portal, or add their newsletter names to the profile."
        ),
    )


async def apply_bootstrap(
    context: BootstrapContext, plan: BootstrapPlan, recorder: ReportRecorder
) -> None:
    """Create or adopt each address book, then its attributes, recording ids as it goes."""
    settings = context.profile.n2g_settings
    list_ids = dict(settings.list_ids)
    async with connected(context) as client:

        async def book_id(name: str) -> str | None:
            matches = [b for b in await client.lists() if b.name.strip() == name.strip()]
            if len(matches) > 1:
                raise Conflict(
                    _(
                        "address book '{name}' now exists {count} times ({ids})",
                        name=name,
                        count=len(matches),
                        ids=joined([b.id for b in matches]),
                    ),
                    _("Keep one in Newsletter2Go, then run bootstrap again."),
                )
            return matches[0].id if matches else None

        async def realise(item: PlanItem) -> Finding:
            if item.kind == "book":
                return await _settle_book(context, client, item, list_ids, book_id)
            list_id = list_ids[item.owner]

            async def attribute_id() -> str | None:
                found = await client.attributes(list_id)
                return next((a.id for a in found if a.name == item.subject), None)

            new_id, made = await create_once(
                attribute_id, lambda: client.create_attribute([list_id], item.subject)
            )
            if made:
                return item.spec.passed(_("created ({id})", id=new_id))
            return item.spec.passed(_("present ({id})", id=new_id))

        await apply_items(plan, recorder, realise)


async def _settle_book(
    context: BootstrapContext,
    client: Newsletter2GoClient,
    item: PlanItem,
    list_ids: dict[str, str],
    book_id: Callable[[str], Awaitable[str | None]],
) -> Finding:
    name = item.subject
    settings = context.profile.n2g_settings
    if item.action is Action.ADOPT:
        found = await book_id(name)
        made = False
    else:
        found, made = await create_once(
            lambda: book_id(name),
            lambda: client.create_list(
                name, sender_email=settings.sender_email, sender_name=settings.sender_name
            ),
        )
    if found is None:
        return item.spec.failed(_("no longer present: plan again"))
    list_ids[name] = found
    context.remember(lambda profile: _with_list_id(profile, name, found))
    if made:
        return item.spec.passed(_("created ({id}), recorded in the profile", id=found))
    return item.spec.passed(_("adopted ({id}), recorded in the profile", id=found))


def _with_list_id(profile: Profile, name: str, list_id: str) -> Profile:
    settings = profile.n2g_settings
    ids = {**settings.list_ids, name: list_id}
    return profile.model_copy(
        update={"newsletter2go": settings.model_copy(update={"list_ids": ids})}
    )

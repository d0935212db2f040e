"""Whether the booked Newsletter2Go plan can hold the portal's address books.

A limited plan counts every address book of the account, the standard one it comes with
included (n2g-api.md §4: Lite keeps one, the others are deactivated). So the question is not
"how many newsletters" but "how many books once each newsletter has one": the books already
there plus those bootstrap would create. The check and the bootstrap plan ask it the same way,
so the plan never promises room that the create then runs into.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nlconsole.i18n import Msg, _, _n
from nlconsole.providers.newsletter2go import AddressBook

LIMITED_PLANS = {"lite": 1}
"""Plans that keep fewer address books than a portal may need (n2g-api.md §4: Lite keeps one)."""


def plan_limit(plan: str | None) -> int | None:
    """The number of address books the plan keeps, or None when it sets no limit we know."""
    return LIMITED_PLANS.get((plan or "").strip().lower())


@dataclass(frozen=True)
class PlanRoom:
    """The plan's limit against the address books the account would hold after bootstrap."""

    plan: str
    limit: int | None
    newsletters: int
    existing: int
    """Books in the account now (0 when they could not be read)."""
    new: int
    """Newsletters without a book of their name: what bootstrap would create."""

    @property
    def total(self) -> int:
        return self.existing + self.new

    @property
    def fits(self) -> bool:
        return self.limit is None or self.total <= self.limit

    def shortfall(self) -> Msg:
        """Why the books do not fit (only meaningful when not `fits`)."""
        limit = self.limit or 0
        if self.new == 0:
            return _n(
                "the {plan} plan keeps only {limit} address book active; the account has {count}",
                "the {plan} plan keeps only {limit} address book active; the account has {count}",
                self.existing,
                plan=self.plan,
                limit=limit,
            )
        if self.existing == 0:
            return _n(
                "the {plan} plan keeps only {limit} address book; the portal needs {count}",
                "the {plan} plan keeps only {limit} address book; the portal needs {count}",
                self.newsletters,
                plan=self.plan,
                limit=limit,
            )
        return _n(
            "the {plan} plan keeps only {limit} address book; the account has {existing} and "
            "the portal needs {count} more",
            "the {plan} plan keeps only {limit} address book; the account has {existing} and "
            "the portal needs {count} more",
            self.new,
            plan=self.plan,
            limit=limit,
            existing=self.existing,
        )

    def remedy(self) -> Msg:
        """What the administrator can do about it, whichever way the limit is reached."""
        limit = self.limit or 0
        if self.new == 0:
            return _(
                "Every newsletter has its address book, but the plan keeps only {limit} active: "
                "remove the address books the portal does not use in Newsletter2Go, or book a "
                "plan with more address books.",
                limit=limit,
            )
        if self.existing == 0:
            return _(
                "Book a plan with more address books in Newsletter2Go, or reduce the portal's "
                "newsletters to {limit}.",
                limit=limit,
            )
        return _(
            "Book a plan with more address books in Newsletter2Go, or rename an unused address "
            "book (such as the standard one) to the newsletter's exact name: bootstrap then "
            "adopts it instead of creating a new one."
        )

    def room(self) -> Msg:
        """The passing sentence."""
        return _n(
            "plan {plan}: room for the portal's {count} address book",
            "plan {plan}: room for the portal's {count} address books",
            self.newsletters,
            plan=self.plan,
        )


def plan_room(
    plan: str | None, newsletters: Sequence[str], books: Sequence[AddressBook] | None
) -> PlanRoom:
    """The room question for these newsletters; `books` None when the list could not be read
    (then only the newsletters count, as for an empty account)."""
    names = {b.name.strip() for b in books or ()}
    wanted = {n.strip() for n in newsletters}
    return PlanRoom(
        plan=plan or "?",
        limit=plan_limit(plan),
        newsletters=len(wanted),
        existing=len(books or ()),
        new=len(wanted - names),
    )

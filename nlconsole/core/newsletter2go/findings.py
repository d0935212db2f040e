"""The rows of the Newsletter2Go pre-flight check (N0), as constants the checklist links to."""

from __future__ import annotations

from nlconsole.core.report import FindingSpec
from nlconsole.i18n import _

LOGIN = FindingSpec("login", _("Login (auth key, username, password)"), blocking=True)
COMPANY = FindingSpec("company", _("Company verified for sending"))
DEVELOPER_MODE = FindingSpec(
    "user.developer_mode", _("Developer mode (Entwicklermodus)"), blocking=True
)
PLAN_LIMIT = FindingSpec(
    "plan.limit", _("Plan allows one address book per newsletter"), blocking=True
)
BOOK = FindingSpec("book", _("Address book"))
"""A family: one row per portal newsletter, `book.<name>`."""
BOOKS_UNOWNED = FindingSpec("books.unowned", _("Address books created by hand"))


def book_row(name: str) -> FindingSpec:
    """The row of one portal newsletter's address book."""
    return BOOK.keyed(name, _("Address book '{name}'", name=name))


ATTRIBUTE = FindingSpec("attribute", _("Attribute"))
"""A family for bootstrap: one row per address book and attribute, `attribute.<book>.<name>`."""


def attribute_row(book: str, attribute: str) -> FindingSpec:
    """The row of one attribute of one portal newsletter's address book."""
    return ATTRIBUTE.keyed(
        f"{book}.{attribute}",
        _("Attribute '{attribute}' in '{name}'", attribute=attribute, name=book),
    )

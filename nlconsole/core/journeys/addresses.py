"""Test addresses from the tester's own mailbox, tagged per journey and run.

`anna@verlag.de` → `anna+nlc-m1-7k3q@verlag.de`: DOI mails reach a real person, and every test
contact is recognisable and traceable to its run. Domains without plus-addressing use a
catch-all prefix instead (`nlc-m1-7k3q@verlag.de`).
"""

from __future__ import annotations

import re
import secrets
from typing import Literal

from nlconsole.errors import UsageError
from nlconsole.i18n import _

Rule = Literal["plus", "catch-all"]
TAG_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
"""No 0/o, 1/l/i: a tag read aloud or from a screen is not mistaken."""
TAG_LENGTH = 4
LOCAL_MAX = 64
MAILBOX_RE = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
TAGGED_RE = re.compile(r"(?:^|\+)nlc-([a-z0-9]+)-([a-z0-9]+)@", re.IGNORECASE)


def check_mailbox(address: str) -> str:
    """The tester's own mailbox, or a UsageError saying why it cannot carry test addresses."""
    value = address.strip()
    if not MAILBOX_RE.fullmatch(value):
        raise UsageError(
            _("'{address}' is not a usable test mailbox", address=value[:80]),
            _("Give your own e-mail address, e.g. anna@verlag.de; test addresses derive from it."),
        )
    if "+" in value.partition("@")[0]:
        raise UsageError(
            _("the test mailbox must not contain '+': the tag goes there"),
            _("Give the plain address, e.g. anna@verlag.de."),
        )
    return value


def new_tag() -> str:
    """A short random run tag."""
    return "".join(secrets.choice(TAG_ALPHABET) for _ in range(TAG_LENGTH))


def tagged_address(mailbox: str, journey_id: str, tag: str, rule: Rule = "plus") -> str:
    """The tagged test address of one journey run."""
    local, _at, domain = check_mailbox(mailbox).partition("@")
    marker = f"nlc-{journey_id.lower()}-{tag.lower()}"
    address_local = f"{local}+{marker}" if rule == "plus" else marker
    if len(address_local) > LOCAL_MAX:
        raise UsageError(
            _("the test address would be longer than e-mail allows; use a shorter mailbox name")
        )
    return f"{address_local}@{domain.lower()}"


def run_of(address: str) -> tuple[str, str] | None:
    """(journey id, tag) of a tagged test address, or None for any other address."""
    match = TAGGED_RE.search(address)
    return (match.group(1).upper(), match.group(2).lower()) if match else None

"""Which check rows lead to bootstrap (Enter on the row, `b` in the footer): only what it
creates — a missing address book or custom field — never a conflict it can only report."""

from __future__ import annotations

import pytest

from nlconsole.core.kit import bootstrap_settles, kit_for
from nlconsole.core.report import Finding, Status


def row(row_id: str, status: Status) -> Finding:
    return Finding(row_id, "title", status, "detail")


@pytest.mark.parametrize(
    ("provider", "row_id"),
    [("maileon", "field.cmx_einkauf"), ("newsletter2go", "book.Lokales")],
)
def test_only_a_missing_row_leads_to_bootstrap(provider: str, row_id: str) -> None:
    kit = kit_for(provider)
    assert bootstrap_settles(kit, row(row_id, Status.INFO)), "missing: bootstrap creates it"
    for status in (Status.PASS, Status.WARN, Status.FAIL, Status.UNKNOWN, Status.SKIPPED):
        assert not bootstrap_settles(kit, row(row_id, status)), status


def test_rows_bootstrap_does_not_handle_never_lead_to_it() -> None:
    assert not bootstrap_settles(kit_for("maileon"), row("key.valid", Status.INFO))

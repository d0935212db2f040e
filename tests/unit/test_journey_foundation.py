"""Journey foundations: tagged test addresses, field-by-field expectations, runs and the ledger."""

from __future__ import annotations

import threading
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest

from nlconsole.core.journeys.addresses import check_mailbox, new_tag, run_of, tagged_address
from nlconsole.core.journeys.expect import Expectation, Verdict, overall
from nlconsole.core.journeys.store import LedgerEntry, RunStore
from nlconsole.errors import ConfigError, UsageError

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


def test_test_addresses_are_tagged_unique_and_traceable() -> None:
    tags = {new_tag() for _ in range(200)}
    assert len(tags) > 190
    address = tagged_address("Anna@Verlag.de", "M1", "7k3q")
    assert address == "Anna+nlc-m1-7k3q@verlag.de"
    assert check_mailbox(address.replace("+nlc-m1-7k3q", "")) == "Anna@verlag.de"
    assert run_of(address) == ("M1", "7k3q")
    assert tagged_address("anna@verlag.de", "P5", "ab2c", "catch-all") == "nlc-p5-ab2c@verlag.de"
    assert run_of("nlc-p5-ab2c@verlag.de") == ("P5", "ab2c")
    assert run_of("anna@verlag.de") is None


@pytest.mark.parametrize(
    ("mailbox", "fragment"),
    [
        ("anna", "not a usable test mailbox"),
        ("anna@verlag", "not a usable test mailbox"),
        ("anna+x@verlag.de", "must not contain"),
        ("an na@verlag.de", "not a usable test mailbox"),
    ],
)
def test_a_bad_mailbox_is_refused(mailbox: str, fragment: str) -> None:
    with pytest.raises(UsageError, match=fragment):
        check_mailbox(mailbox)


def test_too_long_test_address_is_refused() -> None:
    with pytest.raises(UsageError, match="longer than e-mail allows"):
        tagged_address("a" * 60 + "@verlag.de", "M1", "7k3q")


def test_expectations_compare_nfc_and_treat_missing_empty_and_nil_alike() -> None:
    decomposed = unicodedata.normalize("NFD", "Müller-Lüdenscheidt")
    name = Expectation("LASTNAME", "Name", "Müller-Lüdenscheidt")
    assert name.judge({"LASTNAME": decomposed}).verdict is Verdict.PASS
    assert name.judge({"LASTNAME": " Müller-Lüdenscheidt "}).verdict is Verdict.PASS
    assert name.judge({"LASTNAME": "Mueller"}).verdict is Verdict.FAIL
    nothing = Expectation("TITLE", "Title", None)
    for observed in ({}, {"TITLE": None}, {"TITLE": ""}, {"TITLE": "  "}):
        assert nothing.judge(observed).verdict is Verdict.PASS
    assert nothing.judge({"TITLE": "Dr."}).verdict is Verdict.FAIL
    assert name.judge(None).verdict is Verdict.FAIL
    assert name.judge(None).observed is None


def test_overall_verdict_rules() -> None:
    assert overall([Verdict.PASS, Verdict.PASS]) is Verdict.PASS
    assert overall([Verdict.PASS, Verdict.FAIL]) is Verdict.FAIL
    assert overall([Verdict.FAIL, Verdict.BLOCKED]) is Verdict.BLOCKED
    assert overall([Verdict.PASS, Verdict.PENDING]) is Verdict.PENDING
    assert overall([Verdict.SKIPPED, Verdict.SKIPPED]) is Verdict.SKIPPED
    assert overall([Verdict.SKIPPED, Verdict.PASS]) is Verdict.PASS
    assert overall([]) is Verdict.PENDING


def entry(address: str, places: list[str] | None = None) -> LedgerEntry:
    return LedgerEntry(address, "M1", "20261122-m1-7k3q", NOW, places or ["maileon"])


def test_ledger_records_each_address_once_and_merges_places(tmp_path: Path) -> None:
    store = RunStore(tmp_path, "acme")
    store.record(entry("anna+nlc-m1-7k3q@verlag.de", ["list-a"]))
    store.record(entry("Anna+NLC-m1-7k3q@verlag.de", ["list-b"]))
    ledger = store.ledger()
    assert len(ledger) == 1
    assert ledger[0].places == ["list-a", "list-b"]

    def cleaned(entries: list[LedgerEntry]) -> None:
        entries[0].cleaned_at = NOW

    store.change(cleaned)
    assert list(store.open_entries()) == []
    assert store.ledger()[0].cleaned_at == NOW


def test_parallel_recorders_lose_no_address(tmp_path: Path) -> None:
    store = RunStore(tmp_path, "acme")
    addresses = [f"anna+nlc-m1-{i:04d}@verlag.de" for i in range(40)]
    threads = [
        threading.Thread(target=lambda a=a: RunStore(tmp_path, "acme").record(entry(a)))
        for a in addresses
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(e.address for e in store.ledger()) == sorted(addresses)


def test_runs_are_written_whole_and_stable(tmp_path: Path) -> None:
    store = RunStore(tmp_path, "acme")
    document = {"id": "20261122-m1-7k3q", "journey": "M1", "verdict": "pass", "z": 1, "a": 2}
    path = store.save_run("20261122-m1-7k3q", document)
    first = path.read_bytes()
    store.save_run("20261122-m1-7k3q", dict(reversed(list(document.items()))))
    assert path.read_bytes() == first
    assert store.load_run("20261122-m1-7k3q") == document
    assert store.runs() == [document]
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_a_corrupt_ledger_is_reported_and_left_alone(tmp_path: Path) -> None:
    store = RunStore(tmp_path, "acme")
    store.folder.mkdir(parents=True)
    store.ledger_path.write_text("{not json")
    with pytest.raises(ConfigError, match="not valid JSON"):
        store.record(entry("anna+nlc-m1-7k3q@verlag.de"))
    assert store.ledger_path.read_text() == "{not json"


def test_bad_names_never_become_paths(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        RunStore(tmp_path, "../etc")
    with pytest.raises(ConfigError):
        RunStore(tmp_path, "acme").load_run("../../profiles")

"""The acceptance protocol: the same evidence, verdict and hash in every format, never a secret,
byte-stable JSON, and German and English Markdown fixed by golden files."""

from __future__ import annotations

import json
import re
import subprocess
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from nlconsole.core.clock import FixedClock
from nlconsole.core.journeys.expect import Verdict
from nlconsole.core.journeys.store import RunStore
from nlconsole.core.kit import kit_for
from nlconsole.core.models import Profile
from nlconsole.core.protocol import FORMATS, Format, protocol_bytes
from nlconsole.core.protocol.json import sha256_of
from nlconsole.core.protocol.model import build_protocol
from nlconsole.core.protocol.texts import Headings
from nlconsole.core.services import Services
from nlconsole.i18n import Language, Translator
from tests.support.protocol import (
    NOW,
    TESTER,
    _run,
    canaries,
    evidence_profile,
    n2g_evidence_profile,
)
from tests.unit.test_protocol_schema import SCHEMA, problems

GOLDEN = Path(__file__).parents[1] / "golden"


@pytest.fixture
def services(tmp_path: Path) -> Services:
    built = Services.in_memory(tmp_path / "config")
    built.clock = FixedClock(NOW)
    return built


def export(services: Services, fmt: Format, language: Language = "en", at: object = NOW) -> bytes:
    return protocol_bytes(
        services.profiles.get("acme"),
        services.config_dir,
        fmt,
        translate=Translator.for_language(language),
        exported_at=at,  # type: ignore[arg-type]
        tester=TESTER,
    )


def as_text(data: bytes, fmt: Format, tmp_path: Path) -> str:
    """What a person reads: the PDF through pdftotext, the others as they are."""
    if fmt != "pdf":
        return data.decode()
    pdf = tmp_path / "protocol.pdf"
    pdf.write_bytes(data)
    result = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True
    )
    return result.stdout


def document(services: Services, language: Language = "en") -> dict[str, object]:
    loaded: dict[str, object] = json.loads(export(services, "json", language))
    return loaded


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_shows_the_journeys_their_verdicts_and_the_hash(
    services: Services, fmt: Format, tmp_path: Path
) -> None:
    evidence_profile(services)
    digest = str(document(services)["sha256"])
    text = as_text(export(services, fmt), fmt, tmp_path)
    for journey in ("M1", "M3", "M4", "M5", "M7", "M8", "M9"):
        assert journey in text
    for verdict in ("passed", "failed", "blocked", "skipped", "not accepted"):
        assert verdict in text
    assert "not run" in text.lower() or '"not_run"' in text
    assert digest in text
    assert "qa+nlc-m3-2@acme.example" in text  # test addresses are the evidence
    assert "ACME Bildung e.V. | Süd" in text or fmt == "md"  # md escapes the pipe


def test_the_pdf_renders_umlauts_dashes_and_arrows(services: Services, tmp_path: Path) -> None:
    evidence_profile(services)
    text = as_text(export(services, "pdf", "de"), "pdf", tmp_path)
    assert "Abnahmeprotokoll" in text
    assert "Jürgen" in text
    assert "Mail kam nach 40 s – Betreff „Bitte bestätigen“" in text
    assert "✔ bestanden" in text
    assert "✘ fehlgeschlagen" in text
    assert "cmxOrganize → Maileon" in text


EVIDENCE = {"maileon": evidence_profile, "newsletter2go": n2g_evidence_profile}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("provider", sorted(EVIDENCE))
def test_no_secret_reaches_any_format(
    services: Services, provider: str, fmt: Format, language: Language, tmp_path: Path
) -> None:
    EVIDENCE[provider](services)
    secrets = canaries(services)
    fields = {f.name for f in kit_for(provider).secret_fields}
    assert len(secrets) == len(fields) >= 2, "a canary in every secret field of the provider"
    assert all(any(c.endswith(f"-{name}") for c in secrets) for name in fields)
    data = export(services, fmt, language)
    text = as_text(data, fmt, tmp_path)
    assert "acme" in text  # the protocol of this profile, read as a person reads it
    for canary in secrets:
        assert canary not in text
        assert canary.encode() not in data


def test_the_newsletter2go_evidence_is_a_protocol_of_its_own(services: Services) -> None:
    """The canary test above must export a Newsletter2Go protocol, or it proves nothing."""
    n2g_evidence_profile(services)
    built = document(services)
    assert built["header"]["provider"] == "Newsletter2Go"  # type: ignore[index]
    assert problems(built, SCHEMA) == []
    assert built["bootstrap"]["list_ids"] == {"Lokales": "l0k4l3s", "Sport": "sp0rt1d"}  # type: ignore[index]
    journeys = {j["id"]: j for j in built["journeys"]}  # type: ignore[attr-defined]
    assert journeys["P8"]["run"]["verdict"] == "fail"
    assert [e["places"] for e in built["cleanup"]["open"]] == [["l0k4l3s"], ["l0k4l3s", "sp0rt1d"]]  # type: ignore[index]


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_json_validates_against_its_schema(services: Services, language: Language) -> None:
    evidence_profile(services)
    assert problems(document(services, language), SCHEMA) == []


def test_reexporting_changes_only_the_export_time(services: Services) -> None:
    evidence_profile(services)
    first = export(services, "json").decode().splitlines()
    later = export(services, "json", at=NOW + timedelta(days=3)).decode().splitlines()
    changed = [(a, b) for a, b in zip(first, later, strict=True) if a != b]
    assert len(changed) == 1
    assert '"exported_at"' in changed[0][0]
    assert json.loads("\n".join(first))["sha256"] == json.loads("\n".join(later))["sha256"]


def test_the_hash_is_the_canonical_json_without_the_export_time(services: Services) -> None:
    evidence_profile(services)
    exported = document(services)
    assert exported["sha256"] == sha256_of(exported)
    changed = {**exported, "header": {**exported["header"], "tester": "Somebody"}}  # type: ignore[dict-item]
    assert sha256_of(changed) != exported["sha256"]


@pytest.mark.parametrize("language", ["de", "en"])
def test_markdown_matches_the_golden_file(services: Services, language: Language) -> None:
    evidence_profile(services)
    golden = GOLDEN / f"protocol-{language}.md"
    assert export(services, "md", language).decode() == golden.read_text(encoding="utf-8")


def test_the_newest_run_of_a_journey_counts(services: Services) -> None:
    evidence_profile(services)
    journeys = {j["id"]: j for j in document(services)["journeys"]}  # type: ignore[attr-defined]
    assert journeys["M8"]["run"]["verdict"] == "pass"
    assert journeys["M8"]["run"]["earlier_runs"] == 1
    assert journeys["M2"]["applicable"] is False
    assert journeys["M9"]["run"] is None


def test_the_summary_counts_and_names_what_decided(services: Services) -> None:
    evidence_profile(services)
    summary = document(services)["summary"]
    assert summary["counts"] == {  # type: ignore[index]
        "pass": 2,
        "fail": 1,
        "blocked": 1,
        "skipped": 1,
        "not_run": 2,
    }
    assert summary["verdict"] == "not_accepted"  # type: ignore[index]
    assert "M3 failed." in summary["reasons"]  # type: ignore[index]


def verdict_of(profile: Profile, services: Services) -> str:
    built = build_protocol(
        profile,
        services.config_dir,
        translate=Translator.for_language("en"),
        exported_at=NOW,
        tester=TESTER,
    )
    return str(built["summary"]["verdict"])


def test_all_applicable_journeys_passed_and_a_clean_check_is_accepted(
    services: Services,
) -> None:
    profile = evidence_profile(services)
    store = RunStore(services.config_dir, "acme")
    for number, journey in enumerate(("M1", "M3", "M4", "M5", "M7", "M8", "M9"), 20):
        run = _run(number, journey, Verdict.PASS)
        store.save_run(run.id, run.as_json())
    assert verdict_of(profile, services) == "accepted_with_reservations"  # the check warned
    assert profile.last_check is not None
    clean = profile.model_copy(
        update={"last_check": profile.last_check.model_copy(update={"outcome": "pass"})}
    )
    assert verdict_of(clean, services) == "accepted"
    assert verdict_of(clean.model_copy(update={"last_check": None}), services) == "not_accepted"


def test_a_blocked_journey_alone_is_a_reservation(services: Services) -> None:
    profile = evidence_profile(services)
    store = RunStore(services.config_dir, "acme")
    for number, journey in enumerate(("M1", "M3", "M5", "M7", "M8", "M9"), 20):
        run = _run(number, journey, Verdict.PASS)
        store.save_run(run.id, run.as_json())
    assert profile.last_check is not None
    clean = profile.model_copy(
        update={"last_check": profile.last_check.model_copy(update={"outcome": "pass"})}
    )
    assert verdict_of(clean, services) == "accepted_with_reservations"


def test_open_points_and_cleanup_status(services: Services) -> None:
    evidence_profile(services)
    built = document(services)
    points = {p["subject"]: p for p in built["open_points"]}  # type: ignore[attr-defined]
    assert set(points) == {"M3", "M4"}
    assert points["M4"]["fix"] == "Store a test key with the read right"
    assert "Permission" in points["M3"]["fix"]
    cleanup = built["cleanup"]
    assert len(cleanup["cleaned"]) == 1  # type: ignore[index]
    assert len(cleanup["open"]) == 6  # type: ignore[index]
    assert cleanup["open"][0]["last_error"] == (  # type: ignore[index]
        "Maileon failed with 503 on deleting contact qa+nlc-m1-1@acme.example"
    )
    german = document(services, "de")["cleanup"]["open"][0]["last_error"]  # type: ignore[index]
    assert german == "Maileon meldet Fehler 503 beim Löschen des Kontakts qa+nlc-m1-1@acme.example"


def test_the_html_is_self_contained_with_a_print_stylesheet(services: Services) -> None:
    evidence_profile(services)
    page = export(services, "html").decode()
    assert "@media print" in page
    for external in ("<script", "<link", "src=", "@import", "url("):
        assert external not in page


def test_the_recorded_list_ids_are_the_setup_result(services: Services) -> None:
    services.profiles.add(
        Profile.model_validate(
            {
                "name": "acme",
                "provider": "newsletter2go",
                "display_name": "Verlag Süd",
                "newsletter2go": {
                    "newsletters": ["Lokales", "Sport"],
                    "list_ids": {"Sport": "sp0rt1d", "Lokales": "l0k4l3s"},
                },
            }
        )
    )
    text = export(services, "md", "de").decode()
    assert "## Ergebnis der Einrichtung" in text
    assert "| Lokales | l0k4l3s |" in text
    assert "| Sport | sp0rt1d |" in text
    assert "PEIQ PORTAL → Newsletter2Go" in text


def test_a_step_the_check_failed_is_an_open_point(services: Services) -> None:
    from nlconsole.core.maileon import findings

    profile = evidence_profile(services)
    assert profile.last_check is not None
    statuses = {**profile.last_check.statuses, findings.KEY_VALID.id: "fail"}
    services.profiles.update(
        "acme",
        lambda p: p.model_copy(
            update={
                "last_check": profile.last_check.model_copy(  # type: ignore[union-attr]
                    update={"statuses": statuses, "outcome": "fail"}
                )
            }
        ),
    )
    built = document(services)
    points = {p["subject"]: p for p in built["open_points"]}  # type: ignore[attr-defined]
    assert points["create_key"]["state"] == "failed in the check"
    assert "The last pre-flight check failed." in built["summary"]["reasons"]  # type: ignore[index]


def test_the_maileon_set_up_result_is_what_the_last_check_saw(services: Services) -> None:
    from nlconsole.core.maileon import findings

    profile = evidence_profile(services)
    assert profile.last_check is not None
    statuses = {
        **profile.last_check.statuses,
        findings.field_row("NAMENSPRAEFIX").id: "warn",
        findings.field_row("cmx_einkauf").id: "info",
        findings.DOI_MAILING.id: "unknown",
    }
    del statuses[findings.field_row("EINZELNUTZERTRACKING").id]
    services.profiles.update(
        "acme",
        lambda p: p.model_copy(
            update={"last_check": profile.last_check.model_copy(update={"statuses": statuses})}  # type: ignore[union-attr]
        ),
    )
    bootstrap = document(services)["bootstrap"]
    states = {f["name"]: (f["status"], f["status_label"]) for f in bootstrap["custom_fields"]}  # type: ignore[index]
    assert states == {
        "EINZELNUTZERTRACKING": (None, "not checked yet"),
        "NAMENSPRAEFIX": ("warn", "found with another type"),
        "cmx_einkauf": ("info", "missing"),
    }
    assert bootstrap["doi_mailing"] == {"status": "unknown", "status_label": "not verified"}  # type: ignore[index]
    assert bootstrap["list_ids"] == {}  # type: ignore[index]


def test_a_ledger_with_an_english_error_text_is_still_read(services: Services) -> None:
    """Ledgers written before the reason was kept translatable hold a plain English sentence:
    it is read and shown as it is, in either language."""
    evidence_profile(services)
    store = RunStore(services.config_dir, "acme")
    old = "Maileon failed with 503 on deleting contact qa+nlc-m3-2@acme.example"
    ledger = json.loads(store.ledger_path.read_text(encoding="utf-8"))
    ledger["entries"][2]["last_error"] = old
    store.ledger_path.write_text(json.dumps(ledger), encoding="utf-8")
    assert store.ledger()[2].last_error == old
    for language in ("de", "en"):
        rows = document(services, language)["cleanup"]["open"]  # type: ignore[index]
        assert rows[1]["last_error"] == old


def test_recorded_yes_reads_in_the_protocols_language(services: Services) -> None:
    """The runs record an existing contact as 'yes'; the reader sees 'ja' in German (the JSON
    keeps the raw value, as it keeps the verdict codes)."""
    evidence_profile(services)
    assert "| Kontakt vorhanden | ja | ja | ✔ bestanden |" in export(services, "md", "de").decode()
    assert (
        "<td>Kontakt vorhanden</td><td>ja</td><td>ja</td>"
        in export(services, "html", "de").decode()
    )
    assert "| Contact exists | yes | yes | ✔ passed |" in export(services, "md", "en").decode()
    journeys = {j["id"]: j for j in document(services, "de")["journeys"]}  # type: ignore[attr-defined]
    (exists, *_) = journeys["M1"]["run"]["steps"][2]["expectations"]
    assert (exists["expected"], exists["observed"]) == ("yes", "yes")


WORD = re.compile(r"[^\W\d_]{4,}")
"""A word of four letters or more (a fragment of a broken one is another word)."""


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("provider", sorted(EVIDENCE))
def test_pdf_tables_break_no_word(
    services: Services, provider: str, language: Language, tmp_path: Path
) -> None:
    """Every word of a table cell stands whole in the PDF as often as in the Markdown of the
    same document: a word broken across two lines ("fehlgeschl" / "agen") is one short."""
    EVIDENCE[provider](services)
    h = Headings(Translator.for_language(language))
    lines = export(services, "md", language).decode().splitlines()
    lines.remove(f"| {h.journeys_counted} | {h.count} |")  # the PDF's summary has no header
    in_cells = {w for line in lines if line.startswith("| ") for w in WORD.findall(line)}
    assert ("Testablauf" if language == "de" else "Journey") in in_cells  # the cleanup table
    expected = Counter(w for line in lines for w in WORD.findall(line) if w in in_cells)
    printed = Counter(WORD.findall(as_text(export(services, "pdf", language), "pdf", tmp_path)))
    broken = {w: (n, printed[w]) for w, n in expected.items() if printed[w] < n}
    assert broken == {}, "words broken in the PDF (in the Markdown, whole in the PDF)"


def test_no_pdf_page_ends_with_a_heading(services: Services, tmp_path: Path) -> None:
    """A heading alone at the foot of a page ("Einrichtungs-Checkliste", its table overleaf)
    goes to the next page with what follows it."""
    evidence_profile(services)
    h = Headings(Translator.for_language("de"))
    text = as_text(export(services, "pdf", "de"), "pdf", tmp_path)
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) >= 3
    for page in pages[:-1]:
        body = [line.strip() for line in page.splitlines() if line.strip()][:-1]  # no footer
        assert body[-1] not in {h.checklist, h.journeys, h.open_points, h.cleanup, h.signoff}

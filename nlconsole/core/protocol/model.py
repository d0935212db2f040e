"""The acceptance protocol as one document: what the customer signs at the end of an onboarding.

Built from what nlconsole already stores — the profile (header, checklist, last pre-flight
check, its set-up record: list ids or the custom-field mapping), the journey runs and the
ledger — and rendered once into the reader's language, so the JSON, Markdown, HTML and PDF
all show the same words. Nothing here reads the keyring: a protocol cannot contain a secret
because it never sees one.

The overall verdict follows one written rule (see `RULES`), and the document names the rule
and the reasons that decided it, so a reader does not have to trust a colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from nlconsole import __version__
from nlconsole.core.checklists import view_of
from nlconsole.core.journeys.catalogue import CatalogueEntry, catalogue
from nlconsole.core.journeys.store import LedgerEntry, RunStore
from nlconsole.core.kit import kit_for
from nlconsole.core.models import Profile
from nlconsole.core.protocol.texts import (
    ANSWER,
    CHECK_OUTCOME,
    DOI_STATE,
    ENVIRONMENT,
    FIELD_STATE,
    FINDING_STATUS,
    NOT_CHECKED,
    RULES,
    STEP_STATE,
    VERDICT,
    VERDICT_LABEL,
)
from nlconsole.i18n import Msg, Translator, _

SCHEMA_VERSION = 1
DOCUMENT_KIND = "nlconsole-acceptance-protocol"
COUNTED = ("pass", "fail", "blocked", "skipped", "not_run")
"""The summary's counts, in order; 'not_run' also holds an unfinished (pending) run."""


def build_protocol(
    profile: Profile,
    config_dir: Path,
    *,
    translate: Translator,
    exported_at: datetime,
    tester: str,
) -> dict[str, Any]:
    """The protocol document (without its hash; `protocol.json` adds that)."""
    t = translate
    kit = kit_for(profile)
    store = RunStore(config_dir, profile.name)
    entries = catalogue(profile, config_dir)
    newest = _newest_runs(store.runs())
    journeys = [_journey(entry, newest.get(entry.spec.id), t) for entry in entries]
    ledger = store.ledger()
    verdict, reasons = _verdict(profile, journeys)
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": DOCUMENT_KIND,
        "language": t.language,
        "exported_at": exported_at.isoformat(),
        "generator": f"nlconsole {__version__}",
        "header": {
            "customer": profile.title,
            "profile": profile.name,
            "interface": f"{kit.vendor} → {kit.title}",
            "vendor": kit.vendor,
            "provider": kit.title,
            "environment": t(ENVIRONMENT.get(profile.environment.value, profile.environment)),
            "base_url": profile.base_url,
            "tester": tester,
        },
        "summary": {
            "counts": _counts(journeys),
            "not_applicable": sum(1 for j in journeys if not j["applicable"]),
            "verdict": verdict,
            "verdict_label": t(VERDICT_LABEL[verdict]),
            "rule": t(RULES[verdict]),
            "reasons": [t(r) for r in reasons],
        },
        "check": _check(profile, t),
        "bootstrap": _bootstrap(profile, t),
        "checklist": _checklist(profile, t),
        "journeys": journeys,
        "open_points": _open_points(profile, journeys, t),
        "cleanup": _cleanup(ledger, t),
        "signoff": [
            {"party": "vendor", "role": t(_("Vendor ({vendor})", vendor=kit.vendor))},
            {"party": "customer", "role": t(_("Customer ({customer})", customer=profile.title))},
        ],
    }


def _newest_runs(runs: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The newest run of each journey (runs come oldest first), with how many came before."""
    newest: dict[str, dict[str, Any]] = {}
    earlier: dict[str, int] = {}
    for run in sorted(runs, key=lambda r: (str(r.get("started_at")), str(r.get("id")))):
        journey = str(run.get("journey"))
        if journey in newest:
            earlier[journey] = earlier.get(journey, 0) + 1
        newest[journey] = run
    return {j: {**run, "earlier_runs": earlier.get(j, 0)} for j, run in newest.items()}


def _text(translate: Translator, stored: Any) -> str | None:
    """A stored text (plain or translatable JSON) in the reader's language."""
    if stored is None:
        return None
    try:
        return translate(Msg.from_json(stored))
    except ValueError:
        return str(stored)


def _label(labels: dict[str, Msg], value: Any, translate: Translator) -> str:
    return translate(labels.get(str(value), str(value)))


def _journey(entry: CatalogueEntry, run: dict[str, Any] | None, t: Translator) -> dict[str, Any]:
    spec = entry.spec
    document: dict[str, Any] = {
        "id": spec.id,
        "title": t(spec.title),
        "expected": t(spec.expected),
        "optional": spec.optional,
        "applicable": entry.not_applicable is None,
        "not_applicable_reason": t(entry.not_applicable) if entry.not_applicable else None,
        "run": None,
    }
    if run is not None:
        document["run"] = {
            "id": str(run.get("id")),
            "mode": str(run.get("mode")),
            "address": str(run.get("address")),
            "started_at": run.get("started_at"),
            "ended_at": run.get("ended_at"),
            "verdict": str(run.get("verdict")),
            "verdict_label": _label(VERDICT, run.get("verdict"), t),
            "fix": _text(t, run.get("fix")),
            "earlier_runs": int(run.get("earlier_runs", 0)),
            "steps": [_step(step, t) for step in run.get("steps") or []],
        }
    return document


def _step(step: dict[str, Any], t: Translator) -> dict[str, Any]:
    answer = step.get("answer")
    return {
        "title": _text(t, step.get("title")),
        "kind": str(step.get("kind")),
        "verdict": str(step.get("verdict")),
        "verdict_label": _label(VERDICT, step.get("verdict"), t),
        "started_at": step.get("started_at"),
        "ended_at": step.get("ended_at"),
        "expectations": [
            {
                "field": str(row.get("field")),
                "label": _text(t, row.get("label")),
                "expected": row.get("expected"),
                "observed": row.get("observed"),
                "verdict": str(row.get("verdict")),
                "verdict_label": _label(VERDICT, row.get("verdict"), t),
            }
            for row in step.get("expectations") or []
        ],
        "detail": _text(t, step.get("detail")),
        "answer": _label(ANSWER, answer, t) if answer else None,
        "note": step.get("note"),
    }


def _run_verdict(journey: dict[str, Any]) -> str:
    run = journey["run"]
    if run is None or run["verdict"] not in COUNTED:
        return "not_run"
    return str(run["verdict"])


def _counts(journeys: Sequence[dict[str, Any]]) -> dict[str, int]:
    counts = dict.fromkeys(COUNTED, 0)
    for journey in journeys:
        if journey["applicable"]:
            counts[_run_verdict(journey)] += 1
    return counts


def _verdict(profile: Profile, journeys: Sequence[dict[str, Any]]) -> tuple[str, list[Msg]]:
    """The overall verdict and the reasons that decided it (see `RULES`)."""
    refusals: list[Msg] = []
    reservations: list[Msg] = []
    check = profile.last_check
    if check is None:
        refusals.append(_("No pre-flight check has been run."))
    elif check.outcome == "fail":
        refusals.append(_("The last pre-flight check failed."))
    elif check.outcome == "warn":
        reservations.append(_("The last pre-flight check has warnings."))
    for journey in (j for j in journeys if j["applicable"]):
        verdict, name = _run_verdict(journey), journey["id"]
        if verdict == "fail" and not journey["optional"]:
            refusals.append(_("{journey} failed.", journey=name))
        elif verdict == "fail":
            reservations.append(_("{journey} (optional) failed.", journey=name))
        elif verdict == "blocked":
            reservations.append(_("{journey} is blocked.", journey=name))
        elif verdict == "skipped":
            reservations.append(_("{journey} was skipped.", journey=name))
        elif verdict == "not_run":
            reservations.append(_("{journey} has not been run to the end.", journey=name))
    if refusals:
        return "not_accepted", refusals
    if reservations:
        return "accepted_with_reservations", reservations
    return "accepted", []


def _check(profile: Profile, t: Translator) -> dict[str, Any] | None:
    check = profile.last_check
    if check is None:
        return None
    kit = kit_for(profile)
    every_secret = frozenset(f.name for f in kit.secret_fields)
    titles = {spec.id: spec.title for spec in kit.planned_check(profile, every_secret)}
    return {
        "at": check.at.isoformat(),
        "outcome": check.outcome,
        "outcome_label": _label(CHECK_OUTCOME, check.outcome, t),
        "summary": t(check.summary),
        "findings": [
            {
                "id": finding,
                "title": t(titles.get(finding, finding)),
                "status": status,
                "status_label": _label(FINDING_STATUS, status, t),
            }
            for finding, status in sorted(check.statuses.items())
        ],
    }


def _bootstrap(profile: Profile, t: Translator) -> dict[str, Any] | None:
    """What setting up the account recorded: the address books it knows by id, the custom
    fields of the mapping with whether the last check found each, and the DOI mailing."""
    record = kit_for(profile).setup_record(profile)
    if not record.list_ids and not record.fields and record.doi_row is None:
        return None
    statuses = profile.last_check.statuses if profile.last_check else {}

    def state(labels: dict[str, Msg], row: str) -> tuple[str | None, str]:
        status = statuses.get(row)
        if status is None:
            return None, t(NOT_CHECKED)
        return status, t(labels.get(status, FINDING_STATUS.get(status, status)))

    fields = []
    for name, kind, row in record.fields:
        status, label = state(FIELD_STATE, row)
        fields.append({"name": name, "type": kind, "status": status, "status_label": label})
    doi = None
    if record.doi_row is not None:
        status, label = state(DOI_STATE, record.doi_row)
        doi = {"status": status, "status_label": label}
    return {
        "list_ids": dict(sorted(record.list_ids.items())),
        "custom_fields": fields,
        "doi_mailing": doi,
    }


def _checklist(profile: Profile, t: Translator) -> list[dict[str, Any]]:
    rows = []
    for step in kit_for(profile).checklist():
        state = profile.checklist.get(step.id)
        view = view_of(step, profile)
        rows.append(
            {
                "id": step.id,
                "title": t(step.title),
                "state": view.value,
                "state_label": _label(STEP_STATE, view.value, t),
                "by": state.by if state else None,
                "at": state.at.isoformat() if state and state.at else None,
                "note": state.note if state else None,
            }
        )
    return rows


def _open_points(
    profile: Profile, journeys: Sequence[dict[str, Any]], t: Translator
) -> list[dict[str, Any]]:
    """What still needs doing: failed checklist steps, failed or blocked journeys, with fixes."""
    points: list[dict[str, Any]] = []
    for row in _checklist(profile, t):
        if row["state"] == "failed":
            points.append(
                {
                    "subject": row["id"],
                    "what": row["title"],
                    "state": row["state_label"],
                    "fix": t(_("Run the pre-flight check again after fixing this step.")),
                }
            )
    for journey in journeys:
        run = journey["run"]
        if journey["applicable"] and run is not None and run["verdict"] in ("fail", "blocked"):
            points.append(
                {
                    "subject": journey["id"],
                    "what": journey["title"],
                    "state": run["verdict_label"],
                    "fix": run["fix"] or _failed_rows(run, t),
                }
            )
    return points


def _failed_rows(run: dict[str, Any], t: Translator) -> str | None:
    fields = [
        str(row["label"] or row["field"])
        for step in run["steps"]
        for row in step["expectations"]
        if row["verdict"] == "fail"
    ]
    if not fields:
        return None
    return t(_("Differs from the expectation: {fields}", fields=", ".join(fields)))


def _cleanup(ledger: Sequence[LedgerEntry], t: Translator) -> dict[str, Any]:
    def row(entry: LedgerEntry) -> dict[str, Any]:
        return {
            "address": entry.address,
            "journey": entry.journey,
            "run": entry.run_id,
            "places": sorted(entry.places),
            "cleaned_at": entry.cleaned_at.isoformat() if entry.cleaned_at else None,
            "last_error": _text(t, entry.last_error),
        }

    return {
        "open": [row(e) for e in ledger if e.cleaned_at is None],
        "cleaned": [row(e) for e in ledger if e.cleaned_at is not None],
    }

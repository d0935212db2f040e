"""The protocol as Markdown: for the console's preview, tickets and e-mail."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from nlconsole.core.protocol.json import sha256_of
from nlconsole.core.protocol.texts import COUNT_LABEL, Headings
from nlconsole.i18n import Translator


def cell(value: Any) -> str:
    """A table cell: no line breaks, pipes escaped, '–' for no value."""
    if value is None or value == "":
        return "–"
    return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return [*lines, ""]


def _pairs(rows: Sequence[tuple[str, Any]]) -> list[str]:
    """Name–value lines as a list (a table with an empty header row reads badly)."""
    return [
        f"- {name}: {'–' if value is None or value == '' else value}" for name, value in rows
    ] + [""]


def render_markdown(document: dict[str, Any], translate: Translator) -> str:
    """The whole protocol as Markdown text."""
    h = Headings(translate)
    header, summary = document["header"], document["summary"]
    digest = sha256_of(document)
    out = [f"# {h.title}: {header['customer']}", ""]
    out += _pairs(
        [
            (h.customer, header["customer"]),
            (h.profile, header["profile"]),
            (h.interface, header["interface"]),
            (h.provider, header["provider"]),
            (h.environment, header["environment"]),
            (h.base_url, header["base_url"]),
            (h.date, h.when(document["exported_at"])),
            (h.tester, header["tester"]),
            (h.sha256, f"`{digest}`"),
        ],
    )
    out += [f"## {h.summary}", ""]
    counts = summary["counts"]
    out += _table(
        [h.journeys_counted, h.count],
        [(h.t(COUNT_LABEL[k]), counts[k]) for k in counts]
        + [(h.not_applicable, summary["not_applicable"])],
    )
    out += [
        f"**{h.overall}: {h.marked(summary['verdict'], summary['verdict_label'])}**",
        "",
        f"{h.rule}: {summary['rule']}",
        "",
    ]
    if summary["reasons"]:
        out += [f"{h.reasons}:", ""] + [f"- {r}" for r in summary["reasons"]] + [""]
    out += _check(document["check"], h)
    out += _bootstrap(document["bootstrap"], h)
    out += [f"## {h.checklist}", ""]
    out += _table(
        [h.step, h.state, h.by, h.at, h.note],
        [
            (r["title"], r["state_label"], r["by"], h.when(r["at"]), r["note"])
            for r in document["checklist"]
        ],
    )
    out += [f"## {h.journeys}", ""]
    for journey in document["journeys"]:
        out += _journey(journey, h)
    out += [f"## {h.open_points}", ""]
    if document["open_points"]:
        out += _table(
            [h.subject, h.description, h.state, h.fix],
            [(p["subject"], p["what"], p["state"], p["fix"]) for p in document["open_points"]],
        )
    else:
        out += [h.no_open_points, ""]
    out += _cleanup(document["cleanup"], h)
    out += [f"## {h.signoff}", ""]
    out += _table(
        [h.role, h.name, h.place_date, h.signature],
        [(s["role"], " ", " ", " ") for s in document["signoff"]],
    )
    out += [
        f"{h.sha256}: `{digest}`",
        "",
        h.sha_note,
        "",
        f"{h.generator}: {document['generator']}",
    ]
    return "\n".join(out) + "\n"


def _check(check: dict[str, Any] | None, h: Headings) -> list[str]:
    out = [f"## {h.check}", ""]
    if check is None:
        return [*out, h.no_check, ""]
    out += [
        f"{h.result}: **{check['outcome_label']}** ({h.when(check['at'])}) – {check['summary']}"
    ]
    out += [""]
    return out + _table(
        [h.finding, h.status],
        [(f["title"], h.marked(f["status"], f["status_label"])) for f in check["findings"]],
    )


def _bootstrap(bootstrap: dict[str, Any] | None, h: Headings) -> list[str]:
    out = [f"## {h.bootstrap}", ""]
    if bootstrap is None:
        return [*out, h.no_bootstrap, ""]
    for headers, rows in h.setup_tables(bootstrap):
        out += _table(headers, rows)
    notes = h.setup_notes(bootstrap)
    return out + (_pairs(notes) if notes else [])


def _journey(journey: dict[str, Any], h: Headings) -> list[str]:
    optional = f" ({h.optional})" if journey["optional"] else ""
    out = [f"### {journey['id']} – {journey['title']}{optional}", ""]
    out += [f"{h.expected_result}: {journey['expected']}", ""]
    if not journey["applicable"]:
        return [*out, f"{h.not_applicable}: {journey['not_applicable_reason']}", ""]
    run = journey["run"]
    if run is None:
        return [*out, h.no_run, ""]
    out += [f"**{h.verdict}: {h.marked(run['verdict'], run['verdict_label'])}**", ""]
    out += _pairs(h.run_rows(run))
    for number, step in enumerate(run["steps"], 1):
        out += [
            f"{number}. **{step['title']}** – {step['verdict_label']} "
            f"({h.when(step['started_at'])} → {h.when(step['ended_at'])})",
            "",
        ]
        shown = [f"   - {name}: {value}" for name, value in h.step_notes(step)]
        out += [*shown, ""] if shown else []
        if step["expectations"]:
            out += _table(*h.expectation_table(step))
    return out


def _cleanup(cleanup: dict[str, Any], h: Headings) -> list[str]:
    out = [f"## {h.cleanup}", ""]
    if not cleanup["open"] and not cleanup["cleaned"]:
        return [*out, h.no_test_contacts, ""]
    out += [f"### {h.cleanup_open} ({len(cleanup['open'])})", ""]
    if cleanup["open"]:
        out += _table(
            [h.address, h.journey, h.places, h.error],
            [
                (e["address"], e["journey"], ", ".join(e["places"]), e["last_error"])
                for e in cleanup["open"]
            ],
        )
    out += [f"### {h.cleanup_done} ({len(cleanup['cleaned'])})", ""]
    if cleanup["cleaned"]:
        out += _table(
            [h.address, h.journey, h.at],
            [(e["address"], e["journey"], h.when(e["cleaned_at"])) for e in cleanup["cleaned"]],
        )
    return out

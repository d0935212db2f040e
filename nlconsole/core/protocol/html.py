"""The protocol as one self-contained HTML page (inline styles, no scripts, no external files)
with a print stylesheet: a person opens it in a browser and prints or saves it as PDF."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from nlconsole.core.protocol.json import sha256_of
from nlconsole.core.protocol.texts import COUNT_LABEL, Headings
from nlconsole.i18n import Translator

STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; color: #111;
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 18pt; } h2 { font-size: 14pt; border-bottom: 1px solid #999; margin-top: 2rem; }
h3 { font-size: 12pt; margin-top: 1.5rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #bbb; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #eee; }
code { font-size: 9pt; word-break: break-all; }
.verdict { font-weight: bold; font-size: 13pt; }
.v-pass, .v-accepted { color: #1a6e1a; } .v-fail, .v-not_accepted { color: #b00020; }
.v-blocked, .v-skipped, .v-accepted_with_reservations { color: #8a5a00; }
.signature td { height: 3rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; } table, .journey { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  @page { size: A4; margin: 18mm 15mm; }
}
"""


def _cell(value: Any) -> str:
    return "–" if value is None or value == "" else escape(str(value))


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]], css: str = "") -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    klass = f' class="{css}"' if css else ""
    return f"<table{klass}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _pairs(rows: Sequence[tuple[str, Any]]) -> str:
    body = "".join(f"<tr><th>{escape(k)}</th><td>{_cell(v)}</td></tr>" for k, v in rows)
    return f"<table><tbody>{body}</tbody></table>"


def render_html(document: dict[str, Any], translate: Translator) -> str:
    """The whole protocol as an HTML page."""
    h = Headings(translate)
    header, summary = document["header"], document["summary"]
    digest = sha256_of(document)
    parts = [
        f"<h1>{escape(h.title)}: {escape(header['customer'])}</h1>",
        _pairs(
            [
                (h.customer, header["customer"]),
                (h.profile, header["profile"]),
                (h.interface, header["interface"]),
                (h.provider, header["provider"]),
                (h.environment, header["environment"]),
                (h.base_url, header["base_url"]),
                (h.date, h.when(document["exported_at"])),
                (h.tester, header["tester"]),
            ]
        ),
        f"<p>{escape(h.sha256)}: <code>{digest}</code></p>",
        f"<h2>{escape(h.summary)}</h2>",
        _pairs(
            [(h.t(COUNT_LABEL[k]), v) for k, v in summary["counts"].items()]
            + [(h.not_applicable, summary["not_applicable"])]
        ),
        f'<p class="verdict v-{summary["verdict"]}">{escape(h.overall)}: '
        f"{escape(h.marked(summary['verdict'], summary['verdict_label']))}</p>",
        f"<p>{escape(h.rule)}: {escape(summary['rule'])}</p>",
    ]
    if summary["reasons"]:
        items = "".join(f"<li>{escape(r)}</li>" for r in summary["reasons"])
        parts.append(f"<p>{escape(h.reasons)}:</p><ul>{items}</ul>")
    parts += _check(document["check"], h)
    parts.append(f"<h2>{escape(h.bootstrap)}</h2>")
    bootstrap = document["bootstrap"]
    if bootstrap:
        parts += [_table(headers, rows) for headers, rows in h.setup_tables(bootstrap)]
        notes = h.setup_notes(bootstrap)
        parts += [_pairs(notes)] if notes else []
    else:
        parts.append(f"<p>{escape(h.no_bootstrap)}</p>")
    parts.append(f"<h2>{escape(h.checklist)}</h2>")
    parts.append(
        _table(
            [h.step, h.state, h.by, h.at, h.note],
            [
                (r["title"], r["state_label"], r["by"], h.when(r["at"]), r["note"])
                for r in document["checklist"]
            ],
        )
    )
    parts.append(f"<h2>{escape(h.journeys)}</h2>")
    parts += [_journey(j, h) for j in document["journeys"]]
    parts.append(f"<h2>{escape(h.open_points)}</h2>")
    points = document["open_points"]
    parts.append(
        _table(
            [h.subject, h.description, h.state, h.fix],
            [(p["subject"], p["what"], p["state"], p["fix"]) for p in points],
        )
        if points
        else f"<p>{escape(h.no_open_points)}</p>"
    )
    parts += _cleanup(document["cleanup"], h)
    parts.append(f"<h2>{escape(h.signoff)}</h2>")
    parts.append(
        _table(
            [h.role, h.name, h.place_date, h.signature],
            [(s["role"], " ", " ", " ") for s in document["signoff"]],
            "signature",
        )
    )
    parts.append(f"<p>{escape(h.sha256)}: <code>{digest}</code></p>")
    parts.append(f"<p>{escape(h.sha_note)}</p>")
    parts.append(f"<p>{escape(h.generator)}: {escape(document['generator'])}</p>")
    title = escape(f"{h.title}: {header['customer']}")
    return (
        f'<!DOCTYPE html>\n<html lang="{document["language"]}"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{STYLE}</style></head><body>\n"
        + "\n".join(parts)
        + "\n</body></html>\n"
    )


def _check(check: dict[str, Any] | None, h: Headings) -> list[str]:
    out = [f"<h2>{escape(h.check)}</h2>"]
    if check is None:
        return [*out, f"<p>{escape(h.no_check)}</p>"]
    out.append(
        f'<p>{escape(h.result)}: <span class="v-{escape(check["outcome"])}">'
        f"{escape(check['outcome_label'])}</span> ({escape(h.when(check['at']))}) – "
        f"{escape(check['summary'])}</p>"
    )
    out.append(
        _table(
            [h.finding, h.status],
            [(f["title"], h.marked(f["status"], f["status_label"])) for f in check["findings"]],
        )
    )
    return out


def _journey(journey: dict[str, Any], h: Headings) -> str:
    optional = f" ({h.optional})" if journey["optional"] else ""
    out = [f"<h3>{escape(journey['id'])} – {escape(journey['title'] + optional)}</h3>"]
    out.append(f"<p>{escape(h.expected_result)}: {escape(journey['expected'])}</p>")
    run = journey["run"]
    if not journey["applicable"]:
        out.append(f"<p>{escape(h.not_applicable)}: {escape(journey['not_applicable_reason'])}</p>")
    elif run is None:
        out.append(f"<p>{escape(h.no_run)}</p>")
    else:
        out.append(
            f'<p class="verdict v-{escape(run["verdict"])}">{escape(h.verdict)}: '
            f"{escape(h.marked(run['verdict'], run['verdict_label']))}</p>"
        )
        out.append(_pairs(h.run_rows(run)))
        items = []
        for step in run["steps"]:
            text = "".join(
                f"<br>{escape(name)}: {escape(str(value))}" for name, value in h.step_notes(step)
            )
            table = _table(*h.expectation_table(step)) if step["expectations"] else ""
            items.append(
                f"<li><strong>{escape(step['title'] or '')}</strong> – "
                f"{escape(step['verdict_label'])} ({escape(h.when(step['started_at']))} → "
                f"{escape(h.when(step['ended_at']))}){text}{table}</li>"
            )
        out.append(f"<ol>{''.join(items)}</ol>")
    return '<div class="journey">' + "".join(out) + "</div>"


def _cleanup(cleanup: dict[str, Any], h: Headings) -> list[str]:
    out = [f"<h2>{escape(h.cleanup)}</h2>"]
    if not cleanup["open"] and not cleanup["cleaned"]:
        return [*out, f"<p>{escape(h.no_test_contacts)}</p>"]
    out.append(f"<h3>{escape(h.cleanup_open)} ({len(cleanup['open'])})</h3>")
    if cleanup["open"]:
        out.append(
            _table(
                [h.address, h.journey, h.places, h.error],
                [
                    (e["address"], e["journey"], ", ".join(e["places"]), e["last_error"])
                    for e in cleanup["open"]
                ],
            )
        )
    out.append(f"<h3>{escape(h.cleanup_done)} ({len(cleanup['cleaned'])})</h3>")
    if cleanup["cleaned"]:
        out.append(
            _table(
                [h.address, h.journey, h.at],
                [(e["address"], e["journey"], h.when(e["cleaned_at"])) for e in cleanup["cleaned"]],
            )
        )
    return out

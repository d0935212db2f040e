"""The protocol as PDF, the paper the customer signs.

fpdf2 writes it in pure Python; its built-in fonts are Latin-1 only, so the DejaVu Sans fonts
ship inside the package (`nlconsole/protocol_fonts/`, with their licence) and are embedded as
subsets: umlauts, "–", "→" and "✔" render on every system. Every page's footer carries the
SHA-256 of the JSON document, so each sheet can be matched to its data.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from importlib.resources import as_file, files
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from nlconsole.core.protocol.json import sha256_of
from nlconsole.core.protocol.texts import COUNT_LABEL, Headings
from nlconsole.i18n import Translator

FONT = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
KEEP_WITH_HEADING = 20
"""Millimetres below a heading that must fit on its page (a few lines of what follows)."""


class _Document(FPDF):
    """A4 pages with the hash and page numbers in the footer."""

    def __init__(self, footer: str) -> None:
        super().__init__(format="A4")
        self.footer_text = footer
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(15, 15, 15)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FONT, size=7)
        self.cell(0, 5, f"{self.footer_text}   {self.page_no()}/{{nb}}", align="C")


def render_pdf(document: dict[str, Any], translate: Translator) -> bytes:
    """The whole protocol as PDF bytes."""
    h = Headings(translate)
    digest = sha256_of(document)
    pdf = _Document(f"{h.sha256}: {digest}")
    fonts = files("nlconsole") / "protocol_fonts"
    for style, name in FONT_FILES.items():
        with as_file(fonts / name) as path:
            pdf.add_font(FONT, style=style, fname=str(path))
    pdf.set_creation_date(_creation_date(document))
    pdf.set_title(f"{h.title}: {document['header']['customer']}")
    pdf.set_creator(document["generator"])
    pdf.add_page()
    _Writer(pdf, h).protocol(document, digest)
    return bytes(pdf.output())


def _creation_date(document: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(document["exported_at"])


class _Writer:
    """Writes the sections onto the pages."""

    def __init__(self, pdf: FPDF, h: Headings) -> None:
        self.pdf = pdf
        self.h = h

    def heading(self, text: str, size: float = 13) -> None:
        """A heading, on the next page when too little of this one is left for what follows
        (a heading alone at the foot of a page)."""
        if self.pdf.will_page_break(size * 0.55 + KEEP_WITH_HEADING):
            self.pdf.add_page()
        self.pdf.set_font(FONT, "B", size)
        self.pdf.ln(2)
        self.pdf.multi_cell(0, size * 0.55, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.pdf.ln(1)
        self.pdf.set_font(FONT, size=9)

    def text(self, text: str, bold: bool = False) -> None:
        self.pdf.set_font(FONT, "B" if bold else "", 9)
        self.pdf.multi_cell(0, 4.8, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.pdf.set_font(FONT, size=9)

    def table(
        self,
        headers: Sequence[str] | None,
        rows: Sequence[Sequence[Any]],
        widths: Sequence[float] | None = None,
        height: float = 5,
    ) -> None:
        """A table whose columns fit their content (`widths` only where the cells are empty
        on purpose, as the signature lines)."""
        self.pdf.set_font(FONT, size=8)
        heads = [str(v) for v in headers] if headers is not None else None
        cells = [["–" if v is None or v == "" else str(v) for v in row] for row in rows]
        with self.pdf.table(
            col_widths=widths or self.fitting_widths(heads, cells),
            first_row_as_headings=heads is not None,
            line_height=height,
            text_align="LEFT",
        ) as table:
            if heads is not None:
                table.row(heads)
            for row in cells:
                table.row(row)
        self.pdf.ln(2)
        self.pdf.set_font(FONT, size=9)

    def fitting_widths(self, heads: list[str] | None, cells: list[list[str]]) -> list[float]:
        """Column widths (mm) so no word is broken: every column gets at least its longest
        word, and the rest of the line is shared in proportion to what each column lacks for
        its longest text on one line. Only a word wider than the page could still break."""
        pdf = self.pdf
        pad = 2 * pdf.c_margin + 0.6
        lines = [(heads, "B")] if heads is not None else []
        lines += [(row, "") for row in cells]
        count = max(len(row) for row, _style in lines)
        word, whole = [pad] * count, [pad] * count
        for row, style in lines:
            pdf.set_font(FONT, style, 8)
            for column, text in enumerate(row):
                longest = max((pdf.get_string_width(w) for w in text.split()), default=0)
                word[column] = max(word[column], longest + pad)
                whole[column] = max(whole[column], pdf.get_string_width(text) + pad)
        pdf.set_font(FONT, size=8)
        room = pdf.epw - sum(word)
        if room <= 0:
            return word
        lack = [w - n for w, n in zip(whole, word, strict=True)]
        if sum(lack) <= room:
            # everything fits on one line: widen in proportion to the text, up to the margin
            return [w * pdf.epw / sum(whole) for w in whole]
        return [n + room * gap / sum(lack) for n, gap in zip(word, lack, strict=True)]

    def protocol(self, document: dict[str, Any], digest: str) -> None:
        h, header, summary = self.h, document["header"], document["summary"]
        self.heading(f"{h.title}: {header['customer']}", 16)
        self.table(
            None,
            [
                (h.customer, header["customer"]),
                (h.profile, header["profile"]),
                (h.interface, header["interface"]),
                (h.provider, header["provider"]),
                (h.environment, header["environment"]),
                (h.base_url, header["base_url"]),
                (h.date, h.when(document["exported_at"])),
                (h.tester, header["tester"]),
                (h.sha256, digest),
            ],
        )
        self.heading(h.summary)
        self.table(
            None,
            [(h.t(COUNT_LABEL[k]), v) for k, v in summary["counts"].items()]
            + [(h.not_applicable, summary["not_applicable"])],
        )
        self.text(
            f"{h.overall}: {h.marked(summary['verdict'], summary['verdict_label'])}", bold=True
        )
        self.text(f"{h.rule}: {summary['rule']}")
        for reason in summary["reasons"]:
            self.text(f"• {reason}")
        self.check(document["check"])
        self.heading(h.bootstrap)
        if document["bootstrap"]:
            for headers, rows in h.setup_tables(document["bootstrap"]):
                self.table(headers, rows)
            notes = h.setup_notes(document["bootstrap"])
            if notes:
                self.table(None, notes)
        else:
            self.text(h.no_bootstrap)
        self.heading(h.checklist)
        self.table(
            [h.step, h.state, h.by, h.at, h.note],
            [
                (r["title"], r["state_label"], r["by"], h.when(r["at"]), r["note"])
                for r in document["checklist"]
            ],
        )
        self.heading(h.journeys)
        for journey in document["journeys"]:
            self.journey(journey)
        self.heading(h.open_points)
        if document["open_points"]:
            self.table(
                [h.subject, h.description, h.state, h.fix],
                [(p["subject"], p["what"], p["state"], p["fix"]) for p in document["open_points"]],
            )
        else:
            self.text(h.no_open_points)
        self.cleanup(document["cleanup"])
        self.heading(h.signoff)
        self.table(
            [h.role, h.name, h.place_date, h.signature],
            [(s["role"], " ", " ", " ") for s in document["signoff"]],
            (3, 3, 3, 4),
            height=14,
        )
        self.text(f"{h.sha256}: {digest}")
        self.text(h.sha_note)
        self.text(f"{h.generator}: {document['generator']}")

    def check(self, check: dict[str, Any] | None) -> None:
        h = self.h
        self.heading(h.check)
        if check is None:
            self.text(h.no_check)
            return
        self.text(
            f"{h.result}: {check['outcome_label']} ({h.when(check['at'])}) – {check['summary']}"
        )
        self.table(
            [h.finding, h.status],
            [(f["title"], h.marked(f["status"], f["status_label"])) for f in check["findings"]],
        )

    def journey(self, journey: dict[str, Any]) -> None:
        h = self.h
        optional = f" ({h.optional})" if journey["optional"] else ""
        self.heading(f"{journey['id']} – {journey['title']}{optional}", 11)
        self.text(f"{h.expected_result}: {journey['expected']}")
        run = journey["run"]
        if not journey["applicable"]:
            self.text(f"{h.not_applicable}: {journey['not_applicable_reason']}")
            return
        if run is None:
            self.text(h.no_run)
            return
        self.text(f"{h.verdict}: {h.marked(run['verdict'], run['verdict_label'])}", bold=True)
        self.table(None, h.run_rows(run))
        for number, step in enumerate(run["steps"], 1):
            self.text(
                f"{number}. {step['title']} – {step['verdict_label']} "
                f"({h.when(step['started_at'])} → {h.when(step['ended_at'])})",
                bold=True,
            )
            for name, value in h.step_notes(step):
                self.text(f"{name}: {value}")
            if step["expectations"]:
                self.table(*h.expectation_table(step))

    def cleanup(self, cleanup: dict[str, Any]) -> None:
        h = self.h
        self.heading(h.cleanup)
        if not cleanup["open"] and not cleanup["cleaned"]:
            self.text(h.no_test_contacts)
            return
        self.text(f"{h.cleanup_open} ({len(cleanup['open'])})", bold=True)
        if cleanup["open"]:
            self.table(
                [h.address, h.journey, h.places, h.error],
                [
                    (e["address"], e["journey"], ", ".join(e["places"]), e["last_error"])
                    for e in cleanup["open"]
                ],
            )
        self.text(f"{h.cleanup_done} ({len(cleanup['cleaned'])})", bold=True)
        if cleanup["cleaned"]:
            self.table(
                [h.address, h.journey, h.at],
                [(e["address"], e["journey"], h.when(e["cleaned_at"])) for e in cleanup["cleaned"]],
            )

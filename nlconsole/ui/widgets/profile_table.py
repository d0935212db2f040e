"""The profile list's table: filled in the first frame, then changed in place.

Rebuilding a table of 1000 profiles on every return to the list froze the console for ~100 ms,
so `show` compares the new rows with the ones on screen and only adds, removes or changes what
differs; it rebuilds only when the order itself changed (a new profile sorted in between). A
changed cell asks the table to re-measure its column only when it is wider than the column:
DataTable re-measures every cell of the column when an updated cell got narrower (~11 ms for
1000 rows) and then lays out and repaints the whole screen (~20 ms), which made the return to a
list of 1000 profiles freeze for over 50 ms; a column that could shrink stays as wide as it
was until the next rebuild (the title is capped anyway, see `TITLE_WIDTH`). Rows
are added a page per refresh: a thousand at once would freeze the screen for ~150 ms (the table
measures every cell), a page costs ~15 ms. The status column of "check all" is added the first
time it is needed, and keeps its cells across updates of the rows.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text as RichText
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from nlconsole.core.profile_rows import ProfileRow
from nlconsole.core.report import OUTCOME_LABEL
from nlconsole.i18n import Translator, _

OUTCOME_STYLE = {"pass": "green", "warn": "yellow", "fail": "bold red"}
TITLE_WIDTH = 40
"""Longer display names are cut with "…" so the other columns stay on screen; on a narrow
terminal the title gets only the room the other columns leave (at least `TITLE_MIN`), so a last
check's time is never cut ("PASS 2026-11-2" at 80 columns with the demo's names)."""
TITLE_MIN = 16
EDGES = 4
"""The title's cell padding and the vertical scrollbar: what the table's width holds besides
the columns' contents."""
COLUMNS = (
    ("title", _("Profiles")),
    ("provider", _("Provider")),
    ("environment", _("Environment")),
    ("last", _("Last check")),
)
PAGE = 100
"""Rows added per refresh (a page costs ~15 ms: the table measures every new cell)."""
STATUS = "status"
"""The key of the "check all" column."""

Cell = RichText | str


def width_of(cell: Cell) -> int:
    """How many terminal columns a cell's text takes."""
    return cell.cell_len if isinstance(cell, RichText) else cell_len(cell)


class ProfileTable(DataTable[Cell]):
    """One row per profile, keyed by the profile's name."""

    def __init__(self, translate: Translator, rows: Sequence[ProfileRow] = ()) -> None:
        super().__init__(id="profiles", cursor_type="row", zebra_stripes=True)
        self.translate = translate
        self.shown: dict[str, ProfileRow] = {}
        """The rows on screen, in their order."""
        self.statuses: dict[str, Cell] = {}
        self._wanted = list(rows)
        self._continuing = False
        self._selecting: str | None = None
        self._title_room = TITLE_WIDTH
        self._widest: dict[str, int] = {}
        """The widest cell (or header) of each column but the title, as added: DataTable
        measures its columns only later, when idle."""

    def on_mount(self) -> None:
        for key, label in COLUMNS:
            self.add_column(self.translate(label), key=key)
            if key != "title":
                self._note(key, self.translate(label))
        self._apply()

    # -- rows ---------------------------------------------------------------------------------

    @property
    def complete(self) -> bool:
        """Whether every row of the last `show` is in the table (not still being added)."""
        return list(self.shown) == [row.name for row in self._wanted]

    def show(self, rows: Sequence[ProfileRow]) -> None:
        """Make the table show `rows` (in their order), changing only what differs."""
        self._wanted = list(rows)
        self._apply()

    def _apply(self) -> None:
        rows = self._wanted
        wanted = {row.name: row for row in rows}
        for name in [name for name in self.shown if name not in wanted]:
            self.remove_row(name)
            del self.shown[name]
        kept = list(self.shown)
        if [row.name for row in rows[: len(kept)]] != kept:
            self.clear()
            self.shown = {}
            kept = []
        for row in rows[: len(kept)]:
            if self.shown[row.name] != row:
                self._change(self.shown[row.name], row)
        missing = rows[len(kept) :]
        for row in missing[:PAGE]:
            self._add(row)
        if len(missing) > PAGE and not self._continuing:
            self._continuing = True
            self.call_after_refresh(self._continue)
        self._fit_titles()
        self.select(self._selecting)

    def _continue(self) -> None:
        self._continuing = False
        self._apply()

    def _add(self, row: ProfileRow) -> None:
        cells = list(self._cells(row))  # a list: the status cell may follow
        for (key, _label), cell in zip(COLUMNS[1:], cells[1:], strict=False):
            self._note(key, cell)
        if STATUS in self.columns:
            cells.append(self.statuses.get(row.name, ""))
        self.add_row(*cells, key=row.name)
        self.shown[row.name] = row

    def _change(self, old: ProfileRow, new: ProfileRow) -> None:
        for (key, _label), before, after in zip(
            COLUMNS, self._cells(old), self._cells(new), strict=True
        ):
            if before != after:
                self.update_cell(new.name, key, after, update_width=self._widens(key, after))
                if key != "title":
                    self._note(key, after)
        self.shown[new.name] = new

    def _widens(self, key: str, cell: Cell) -> bool:
        """Whether `cell` is wider than its column is now (only then is re-measuring needed)."""
        return width_of(cell) > self.columns[ColumnKey(key)].content_width

    def _cells(self, row: ProfileRow) -> tuple[Cell, ...]:
        if row.outcome is None or row.checked_at is None:
            last = RichText(self.translate(_("never")), style="dim")
        else:
            label = OUTCOME_LABEL.get(row.outcome)
            outcome = self.translate(label) if label is not None else row.outcome.upper()
            last = RichText(
                f"{outcome} {self.translate.datetime(row.checked_at)}",
                style=OUTCOME_STYLE.get(row.outcome, ""),
            )
        return RichText(self._title(row)), row.provider, row.environment, last

    # -- the title's room ---------------------------------------------------------------------

    def _title(self, row: ProfileRow) -> str:
        room = self._title_room
        return row.title if cell_len(row.title) <= room else row.title[: room - 1] + "…"

    def _note(self, key: str, cell: Cell) -> None:
        width = width_of(cell)
        if width > self._widest.get(key, 0):
            self._widest[key] = width

    def on_resize(self) -> None:
        self._fit_titles()

    def _fit_titles(self) -> None:
        """Cut the titles to the room the other columns leave now (before the table has a
        size, and on a wide terminal: `TITLE_WIDTH`)."""
        width = self.size.width
        if width <= 0:
            return
        others = sum(content + 2 for content in self._widest.values())
        room = max(TITLE_MIN, min(TITLE_WIDTH, width - others - EDGES))
        if room == self._title_room:
            return
        old, self._title_room = self._title_room, room
        changed = [row for row in self.shown.values() if cell_len(row.title) > min(old, room)]
        for index, row in enumerate(changed):
            # A narrower cell makes DataTable re-measure the whole column: once, at the end,
            # not once per row (1000 long titles would freeze the screen).
            measure = room > old or index == len(changed) - 1
            self.update_cell(row.name, "title", RichText(self._title(row)), update_width=measure)

    # -- the "check all" column ---------------------------------------------------------------

    def set_status(self, name: str, cell: Cell) -> None:
        """Show a profile's state in the "check all" column (added on first use)."""
        if STATUS not in self.columns:
            self.add_column(self.translate(_("Check all")), key=STATUS, default="")
            self._note(STATUS, self.translate(_("Check all")))
        self.statuses[name] = cell
        self._note(STATUS, cell)
        if name in self.shown:
            self.update_cell(name, STATUS, cell, update_width=self._widens(STATUS, cell))
        self._fit_titles()

    # -- the cursor ---------------------------------------------------------------------------

    @property
    def selected_name(self) -> str | None:
        """The name of the highlighted profile."""
        if self.row_count == 0:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return str(key.value) if key.value is not None else None

    def select(self, name: str | None) -> None:
        """Move the cursor to a profile's row (once it is added, if it is still to come)."""
        self._selecting = None
        if name is None or name not in self.shown:
            self._selecting = name if any(row.name == name for row in self._wanted) else None
        elif name != self.selected_name:
            self.move_cursor(row=self.get_row_index(name))

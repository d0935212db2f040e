"""The German catalogue and the msgids in the code: extraction, update, compilation (Babel).

Used by the catalogue tests and by `tests/i18n/update_catalog.py`, so both see the code the
same way.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

import nlconsole

PACKAGE = Path(nlconsole.__file__).parent
PO_FILE = PACKAGE / "locale" / "de" / "LC_MESSAGES" / "nlconsole.po"
MO_FILE = PO_FILE.with_suffix(".mo")
KEYWORDS = {"_": None, "_n": (1, 2)}


def extract() -> Catalog:
    """Every msgid the code marks with `_` or `_n`."""
    template = Catalog(project="nlconsole", domain="nlconsole")
    found = extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS, strip_comment_tags=True
    )
    for filename, lineno, message, comments, context in found:
        template.add(
            message,
            locations=[(f"nlconsole/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return template


def read_catalog(path: Path = PO_FILE) -> Catalog:
    """The German catalogue as it is on disk."""
    with path.open("rb") as handle:
        return read_po(handle, locale="de", domain="nlconsole")


def update(path: Path = PO_FILE) -> Catalog:
    """Merge the code's msgids into the catalogue (keeping translations), write .po and .mo."""
    catalog = read_catalog(path) if path.exists() else Catalog(locale="de", domain="nlconsole")
    catalog.update(extract(), no_fuzzy_matching=True)
    catalog.obsolete.clear()
    write(catalog, path)
    return catalog


def write(catalog: Catalog, path: Path = PO_FILE) -> None:
    """Write the .po (sorted, stable) and compile the .mo beside it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=True, omit_header=False)
    with path.with_suffix(".mo").open("wb") as handle:
        write_mo(handle, catalog, use_fuzzy=False)


def untranslated(catalog: Catalog) -> list[str]:
    """msgids without a German text (or still marked fuzzy)."""
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing

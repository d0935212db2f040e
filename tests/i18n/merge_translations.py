"""Take the German texts from another copy of the catalogue (a translator's, a branch's) into
ours, for msgids both have; then compile (run by hand).

    .venv/bin/python tests/i18n/merge_translations.py OTHER.po
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.support.catalog import read_catalog, untranslated, update, write

if __name__ == "__main__":
    ours = update()
    theirs = read_catalog(Path(sys.argv[1]))
    taken = 0
    for message in ours:
        if not message.id:
            continue
        other = theirs.get(message.id)
        if (
            other is not None
            and other.string
            and not other.fuzzy
            and other.string != message.string
        ):
            message.string = other.string
            taken += 1
    write(ours)
    print(f"took {taken} translations; {len(untranslated(ours))} messages without German")

"""Bring the German catalogue in step with the code, then compile it (run by hand).

    .venv/bin/python tests/i18n/update_catalog.py

New msgids arrive untranslated; the catalogue test fails until each has its German text.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.support.catalog import PO_FILE, untranslated, update

if __name__ == "__main__":
    catalog = update()
    missing = untranslated(catalog)
    print(f"{PO_FILE}: {len(catalog)} messages, {len(missing)} without German")
    for msgid in missing:
        print(f"  - {msgid!r}")

"""Importing ahead what the first check needs, so it does not freeze the console.

The kits import their check modules (and with them the provider clients) on first use, and
httpx builds its TLS context and imports its connection machinery on the first request: ~80 ms
that the console's first check would otherwise spend on the event loop. The console calls
`warm_checks` from a thread right after its first frame.
"""

from __future__ import annotations

from importlib import import_module

from nlconsole.core.kit import all_kits, kit_packages
from nlconsole.providers.http import warm

FIRST_USE = ("check", "checklist")
"""The modules of each kit that a check (and the list's detail line) imports first."""


def warm_checks() -> None:
    """Import every kit's check modules and prepare HTTP (TLS context, lazy imports)."""
    all_kits()
    for package in kit_packages():
        for module in FIRST_USE:
            import_module(f"{package}.{module}")
    import_module("nlconsole.core.checklists")
    warm()

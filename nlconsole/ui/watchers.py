"""Letting go of removed widgets that Textual's watcher lists still hold.

Textual drops the watcher of a removed widget only when the watched value next changes. Values
that never change (the footer's `compact` flag its keys are bound to, the app's title every
Header watches) keep every removed FooterKey and Header alive, with their styles and render
caches: ~6,000 objects per check screen opened and closed. Each full garbage collection walks
them again, so after ten checks a collection froze the console for ~100 ms, and longer with
every screen a session opened.
"""

from __future__ import annotations

from typing import Any


def prune_watchers(obj: Any) -> None:
    """Drop `obj`'s watchers whose widget has been removed (closing or closed)."""
    watchers: dict[str, list[tuple[Any, Any]]] = getattr(obj, "__watchers", {})
    for name, entries in watchers.items():
        kept = [(node, callback) for node, callback in entries if not node._closing]
        if len(kept) != len(entries):
            watchers[name][:] = kept

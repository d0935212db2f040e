"""The console's keys as the user mapped them: which binding ids and key names keymap.toml may
use, and each node's bindings after the keymap (for F1 help and the palette, which must show the
keys that actually work, not the defaults)."""

from __future__ import annotations

import importlib
import pkgutil
import unicodedata
from collections.abc import Iterator

from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import Keys

from nlconsole.core.keymap import KeymapRules

MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
KEPT = {"quit": "ctrl+q"}
"""ctrl+q quits whatever keymap.toml says: a keymap must never lock the user in."""

_KEY_NAMES = frozenset(key.value.rsplit("+", 1)[-1] for key in Keys) | {"tab", "space", "enter"}


def valid_key(key: str) -> bool:
    """Whether Textual can ever deliver this key (modifiers + a named key or one character)."""
    *modifiers, name = key.strip().lower().split("+")
    if not name or any(m not in MODIFIERS for m in modifiers):
        return False
    if len(name) == 1 or name in _KEY_NAMES:
        return True
    try:
        unicodedata.lookup(name.replace("_", " "))
    except KeyError:
        return False
    return True


def _console_nodes() -> Iterator[type[DOMNode]]:
    """The app and every screen class of the console (all screen modules are imported)."""
    from nlconsole.ui import screens
    from nlconsole.ui.app import NLConsoleApp

    for module in pkgutil.iter_modules(screens.__path__):
        importlib.import_module(f"{screens.__name__}.{module.name}")
    yield NLConsoleApp
    pending: list[type[DOMNode]] = [DOMNode]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("nlconsole.ui."):
            yield cls


def known_binding_ids() -> frozenset[str]:
    """Every binding id the console defines (the ids keymap.toml may name)."""
    ids: set[str] = set()
    for cls in _console_nodes():
        for binding in cls._merge_bindings().key_to_bindings.values():
            ids.update(b.id for b in binding if b.id)
    return frozenset(ids)


def keymap_rules() -> KeymapRules:
    """What keymap.toml is checked against."""
    return KeymapRules(known_binding_ids(), valid_key, KEPT)


def effective_bindings(node: DOMNode) -> list[tuple[Binding, str]]:
    """The node's own described bindings (Textual's hidden built-ins left out) with the app's
    keymap applied, one per action, each with all its keys for display ("esc, f1, q")."""
    bindings = node._bindings.copy()
    keymap = node.app._keymap
    if keymap:
        bindings.apply_keymap(keymap)
    by_action: dict[str, list[Binding]] = {}
    for binding in (b for items in bindings.key_to_bindings.values() for b in items):
        if isinstance(binding, Binding) and binding.description and (binding.show or binding.id):
            by_action.setdefault(binding.action, []).append(binding)
    return [
        (same[0], ", ".join(dict.fromkeys(node.app.get_key_display(b) for b in same)))
        for same in by_action.values()
    ]


def offered_bindings(*nodes: DOMNode) -> Iterator[tuple[DOMNode, Binding, str]]:
    """What a person can do here, for F1 and the palette alike: each node's effective bindings
    (the screen's before the app's), one per action, without actions the node refuses now
    (the demo's scenarios outside the demo) and without the palette's own key (F1 names it
    with its full name, and in the palette it is open already)."""
    seen: set[str] = set()
    for node in nodes:
        for binding, keys in effective_bindings(node):
            if binding.action in seen or binding.action == "command_palette":
                continue
            if node.check_action(binding.action, ()) is False:
                continue
            seen.add(binding.action)
            yield node, binding, keys

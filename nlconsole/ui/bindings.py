"""Key bindings whose descriptions are translatable, and their translation per node.

Textual reads a binding's description as a plain string in the footer, F1 help and the palette;
bindings are class constants written before the language is known. So the description holds the
English msgid, and each screen swaps in the translation when it mounts.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding
from textual.dom import DOMNode

from nlconsole.i18n import Msg, Translator


def bind(
    keys: str,
    action: str,
    description: Msg,
    *,
    id: str,
    show: bool = True,
    priority: bool = False,
    tooltip: Msg | None = None,
) -> Binding:
    """A binding with an id (for keymap.toml), a translatable description (the footer's short
    name) and optionally a tooltip: what it does in a few words (palette and mouse hover)."""
    return Binding(
        keys,
        action,
        description.msgid,
        show=show,
        id=id,
        priority=priority,
        tooltip=tooltip.msgid if tooltip else "",
    )


def translate_bindings(node: DOMNode, translate: Translator) -> None:
    """Replace the node's binding descriptions with their translations (once per node)."""
    if translate.language == "en" or getattr(node, "_nlc_translated", False):
        return
    bindings = node._bindings
    bindings.key_to_bindings = {
        key: [
            replace(
                b,
                description=translate.gettext(b.description) if b.description else "",
                tooltip=translate.gettext(b.tooltip) if b.tooltip else "",
            )
            for b in items
        ]
        for key, items in bindings.key_to_bindings.items()
    }
    node._nlc_translated = True  # type: ignore[attr-defined]

"""The acceptance protocol: one document built from the stored evidence, four formats.

`protocol_bytes` is the one entry point the CLI and the console use. Everything is imported
lazily: `nlconsole --help` stays instant, and fpdf2 is only loaded for a PDF.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal, get_args

if TYPE_CHECKING:
    from nlconsole.core.models import Profile
    from nlconsole.i18n import Translator

Format = Literal["pdf", "html", "md", "json"]
FORMATS: tuple[Format, ...] = get_args(Format)
BINARY_OR_LARGE: frozenset[Format] = frozenset({"pdf", "html"})
"""Formats that are written to a file only, never to a terminal."""


def protocol_bytes(
    profile: Profile,
    config_dir: Path,
    fmt: Format,
    *,
    translate: Translator,
    exported_at: datetime,
    tester: str,
) -> bytes:
    """The protocol of a profile in one format."""
    from nlconsole.core.protocol.model import build_protocol

    document = build_protocol(
        profile, config_dir, translate=translate, exported_at=exported_at, tester=tester
    )
    if fmt == "json":
        from nlconsole.core.protocol.json import render_json

        return render_json(document)
    if fmt == "md":
        from nlconsole.core.protocol.markdown import render_markdown

        return render_markdown(document, translate).encode()
    if fmt == "html":
        from nlconsole.core.protocol.html import render_html

        return render_html(document, translate).encode()
    from nlconsole.core.protocol.pdf import render_pdf

    return render_pdf(document, translate)

"""The acceptance protocol of one profile: a preview, then export to a file.

The preview is the protocol's Markdown (the same text `nlconsole protocol --format md` prints),
in the protocol's language: German unless English is chosen, as on the command line. Export
writes PDF, HTML, Markdown or JSON, by default next to the evidence in the config dir
(`runs/<profile>/protocol-<date>.<ext>`); building and writing run in a thread, so a large
protocol never freezes the console.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Header, Input, Markdown, Select, Static
from textual.worker import Worker

from nlconsole.core.models import Profile
from nlconsole.core.protocol import FORMATS, Format, protocol_bytes
from nlconsole.core.protocol.export import default_path, default_tester, write_file
from nlconsole.i18n import LANGUAGES, Language, Translator, _
from nlconsole.ui.bindings import bind
from nlconsole.ui.messages import ProtocolExported, ProtocolPreviewed
from nlconsole.ui.screens.base import ConsoleScreen
from nlconsole.ui.widgets.footer import ConsoleFooter

FORMAT_NAMES: dict[Format, str] = {"pdf": "PDF", "html": "HTML", "md": "Markdown", "json": "JSON"}
LANGUAGE_NAMES: dict[Language, str] = {"de": "Deutsch", "en": "English"}


class ProtocolScreen(ConsoleScreen):
    """Preview and export of a profile's acceptance protocol."""

    NAME = _("Acceptance protocol")

    PURPOSE = _(
        "The protocol the customer signs: header, summary and verdict, the check, the "
        "checklist, every journey's evidence, open points, cleanup and the sign-off. Choose a "
        "format and a file, then export. It never contains a secret."
    )
    DEFAULT_CSS = """
    #protocol { height: 1fr; padding: 0 1; }
    #protocol-title { text-style: bold; }
    #protocol-preview { height: 1fr; border: round $primary 40%; }
    #protocol-export { height: auto; }
    #protocol-format, #protocol-lang { width: 16; }
    #protocol-path { width: 1fr; }
    #protocol-status { height: auto; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        bind("escape", "back", _("Back"), id="protocol.back"),
        bind("ctrl+s", "export", _("Export"), id="protocol.export"),
    ]

    def __init__(self, profile: Profile) -> None:
        super().__init__()
        self.profile = profile
        self.language: Language = "de"
        """The protocol's language: German unless chosen otherwise, like the CLI."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="protocol"):
            yield Static(
                self.t(_("Acceptance protocol: {profile}", profile=self.profile.title)),
                id="protocol-title",
            )
            with VerticalScroll(id="protocol-preview"):
                yield Markdown(self.t(_("Building the protocol …")), id="protocol-markdown")
            with Horizontal(id="protocol-export"):
                yield Select(
                    [(name, code) for code, name in LANGUAGE_NAMES.items()],
                    value="de",
                    allow_blank=False,
                    id="protocol-lang",
                )
                yield Select(
                    [(name, fmt) for fmt, name in FORMAT_NAMES.items()],
                    value="pdf",
                    allow_blank=False,
                    id="protocol-format",
                )
                yield Input(str(self._default("pdf")), id="protocol-path")
                yield Button(self.t(_("Export")), id="protocol-do-export", variant="primary")
            yield Static("", id="protocol-status")
        yield ConsoleFooter()

    def on_mount(self) -> None:
        self.preview()

    def _default(self, fmt: Format) -> Path:
        today = self.services.clock.now().date()
        return default_path(self.services.config_dir, self.profile.name, fmt, today)

    def _bytes(self, fmt: Format) -> bytes:
        return protocol_bytes(
            self.profile,
            self.services.config_dir,
            fmt,
            translate=Translator.for_language(self.language),
            exported_at=self.services.clock.now(),
            tester=default_tester(),
        )

    @work(thread=True, exclusive=True, group="protocol-preview", exit_on_error=False)
    def preview(self) -> None:
        """Build the Markdown (reads runs and the ledger: blocking file I/O)."""
        self.post_message(ProtocolPreviewed(self._bytes("md").decode()))

    @on(ProtocolPreviewed)
    async def _previewed(self, message: ProtocolPreviewed) -> None:
        await self.query_one("#protocol-markdown", Markdown).update(message.markdown)

    @on(Select.Changed, "#protocol-lang")
    def _language_changed(self, event: Select.Changed) -> None:
        if event.value in LANGUAGES and event.value != self.language:
            self.language = event.value
            self.preview()

    @on(Select.Changed, "#protocol-format")
    def _format_changed(self, event: Select.Changed) -> None:
        if event.value in FORMATS:
            path = self.query_one("#protocol-path", Input)
            old = Path(path.value)
            if old.parent == self._default("pdf").parent and old.name.startswith("protocol-"):
                path.value = str(self._default(event.value))

    @on(Button.Pressed, "#protocol-do-export")
    def _export_pressed(self) -> None:
        self.action_export()

    def action_export(self) -> None:
        """Write the protocol in the chosen format to the chosen file."""
        fmt = self.query_one("#protocol-format", Select).value
        raw = self.query_one("#protocol-path", Input).value.strip()
        if fmt not in FORMATS or not raw:
            self._status(self.t(_("Choose a format and a file first.")))
            return
        self._status(self.t(_("Exporting …")))
        self.export(fmt, Path(raw).expanduser())

    @work(thread=True, exclusive=True, group="protocol-export", exit_on_error=False)
    def export(self, fmt: Format, path: Path) -> None:
        """Build and write the file (the runs folder is created when it is the target)."""
        if path.parent == self._default(fmt).parent:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_file(path, self._bytes(fmt))
        self.post_message(ProtocolExported(path))

    @on(ProtocolExported)
    def _exported(self, message: ProtocolExported) -> None:
        self._status(self.t(_("Protocol written to {path}", path=str(message.path))))
        self.notify(self.t(_("Protocol written to {path}", path=str(message.path))))

    def worker_failed(self, worker: Worker[Any], error: BaseException) -> None:
        if worker.group == "protocol-export":
            self._status(self.t(_("Nothing was written.")))

    def _status(self, text: str) -> None:
        self.query_one("#protocol-status", Static).update(text)

    def action_back(self) -> None:
        """Back to the profiles."""
        self.app.pop_screen()

"""Where journey runs and the test-address ledger live: `runs/<profile>/` in the config dir.

One JSON file per run, written atomically, and `ledger.json`: every address a run created,
recorded before the first call that could create it, so an interrupted run can still be
cleaned up. The ledger is changed under a lock as an operation on the fresh file, like
profiles.toml. Neither ever holds a secret.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from nlconsole.core.config_files import atomic_write, read_config_text
from nlconsole.core.locking import exclusive_lock
from nlconsole.core.models import PROFILE_NAME_RE
from nlconsole.errors import ConfigError
from nlconsole.i18n import Msg, Text, _

RUNS_DIR = "runs"
LEDGER_FILE = "ledger.json"
LEDGER_VERSION = 1
MAX_LEDGER_ENTRIES = 100_000


@dataclass
class LedgerEntry:
    """A test address a run created, where it may exist, and whether cleanup removed it."""

    address: str
    journey: str
    run_id: str
    created_at: datetime
    places: list[str] = field(default_factory=list)
    """Where the address may exist: 'maileon', or Newsletter2Go address book ids."""
    cleaned_at: datetime | None = None
    last_error: Text | None = None
    """Why the last cleanup could not delete it; kept translatable (a `Msg` is stored as its
    JSON form), so the protocol shows it in the reader's language."""

    def as_json(self) -> dict[str, Any]:
        """The entry as JSON (dates as ISO text, the error as a stored text)."""
        data = asdict(replace(self, last_error=None))
        data["created_at"] = self.created_at.isoformat()
        data["cleaned_at"] = self.cleaned_at.isoformat() if self.cleaned_at else None
        error = self.last_error
        data["last_error"] = error.to_json() if isinstance(error, Msg) else error
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LedgerEntry:
        """Read an entry written by `as_json`."""
        cleaned = data.get("cleaned_at")
        return cls(
            address=str(data["address"]),
            journey=str(data["journey"]),
            run_id=str(data["run_id"]),
            created_at=datetime.fromisoformat(str(data["created_at"])),
            places=[str(p) for p in data.get("places") or []],
            cleaned_at=datetime.fromisoformat(str(cleaned)) if cleaned else None,
            last_error=_stored_text(data.get("last_error")),
        )


def _stored_text(data: Any) -> Text | None:
    """A stored text: a `Msg` in its JSON form, or plain text (older ledgers kept English)."""
    if data is None:
        return None
    try:
        return Msg.from_json(data)
    except ValueError:
        return str(data)


class RunStore:
    """The runs and the ledger of one profile."""

    def __init__(self, config_dir: Path, profile: str) -> None:
        if not PROFILE_NAME_RE.fullmatch(profile):
            raise ConfigError(_("'{name}' is not a valid profile name", name=profile[:80]))
        self.folder = config_dir / RUNS_DIR / profile
        self.ledger_path = self.folder / LEDGER_FILE

    # -- runs ----------------------------------------------------------------------------------

    def save_run(self, run_id: str, document: dict[str, Any]) -> Path:
        """Write one run's document (replacing an earlier state of the same run)."""
        path = self._run_path(run_id)
        self._ensure_folder()
        atomic_write(path, _dump(document))
        return path

    def load_run(self, run_id: str) -> dict[str, Any]:
        """Read one run's document."""
        text = read_config_text(self._run_path(run_id))
        if text is None:
            raise ConfigError(_("there is no run '{run}' for this profile", run=run_id))
        return _parse(text, self._run_path(run_id))

    def runs(self) -> list[dict[str, Any]]:
        """Every run of the profile, oldest first."""
        if not self.folder.is_dir():
            return []
        documents = []
        for path in sorted(self.folder.glob("run-*.json")):
            text = read_config_text(path)
            if text is not None:
                documents.append(_parse(text, path))
        return documents

    def _run_path(self, run_id: str) -> Path:
        if not run_id.replace("-", "").isalnum():
            raise ConfigError(_("'{run}' is not a run id", run=run_id[:80]))
        return self.folder / f"run-{run_id}.json"

    # -- ledger --------------------------------------------------------------------------------

    def ledger(self) -> list[LedgerEntry]:
        """Every address the profile's runs created, in the order they were recorded."""
        text = read_config_text(self.ledger_path)
        if text is None:
            return []
        document = _parse(text, self.ledger_path)
        entries = document.get("entries")
        if not isinstance(entries, list):
            raise ConfigError(
                _("{path} is not a ledger nlconsole wrote", path=str(self.ledger_path))
            )
        try:
            return [LedgerEntry.from_json(item) for item in entries]
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(
                _("{path} has an entry nlconsole cannot read", path=str(self.ledger_path)),
                _("Fix or remove that entry by hand; nothing has been changed."),
            ) from exc

    def record(self, entry: LedgerEntry) -> None:
        """Add an address before anything that could create it is sent (idempotent)."""

        def add(entries: list[LedgerEntry]) -> None:
            known = next((e for e in entries if e.address.lower() == entry.address.lower()), None)
            if known is None:
                if len(entries) >= MAX_LEDGER_ENTRIES:
                    raise ConfigError(_("the ledger holds too many test addresses"))
                entries.append(entry)
            else:
                known.places = sorted(set(known.places) | set(entry.places))
                known.cleaned_at = None

        self.change(add)

    def change(self, operation: Callable[[list[LedgerEntry]], None]) -> list[LedgerEntry]:
        """Apply an operation to the ledger as it is in the file now, under the lock."""
        self._ensure_folder()
        with exclusive_lock(self.folder / f".{LEDGER_FILE}.lock"):
            entries = self.ledger()
            operation(entries)
            atomic_write(
                self.ledger_path,
                _dump({"version": LEDGER_VERSION, "entries": [e.as_json() for e in entries]}),
            )
        return entries

    def open_entries(self) -> Iterator[LedgerEntry]:
        """Addresses not cleaned up yet."""
        return (entry for entry in self.ledger() if entry.cleaned_at is None)

    def _ensure_folder(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)


def _dump(document: dict[str, Any]) -> bytes:
    """Stable JSON: sorted keys, so re-writing the same data gives the same bytes."""
    return (json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode()


def _parse(text: str, path: Path) -> dict[str, Any]:
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise ConfigError(
            _("{path} is not valid JSON: {reason}", path=str(path), reason=str(exc)),
            _("Fix or move the file by hand; nlconsole has left it untouched."),
        ) from exc
    if not isinstance(document, dict):
        raise ConfigError(_("{path} is not a document nlconsole wrote", path=str(path)))
    return document

"""Where an exported protocol goes, and writing it so that a crash never leaves half a file."""

from __future__ import annotations

import contextlib
import getpass
import os
import tempfile
from datetime import date
from pathlib import Path

from nlconsole.core.journeys.store import RUNS_DIR
from nlconsole.errors import ConfigError
from nlconsole.i18n import _


def default_path(config_dir: Path, profile: str, fmt: str, day: date) -> Path:
    """`runs/<profile>/protocol-<date>.<ext>` in the config dir, next to the evidence."""
    return config_dir / RUNS_DIR / profile / f"protocol-{day.isoformat()}.{fmt}"


def default_tester() -> str:
    """Who tested, when nobody says: the operating system user."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "–"


def write_file(path: Path, data: bytes) -> None:
    """Write beside the target and rename over it: the old file or the new one, never half."""
    folder = path.parent
    if not folder.is_dir():
        raise ConfigError(
            _("the folder {folder} does not exist", folder=str(folder)),
            _("Create the folder first or choose another file."),
        )
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError as exc:
        raise ConfigError(
            _("could not write {path}: {reason}", path=str(path), reason=exc.strerror or str(exc)),
            _("Choose a file in a folder you can write to."),
        ) from exc

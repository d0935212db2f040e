"""Reading and writing nlconsole's small config files without surprises.

The files live in a directory a person (or another program) can put anything into: a FIFO that
would block a plain `open()` forever, a symlink to `/dev/zero` that would fill memory, TOML
nested deeply enough to exhaust the parser's stack. Reading therefore accepts regular files
only, opens them non-blocking, and caps their size; parsing turns every failure into a
ConfigError. Writing is atomic (temp file, fsync, rename), goes through a symlink to its target
instead of replacing the link, and explains file-system errors instead of raising them raw.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
import tomllib
from pathlib import Path
from typing import Any

from nlconsole.core.store_errors import config_error, os_error
from nlconsole.errors import ConfigError
from nlconsole.i18n import _

MAX_CONFIG_BYTES = 8 * 1024 * 1024
"""Far beyond any real profiles.toml or keymap.toml, far below what could hurt to read."""

STALE_TEMP_SECONDS = 300.0
"""A temp file older than this is left over from a crash even if its writer's pid is alive
again (pids are reused)."""

_TEMP_SUFFIX = ".tmp"
_LINE_RE = re.compile(r"\(at line (\d+), column (\d+)\)")


def read_config_text(path: Path) -> str | None:
    """Return the UTF-8 text of the regular file at `path` (symlinks followed), None if missing.

    Raises ConfigError for anything else: not a regular file, larger than MAX_CONFIG_BYTES,
    unreadable, not UTF-8.
    """
    try:
        # Checked before opening: opening a FIFO or a device can block or never end.
        _require_regular(path, os.stat(path))
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise os_error(exc, path, writing=False) from exc
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = _open_for_reading(path, flags)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise os_error(exc, path, writing=False) from exc
    try:
        _require_regular(path, os.fstat(fd))  # the file may have been swapped since the check
        data = _read_at_most(fd, MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise os_error(exc, path, writing=False) from exc
    finally:
        os.close(fd)
    if len(data) > MAX_CONFIG_BYTES:
        raise _too_large(path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise config_error(
            _("{path} is not UTF-8 text (byte {offset})", path=str(path), offset=exc.start),
            _("Save the file as UTF-8; nlconsole has left it untouched."),
        ) from exc


def parse_toml(text: str, path: Path) -> dict[str, Any]:
    """Parse TOML; a syntax error (with its line), absurd nesting or size is a ConfigError."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = _LINE_RE.search(str(exc))
        line = where.group(1) if where else None
        reason = _LINE_RE.sub("", str(exc)).strip()
        message = (
            _(
                "{path} is not valid TOML at line {line}: {reason}",
                path=str(path),
                line=line,
                reason=reason,
            )
            if line
            else _("{path} is not valid TOML: {reason}", path=str(path), reason=reason)
        )
        raise config_error(
            message,
            _(
                "Fix that line by hand (or move the file away to start afresh); nlconsole has "
                "left it untouched."
            ),
        ) from exc
    except (RecursionError, MemoryError) as exc:
        raise config_error(
            _("{path} is nested too deeply or is too large to read", path=str(path)),
            _(
                "The file was not written by nlconsole: move it away and start afresh; "
                "nlconsole has left it untouched."
            ),
        ) from exc


def atomic_write(path: Path, data: bytes) -> None:
    """Replace the file at `path` so that readers see the old or the new content, never half.

    A symlink at `path` stays: its target is replaced, with a temp file in the target's own
    directory (a rename cannot cross file systems). The new file has mode 0600. A temp file
    carries the writer's pid in its name, so a crashed writer's leftovers can be recognised.
    Raises ConfigError (naming the path and the fix) on any file-system error; the old file is
    then intact.
    """
    target = write_target(path)
    try:
        fd, temp_name = tempfile.mkstemp(
            prefix=f".{target.name}.{os.getpid()}.", suffix=_TEMP_SUFFIX, dir=target.parent
        )
    except OSError as exc:
        raise os_error(exc, target.parent, writing=True) from exc
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, 0o600)
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp_name, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(exc, OSError):
            raise os_error(exc, target, writing=True) from exc
        raise
    _sync_directory(target.parent)


def write_target(path: Path) -> Path:
    """The file a write to `path` must replace: `path` itself, or where its symlink points."""
    if not path.is_symlink():
        return path
    target = Path(os.path.realpath(path))
    if target.is_symlink():  # realpath gives up on a loop and returns a link
        raise config_error(
            _("{path} is a symlink loop", path=str(path)),
            _("Point the symlink at a file, or replace it with one; nothing has been changed."),
        )
    return target


def remove_stale_temps(
    directory: Path, name: str, *, now: float | None = None, max_age: float = STALE_TEMP_SECONDS
) -> list[Path]:
    """Delete temp files of `name` left by writers that crashed; return what was deleted.

    Call it under the file's lock: then no writer of ours is inside its save window, and a temp
    file whose writer is dead (or that is older than `max_age`) is garbage. Best effort: a file
    that cannot be inspected or deleted stays.
    """
    prefix = f".{name}."
    current = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(_TEMP_SUFFIX)):
            continue
        with contextlib.suppress(OSError):
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode):
                continue
            pid = _writer_pid(entry.name[len(prefix) : -len(_TEMP_SUFFIX)])
            dead = pid is not None and not _is_running(pid)
            if dead or current - info.st_mtime > max_age:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _writer_pid(middle: str) -> int | None:
    head, _dot, rest = middle.partition(".")
    return int(head) if head.isdigit() and rest else None


def _is_running(pid: int) -> bool:
    if os.name != "posix":
        return True  # os.kill(pid, 0) would end the process on Windows: rely on the age
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # e.g. PermissionError: the pid belongs to a live process of another user
    return True


def _require_regular(path: Path, info: os.stat_result) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise config_error(
            _("{path} is not a regular file", path=str(path)),
            _(
                "nlconsole reads its settings only from an ordinary file: replace it with one "
                "(or remove it to start afresh); nothing has been changed."
            ),
        )
    if info.st_size > MAX_CONFIG_BYTES:
        raise _too_large(path)


def _too_large(path: Path) -> ConfigError:
    return config_error(
        _(
            "{path} is larger than {limit} MiB, far more than any settings file needs",
            path=str(path),
            limit=MAX_CONFIG_BYTES // (1024 * 1024),
        ),
        _("Move the file away and start afresh; nlconsole has left it untouched."),
    )


def _open_for_reading(path: Path, flags: int) -> int:
    return os.open(path, flags)


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        chunk = os.read(fd, min(1024 * 1024, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _sync_directory(directory: Path) -> None:
    """Make the rename durable; not possible (nor needed) everywhere, so failures are ignored."""
    with contextlib.suppress(OSError):
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

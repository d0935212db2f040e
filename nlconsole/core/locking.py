"""An exclusive lock on a file beside the data it protects, with a bounded wait.

Several nlconsole processes (CLI commands, the console's thread workers) edit profiles.toml as
read-modify-write; without a lock, the last writer silently drops what the others wrote. The lock
is an OS lock (`flock` on POSIX, `msvcrt.locking` on Windows) on a separate lock file, so it is
released by the kernel when its holder ends, even after `kill -9`: the lock file never needs
deleting, and is never deleted (deleting it would let two processes lock two different files).
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from nlconsole.core.store_errors import config_error
from nlconsole.i18n import _

LOCK_TIMEOUT_SECONDS = 10.0
"""How long a writer waits for another one before giving up with a ConfigError."""

_FIRST_POLL_SECONDS = 0.005
_MAX_POLL_SECONDS = 0.1


@contextlib.contextmanager
def exclusive_lock(
    lock_path: Path,
    timeout: float = LOCK_TIMEOUT_SECONDS,
    *,
    monotonic: Callable[[], float] = time.monotonic,
) -> Iterator[None]:
    """Hold an exclusive lock on `lock_path` (created 0600 if missing) for the `with` block.

    Raises ConfigError naming the lock file when it cannot be created or when another process
    holds it for longer than `timeout` seconds.
    """
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError as exc:
        raise config_error(
            _(
                "cannot create the lock file {path}: {reason}",
                path=str(lock_path),
                reason=exc.strerror or str(exc),
            ),
            _(
                "Make sure the config directory exists and that you can write to it; "
                "nothing has been changed."
            ),
        ) from exc
    try:
        _acquire(fd, lock_path, timeout, monotonic)
        try:
            yield
        finally:
            _release(fd)
    finally:
        os.close(fd)


def _acquire(fd: int, lock_path: Path, timeout: float, monotonic: Callable[[], float]) -> None:
    deadline = monotonic() + timeout
    pause = _FIRST_POLL_SECONDS
    while not _try_lock_or_explain(fd, lock_path):
        if monotonic() >= deadline:
            raise config_error(
                _(
                    "another nlconsole is changing the profiles: gave up waiting for the lock "
                    "{path} after {seconds} s",
                    path=str(lock_path),
                    seconds=round(timeout, 1),
                ),
                _(
                    "Wait until the other nlconsole command or console has finished, then try "
                    "again. The lock ends with the process that holds it; do not delete the "
                    "lock file. Nothing has been changed."
                ),
            )
        time.sleep(pause)
        pause = min(pause * 2, _MAX_POLL_SECONDS)


def _try_lock_or_explain(fd: int, lock_path: Path) -> bool:
    try:
        return _try_lock(fd)
    except OSError as exc:  # e.g. ENOLCK on a network file system without lock support
        raise config_error(
            _(
                "cannot lock {path}: {reason}",
                path=str(lock_path),
                reason=exc.strerror or str(exc),
            ),
            _(
                "Keep the config directory on a local file system (or one that supports file "
                "locks); nothing has been changed."
            ),
        ) from exc


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _release(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _release(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

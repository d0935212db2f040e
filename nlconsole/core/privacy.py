"""Refuse a config dir or settings file that someone else could have changed, as ssh does.

profiles.toml decides which URL nlconsole sends a customer's credentials to. If another local
user can write the file, or the directory it is in (and so replace the file), they can point
a profile at their own server; a file or directory owned by another user is the same risk. So
nlconsole refuses to use them and says which `chmod` or `chown` fixes it, instead of silently
working with settings it cannot trust. Only POSIX has these modes; elsewhere nothing is
checked.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from nlconsole.core.store_errors import config_error, os_error
from nlconsole.i18n import _

_WRITABLE_BY_OTHERS = stat.S_IWGRP | stat.S_IWOTH
_ROOT_UID = 0


def check_private(directory: Path, file: Path) -> None:
    """Raise ConfigError if `directory`, or the file at `file` (and, if it is a symlink, its
    target's directory) exists and is writable by group or others or owned by someone else.

    Missing paths pass: the store creates them privately (directory 0700, file 0600).
    """
    if os.name != "posix":
        return
    _check(directory, is_dir=True)
    _check(file, is_dir=False)
    if file.is_symlink():
        target = Path(os.path.realpath(file))
        _check(target.parent, is_dir=True)


def _check(path: Path, *, is_dir: bool) -> None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise os_error(exc, path, writing=False) from exc
    if not is_dir and not stat.S_ISREG(info.st_mode):
        return  # a device or FIFO is refused by the reader, with the more accurate message
    if info.st_uid not in (_current_uid(), _ROOT_UID):
        raise config_error(
            _(
                "{path} belongs to another user (uid {uid}): they could change the settings "
                "nlconsole uses",
                path=str(path),
                uid=info.st_uid,
            ),
            _(
                "If it should be yours, let root give it to you (chown {user_id} {path}); "
                "otherwise choose your own config directory with --home or NLCONSOLE_HOME. "
                "nlconsole has not used it.",
                user_id=_current_uid(),
                path=str(path),
            ),
        )
    if info.st_mode & _WRITABLE_BY_OTHERS:
        mode = f"{stat.S_IMODE(info.st_mode):04o}"
        message = (
            _(
                "the directory {path} can be written by other users (mode {mode}): they could "
                "replace profiles.toml",
                path=str(path),
                mode=mode,
            )
            if is_dir
            else _(
                "{path} can be written by other users (mode {mode}): they could change the "
                "settings nlconsole uses",
                path=str(path),
                mode=mode,
            )
        )
        fix = (
            _("Run: chmod go-w {path} (nlconsole has not used it)", path=str(path))
            if is_dir
            else _("Run: chmod 600 {path} (nlconsole has not used it)", path=str(path))
        )
        raise config_error(message, fix)


def _current_uid() -> int:
    return os.geteuid()

"""How the profile store's problems reach a person: one error builder, and OS errors explained.

Every message is a translatable `Msg` built here or by the caller with `_()`. The console's
problem screen still takes plain strings (its move to `Msg` is under way elsewhere), so
`store_error` renders English for now; when the edge translates, it passes the `Msg` through and
no call site changes.
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import TypeVar

from nlconsole.errors import ConfigError, NLConsoleError
from nlconsole.i18n import Msg, _

ErrorT = TypeVar("ErrorT", bound=NLConsoleError)


def store_error(kind: type[ErrorT], message: Msg, remediation: Msg | None = None) -> ErrorT:
    """An error of `kind` with the store's message and remediation."""
    return kind(message, remediation)


def config_error(message: Msg, remediation: Msg | None = None) -> ConfigError:
    """A ConfigError: the config dir or profiles.toml cannot be used as it is."""
    return store_error(ConfigError, message, remediation)


def os_error(exc: OSError, path: Path | str, *, writing: bool) -> ConfigError:
    """Explain a file-system error on `path`, with the fix for its cause.

    Used for every read and write of the store, so that a full disk, a read-only mount or a
    missing permission ends in a message naming the path instead of a traceback.
    """
    where = str(path)
    reason = exc.strerror or str(exc)
    message = (
        _("cannot write {path}: {reason}", path=where, reason=reason)
        if writing
        else _("cannot read {path}: {reason}", path=where, reason=reason)
    )
    return config_error(message, _remedy(exc.errno))


def _remedy(code: int | None) -> Msg:
    if code in (errno.ENOSPC, errno.EDQUOT):
        return _(
            "Free some disk space (or raise your quota), then try again; nothing has been changed."
        )
    if code == errno.EROFS:
        return _(
            "The file system is mounted read-only: remount it writable or choose another config "
            "directory with --home or NLCONSOLE_HOME; nothing has been changed."
        )
    if code in (errno.EACCES, errno.EPERM):
        return _(
            "You lack the permission: make the config directory and profiles.toml yours and "
            "writable for you (chmod u+rwx on the directory, u+rw on the file), or choose "
            "another config directory with --home or NLCONSOLE_HOME; nothing has been changed."
        )
    if code == errno.ELOOP:
        return _(
            "It is a symlink loop: point the symlink at a file, or replace it with one; nothing "
            "has been changed."
        )
    if code == errno.ENOENT:
        return _(
            "A directory on the way is missing: create it, then try again; nothing has been "
            "changed."
        )
    return _(
        "Check the file, its directory and the disk, then try again; nothing has been changed."
    )

"""ProfileStore: profiles.toml, read with tomllib, validated with pydantic, written atomically.

Every change is an operation on the file as it is now: under an exclusive lock (a lock file
beside profiles.toml), the store reads the file afresh, applies the one change (add, update,
remove, or a multi-profile `edit`), validates and writes it atomically. Nobody writes back a
copy read earlier, so concurrent CLI commands and console workers never lose each other's
changes. Reading (`load`, `get`, `fingerprint`) takes no lock: writes replace the file in one
rename, so a reader sees the old or the new file, never half of one.

Parsing is the costly part of a read (tomllib is pure Python: ~50 ms at 1000 profiles), and a
CLI check reads the file twice, once to find the profile and once under the lock to record the
result. The store keeps its last parse with the exact text it came from: a read whose text is
the same reuses it, any other text is parsed afresh, so a change by another writer is always
seen. The parsed document is never handed out; every read still validates into new profiles.

A file that does not parse or validate is never overwritten: the error names the line, and the
administrator fixes it by hand. Unknown keys survive a round trip and are reported as warnings.
"""

from __future__ import annotations

import contextlib
import copy
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import BaseModel, ValidationError

from nlconsole.core.config_files import (
    atomic_write,
    parse_toml,
    read_config_text,
    remove_stale_temps,
    write_target,
)
from nlconsole.core.locking import LOCK_TIMEOUT_SECONDS, exclusive_lock
from nlconsole.core.models import Profile
from nlconsole.core.privacy import check_private
from nlconsole.core.store_errors import config_error, os_error, store_error
from nlconsole.errors import ConfigError, ProfileExists, ProfileNotFound
from nlconsole.i18n import Text, _

SCHEMA_VERSION = 1
LOCK_SUFFIX = ".lock"

Fingerprint = tuple[int, int, int]
"""(st_mtime_ns, st_size, st_ino) of profiles.toml: changes whenever the file is replaced."""


@dataclass
class ProfileSet:
    """The content of profiles.toml: profiles by name, plus what was odd about the file."""

    profiles: dict[str, Profile] = field(default_factory=dict)
    warnings: list[Text] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    """Unknown top-level keys, kept so that saving loses nothing."""

    def profile(self, name: str) -> Profile:
        """One profile of the set, or ProfileNotFound naming the known ones."""
        try:
            return self.profiles[name]
        except KeyError:
            raise _not_found(name, self) from None


class ProfileStore:
    """Loads profiles from one TOML file under the config directory and changes them safely."""

    def __init__(self, path: Path, *, lock_timeout: float = LOCK_TIMEOUT_SECONDS) -> None:
        self.path = path
        self.lock_path = path.with_name(path.name + LOCK_SUFFIX)
        self.lock_timeout = lock_timeout
        self._holder = threading.local()
        self._parsed: tuple[str, dict[str, Any]] | None = None
        """The last text read and its parse (a tuple, replaced whole: threads may share it)."""

    # -- reading (no lock) --------------------------------------------------------------------

    def load(self) -> ProfileSet:
        """Read the file; a missing file is an empty set. Raises ConfigError, never writes."""
        check_private(self.path.parent, self.path)
        raw_text = read_config_text(self.path)
        if raw_text is None:
            return ProfileSet()
        return self._validate(self._parse(raw_text), raw_text)

    def get(self, name: str) -> Profile:
        """Return one profile or raise ProfileNotFound."""
        return self.load().profile(name)

    def fingerprint(self) -> Fingerprint | None:
        """What identifies the file's current version, or None when there is no file.

        The console compares it with the one it loaded to notice changes made outside it (a CLI
        command, an editor) and reload before showing stale settings.
        """
        try:
            info = self.path.stat()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise os_error(exc, self.path, writing=False) from exc
        return (info.st_mtime_ns, info.st_size, info.st_ino)

    # -- changing (each an operation on the fresh file, under the lock) -----------------------

    @contextlib.contextmanager
    def edit(self) -> Iterator[ProfileSet]:
        """Lock, load the file afresh, let the caller change the set, save, unlock.

        For changes that span several profiles. Nothing is saved when the block raises.
        """
        with self._locked():
            profile_set = self.load()
            yield profile_set
            self._write(profile_set)

    def add(self, profile: Profile) -> None:
        """Add a new profile; raises ProfileExists if the file already has one of that name."""
        with self.edit() as profile_set:
            if profile.name in profile_set.profiles:
                raise store_error(
                    ProfileExists,
                    _("a profile named '{name}' already exists", name=profile.name),
                    _("Choose another name, or change it with 'nlconsole profiles edit'."),
                )
            profile_set.profiles[profile.name] = profile

    def update(self, name: str, change: Callable[[Profile], Profile]) -> Profile:
        """Apply `change` to the profile as it is in the file now, validate, save; return it.

        `change` may modify the profile it gets or return a new one; it must keep the name.
        Raises ProfileNotFound when the profile is gone, ConfigError when the result is invalid.
        """
        with self.edit() as profile_set:
            current = profile_set.profiles.get(name)
            if current is None:
                raise _not_found(name, profile_set)
            changed = _revalidated(change(current))
            if changed.name != name:
                raise config_error(
                    _(
                        "profile '{name}' cannot be renamed to '{new_name}' by an update",
                        name=name,
                        new_name=changed.name,
                    ),
                    _("Nothing has been changed."),
                )
            profile_set.profiles[name] = changed
        return changed

    def remove(self, name: str) -> Profile:
        """Remove a profile and return what it was; raises ProfileNotFound when it is gone."""
        with self.edit() as profile_set:
            if name not in profile_set.profiles:
                raise _not_found(name, profile_set)
            return profile_set.profiles.pop(name)

    # -- internals ----------------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        if getattr(self._holder, "active", False):
            # A second lock from the same thread would wait for itself, and a nested save would
            # be overwritten by the outer one: both are programming errors.
            raise RuntimeError("ProfileStore changes cannot be nested inside edit()")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise os_error(exc, self.path.parent, writing=True) from exc
        check_private(self.path.parent, self.path)
        with exclusive_lock(self.lock_path, self.lock_timeout):
            target = write_target(self.path)
            remove_stale_temps(target.parent, target.name)
            self._holder.active = True
            try:
                yield
            finally:
                self._holder.active = False

    def _parse(self, raw_text: str) -> dict[str, Any]:
        """The TOML document of `raw_text`, parsed once per distinct text."""
        parsed = self._parsed
        if parsed is not None and parsed[0] == raw_text:
            return parsed[1]
        document = parse_toml(raw_text, self.path)
        self._parsed = (raw_text, document)
        return document

    def _write(self, profile_set: ProfileSet) -> None:
        document: dict[str, Any] = {"schema_version": SCHEMA_VERSION, **profile_set.extra}
        document["profiles"] = {
            name: profile.model_dump(mode="python", exclude_none=True, exclude={"name"})
            for name, profile in sorted(profile_set.profiles.items())
        }
        try:
            data = tomli_w.dumps(document).encode("utf-8")
        except (RecursionError, MemoryError) as exc:  # only from keys kept from a contrived file
            raise config_error(
                _("{path}: the settings are nested too deeply to save", path=str(self.path)),
                _("Move the file away and start afresh; nothing has been changed."),
            ) from exc
        atomic_write(self.path, data)

    def _validate(self, document: dict[str, Any], raw_text: str) -> ProfileSet:
        path = str(self.path)
        version = document.get("schema_version", SCHEMA_VERSION)
        if not isinstance(version, int) or version < 1:
            raise config_error(_("{path}: schema_version must be a positive integer", path=path))
        if version > SCHEMA_VERSION:
            raise config_error(
                _(
                    "{path} has schema_version {version}; this nlconsole understands up to "
                    "{supported}",
                    path=path,
                    version=version,
                    supported=SCHEMA_VERSION,
                ),
                _("Upgrade nlconsole; the file has not been changed."),
            )
        tables = document.get("profiles", {})
        if not isinstance(tables, dict):
            raise config_error(_("{path}: 'profiles' must be a table of profiles", path=path))
        # Deep copies: what is handed out must not share containers with the kept parse.
        result = ProfileSet(
            extra=copy.deepcopy(
                {k: v for k, v in document.items() if k not in ("schema_version", "profiles")}
            )
        )
        result.warnings.extend(
            _("unknown top-level key '{key}' (kept)", key=key) for key in result.extra
        )
        for name, table in tables.items():
            if not isinstance(table, dict):
                raise config_error(
                    _("{path}: profiles.{name} must be a table", path=path, name=name)
                )
            try:
                profile = Profile.model_validate({**table, "name": name})
            except ValidationError as exc:
                raise _invalid_profile(
                    self.path, name, _line_of_table(raw_text, name), exc
                ) from exc
            unknown = list(_unknown_keys(profile))
            if unknown:  # unknown keys keep their values as read: give them their own copy
                profile = Profile.model_validate(copy.deepcopy({**table, "name": name}))
            result.warnings.extend(
                _("profile '{name}': unknown key '{key}' (kept)", name=name, key=key)
                for key in unknown
            )
            result.profiles[name] = profile
        return result


def _not_found(name: str, profile_set: ProfileSet) -> ProfileNotFound:
    return store_error(
        ProfileNotFound,
        _(
            "no profile named '{name}' (known: {known})",
            name=name,
            known=", ".join(sorted(profile_set.profiles)) or _("none yet"),
        ),
        _("Create it with 'nlconsole profiles add NAME --provider maileon|newsletter2go'."),
    )


def _revalidated(profile: Profile) -> Profile:
    """Validate a changed profile as a whole (a `model_copy(update=...)` skips validation)."""
    try:
        return Profile.model_validate(profile.model_dump(mode="python"))
    except ValidationError as exc:
        raise config_error(
            _(
                "profile '{name}' would be invalid: {details}",
                name=str(profile.name),
                details=_details(exc),
            ),
            _("Nothing has been changed."),
        ) from exc


def _details(exc: ValidationError) -> str:
    return "; ".join(_describe(err) for err in exc.errors())


def _line_of_table(raw_text: str, name: str) -> int | None:
    pattern = re.compile(rf"^[ \t]*\[\s*profiles\.\"?{re.escape(name)}\"?[\].]", re.MULTILINE)
    match = pattern.search(raw_text)
    return raw_text.count("\n", 0, match.start()) + 1 if match else None


def _invalid_profile(path: Path, name: str, line: int | None, exc: ValidationError) -> ConfigError:
    details = _details(exc)
    message = (
        _(
            "{path} (line {line}): profile '{name}' is invalid: {details}",
            path=str(path),
            line=line,
            name=name,
            details=details,
        )
        if line is not None
        else _(
            "{path}: profile '{name}' is invalid: {details}",
            path=str(path),
            name=name,
            details=details,
        )
    )
    return config_error(
        message,
        _(
            "Fix the value by hand or with 'nlconsole profiles edit'; the file has not been "
            "changed."
        ),
    )


def _describe(error: Any) -> str:
    location = ".".join(str(part) for part in error.get("loc", ()))
    message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
    return f"{location}: {message}" if location else message


def _unknown_keys(model: BaseModel, prefix: str = "") -> Iterator[str]:
    for key in model.model_extra or {}:
        yield f"{prefix}{key}"
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from _unknown_keys(value, f"{prefix}{name}.")
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, BaseModel):
                    yield from _unknown_keys(item, f"{prefix}{name}.{key}.")

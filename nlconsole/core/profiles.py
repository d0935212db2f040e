"""ProfileStore: profiles.toml, read with tomllib, validated with pydantic, written atomically.

A file that does not parse or validate is never overwritten: the error names the line, and the
administrator fixes it by hand. Unknown keys survive a round trip and are reported as warnings.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import BaseModel, ValidationError

from nlconsole.core.models import Profile
from nlconsole.errors import ConfigError, ProfileExists, ProfileNotFound

SCHEMA_VERSION = 1
_LINE_RE = re.compile(r"\(at line (\d+), column (\d+)\)")


@dataclass
class ProfileSet:
    """The content of profiles.toml: profiles by name, plus what was odd about the file."""

    profiles: dict[str, Profile] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    """Unknown top-level keys, kept so that saving loses nothing."""


class ProfileStore:
    """Loads and saves profiles in one TOML file under the config directory."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> ProfileSet:
        """Read the file; a missing file is an empty set. Raises ConfigError, never rewrites."""
        try:
            raw_text = self.path.read_bytes().decode("utf-8")
        except FileNotFoundError:
            return ProfileSet()
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(
                f"cannot read {self.path}: {exc}",
                "Check the file's permissions and encoding (UTF-8); it has not been changed.",
            ) from exc
        try:
            document = tomllib.loads(raw_text)
        except tomllib.TOMLDecodeError as exc:
            where = _LINE_RE.search(str(exc))
            line = f" at line {where.group(1)}" if where else ""
            raise ConfigError(
                f"{self.path} is not valid TOML{line}: {_LINE_RE.sub('', str(exc)).strip()}",
                "Fix that line by hand (or move the file away to start afresh); "
                "nlconsole has left it untouched.",
            ) from exc
        return self._validate(document, raw_text)

    def _validate(self, document: dict[str, Any], raw_text: str) -> ProfileSet:
        version = document.get("schema_version", SCHEMA_VERSION)
        if not isinstance(version, int) or version < 1:
            raise ConfigError(f"{self.path}: schema_version must be a positive integer")
        if version > SCHEMA_VERSION:
            raise ConfigError(
                f"{self.path} has schema_version {version}; this nlconsole understands up to "
                f"{SCHEMA_VERSION}",
                "Upgrade nlconsole; the file has not been changed.",
            )
        tables = document.get("profiles", {})
        if not isinstance(tables, dict):
            raise ConfigError(f"{self.path}: 'profiles' must be a table of profiles")
        result = ProfileSet(
            extra={k: v for k, v in document.items() if k not in ("schema_version", "profiles")}
        )
        result.warnings.extend(f"unknown top-level key '{key}' (kept)" for key in result.extra)
        for name, table in tables.items():
            if not isinstance(table, dict):
                raise ConfigError(f"{self.path}: profiles.{name} must be a table")
            try:
                profile = Profile.model_validate({**table, "name": name})
            except ValidationError as exc:
                raise ConfigError(
                    f"{self.path}{_line_of_table(raw_text, name)}: profile '{name}' is invalid: "
                    + "; ".join(_describe(err) for err in exc.errors()),
                    "Fix the value by hand or with 'nlconsole profiles edit'; the file has not "
                    "been changed.",
                ) from exc
            result.warnings.extend(
                f"profile '{name}': unknown key '{path}' (kept)" for path in _unknown_keys(profile)
            )
            result.profiles[name] = profile
        return result

    def save(self, profile_set: ProfileSet) -> None:
        """Write all profiles atomically (temp file, fsync, rename) with mode 0600."""
        document: dict[str, Any] = {"schema_version": SCHEMA_VERSION, **profile_set.extra}
        document["profiles"] = {
            name: profile.model_dump(mode="python", exclude_none=True, exclude={"name"})
            for name, profile in sorted(profile_set.profiles.items())
        }
        atomic_write(self.path, tomli_w.dumps(document).encode("utf-8"))

    @contextlib.contextmanager
    def editing(self) -> Iterator[ProfileSet]:
        """Load, let the caller change the set, then save it (nothing is saved on error)."""
        profile_set = self.load()
        yield profile_set
        self.save(profile_set)

    def get(self, name: str) -> Profile:
        """Return one profile or raise ProfileNotFound."""
        profile_set = self.load()
        try:
            return profile_set.profiles[name]
        except KeyError:
            raise _not_found(name, profile_set) from None

    def add(self, profile: Profile) -> None:
        """Add a new profile; refuses to replace an existing one."""
        with self.editing() as profile_set:
            if profile.name in profile_set.profiles:
                raise ProfileExists(
                    f"a profile named '{profile.name}' already exists",
                    "Choose another name, or change it with 'nlconsole profiles edit'.",
                )
            profile_set.profiles[profile.name] = profile

    def put(self, profile: Profile) -> None:
        """Insert or replace a profile."""
        with self.editing() as profile_set:
            profile_set.profiles[profile.name] = profile

    def remove(self, name: str) -> Profile:
        """Remove a profile and return what it was."""
        with self.editing() as profile_set:
            if name not in profile_set.profiles:
                raise _not_found(name, profile_set)
            return profile_set.profiles.pop(name)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that readers see either the old or the new file, never half.

    The directory is created with mode 0700 and the file gets mode 0600: profiles name customers.
    """
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _not_found(name: str, profile_set: ProfileSet) -> ProfileNotFound:
    known = ", ".join(sorted(profile_set.profiles)) or "none yet"
    return ProfileNotFound(
        f"no profile named '{name}' (known: {known})",
        "Create it with 'nlconsole profiles add NAME --provider maileon|newsletter2go'.",
    )


def _line_of_table(raw_text: str, name: str) -> str:
    pattern = re.compile(rf"^[ \t]*\[\s*profiles\.\"?{re.escape(name)}\"?[\].]", re.MULTILINE)
    match = pattern.search(raw_text)
    return f" (line {raw_text.count(chr(10), 0, match.start()) + 1})" if match else ""


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

"""A keyring backend kept in a JSON file, so a test's subprocesses see the secrets it stored.

Selected only explicitly (PYTHON_KEYRING_BACKEND) with the file named in
NLCONSOLE_TEST_KEYRING_FILE; never registered through entry points.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

FILE_ENV = "NLCONSOLE_TEST_KEYRING_FILE"


class FileKeyring(KeyringBackend):
    """Passwords in one JSON file: {"service\\nusername": password}."""

    priority = 1

    def _path(self) -> Path:
        return Path(os.environ[FILE_ENV])

    def _load(self) -> dict[str, str]:
        path = self._path()
        return json.loads(path.read_text()) if path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}\n{username}"] = password
        self._path().write_text(json.dumps(data))

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(f"{service}\n{username}", None) is None:
            raise PasswordDeleteError("not found")
        self._path().write_text(json.dumps(data))

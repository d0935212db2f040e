"""Test isolation: no test touches the developer's config dir or keyring.

The keyring backend is process-global, so it is pinned to the failing backend before anything
imports keyring; tests that want a working keyring opt in explicitly.
"""

from __future__ import annotations

import os

os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
os.environ.pop("TEXTUAL_THEME", None)
os.environ.pop("NO_COLOR", None)

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.memory_keyring import MemoryKeyring

MEMORY_BACKEND = "tests.support.memory_keyring.MemoryKeyring"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own config dir through NLCONSOLE_HOME."""
    home = tmp_path / "nlconsole-home"
    monkeypatch.setenv("NLCONSOLE_HOME", str(home))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    return home


@pytest.fixture
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[tuple[str, str], str]]:
    """Select the in-memory test keyring explicitly (as a user would with the env variable)."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", MEMORY_BACKEND)
    MemoryKeyring.store.clear()
    yield MemoryKeyring.store
    MemoryKeyring.store.clear()

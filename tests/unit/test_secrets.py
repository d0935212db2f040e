"""Secret stores: backend choice, refusal of weak backends, clear errors."""

from __future__ import annotations

import pytest
from keyring.backends import chainer, fail
from pydantic import SecretStr

from nlconsole.core.secrets import (
    KeyringSecretStore,
    MemorySecretStore,
    SecretStoreLocked,
    SecretStoreUnavailable,
    select_backend,
)
from tests.support.memory_keyring import MemoryKeyring


def test_memory_store_round_trip() -> None:
    store = MemorySecretStore()
    assert store.get("acme", "api_key") is None
    store.set("acme", "api_key", SecretStr("s3cret-value"))
    assert store.get("acme", "api_key") == SecretStr("s3cret-value")
    assert store.delete("acme", "api_key") is True
    assert store.delete("acme", "api_key") is False


def test_keyring_store_uses_the_explicitly_chosen_backend(
    memory_keyring: dict[tuple[str, str], str],
) -> None:
    store = KeyringSecretStore()
    store.set("acme", "api_key", SecretStr("s3cret-value"))
    assert memory_keyring == {("nlconsole", "acme:api_key"): "s3cret-value"}
    assert store.get("acme", "api_key") == SecretStr("s3cret-value")
    assert store.backend_name == "tests.support.memory_keyring.MemoryKeyring"
    assert store.delete("acme", "api_key") is True
    assert store.delete("acme", "api_key") is False


def test_failing_backend_gives_one_clear_message() -> None:
    store = KeyringSecretStore()
    with pytest.raises(SecretStoreUnavailable) as info:
        store.get("acme", "api_key")
    message = str(info.value)
    assert "no secure keyring is available" in message
    assert "keyring.backends.fail.Keyring" in message
    assert "gnome-keyring-daemon" in message
    assert "nlconsole demo" in message


def test_bad_backend_setting_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "no.such.module.Keyring")
    with pytest.raises(SecretStoreUnavailable, match="cannot be loaded") as info:
        KeyringSecretStore().get("acme", "api_key")
    assert "Unset PYTHON_KEYRING_BACKEND" in str(info.value.remediation)


def test_locked_keyring_says_unlock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.support.memory_keyring.LockedKeyring")
    with pytest.raises(SecretStoreLocked, match="locked") as info:
        KeyringSecretStore().set("acme", "api_key", SecretStr("value-never-shown"))
    assert "Unlock your keyring" in str(info.value.remediation)
    assert "value-never-shown" not in str(info.value)


class WeakKeyring(MemoryKeyring):
    """Stands in for keyrings.alt's plaintext file backend (priority 0.5)."""

    priority = 0.5  # type: ignore[assignment]


def test_weak_backends_are_not_chosen_automatically(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND")
    monkeypatch.setattr("keyring.core.load_config", lambda: None)
    monkeypatch.setattr("keyring.backend.get_all_keyring", lambda: [WeakKeyring(), fail.Keyring()])
    with pytest.raises(SecretStoreUnavailable, match="no secure keyring"):
        select_backend()


def test_best_secure_backend_is_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND")
    monkeypatch.setattr("keyring.core.load_config", lambda: None)
    good = MemoryKeyring()
    monkeypatch.setattr("keyring.backend.get_all_keyring", lambda: [WeakKeyring(), good])
    assert select_backend() is good


def test_empty_chainer_counts_as_no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.chainer.ChainerBackend")
    monkeypatch.setattr("keyring.backend.get_all_keyring", lambda: [fail.Keyring()])
    assert chainer.ChainerBackend().backends == []
    with pytest.raises(SecretStoreUnavailable, match="no secure keyring"):
        select_backend()

"""Secret storage: the OS keyring for real use, memory for the demo and tests.

Secrets never touch profiles.toml. The keyring backend is chosen per store (not through
keyring's process-global default) and weak backends are refused: a plaintext file "keyring"
would silently defeat the point. Keyring calls block (D-Bus, unlock prompts), so the console
calls them from thread workers.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

from pydantic import SecretStr

from nlconsole.core.models import ProviderKind
from nlconsole.errors import NLConsoleError

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

SERVICE_NAME = "nlconsole"
BACKEND_ENV = "PYTHON_KEYRING_BACKEND"
T = TypeVar("T")

_HEADLESS_FIX = (
    "On a headless Linux machine start a Secret Service, e.g. "
    'dbus-run-session -- sh -c \'printf %s "$PW" | gnome-keyring-daemon --unlock '
    "--components=secrets; nlconsole ...'. "
    "To try nlconsole without a keyring, run 'nlconsole demo' (secrets stay in memory)."
)


@dataclass(frozen=True)
class SecretField:
    """One secret a provider needs."""

    name: str
    label: str
    required: bool
    help: str


SECRET_FIELDS: dict[ProviderKind, tuple[SecretField, ...]] = {
    ProviderKind.MAILEON: (
        SecretField("api_key", "API key", True, "the integration key (create + update rights)"),
        SecretField(
            "test_api_key",
            "Test API key",
            False,
            "optional key with read + delete rights the console uses to observe and clean up",
        ),
    ),
    ProviderKind.NEWSLETTER2GO: (
        SecretField("auth_key", "Auth key", True, "from the API tab, '<client id>:<secret>'"),
        SecretField("username", "Username", True, "login e-mail of the (dedicated) API user"),
        SecretField("password", "Password", True, "password of that user"),
    ),
}


def secret_field(provider: ProviderKind, name: str) -> SecretField:
    """Return the field definition or raise NLConsoleError naming the valid fields."""
    for candidate in SECRET_FIELDS[provider]:
        if candidate.name == name:
            return candidate
    valid = ", ".join(f.name for f in SECRET_FIELDS[provider])
    raise NLConsoleError(
        f"'{name}' is not a secret of a {provider.value} profile (fields: {valid})"
    )


class SecretStoreError(NLConsoleError):
    """The secret store cannot be used; carries the backend's name and the fixes."""

    def __init__(self, message: str, backend: str, remediation: str) -> None:
        super().__init__(f"{message} (keyring backend: {backend})", remediation)
        self.backend = backend


class SecretStoreUnavailable(SecretStoreError):
    """No secure keyring is available, or the configured backend cannot be loaded."""


class SecretStoreLocked(SecretStoreError):
    """The keyring exists but is locked."""


class SecretStore(Protocol):
    """Where secrets live; keys are (profile name, field name)."""

    @property
    def backend_name(self) -> str:
        """A name for people: which backend holds the secrets."""
        ...

    def get(self, profile: str, field: str) -> SecretStr | None:
        """Return the secret or None when it is not stored."""
        ...

    def set(self, profile: str, field: str, value: SecretStr) -> None:
        """Store or replace a secret."""
        ...

    def delete(self, profile: str, field: str) -> bool:
        """Delete a secret; False when there was none."""
        ...


class MemorySecretStore:
    """Secrets in process memory: the demo and tests (nothing survives the process)."""

    backend_name = "memory (demo)"

    def __init__(self) -> None:
        self._values: dict[tuple[str, str], str] = {}
        self._lock = threading.Lock()

    def get(self, profile: str, field: str) -> SecretStr | None:
        with self._lock:
            value = self._values.get((profile, field))
        return None if value is None else SecretStr(value)

    def set(self, profile: str, field: str, value: SecretStr) -> None:
        with self._lock:
            self._values[(profile, field)] = value.get_secret_value()

    def delete(self, profile: str, field: str) -> bool:
        with self._lock:
            return self._values.pop((profile, field), None) is not None


class KeyringSecretStore:
    """Secrets in the OS keyring under service 'nlconsole', user '<profile>:<field>'."""

    def __init__(self, service: str = SERVICE_NAME) -> None:
        self.service = service
        self._backend: KeyringBackend | None = None
        self._lock = threading.Lock()

    @property
    def backend_name(self) -> str:
        return _backend_name(self._ensure_backend())

    def get(self, profile: str, field: str) -> SecretStr | None:
        backend = self._ensure_backend()
        value = self._call(
            backend, lambda: backend.get_password(self.service, _user(profile, field))
        )
        return None if value is None else SecretStr(value)

    def set(self, profile: str, field: str, value: SecretStr) -> None:
        backend = self._ensure_backend()
        self._call(
            backend,
            lambda: backend.set_password(
                self.service, _user(profile, field), value.get_secret_value()
            ),
        )

    def delete(self, profile: str, field: str) -> bool:
        from keyring.errors import PasswordDeleteError

        backend = self._ensure_backend()

        def delete() -> bool:
            try:
                backend.delete_password(self.service, _user(profile, field))
            except PasswordDeleteError:
                return False
            return True

        return self._call(backend, delete)

    def _ensure_backend(self) -> KeyringBackend:
        with self._lock:
            if self._backend is None:
                self._backend = select_backend()
            return self._backend

    @staticmethod
    def _call(backend: KeyringBackend, operation: Callable[[], T]) -> T:
        from keyring.errors import InitError, KeyringError, KeyringLocked, NoKeyringError

        name = _backend_name(backend)
        try:
            return operation()
        except KeyringLocked as exc:
            raise SecretStoreLocked(
                "the keyring is locked",
                name,
                "Unlock your keyring (log in to the desktop session, or unlock it in your "
                "password manager), then try again. " + _HEADLESS_FIX,
            ) from exc
        except NoKeyringError as exc:
            raise _no_secure_keyring(name) from exc
        except InitError as exc:
            raise SecretStoreUnavailable(
                f"the keyring could not be opened: {exc}",
                name,
                "The Secret Service has no default collection and cannot prompt to create one. "
                + _HEADLESS_FIX,
            ) from exc
        except KeyringError as exc:
            raise SecretStoreUnavailable(
                f"the keyring failed: {type(exc).__name__}: {exc}", name, _HEADLESS_FIX
            ) from exc
        except Exception as exc:  # D-Bus and backend libraries raise their own types
            raise SecretStoreUnavailable(
                f"the keyring backend failed: {type(exc).__name__}", name, _HEADLESS_FIX
            ) from exc


def select_backend() -> KeyringBackend:
    """Pick the keyring backend: the user's explicit choice, else the best secure one.

    Raises SecretStoreUnavailable for a bad PYTHON_KEYRING_BACKEND value, or when only insecure
    or failing backends exist.
    """
    import os

    import keyring.backend
    import keyring.core

    explicit = os.environ.get(BACKEND_ENV, "").strip()
    try:
        chosen = keyring.core.load_env() or keyring.core.load_config()
    except Exception as exc:  # a bad value raises ModuleNotFoundError, AttributeError, ...
        raise SecretStoreUnavailable(
            f"{BACKEND_ENV}={explicit!r} cannot be loaded: {type(exc).__name__}: {exc}",
            explicit or "keyringrc.cfg",
            f"Unset {BACKEND_ENV} to use the system keyring, or set it to an importable backend "
            "class such as keyring.backends.SecretService.Keyring.",
        ) from exc
    if chosen is not None:
        if _is_failing(chosen):
            raise _no_secure_keyring(_backend_name(chosen))
        return chosen
    viable = [kr for kr in keyring.backend.get_all_keyring() if kr.priority >= 1]
    best = max(viable, key=keyring.backend.by_priority, default=None)
    if best is None or _is_failing(best):
        raise _no_secure_keyring(_backend_name(best) if best else "keyring.backends.fail.Keyring")
    return best


def _is_failing(backend: KeyringBackend) -> bool:
    from keyring.backends import chainer, fail, null

    if isinstance(backend, fail.Keyring | null.Keyring):
        return True
    return isinstance(backend, chainer.ChainerBackend) and not backend.backends


def _no_secure_keyring(name: str) -> SecretStoreUnavailable:
    return SecretStoreUnavailable(
        "no secure keyring is available",
        name,
        "Install and start a keyring: GNOME Keyring or KWallet on Linux desktops, the Keychain "
        "on macOS, the Credential Locker on Windows. "
        + _HEADLESS_FIX
        + f" A backend you trust can also be chosen explicitly with {BACKEND_ENV}.",
    )


def _backend_name(backend: KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _user(profile: str, field: str) -> str:
    return f"{profile}:{field}"

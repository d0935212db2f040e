"""Secret storage: the OS keyring for real use, memory for the demo and tests.

Secrets never touch profiles.toml. The keyring backend is chosen per store (not through
keyring's process-global default) and weak backends are refused: a plaintext file "keyring"
would silently defeat the point. Keyring calls block (D-Bus, unlock prompts), so the console
calls them from thread workers.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

from pydantic import SecretStr

from nlconsole.errors import NLConsoleError
from nlconsole.i18n import Text, _

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

SERVICE_NAME = "nlconsole"
BACKEND_ENV = "PYTHON_KEYRING_BACKEND"
T = TypeVar("T")

_HEADLESS_FIX = _(
    "On a headless Linux machine start a Secret Service, e.g. {command}. To try nlconsole "
    "without a keyring, run 'nlconsole demo' (secrets stay in memory).",
    command='dbus-run-session -- sh -c \'printf %s "$PW" | gnome-keyring-daemon --unlock '
    "--components=secrets; nlconsole ...'",
)


class SecretStoreError(NLConsoleError):
    """The secret store cannot be used; carries the backend's name and the fixes."""

    def __init__(self, message: Text, backend: str, remediation: Text) -> None:
        super().__init__(
            _("{message} (keyring backend: {backend})", message=message, backend=backend),
            remediation,
        )
        self.backend = backend


class SecretStoreUnavailable(SecretStoreError):
    """No secure keyring is available, or the configured backend cannot be loaded."""


class SecretStoreLocked(SecretStoreError):
    """The keyring exists but is locked."""


class SecretStore(Protocol):
    """Where secrets live; keys are (profile name, field name)."""

    @property
    def backend_name(self) -> Text:
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

    backend_name: Text = _("memory (demo)")

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
                _("the keyring is locked"),
                name,
                _(
                    "Unlock your keyring (log in to the desktop session, or unlock it in your "
                    "password manager), then try again. {headless}",
                    headless=_HEADLESS_FIX,
                ),
            ) from exc
        except NoKeyringError as exc:
            raise _no_secure_keyring(name) from exc
        except InitError as exc:
            raise SecretStoreUnavailable(
                _("the keyring could not be opened: {error}", error=str(exc)),
                name,
                _(
                    "The Secret Service has no default collection and cannot prompt to create "
                    "one. {headless}",
                    headless=_HEADLESS_FIX,
                ),
            ) from exc
        except KeyringError as exc:
            raise SecretStoreUnavailable(
                _("the keyring failed: {error}", error=f"{type(exc).__name__}: {exc}"),
                name,
                _HEADLESS_FIX,
            ) from exc
        except Exception as exc:  # D-Bus and backend libraries raise their own types
            raise SecretStoreUnavailable(
                _("the keyring backend failed: {error}", error=type(exc).__name__),
                name,
                _HEADLESS_FIX,
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
            _(
                "{variable}={value} cannot be loaded: {error}",
                variable=BACKEND_ENV,
                value=repr(explicit),
                error=f"{type(exc).__name__}: {exc}",
            ),
            explicit or "keyringrc.cfg",
            _(
                "Unset {variable} to use the system keyring, or set it to an importable backend "
                "class such as keyring.backends.SecretService.Keyring.",
                variable=BACKEND_ENV,
            ),
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
        _("no secure keyring is available"),
        name,
        _(
            "Install and start a keyring: GNOME Keyring or KWallet on Linux desktops, the "
            "Keychain on macOS, the Credential Locker on Windows. {headless} A backend you trust "
            "can also be chosen explicitly with {variable}.",
            headless=_HEADLESS_FIX,
            variable=BACKEND_ENV,
        ),
    )


def _backend_name(backend: KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _user(profile: str, field: str) -> str:
    return f"{profile}:{field}"

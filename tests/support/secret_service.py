"""Start a throwaway Secret Service (D-Bus session bus + unlocked gnome-keyring) for tests.

Runs with a temporary HOME so the keyring file never lands in the developer's home, and stops
both daemons afterwards. Returns None when the programs are not installed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

NEEDED = ("dbus-daemon", "gnome-keyring-daemon", "dbus-send")


def missing_programs() -> list[str]:
    """The programs a Secret Service needs that are not installed."""
    return [name for name in NEEDED if shutil.which(name) is None]


@contextmanager
def secret_service(home: Path) -> Iterator[dict[str, str]]:
    """Yield an environment whose processes see an unlocked Secret Service."""
    home.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_RUNTIME_DIR=str(home))
    bus = subprocess.run(
        ["dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    address, pid = bus.stdout.split("\n")[:2]
    env["DBUS_SESSION_BUS_ADDRESS"] = address.strip()
    keyring_daemon = subprocess.Popen(
        ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    try:
        assert keyring_daemon.stdin is not None
        keyring_daemon.stdin.write(b"throwaway-test-password")
        keyring_daemon.stdin.close()
        _wait_for_name(env, "org.freedesktop.secrets")
        yield env
    finally:
        keyring_daemon.terminate()
        with suppress(subprocess.TimeoutExpired):
            keyring_daemon.wait(timeout=5)
        with suppress(ProcessLookupError, ValueError):
            os.kill(int(pid), signal.SIGTERM)


def _wait_for_name(env: dict[str, str], name: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        reply = subprocess.run(
            [
                "dbus-send",
                "--session",
                "--print-reply",
                "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus.NameHasOwner",
                f"string:{name}",
            ],
            capture_output=True,
            text=True,
            env=env,
        )
        if "boolean true" in reply.stdout:
            return
        time.sleep(0.1)
    raise RuntimeError(f"{name} did not appear on the session bus within {timeout} s")

"""Secrets in a real Secret Service (gnome-keyring over D-Bus), across separate processes.

CI installs dbus and gnome-keyring, so there these tests must run; on a machine without them
they skip and say why.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.secret_service import missing_programs, secret_service

pytestmark = pytest.mark.keyring
KEY = "a1b2c3d4-e5f6-4789-abcd-ef0123456789"


@pytest.fixture(scope="module")
def service_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    missing = missing_programs()
    if missing:
        reason = f"no Secret Service: {', '.join(missing)} not installed (apt: dbus gnome-keyring)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must run the real-keyring tests")
        pytest.skip(reason)
    with secret_service(tmp_path_factory.mktemp("keyring-home")) as env:
        yield env


def cli(
    env: dict[str, str], home: Path, *argv: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nlconsole", "--home", str(home), *argv],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_secret_survives_into_a_new_process_and_is_deleted(
    service_env: dict[str, str], tmp_path: Path
) -> None:
    home = tmp_path / "cfg"
    assert (
        cli(service_env, home, "profiles", "add", "acme", "--provider", "maileon").returncode == 0
    )
    stored = cli(service_env, home, "secrets", "set", "acme", "api_key", stdin=KEY + "\n")
    assert stored.returncode == 0, stored.stderr
    assert "keyring.backends.SecretService.Keyring" in stored.stdout

    status = cli(service_env, home, "secrets", "status", "acme", "--json")
    assert '"api_key": {"present": true' in status.stdout

    read_back = subprocess.run(
        [
            sys.executable,
            "-c",
            "from nlconsole.core.secrets import KeyringSecretStore\n"
            "print(KeyringSecretStore().get('acme', 'api_key').get_secret_value())",
        ],
        capture_output=True,
        text=True,
        env=service_env,
        check=True,
    )
    assert read_back.stdout.strip() == KEY

    assert KEY not in (home / "profiles.toml").read_text()
    assert KEY not in stored.stdout + stored.stderr + status.stdout

    deleted = cli(service_env, home, "secrets", "delete", "acme", "--yes")
    assert "api_key: deleted" in deleted.stdout
    status = cli(service_env, home, "secrets", "status", "acme", "--json")
    assert '"api_key": {"present": false' in status.stdout

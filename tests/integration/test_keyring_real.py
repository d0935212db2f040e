"""Secrets in a real Secret Service (gnome-keyring over D-Bus), across separate processes.

CI installs dbus and gnome-keyring, so there these tests must run; on a machine without them
they skip and say why.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.conftest import keyring_cli as cli

pytestmark = pytest.mark.keyring
KEY = "a1b2c3d4-e5f6-4789-abcd-ef0123456789"


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

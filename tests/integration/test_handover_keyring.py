"""Hand-over zips made by the real 7z, imported by the real CLI into a real Secret Service
(gnome-keyring over D-Bus), and read back from a separate process.

CI installs dbus, gnome-keyring and p7zip-full, so there these tests must run; elsewhere they
skip and say why.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.conftest import keyring_cli as cli
from tests.support.zips import seven_zip

pytestmark = pytest.mark.keyring
PASSWORD = "Zip-Passwort-42!x"
KEY = "a1b2c3d4-e5f6-4789-abcd-ef0123456789"
KEY_B64 = "YTFiMmMzZDQtZTVmNi00Nzg5LWFiY2QtZWYwMTIzNDU2Nzg5"
AUTH_KEY = "client123:s3cr3t#with:colon"


def read_back(env: dict[str, str], profile: str, field: str) -> str | None:
    """The value as another process sees it in the Secret Service."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys\n"
            "from nlconsole.core.secrets import KeyringSecretStore\n"
            "value = KeyringSecretStore().get(sys.argv[1], sys.argv[2])\n"
            "print('<none>' if value is None else value.get_secret_value())",
            profile,
            field,
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    value = result.stdout.strip()
    return None if value == "<none>" else value


def handover(provider: str, secrets: str) -> bytes:
    return (
        f'[handover]\nformat = "nlconsole-handover/1"\nprovider = "{provider}"\n'
        f"[secrets]\n{secrets}"
    ).encode()


@pytest.mark.parametrize("aes", [True, False], ids=["aes256", "zipcrypto"])
def test_7z_zips_import_into_the_real_secret_service(
    aes: bool, service_env: dict[str, str], tmp_path: Path
) -> None:
    home = tmp_path / "cfg"
    profile = f"acme-{'aes' if aes else 'zc'}"
    assert (
        cli(service_env, home, "profiles", "add", profile, "--provider", "maileon").returncode == 0
    )
    archive = seven_zip(
        tmp_path / "acme.zip",
        {"zugangsdaten.toml": handover("maileon", f'api_key = "Basic {KEY_B64}"\n')},
        PASSWORD,
        aes=aes,
    )
    result = cli(
        service_env, home, "handover", "import", profile, str(archive), "--yes", stdin=PASSWORD
    )
    assert result.returncode == 0, result.stderr
    assert "keyring.backends.SecretService.Keyring" in result.stdout
    assert ("ZipCrypto" in result.stderr) is not aes
    assert read_back(service_env, profile, "api_key") == KEY
    assert KEY not in result.stdout + result.stderr
    assert KEY not in (home / "profiles.toml").read_text()


def test_a_wrong_password_leaves_the_real_keyring_unchanged(
    service_env: dict[str, str], tmp_path: Path
) -> None:
    home = tmp_path / "cfg"
    assert (
        cli(service_env, home, "profiles", "add", "peiq", "--provider", "newsletter2go").returncode
        == 0
    )
    stored = cli(service_env, home, "secrets", "set", "peiq", "password", stdin="old-password")
    assert stored.returncode == 0, stored.stderr
    document = handover(
        "newsletter2go",
        f'auth_key = "{AUTH_KEY}"\nusername = "api@example.com"\npassword = "new-password"\n',
    )
    archive = seven_zip(tmp_path / "peiq.zip", {"z.toml": document}, PASSWORD)
    result = cli(
        service_env, home, "handover", "import", "peiq", str(archive), "--yes", stdin="falsch"
    )
    assert result.returncode == 2
    assert "wrong password for" in result.stderr
    assert read_back(service_env, "peiq", "password") == "old-password"
    assert read_back(service_env, "peiq", "auth_key") is None


def test_export_from_the_real_keyring_imports_into_another_profile(
    service_env: dict[str, str], tmp_path: Path
) -> None:
    home = tmp_path / "cfg"
    for name in ("source", "target"):
        added = cli(service_env, home, "profiles", "add", name, "--provider", "newsletter2go")
        assert added.returncode == 0
    document = handover(
        "newsletter2go",
        f"auth_key = '{AUTH_KEY}'\nusername = \"api@example.com\"\npassword = '''p\"w\\x'''\n",
    )
    archive = seven_zip(tmp_path / "in.zip", {"z.toml": document}, PASSWORD)
    imported = cli(
        service_env, home, "handover", "import", "source", str(archive), "--yes", stdin=PASSWORD
    )
    assert imported.returncode == 0, imported.stderr
    exported_zip = tmp_path / "out.zip"
    exported = cli(
        service_env,
        home,
        "handover",
        "export",
        "source",
        "-o",
        str(exported_zip),
        "--yes",
        stdin=PASSWORD,
    )
    assert exported.returncode == 0, exported.stderr
    again = cli(
        service_env,
        home,
        "handover",
        "import",
        "target",
        str(exported_zip),
        "--yes",
        stdin=PASSWORD,
    )
    assert again.returncode == 0, again.stderr
    for field, value in (
        ("auth_key", AUTH_KEY),
        ("username", "api@example.com"),
        ("password", 'p"w\\x'),
    ):
        assert read_back(service_env, "target", field) == value

"""`nlconsole handover import/export/template`, run in process on zips made by the real 7z.

Every refused input must say why, exit 2 and leave the keyring exactly as it was.
"""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from nlconsole.cli import handover_cmd, main
from nlconsole.core.handover_zip import Encryption, inspect_archive
from tests.support.zips import crafted_zip, require_7z, seven_zip

KEY = "a1b2c3d4-e5f6-4789-abcd-ef0123456789"
KEY_B64 = "YTFiMmMzZDQtZTVmNi00Nzg5LWFiY2QtZWYwMTIzNDU2Nzg5"
PASSWORD = "Zip-Passwort-42!x"
UMLAUT_PASSWORD = "Übergabe-Kennwort-äöß"  # p7zip refuses non-ASCII; pyzipper writes UTF-8
AUTH_KEY = "client123:s3cr3t#with:colon"
N2G_PASSWORD = 'pa"ss\\wörd'
Keyring = dict[tuple[str, str], str]


def run(capsys: pytest.CaptureFixture[str], *argv: str, stdin: str = "") -> tuple[int, str, str]:
    sys.stdin = io.StringIO(stdin)
    try:
        code = main(list(argv))
    finally:
        sys.stdin = sys.__stdin__
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def profiles(capsys: pytest.CaptureFixture[str], memory_keyring: Keyring) -> Keyring:
    """A Maileon profile 'acme' and a Newsletter2Go profile 'peiq'; the keyring holds one
    old value, so 'unchanged' means more than 'empty'."""
    assert run(capsys, "profiles", "add", "acme", "--provider", "maileon")[0] == 0
    assert run(capsys, "profiles", "add", "peiq", "--provider", "newsletter2go")[0] == 0
    assert run(capsys, "secrets", "set", "peiq", "password", stdin="old-password\n")[0] == 0
    return memory_keyring


def complete_peiq(capsys: pytest.CaptureFixture[str]) -> None:
    """Store the two secrets 'peiq' lacks, so it can be exported."""
    assert run(capsys, "secrets", "set", "peiq", "auth_key", stdin=AUTH_KEY)[0] == 0
    assert run(capsys, "secrets", "set", "peiq", "username", stdin="api@example.com")[0] == 0


def maileon_doc(api_key: str = f"Authorization: Basic {KEY_B64}", extra: str = "") -> bytes:
    return (
        '[handover]\nformat = "nlconsole-handover/1"\nprovider = "maileon"\n\n'
        f'[secrets]\napi_key = "{api_key}"\ntest_api_key = ""\n{extra}'
    ).encode()


def n2g_doc(username: str = "api@example.com") -> bytes:
    return (
        '\ufeff[handover]\r\nformat = "nlconsole-handover/1"\r\nprovider = "newsletter2go"\r\n'
        f"[secrets]\r\nauth_key = '{AUTH_KEY}'\r\nusername = \"{username}\"\r\n"
        f"password = '''{N2G_PASSWORD}'''\r\n"
    ).encode()


def test_aes_zip_from_7z_imports_the_raw_key_and_names_only_the_form(
    capsys: pytest.CaptureFixture[str], profiles: Keyring, tmp_path: Path
) -> None:
    archive = seven_zip(tmp_path / "acme.zip", {"zugangsdaten.toml": maileon_doc()}, PASSWORD)
    code, out, err = run(
        capsys, "handover", "import", "acme", str(archive), "--yes", stdin=PASSWORD + "\n"
    )
    assert code == 0, err
    assert profiles[("nlconsole", "acme:api_key")] == KEY
    assert "api_key: Base64 form shown after 'Authorization: Basic'" in out
    assert "Stored api_key for profile 'acme'" in out
    assert KEY not in out + err
    assert KEY_B64 not in out + err
    assert "ZipCrypto" not in err


def test_zipcrypto_zip_from_7z_imports_with_a_weakness_warning(
    capsys: pytest.CaptureFixture[str], profiles: Keyring, tmp_path: Path
) -> None:
    archive = seven_zip(tmp_path / "peiq.zip", {"z.toml": n2g_doc()}, PASSWORD, aes=False)
    assert inspect_archive(archive.read_bytes(), "x").encryption is Encryption.ZIPCRYPTO
    code, out, err = run(
        capsys, "handover", "import", "peiq", str(archive), "--yes", stdin=PASSWORD + "\n"
    )
    assert code == 0, err
    assert "legacy ZipCrypto encryption, which is weak" in err
    assert profiles[("nlconsole", "peiq:auth_key")] == AUTH_KEY
    assert profiles[("nlconsole", "peiq:username")] == "api@example.com"
    assert profiles[("nlconsole", "peiq:password")] == N2G_PASSWORD
    assert N2G_PASSWORD not in out + err
    assert "s3cr3t" not in out + err


def test_unencrypted_zip_is_refused_unless_allowed_and_then_warned(
    capsys: pytest.CaptureFixture[str], profiles: Keyring, tmp_path: Path
) -> None:
    archive = seven_zip(tmp_path / "plain.zip", {"z.toml": maileon_doc()}, None)
    before = dict(profiles)
    code, _, err = run(capsys, "handover", "import", "acme", str(archive), "--yes")
    assert (code, profiles) == (2, before)
    assert "is not password-protected" in err
    assert "--allow-unencrypted" in err

    code, _, err = run(
        capsys, "handover", "import", "acme", str(archive), "--yes", "--allow-unencrypted"
    )
    assert code == 0, err
    assert "was not password-protected" in err
    assert profiles[("nlconsole", "acme:api_key")] == KEY


def test_stdin_password_without_yes_stores_nothing(
    capsys: pytest.CaptureFixture[str], profiles: Keyring, tmp_path: Path
) -> None:
    archive = seven_zip(tmp_path / "acme.zip", {"z.toml": maileon_doc()}, PASSWORD)
    before = dict(profiles)
    code, _, err = run(capsys, "handover", "import", "acme", str(archive), stdin=PASSWORD)
    assert (code, profiles) == (2, before)
    assert "importing needs --yes" in err


BAD_INPUTS: dict[str, tuple[dict[str, bytes] | bytes, str]] = {
    "not-a-zip": (b"API-Key: " + KEY.encode(), "is not a zip file"),
    "several-files": (
        {"a.toml": maileon_doc(), "b.toml": maileon_doc()},
        "contains several files (a.toml, b.toml)",
    ),
    "not-the-format": ({"z.txt": b"API-Key: " + KEY.encode() + b"\n"}, "not in the template's"),
    "no-format-marker": ({"z.toml": f'api_key = "{KEY}"\n'.encode()}, "not an nlconsole hand"),
    "unknown-field": (
        {"z.toml": maileon_doc(extra='apikey = "x"\n')},
        "fields a Maileon profile does not have: apikey",
    ),
    "missing-required": ({"z.toml": maileon_doc(api_key="")}, "api_key: missing (required)"),
    "value-rejected": (
        {"z.toml": maileon_doc(api_key="Basic !!notbase64!!")},
        "api_key: the text after 'Basic' is not the Base64 form of an API key",
    ),
    "bomb-declared": ({"z.toml": b"\0" * (2 * 1024 * 1024)}, "claims 2097152 bytes"),
    "another-provider": ({"z.toml": n2g_doc()}, "is for another provider ('newsletter2go')"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_says_why_exits_2_and_stores_nothing(
    case: str, capsys: pytest.CaptureFixture[str], profiles: Keyring, tmp_path: Path
) -> None:
    content, expected = BAD_INPUTS[case]
    archive = tmp_path / "in.zip"
    if isinstance(content, bytes):
        archive.write_bytes(content)
    else:
        seven_zip(archive, content, PASSWORD)
    before = dict(profiles)
    temp_before = set(os.listdir(tmp_path))
    code, out, err = run(
        capsys, "handover", "import", "acme", str(archive), "--yes", stdin=PASSWORD + "\n"
    )
    assert code == 2
    assert expected in err
    assert "nlconsole: error:" in err
    assert "Traceback" not in err
    assert profiles == before
    assert set(os.listdir(tmp_path)) == temp_before, "nothing may be extracted"
    assert KEY not in out + err
    assert "notbase64" not in out + err


def test_wrong_password_stores_nothing(
    capsys: pytest.CaptureFixture[str], profiles: Keyring, tmp_path: Path
) -> None:
    for aes in (True, False):
        archive = seven_zip(tmp_path / f"{aes}.zip", {"z.toml": maileon_doc()}, PASSWORD, aes=aes)
        before = dict(profiles)
        code, _, err = run(
            capsys, "handover", "import", "acme", str(archive), "--yes", stdin="falsch\n"
        )
        assert (code, profiles) == (2, before)
        assert "wrong password for" in err


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("../zugangsdaten.toml", "it leads out of the folder"),
        ("/etc/zugangsdaten.toml", "it is an absolute path"),
        ("C:/zugangsdaten.toml", "it is an absolute path"),
        ("ordner\\zugangsdaten.toml", "it contains a backslash"),
        ("zugangs\x1bdaten.toml", "it contains control characters"),
    ],
)
def test_odd_entry_names_are_refused_before_anything_is_read(
    name: str, problem: str, capsys: pytest.CaptureFixture[str], profiles: Keyring, tmp_path: Path
) -> None:
    archive = crafted_zip(tmp_path / "odd.zip", {name: maileon_doc()}, PASSWORD)
    before = dict(profiles)
    listing = set(os.listdir(tmp_path))
    code, _, err = run(
        capsys, "handover", "import", "acme", str(archive), "--yes", stdin=PASSWORD + "\n"
    )
    assert (code, profiles) == (2, before)
    assert "contains an entry with an unsafe name" in err
    assert problem in err
    assert set(os.listdir(tmp_path)) == listing
    assert not (tmp_path.parent / "zugangsdaten.toml").exists()


def test_template_lists_every_secret_field_empty_and_no_secret(
    capsys: pytest.CaptureFixture[str], profiles: Keyring, tmp_path: Path
) -> None:
    assert run(capsys, "secrets", "set", "acme", "api_key", stdin=KEY)[0] == 0
    for name, fields in (
        ("acme", ["api_key", "test_api_key"]),
        ("peiq", ["auth_key", "username", "password"]),
    ):
        code, text, err = run(capsys, "handover", "template", name)
        assert code == 0, err
        document = tomllib.loads(text)
        assert document["secrets"] == dict.fromkeys(fields, "")
        assert KEY not in text
        assert "old-password" not in text
        assert "AES-256" in text
        assert "7z a -tzip -mem=AES256" in text
        assert "zip -e" in text
        assert "Passwort" in text, "the comments are German"
    _, text, _ = run(capsys, "handover", "template", "acme")
    assert "Lupe in der Spalte „API-Key v1“" in text
    assert "Authorization: Basic" in text
    _, text, _ = run(capsys, "handover", "template", "peiq")
    assert "Reiter „API“" in text

    out_file = tmp_path / "vorlage.toml"
    code, _, _ = run(capsys, "handover", "template", "peiq", "-o", str(out_file))
    assert code == 0
    assert "zip -e zugangsdaten.zip vorlage.toml" in out_file.read_text()


def test_export_then_import_round_trips_through_an_aes_zip(
    capsys: pytest.CaptureFixture[str], profiles: Keyring, tmp_path: Path
) -> None:
    archive = seven_zip(tmp_path / "in.zip", {"z.toml": n2g_doc()}, PASSWORD)
    assert run(capsys, "handover", "import", "peiq", str(archive), "--yes", stdin=PASSWORD)[0] == 0
    exported = tmp_path / "weitergabe.zip"
    code, _out, err = run(
        capsys,
        "handover",
        "export",
        "peiq",
        "-o",
        str(exported),
        "--yes",
        stdin=UMLAUT_PASSWORD + "\n",
    )
    assert code == 0, err
    assert "Send the password by another channel" in err
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600
    sealed = inspect_archive(exported.read_bytes(), "x")
    assert (sealed.encryption, sealed.aes_bits) == (Encryption.AES, 256)
    assert N2G_PASSWORD.encode() not in exported.read_bytes()

    assert run(capsys, "profiles", "add", "colleague", "--provider", "newsletter2go")[0] == 0
    code, _, err = run(
        capsys, "handover", "import", "colleague", str(exported), "--yes", stdin=UMLAUT_PASSWORD
    )
    assert code == 0, err
    for field in ("auth_key", "username", "password"):
        assert (
            profiles[("nlconsole", f"colleague:{field}")]
            == profiles[("nlconsole", f"peiq:{field}")]
        )


def test_export_refuses_a_short_password_an_existing_file_and_missing_secrets(
    capsys: pytest.CaptureFixture[str], profiles: Keyring, tmp_path: Path
) -> None:
    target = tmp_path / "out.zip"
    code, _, err = run(
        capsys, "handover", "export", "acme", "-o", str(target), "--yes", stdin=PASSWORD
    )
    assert code == 2
    assert "lacks required secrets (api_key); nothing was written" in err
    assert not target.exists()
    complete_peiq(capsys)
    code, _, err = run(
        capsys, "handover", "export", "peiq", "-o", str(target), "--yes", stdin="kurz"
    )
    assert code == 2
    assert "shorter than 12 characters" in err
    assert not target.exists()
    target.write_bytes(b"keep")
    code, _, err = run(
        capsys, "handover", "export", "peiq", "-o", str(target), "--yes", stdin=PASSWORD
    )
    assert code == 2
    assert "exists; nothing was written" in err
    assert target.read_bytes() == b"keep"


def test_an_exported_zip_opens_in_7z_as_aes(
    capsys: pytest.CaptureFixture[str], profiles: Keyring, tmp_path: Path
) -> None:
    complete_peiq(capsys)
    exported = tmp_path / "out.zip"
    assert (
        run(capsys, "handover", "export", "peiq", "-o", str(exported), "--yes", stdin=PASSWORD)[0]
        == 0
    )
    listing = subprocess.run(
        [require_7z(), "l", "-slt", f"-p{PASSWORD}", str(exported)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Method = AES-256 Deflate" in listing
    content = subprocess.run(
        [require_7z(), "x", "-so", f"-p{PASSWORD}", str(exported)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert 'password = "old-password"' in content
    assert f'auth_key = "{AUTH_KEY}"' in content


def test_on_a_terminal_the_password_is_masked_and_a_no_stores_nothing(
    capsys: pytest.CaptureFixture[str],
    profiles: Keyring,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    archive = seven_zip(tmp_path / "acme.zip", {"z.toml": maileon_doc()}, PASSWORD)
    prompts: list[str] = []
    answers = iter(["n", "ja"])

    def getpass(prompt: str) -> str:
        prompts.append(prompt)
        return PASSWORD

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr(handover_cmd, "_on_terminal", lambda: True)
    monkeypatch.setattr("getpass.getpass", getpass)
    monkeypatch.setattr("builtins.input", ask)
    before = dict(profiles)
    code, _, err = run(capsys, "--lang", "de", "handover", "import", "acme", str(archive))
    assert (code, profiles) == (2, before)
    assert "es wurde nichts gespeichert" in err
    assert prompts[0].startswith("Passwort von ")
    assert prompts[0].endswith("(Eingabe verborgen): ")
    assert prompts[1].startswith("api_key in ")
    assert prompts[1].endswith("speichern? [j/N] ")

    code, out, err = run(capsys, "--lang", "de", "handover", "import", "acme", str(archive))
    assert code == 0, err
    assert profiles[("nlconsole", "acme:api_key")] == KEY
    assert "für Profil „acme“" in out


def test_export_on_a_terminal_asks_twice_and_refuses_a_mismatch(
    capsys: pytest.CaptureFixture[str],
    profiles: Keyring,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    complete_peiq(capsys)
    typed = iter([PASSWORD, PASSWORD + "x"])
    monkeypatch.setattr(handover_cmd, "_on_terminal", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(typed))
    target = tmp_path / "out.zip"
    code, _, err = run(capsys, "handover", "export", "peiq", "-o", str(target))
    assert code == 2
    assert "the passwords differ; nothing was written" in err
    assert not target.exists()


def test_a_zipped_folder_with_finder_leftovers_still_imports(
    capsys: pytest.CaptureFixture[str], profiles: Keyring, tmp_path: Path
) -> None:
    archive = crafted_zip(
        tmp_path / "ordner.zip",
        {
            "Zugangsdaten/": b"",
            "Zugangsdaten/zugangsdaten.toml": maileon_doc(),
            "Zugangsdaten/.DS_Store": b"\0\0\0\1Bud1",
            "__MACOSX/Zugangsdaten/._zugangsdaten.toml": b"\0\5\26\7",
        },
        PASSWORD,
    )
    code, _, err = run(capsys, "handover", "import", "acme", str(archive), "--yes", stdin=PASSWORD)
    assert code == 0, err
    assert profiles[("nlconsole", "acme:api_key")] == KEY

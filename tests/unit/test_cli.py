"""The profiles and secrets CLI, run in process through main(argv) and as a real subprocess."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from nlconsole import __version__
from nlconsole.cli import main
from nlconsole.i18n import _

KEY = "a1b2c3d4-e5f6-4789-abcd-ef0123456789"
KEY_B64 = "YTFiMmMzZDQtZTVmNi00Nzg5LWFiY2QtZWYwMTIzNDU2Nzg5"


def run(
    capsys: pytest.CaptureFixture[str], *argv: str, stdin: str | None = None
) -> tuple[int, str, str]:
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        code = main(list(argv))
    finally:
        sys.stdin = sys.__stdin__
    out, err = capsys.readouterr()
    return code, out, err


def test_version_and_help_as_subprocess(isolated_home: Path) -> None:
    version = subprocess.run(
        [sys.executable, "-m", "nlconsole", "--version"], capture_output=True, text=True, check=True
    )
    assert version.stdout.strip() == f"nlconsole {__version__}"
    help_text = subprocess.run(
        [sys.executable, "-m", "nlconsole", "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert "profiles" in help_text
    assert "secrets" in help_text
    assert not isolated_home.exists(), "--help must not create the config dir"


def test_a_reader_that_goes_away_gets_no_traceback(isolated_home: Path) -> None:
    """`nlconsole profiles list | head -1`: the pipe closes before the output is written."""
    for index in range(3):
        assert main(["profiles", "add", f"p{index}", "--provider", "maileon"]) == 0
    process = subprocess.Popen(
        [sys.executable, "-m", "nlconsole", "profiles", "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()  # the reader is gone before the command writes
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 141
    assert "Traceback" not in stderr
    assert "BrokenPipe" not in stderr
    stored = tomllib.loads((isolated_home / "profiles.toml").read_text())
    assert sorted(stored["profiles"]) == ["p0", "p1", "p2"]


def test_profiles_add_list_show_remove(
    capsys: pytest.CaptureFixture[str], isolated_home: Path
) -> None:
    code, out, _ = run(
        capsys,
        "profiles",
        "add",
        "acme",
        "--provider",
        "maileon",
        "--display-name",
        "ACME Bildung",
        "--key-expires",
        "31.12.2099",
        "--rights",
        "create,update",
    )
    assert code == 0
    assert "https://api.maileon.com/1.0" in out
    assert (isolated_home / "profiles.toml").exists()

    code, out, _ = run(
        capsys,
        "profiles",
        "add",
        "sandbox",
        "--provider",
        "newsletter2go",
        "--base-url",
        "http://127.0.0.1:8080/newsletter2go",
        "--environment",
        "sandbox",
        "--newsletter",
        "Lokales",
        "--newsletter",
        "Sport",
    )
    assert code == 0

    code, out, _ = run(capsys, "profiles", "list")
    assert code == 0
    assert "acme" in out
    assert "newsletter2go" in out
    assert "never" in out

    code, out, _ = run(capsys, "profiles", "list", "--json")
    listed = json.loads(out)
    assert [p["name"] for p in listed["profiles"]] == ["acme", "sandbox"]
    assert listed["profiles"][1]["newsletter2go"]["newsletters"] == ["Lokales", "Sport"]

    code, out, _ = run(capsys, "profiles", "show", "acme", "--json")
    shown = json.loads(out)
    assert shown["maileon"]["key_expires"] == "2099-12-31"
    assert shown["maileon"]["rights_confirmed"] == ["create", "update"]

    code, out, _ = run(capsys, "profiles", "remove", "acme", "--keep-secrets")
    assert code == 0
    code, _, err = run(capsys, "profiles", "show", "acme")
    assert code == 2
    assert "no profile named 'acme'" in err


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (
            [
                "profiles",
                "add",
                "x",
                "--provider",
                "maileon",
                "--base-url",
                "http://api.maileon.com",
            ],
            "plain HTTP",
        ),
        (
            ["profiles", "add", "x", "--provider", "maileon", "--key-expires", "2001-01-01"],
            "not in the future",
        ),
        (
            ["profiles", "add", "x", "--provider", "maileon", "--rights", "create,admin"],
            "unknown right: admin",
        ),
        (
            ["profiles", "add", "x", "--provider", "maileon", "--newsletter", "A"],
            "do not apply to a maileon profile",
        ),
        (["profiles", "add", "Bad Name", "--provider", "maileon"], "profile name"),
    ],
)
def test_bad_input_is_refused_with_exit_2_and_nothing_stored(
    capsys: pytest.CaptureFixture[str], isolated_home: Path, argv: list[str], fragment: str
) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert fragment in err
    assert not (isolated_home / "profiles.toml").exists()


def test_corrupt_profiles_file_exit_2_and_file_untouched(
    capsys: pytest.CaptureFixture[str], isolated_home: Path
) -> None:
    isolated_home.mkdir()
    path = isolated_home / "profiles.toml"
    path.write_text("[profiles.acme\nprovider = 1\n")
    code, _, err = run(capsys, "profiles", "list")
    assert code == 2
    assert "line 1" in err
    code, _, _ = run(capsys, "profiles", "add", "x", "--provider", "maileon")
    assert code == 2
    assert path.read_text() == "[profiles.acme\nprovider = 1\n"


def test_secrets_set_status_delete_never_show_values(
    capsys: pytest.CaptureFixture[str],
    isolated_home: Path,
    memory_keyring: dict[tuple[str, str], str],
) -> None:
    run(capsys, "profiles", "add", "acme", "--provider", "maileon")
    code, out, err = run(
        capsys, "secrets", "set", "acme", "api_key", stdin=f"Authorization: Basic {KEY_B64}\n"
    )
    assert code == 0
    assert "decoded to the raw key" in out
    assert memory_keyring[("nlconsole", "acme:api_key")] == KEY

    code, out, _ = run(capsys, "secrets", "status", "acme", "--json")
    status = json.loads(out)
    assert status["fields"]["api_key"] == {"present": True, "required": True}
    assert status["fields"]["test_api_key"] == {"present": False, "required": False}

    code, out, _ = run(capsys, "secrets", "status", "acme")
    assert "present" in out
    assert "missing" in out

    everything = out + err + (isolated_home / "profiles.toml").read_text()
    assert KEY not in everything
    assert KEY_B64 not in everything

    code, out, _ = run(capsys, "secrets", "delete", "acme", "api_key")
    assert "api_key: deleted" in out
    assert memory_keyring == {}


def test_secrets_set_rejects_bad_value_and_keeps_the_old_one(
    capsys: pytest.CaptureFixture[str], memory_keyring: dict[tuple[str, str], str]
) -> None:
    run(capsys, "profiles", "add", "verlag", "--provider", "newsletter2go")
    run(capsys, "secrets", "set", "verlag", "auth_key", stdin="abc_def:gh#i\n")
    code, out, err = run(capsys, "secrets", "set", "verlag", "auth_key", stdin="no-colon-here\n")
    assert code == 2
    assert "has no ':'" in err
    assert "no-colon-here" not in out + err
    assert memory_keyring[("nlconsole", "verlag:auth_key")] == "abc_def:gh#i"


def test_secrets_for_unknown_field_or_profile(
    capsys: pytest.CaptureFixture[str], memory_keyring: dict[tuple[str, str], str]
) -> None:
    run(capsys, "profiles", "add", "acme", "--provider", "maileon")
    code, _, err = run(capsys, "secrets", "set", "acme", "password", stdin="x")
    assert code == 2
    assert "fields: api_key, test_api_key" in err
    code, _, err = run(capsys, "secrets", "status", "nobody")
    assert code == 2
    assert "no profile named 'nobody'" in err


def test_no_keyring_gives_exit_2_with_fixes(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "profiles", "add", "acme", "--provider", "maileon")
    code, out, err = run(capsys, "secrets", "set", "acme", "api_key", stdin=KEY)
    assert code == 2
    assert "no secure keyring is available (keyring backend: keyring.backends.fail.Keyring)" in err
    assert "Traceback" not in err
    assert KEY not in out + err


def test_profiles_remove_also_deletes_secrets(
    capsys: pytest.CaptureFixture[str], memory_keyring: dict[tuple[str, str], str]
) -> None:
    run(capsys, "profiles", "add", "acme", "--provider", "maileon")
    run(capsys, "secrets", "set", "acme", "api_key", stdin=KEY)
    code, out, _ = run(capsys, "profiles", "remove", "acme")
    assert code == 0
    assert "its secrets (api_key)" in out
    assert memory_keyring == {}


def test_profiles_remove_keeps_profile_when_keyring_fails(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run(capsys, "profiles", "add", "acme", "--provider", "maileon")
    code, _, err = run(capsys, "profiles", "remove", "acme")
    assert code == 2
    assert "was not removed" in err
    code, _, _ = run(capsys, "profiles", "show", "acme")
    assert code == 0


def test_home_option_overrides_environment(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    other = tmp_path / "elsewhere"
    run(capsys, "--home", str(other), "profiles", "add", "acme", "--provider", "maileon")
    assert (other / "profiles.toml").exists()


def test_sandbox_refuses_a_non_loopback_host(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "sandbox", "--host", "0.0.0.0")  # noqa: S104 (refused)
    assert code == 2
    assert "refusing to bind the sandbox to 0.0.0.0" in err
    code, _, err = run(capsys, "sandbox", "--fault", "meteor:share=1")
    assert code == 2
    assert "fault kind must be one of" in err


def test_language_option_before_or_after_demo() -> None:
    from nlconsole.cli import build_parser
    from nlconsole.i18n import Translator

    parser = build_parser(Translator.for_language("en"))
    assert parser.parse_args(["--lang", "de", "demo"]).lang == "de"
    assert parser.parse_args(["demo", "--lang", "en"]).lang == "en"
    assert getattr(parser.parse_args(["demo"]), "lang", None) is None


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_provider_error_escaping_a_command_is_a_message_and_exit_2(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    isolated_home: Path,
    language: str,
) -> None:
    """Provider errors share the one error base: no command turns them into a traceback."""
    from nlconsole.cli import status_cmd
    from nlconsole.providers.base import NetworkError

    def unreachable(context: object, args: object) -> int:
        raise NetworkError(_("{host} refused the connection", host="api.example"), reason="x")

    monkeypatch.setattr(status_cmd, "_status", unreachable)
    assert main(["--lang", language, "status"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    expected = "api.example refused the connection"
    assert (expected in err) == (language == "en")
    assert "api.example" in err

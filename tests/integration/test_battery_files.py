"""The bad-input battery, files: a profiles.toml or keymap.toml that is broken, contrived or
hostile is refused with a message naming the file and the problem, and never rewritten."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from nlconsole.cli import main
from nlconsole.core.keymap import load_keymap

GOOD = b'[profiles.acme]\nprovider = "maileon"\n'
NOT_TOML = "is not valid TOML"
TOO_DEEP = "is nested too deeply or is too large to read"
INVALID = "profile 'acme' is invalid"
Setup = Callable[[Path], None]


def content(data: bytes) -> Setup:
    def write(path: Path) -> None:
        path.write_bytes(data)
        path.chmod(0o600)

    return write


def fifo(path: Path) -> None:
    os.mkfifo(path, 0o600)


def directory(path: Path) -> None:
    path.mkdir(mode=0o700)


def dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def loop(path: Path) -> None:
    path.symlink_to(path)


def profile(body: bytes) -> bytes:
    return GOOD + body


HOSTILE: list[tuple[str, Setup, str]] = [
    ("unclosed table", content(b"[profiles.acme\nprovider = maileon"), NOT_TOML),
    ("binary", content(b"\xff\xfe\x00\x01garbage"), "is not UTF-8 text"),
    ("utf-16", content('[profiles.acme]\nprovider = "x"\n'.encode("utf-16")), "is not UTF-8"),
    ("deep array", content(b"a = " + b"[" * 50000 + b"]" * 50000), TOO_DEEP),
    ("deep table", content(b"a = " + b"{b = " * 5000 + b"1" + b"}" * 5000), TOO_DEEP),
    ("9 MiB", content(b"# " + b"x" * (9 * 1024 * 1024) + b"\n"), "is larger than 8 MiB"),
    ("duplicate key", content(profile(b'provider = "maileon"\n')), NOT_TOML),
    (
        "url with CRLF",
        content(profile(b'base_url = "https://x.com/1.0\\r\\nX-Evil: 1"\n')),
        "contains a control character or white space",
    ),
    (
        "url port",
        content(profile(b'base_url = "https://x.com:99999/1.0"\n')),
        "has an invalid port",
    ),
    ("url ipv6", content(profile(b'base_url = "https://[::1/1.0"\n')), "is not an http(s) URL"),
    (
        "plain http",
        content(profile(b'base_url = "http://evil.example.com/1.0"\n')),
        "uses plain HTTP",
    ),
    ("unknown provider", content(b'[profiles.acme]\nprovider = "mailchimp"\n'), INVALID),
    ("bad name", content(b'[profiles."../etc"]\nprovider = "maileon"\n'), "is invalid: name"),
    ("profiles not a table", content(b"profiles = 5\n"), "'profiles' must be a table"),
    ("profile not a table", content(b'[profiles]\nacme = "maileon"\n'), "must be a table"),
    (
        "wrong type",
        content(b'[profiles.acme]\nprovider = "newsletter2go"\nnewsletter2go = 5\n'),
        INVALID,
    ),
    (
        "bad last check",
        content(profile(b'[profiles.acme.last_check]\nat = "yesterday"\noutcome = "great"\n')),
        INVALID,
    ),
    ("fifo", fifo, "is not a regular file"),
    ("directory", directory, "is not a regular file"),
    ("symlink to /dev/zero", dev_zero, "is not a regular file"),
    ("symlink loop", loop, "is a symlink loop"),
]
COMMANDS: list[tuple[list[str], str | None]] = [
    (["profiles", "list"], None),
    (["profiles", "add", "x", "--provider", "maileon"], None),
    (["profiles", "remove", "acme"], None),
    (["secrets", "set", "acme", "api_key"], "a1b2c3d4-e5f6-4789-abcd-ef0123456789"),
]
FILE_CASES = [
    pytest.param(setup, argv, stdin, message, id=f"{label}: {' '.join(argv[:2])}")
    for label, setup, message in HOSTILE
    for argv, stdin in COMMANDS
]


def snapshot(path: Path) -> tuple[str, bytes | None]:
    """What is at `path` (kind and, for a regular file, its bytes), without opening a FIFO."""
    if path.is_symlink():
        return "symlink", os.readlink(path).encode()
    if path.is_dir():
        return "dir", None
    if path.is_fifo():
        return "fifo", None
    return "file", path.read_bytes()


@pytest.mark.parametrize(("setup", "argv", "stdin", "message"), FILE_CASES)
def test_a_hostile_profiles_file_is_refused_and_left_alone(
    setup: Setup,
    argv: list[str],
    stdin: str | None,
    message: str,
    isolated_home: Path,
    memory_keyring: dict[tuple[str, str], str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    isolated_home.mkdir(mode=0o700)
    path = isolated_home / "profiles.toml"
    setup(path)
    memory_keyring[("nlconsole:acme", "api_key")] = "kept"
    before = snapshot(path), dict(memory_keyring)
    sys.stdin = io.StringIO(stdin or "")
    try:
        code = main(argv)
    finally:
        sys.stdin = sys.__stdin__
    out, err = capsys.readouterr()
    assert code == 2, out + err
    assert message in err
    assert "profiles.toml" in err
    assert "Traceback" not in err
    assert (snapshot(path), dict(memory_keyring)) == before
    leftovers = {p.name for p in isolated_home.iterdir()} - {"profiles.toml", "profiles.toml.lock"}
    assert leftovers == set()


KEYMAP_CASES = [
    pytest.param(setup, message, id=label)
    for label, setup, message in [
        *((label, setup, message) for label, setup, message in HOSTILE[:6]),
        ("number", content(b'"profile.check" = 1\n'), "must map to keys such as"),
        ("empty keys", content(b'"profile.check" = "  "\n'), "must map to keys such as"),
        ("table", content(b'[profile]\ncheck = "ctrl+k"\n'), "must map to keys such as"),
        ("list", content(b'"profile.check" = ["ctrl+k"]\n'), "must map to keys such as"),
        ("fifo", fifo, "is not a regular file"),
        ("directory", directory, "is not a regular file"),
        ("symlink to /dev/zero", dev_zero, "is not a regular file"),
    ]
]


@pytest.mark.parametrize(("setup", "message"), KEYMAP_CASES)
def test_a_hostile_keymap_is_reported_and_ignored(
    setup: Setup, message: str, tmp_path: Path
) -> None:
    path = tmp_path / "keymap.toml"
    setup(path)
    before = snapshot(path)
    keymap = load_keymap(tmp_path)
    problems = " ".join(str(p) for p in keymap.problems)
    assert message in problems
    assert "keymap.toml" in problems
    assert snapshot(path) == before

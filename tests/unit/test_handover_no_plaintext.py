"""Importing a hand-over leaves no plaintext behind: not in the config dir, not in a temp dir,
not in any file the process holds open while the values are in memory."""

from __future__ import annotations

import io
import os
import sys
import tempfile
from pathlib import Path

import pytest

from nlconsole.cli import main
from tests.support.memory_keyring import MemoryKeyring
from tests.support.zips import seven_zip

PASSWORD = "Zip-Passwort-42!x"
SECRET = "PlainSecret-7f3a9c0e-handover:value#1"
USER = "plaintext-check@example.com"
PW = "Sehr-Geheim-Passwort-8c2d"


def open_files() -> dict[str, str]:
    """fd → target of every descriptor this process holds open."""
    targets = {}
    for fd in os.listdir("/proc/self/fd"):
        try:
            targets[fd] = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue  # the descriptor listdir itself used, already closed
    return targets


def files_holding(root: Path, needles: list[bytes]) -> list[Path]:
    found = []
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            if any(needle in data for needle in needles):
                found.append(path)
    return found


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc (Linux)")
def test_import_leaves_no_plaintext_on_disk_or_in_open_files(
    tmp_path: Path,
    isolated_home: Path,
    memory_keyring: dict[tuple[str, str], str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    document = (
        '[handover]\nformat = "nlconsole-handover/1"\nprovider = "newsletter2go"\n'
        f'[secrets]\nauth_key = "{SECRET}"\nusername = "{USER}"\npassword = "{PW}"\n'
    ).encode()
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    archive = seven_zip(incoming / "uebergabe.zip", {"zugangsdaten.toml": document}, PASSWORD)
    needles = [SECRET.encode(), PW.encode(), b"Sehr-Geheim", b"PlainSecret"]
    assert not files_holding(incoming, needles), "the zip itself holds ciphertext only"

    private_temp = tmp_path / "temp"
    private_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private_temp))
    monkeypatch.setenv("TMPDIR", str(private_temp))
    system_temp = Path("/tmp")
    system_before = set(os.listdir(system_temp))
    assert main(["profiles", "add", "peiq", "--provider", "newsletter2go"]) == 0
    incoming_before = set(os.listdir(incoming))
    fds_before = open_files()

    seen_while_storing: list[dict[str, str]] = []
    original_set = MemoryKeyring.set_password

    def set_password(self: MemoryKeyring, service: str, username: str, password: str) -> None:
        seen_while_storing.append(open_files())  # the plaintext is in memory right now
        original_set(self, service, username, password)

    monkeypatch.setattr(MemoryKeyring, "set_password", set_password)
    sys.stdin = io.StringIO(PASSWORD + "\n")
    try:
        code = main(["handover", "import", "peiq", str(archive), "--yes"])
    finally:
        sys.stdin = sys.__stdin__
    out, err = capsys.readouterr()
    assert code == 0, err
    assert memory_keyring[("nlconsole", "peiq:auth_key")] == SECRET
    assert len(seen_while_storing) == 3

    for snapshot in seen_while_storing:
        new = {fd: target for fd, target in snapshot.items() if fds_before.get(fd) != target}
        opened_files = [t for t in new.values() if t.startswith("/") and Path(t).is_file()]
        assert opened_files == [], f"files open while storing: {opened_files}"
    assert not files_holding(isolated_home, needles), "plaintext in the config dir"
    assert list(private_temp.iterdir()) == [], "something was written to the temp dir"
    for name in set(os.listdir(system_temp)) - system_before:
        path = system_temp / name
        if path.is_file():
            assert not any(n in path.read_bytes() for n in needles), f"plaintext in {path}"
    assert set(os.listdir(incoming)) == incoming_before, "nothing is extracted beside the zip"
    assert SECRET not in out + err
    assert PW not in out + err

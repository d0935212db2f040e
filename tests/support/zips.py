"""Hand-over zips as customers make them: with the real `7z` (Debian p7zip-full), or crafted
with pyzipper for the hostile cases 7z would never produce (odd names, lying headers)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import pyzipper


def require_7z() -> str:
    """The 7z program; skips without it (fails in CI, which installs p7zip-full)."""
    program = shutil.which("7z")
    if program is None:
        if os.environ.get("CI"):
            pytest.fail("7z is not installed; CI must install p7zip-full")
        pytest.skip("7z not installed (apt: p7zip-full)")
    return program


def seven_zip(
    dest: Path, files: dict[str, bytes], password: str | None, *, aes: bool = True
) -> Path:
    """Zip `files` with 7z: AES-256 (`-mem=AES256`), legacy ZipCrypto, or no password."""
    program = require_7z()
    source = dest.parent / f"{dest.stem}-src"
    source.mkdir()
    for name, content in files.items():
        (source / name).write_bytes(content)
    command = [program, "a", "-tzip", str(dest), *files]
    if password is not None:
        command.insert(3, f"-p{password}")
        if aes:
            command.insert(3, "-mem=AES256")
    subprocess.run(command, cwd=source, check=True, capture_output=True)
    shutil.rmtree(source)
    return dest


def crafted_zip(dest: Path, entries: dict[str, bytes], password: str | None) -> Path:
    """An AES zip with entry names exactly as given (7z would clean them up)."""
    buffer = io.BytesIO()
    encryption = pyzipper.WZ_AES if password else None
    with pyzipper.AESZipFile(
        buffer, "w", compression=pyzipper.ZIP_DEFLATED, encryption=encryption
    ) as archive:
        if password:
            archive.setpassword(password.encode())
        for name, content in entries.items():
            archive.writestr(name, content)
    dest.write_bytes(buffer.getvalue())
    return dest

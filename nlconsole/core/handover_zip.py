"""Password-protected zips, read and written in memory only.

A hand-over zip carries plaintext credentials once it is decrypted, so nothing here ever
extracts to disk: the archive is read into memory (capped), its one member is decrypted into
memory (capped again, whatever the header claims), and an exported archive is built in memory
(the caller writes it atomically with mode 0600). Every entry name is checked before anything
is read, so an archive that would escape a directory (`../`, absolute paths, backslashes) is
refused as a whole. Only Stored and Deflate members are read: the other methods' decompressors
cannot be bounded per call, so a tiny bzip2 member could expand to gigabytes in one step.

pyzipper (a zipfile fork) reads WinZip AES (what 7-Zip and WinZip make) and legacy ZipCrypto;
the standard library reads ZipCrypto only and writes neither.
"""

from __future__ import annotations

import enum
import io
import os
import stat
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pyzipper

from nlconsole.errors import NLConsoleError
from nlconsole.i18n import Msg, _, joined

MAX_ARCHIVE_BYTES = 1024 * 1024
"""A hand-over zip holds one small text file; a megabyte is far beyond any real one."""
MAX_ENTRY_BYTES = 64 * 1024
"""The filled-in template is about 2 KB; this caps declared AND actually decompressed bytes."""
MAX_ENTRIES = 32
_READ_CHUNK = 4096
_IGNORED_PREFIXES = ("__MACOSX/",)
_IGNORED_NAMES = (".DS_Store", "Thumbs.db", "desktop.ini")
_READABLE_METHODS = (pyzipper.ZIP_STORED, pyzipper.ZIP_DEFLATED)
_MALFORMED = (
    pyzipper.BadZipFile,
    pyzipper.LargeZipFile,
    EOFError,
    LookupError,
    NotImplementedError,
    OverflowError,
    ValueError,
    struct.error,
    zlib.error,
)
"""What the zip reader raises for damaged or hostile archives (found by fuzzing byte flips)."""
_BAD_PASSWORD = (RuntimeError, pyzipper.BadZipFile, zlib.error, EOFError)
"""What a wrong password ends in: the check bytes differ, or (by chance they match) the
decrypted stream fails to inflate or its HMAC/CRC does not match."""


class HandoverError(NLConsoleError):
    """A hand-over file that cannot be used; nothing was stored. Never contains a value."""


class Encryption(enum.Enum):
    """How the hand-over member of a zip is protected."""

    AES = "aes"
    ZIPCRYPTO = "zipcrypto"
    NONE = "none"


@dataclass(frozen=True)
class Sealed:
    """A checked archive in memory: its one candidate member and how it is encrypted."""

    data: bytes
    member: str
    encryption: Encryption
    aes_bits: int | None = None


def read_archive(path: Path) -> bytes:
    """The bytes of the zip at `path`: a regular file, at most MAX_ARCHIVE_BYTES."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise _not_a_zip(path)
        fd = os.open(path, flags)
    except FileNotFoundError as exc:
        raise HandoverError(
            _("{path} does not exist", path=str(path)), _("Check the path of the zip file.")
        ) from exc
    except OSError as exc:
        raise HandoverError(
            _("cannot read {path}: {reason}", path=str(path), reason=exc.strerror or str(exc))
        ) from exc
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _not_a_zip(path)
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_ARCHIVE_BYTES:
            chunk = os.read(fd, 64 * 1024)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > MAX_ARCHIVE_BYTES:
        raise HandoverError(
            _(
                "{path} is larger than {limit} KiB, far more than a hand-over zip holds",
                path=str(path),
                limit=MAX_ARCHIVE_BYTES // 1024,
            ),
            _("Ask for a zip that contains only the filled-in hand-over file."),
        )
    return b"".join(chunks)


def inspect_archive(data: bytes, label: str) -> Sealed:
    """Check every entry (names, sizes, methods) without decrypting anything; return the one
    candidate member. `label` names the archive in messages."""
    archive = _open(data, label)
    with archive:
        infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise HandoverError(
            _("{path} has {count} entries; a hand-over zip has one", path=label, count=len(infos)),
            _("Ask for a zip that contains only the filled-in hand-over file."),
        )
    for info in infos:
        _check_name(info, label)
    candidates = [info for info in infos if not info.is_dir() and not _ignored(info.filename)]
    if not candidates:
        raise HandoverError(
            _("{path} contains no file", path=label),
            _("Ask for a zip that contains the filled-in hand-over file."),
        )
    if len(candidates) > 1:
        raise HandoverError(
            _(
                "{path} contains several files ({names}); which one is the hand-over file is "
                "unclear",
                path=label,
                names=joined([info.filename for info in candidates]),
            ),
            _("Ask for a zip that contains only the filled-in hand-over file."),
        )
    info = candidates[0]
    if info.file_size > MAX_ENTRY_BYTES or info.compress_size > MAX_ARCHIVE_BYTES:
        raise HandoverError(
            _(
                "{name} in {path} claims {size} bytes; a hand-over file has at most {limit}",
                name=info.filename,
                path=label,
                size=info.file_size,
                limit=MAX_ENTRY_BYTES,
            ),
            _("Nothing was extracted. Ask for a zip of the filled-in template only."),
        )
    if info.compress_type not in _READABLE_METHODS:
        raise HandoverError(
            _(
                "{name} in {path} uses a compression method nlconsole does not read (method "
                "{method})",
                name=info.filename,
                path=label,
                method=info.compress_type,
            ),
            _("Zip the file again with the default method (Deflate) or without compression."),
        )
    aes_version = getattr(info, "wz_aes_version", None)
    if aes_version is not None:
        strength = getattr(info, "wz_aes_strength", None)
        bits = {1: 128, 2: 192, 3: 256}.get(strength or 0)
        return Sealed(data, info.filename, Encryption.AES, bits)
    encrypted = bool(info.flag_bits & 0x1)
    return Sealed(data, info.filename, Encryption.ZIPCRYPTO if encrypted else Encryption.NONE)


def read_member(sealed: Sealed, password: str | None, label: str) -> bytes:
    """Decrypt the candidate member into memory; raise HandoverError for a wrong password or
    a member larger than MAX_ENTRY_BYTES (counted while reading, whatever its header says)."""
    attempts = _password_forms(password) if sealed.encryption is not Encryption.NONE else [None]
    for attempt in attempts:
        try:
            return _read_capped(sealed, attempt, label)
        except _BAD_PASSWORD:
            if sealed.encryption is Encryption.NONE:
                raise _damaged(label) from None
            continue
        except _MALFORMED:
            raise _damaged(label) from None
    raise HandoverError(
        _("wrong password for {path} (or the file is damaged)", path=label),
        _(
            "Check the password with the sender (by phone, not in the same e-mail); nothing was "
            "stored."
        ),
    )


def seal(member: str, content: bytes, password: str) -> bytes:
    """An AES-256 zip with one Deflate member, built in memory."""
    buffer = io.BytesIO()
    with pyzipper.AESZipFile(
        buffer, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
    ) as archive:
        archive.setpassword(password.encode("utf-8"))
        archive.setencryption(pyzipper.WZ_AES, nbits=256)
        archive.writestr(member, content)
    return buffer.getvalue()


def _open(data: bytes, label: str) -> pyzipper.AESZipFile:
    try:
        return pyzipper.AESZipFile(io.BytesIO(data))
    except _MALFORMED as exc:
        raise _not_a_zip(label) from exc


def _damaged(label: str) -> HandoverError:
    return HandoverError(
        _("{path} is damaged: its file cannot be read", path=label),
        _("Ask for the zip again; nothing was stored."),
    )


def _read_capped(sealed: Sealed, password: bytes | None, label: str) -> bytes:
    with pyzipper.AESZipFile(io.BytesIO(sealed.data)) as archive:
        if password is not None:
            archive.setpassword(password)
        with archive.open(sealed.member) as member:
            chunks: list[bytes] = []
            size = 0
            while chunk := member.read(_READ_CHUNK):
                size += len(chunk)
                if size > MAX_ENTRY_BYTES:
                    raise HandoverError(
                        _(
                            "{name} in {path} unpacks to more than {limit} bytes; a hand-over "
                            "file is far smaller",
                            name=sealed.member,
                            path=label,
                            limit=MAX_ENTRY_BYTES,
                        ),
                        _("Nothing was stored. Ask for a zip of the filled-in template only."),
                    )
                chunks.append(chunk)
    return b"".join(chunks)


def _password_forms(password: str | None) -> list[bytes]:
    """7-Zip and WinZip encode AES passwords as UTF-8; older tools encode ZipCrypto passwords
    in the Windows code pages, so an 'ä' differs. Each distinct form is tried."""
    if not password:
        return [b""]
    forms: list[bytes] = []
    for encoding in ("utf-8", "cp1252", "cp850", "cp437"):
        try:
            form = password.encode(encoding)
        except UnicodeEncodeError:
            continue
        if form not in forms:
            forms.append(form)
    return forms


def _check_name(info: pyzipper.ZipInfo, label: str) -> None:
    raw = str(getattr(info, "orig_filename", info.filename))
    name = info.filename
    problem: Msg | None = None
    if "\\" in raw or "\\" in name:
        problem = _("it contains a backslash")
    elif raw.startswith("/") or name.startswith("/") or (len(raw) > 1 and raw[1] == ":"):
        problem = _("it is an absolute path")
    elif ".." in PurePosixPath(name).parts:
        problem = _("it leads out of the folder ('..')")
    elif "\x00" in raw or any(not ch.isprintable() for ch in name):
        problem = _("it contains control characters")
    if problem is not None:
        raise HandoverError(
            _(
                "{path} contains an entry with an unsafe name ('{name}'): {problem}",
                path=label,
                name=name[:80].encode("unicode_escape").decode("ascii"),
                problem=problem,
            ),
            _("Nothing was extracted. Ask for a zip made from the hand-over file alone."),
        )


def _ignored(name: str) -> bool:
    return name.startswith(_IGNORED_PREFIXES) or PurePosixPath(name).name in _IGNORED_NAMES


def _not_a_zip(label: Path | str) -> HandoverError:
    return HandoverError(
        _("{path} is not a zip file", path=str(label)),
        _("Choose the password-protected .zip you received."),
    )

"""The hand-over core without the CLI: size caps while reading, lying headers, document parsing
and the template of every provider kit."""

from __future__ import annotations

import io
import struct
import tomllib
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlconsole.cli import main
from nlconsole.core import handover_zip
from nlconsole.core.handover import parse_document, render_template
from nlconsole.core.handover_zip import Encryption, HandoverError, Sealed, read_member, seal
from nlconsole.core.kit import all_kits, kit_for
from nlconsole.core.models import ProviderKind
from nlconsole.i18n import ENGLISH, Translator

KEY = "a1b2c3d4-e5f6-4789-abcd-ef0123456789"
HEAD = '[handover]\nformat = "nlconsole-handover/1"\nprovider = "maileon"\n[secrets]\n'


def test_bytes_actually_read_are_capped_whatever_the_header_says(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = seal("z.toml", b"x" * 5000, "Kennwort-1234")
    monkeypatch.setattr(handover_zip, "MAX_ENTRY_BYTES", 1000)
    sealed = Sealed(data, "z.toml", Encryption.AES, 256)  # as if the declared size had passed
    with pytest.raises(HandoverError) as caught:
        read_member(sealed, "Kennwort-1234", "in.zip")
    assert "unpacks to more than 1000 bytes" in str(caught.value)


def test_a_header_that_understates_the_size_reads_no_more_than_it_claims(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], memory_keyring: dict[tuple[str, str], str]
) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("z.toml", (HEAD + f'api_key = "{KEY}"\n').encode() + b"\0" * 10_000_000)
    data = bytearray(buffer.getvalue())
    central = data.rindex(b"PK\x01\x02")
    struct.pack_into("<I", data, 22, 100)  # local header: uncompressed size
    struct.pack_into("<I", data, central + 24, 100)  # central directory: uncompressed size
    archive_path = tmp_path / "liar.zip"
    archive_path.write_bytes(bytes(data))
    assert main(["profiles", "add", "acme", "--provider", "maileon"]) == 0
    code = main(["handover", "import", "acme", str(archive_path), "--yes", "--allow-unencrypted"])
    err = capsys.readouterr().err
    assert code == 2
    assert "is damaged" in err
    assert memory_keyring == {}


def test_a_bzip2_member_is_refused_before_decompressing() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_BZIP2) as archive:
        archive.writestr("z.toml", b"\0" * 1000)
    with pytest.raises(HandoverError) as caught:
        handover_zip.inspect_archive(buffer.getvalue(), "in.zip")
    assert "compression method nlconsole does not read (method 12)" in str(caught.value)


def test_documents_saved_by_windows_editors_are_read() -> None:
    text = HEAD + f'api_key = "{KEY}"\n'
    for content in (
        ("\ufeff" + text).encode("utf-8"),
        text.replace("\n", "\r\n").encode("utf-8"),
        ("\ufeff" + text).encode("utf-16-le"),
    ):
        (item,) = parse_document(content, kit_for("maileon"), "z.toml")
        assert item.parsed.value.get_secret_value() == KEY


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (HEAD.replace("maileon", "newsletter2go") + 'auth_key = "a:b"\n', "another provider"),
        (HEAD + "api_key = 42\n", "api_key: the value must be text in quotes"),
        (HEAD + f"api_key = {KEY}\n", "not in the template's format (line 5)"),
        (HEAD + f'api_key = "{KEY}"\n[extra]\n', "sections [handover] and [secrets] only"),
        (HEAD + f'api_key = "{KEY}"\n"{KEY}" = ""\n', "does not have: entries with other names"),
        (HEAD + 'api_key = "zu-kurz"\n', "api_key: this does not look like a Maileon API key"),
    ],
)
def test_document_problems_name_the_field_never_the_value(document: str, expected: str) -> None:
    with pytest.raises(HandoverError) as caught:
        parse_document(document.encode(), kit_for("maileon"), "z.toml")
    message = str(caught.value)
    assert expected in message
    assert KEY not in message
    assert "zu-kurz" not in message


@pytest.mark.parametrize("kind", [kit.kind for kit in all_kits()])
def test_every_template_parses_lists_every_field_and_is_german(kind: ProviderKind) -> None:
    kit = kit_for(kind)
    german_translator = Translator.for_language("de")
    german = render_template(kit, "acme", german_translator)
    document = tomllib.loads(german)
    assert document["handover"]["provider"] == kind.value
    assert document["secrets"] == {field.name: "" for field in kit.secret_fields}
    assert german != render_template(kit, "acme", ENGLISH)
    for field in kit.secret_fields:
        assert field.where is not None, "the template says where each value is found"
        assert german_translator(field.where) != ENGLISH(field.where)


FUZZ_PASSWORD = "Kennwort-1234"
FUZZ_BASE = seal("z.toml", (HEAD + f'api_key = "{KEY}"\n').encode() * 3, FUZZ_PASSWORD)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, len(FUZZ_BASE) - 1), st.integers(0, 255)),
        min_size=1,
        max_size=4,
    )
)
def test_a_damaged_or_hostile_zip_ends_in_a_message_never_a_traceback(
    flips: list[tuple[int, int]],
) -> None:
    data = bytearray(FUZZ_BASE)
    for offset, value in flips:
        data[offset] = value
    message = ""
    try:
        sealed = handover_zip.inspect_archive(bytes(data), "in.zip")
        read_member(sealed, FUZZ_PASSWORD, "in.zip")
    except HandoverError as exc:
        message = str(exc)
    assert KEY not in message

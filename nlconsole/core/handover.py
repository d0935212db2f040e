"""Credential hand-over: the customer's fill-in file, read back from a password-protected zip.

The customer gets a small TOML template (German comments: where each value is found, how to
zip it with a password), fills it in, zips it with a password and sends it. `inspect_zip`
checks the zip's structure before a password is asked for; `open_sealed` decrypts it in memory
(`handover_zip`), parses every value with the kit's own field parser (the same paste-tolerant
forms as the credentials screen) and returns what it recognised; the caller stores it after
confirmation. Nothing of the plaintext touches disk, and no message
ever repeats a value. `export_handover` builds the same document with values, for a colleague.
"""

from __future__ import annotations

import re
import textwrap
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import SecretStr

from nlconsole.core.config_files import atomic_write
from nlconsole.core.credentials import CredentialError, ParsedSecret
from nlconsole.core.handover_zip import (
    Encryption,
    HandoverError,
    Sealed,
    inspect_archive,
    read_archive,
    read_member,
    seal,
)
from nlconsole.core.kit import ProviderKit, SecretField
from nlconsole.core.secrets import SecretStore
from nlconsole.i18n import Msg, Text, Translator, _, joined

FORMAT = "nlconsole-handover/1"
MEMBER_NAME = "zugangsdaten.toml"
_WIDTH = 96
_LEAD_RE = re.compile(r" *(\d+\. +)?")
_LINE_RE = re.compile(r"at line (\d+)")
_PLAIN_KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,30}$")
_NOT_TEMPLATE_FIX = _(
    "Ask the sender to fill in the template made by 'nlconsole handover template' and to put "
    "each value in quotes; nothing was stored."
)


@dataclass(frozen=True)
class ImportedField:
    """One recognised value of a hand-over file (shown by its form, never by its value)."""

    field: SecretField
    parsed: ParsedSecret


@dataclass(frozen=True)
class Handover:
    """What a hand-over zip held: the recognised fields and how the zip was protected."""

    fields: tuple[ImportedField, ...]
    encryption: Encryption
    warnings: tuple[Text, ...]

    def values(self) -> dict[str, SecretStr]:
        """Field name → value, for the secret store."""
        return {item.field.name: item.parsed.value for item in self.fields}


def render_template(
    kit: ProviderKit, profile: str, translate: Translator, filename: str = MEMBER_NAME
) -> str:
    """The fill-in file for the customer: every secret field, empty, with German comments."""
    return render_document(kit, profile, translate, {}, filename)


def render_document(
    kit: ProviderKit,
    profile: str,
    translate: Translator,
    values: Mapping[str, str],
    filename: str = MEMBER_NAME,
) -> str:
    """The hand-over document; `values` fills fields (export), empty for the template."""
    t = translate
    header: list[Text] = [
        _(
            "nlconsole credential hand-over for profile '{profile}' ({provider}, fed by {vendor})",
            profile=profile,
            provider=kit.title,
            vendor=kit.vendor,
        ),
        "",
        _('1. Write each value between the quotes, e.g. name = "value".'),
        _(
            '   If a value contains " or \\, put it between three single quotes instead: '
            "name = '''value'''."
        ),
        _("2. Save the file (UTF-8; keep its name)."),
        _("3. Put the file into a password-protected zip:"),
        _(
            "   Windows (7-Zip): right-click the file → 7-Zip → Add to archive…, archive format "
            "'zip', encryption method 'AES-256', enter a password."
        ),
        _(
            "   macOS/Linux: {aes} (asks for the password), or {zip} (weaker ZipCrypto).",
            aes=f"7z a -tzip -mem=AES256 -p zugangsdaten.zip {filename}",
            zip=f"zip -e zugangsdaten.zip {filename}",
        ),
        _("4. Send the zip by e-mail and the password by another channel (e.g. by phone)."),
        _("5. Then delete the unencrypted file."),
        "",
        _("Do not change the lines below [handover]."),
    ]
    lines = [_comment(t(text)) for text in header]
    lines += ["", "[handover]", tomli_w.dumps({"format": FORMAT, "provider": kit.kind.value})]
    lines.append("[secrets]")
    for field in kit.secret_fields:
        need = _("required") if field.required else _("optional")
        lines.append(
            _comment(
                t(_("{label} ({need}): {help}", label=field.label, need=need, help=field.help))
            )
        )
        if field.where is not None:
            lines.append(_comment(t(field.where)))
        lines.append(tomli_w.dumps({field.name: values.get(field.name, "")}))
    return "\n".join(lines)


def open_sealed(sealed: Sealed, path: Path, kit: ProviderKit, password: str | None) -> Handover:
    """Decrypt (in memory) and parse a zip checked by `inspect_zip`; raise HandoverError for
    anything that cannot be used. `password` may be None for an unencrypted zip."""
    content = read_member(sealed, password, str(path))
    fields = parse_document(content, kit, f"{path}:{sealed.member}")
    return Handover(fields, sealed.encryption, encryption_warnings(sealed.encryption))


def inspect_zip(path: Path, *, allow_unencrypted: bool) -> Sealed:
    """Check the zip's structure before any password is asked for."""
    sealed = inspect_archive(read_archive(path), str(path))
    if sealed.encryption is Encryption.NONE and not allow_unencrypted:
        raise HandoverError(
            _(
                "{path} is not password-protected: its credentials travelled in plain text",
                path=str(path),
            ),
            _(
                "Ask the sender for a password-protected zip (AES-256), or import it anyway "
                "with --allow-unencrypted and have the credentials changed afterwards."
            ),
        )
    return sealed


def encryption_warnings(encryption: Encryption) -> tuple[Text, ...]:
    """What to tell a person about how the zip was protected."""
    if encryption is Encryption.ZIPCRYPTO:
        return (
            _(
                "The zip uses the legacy ZipCrypto encryption, which is weak and can be broken. "
                "Next time ask for AES-256 (7-Zip: encryption method 'AES-256')."
            ),
        )
    if encryption is Encryption.NONE:
        return (
            _(
                "The zip was not password-protected: anyone who saw it has these credentials. "
                "Consider having them changed."
            ),
        )
    return ()


def parse_document(content: bytes, kit: ProviderKit, label: str) -> tuple[ImportedField, ...]:
    """Parse a hand-over document with the kit's field parsers (all values, or an error)."""
    document = _load(content, label)
    head = document.get("handover")
    if not isinstance(head, dict) or head.get("format") != FORMAT:
        raise HandoverError(
            _(
                "{path} is not an nlconsole hand-over file ([handover] format is missing)",
                path=label,
            ),
            _NOT_TEMPLATE_FIX,
        )
    if head.get("provider") != kit.kind.value:
        raise HandoverError(
            _(
                "{path} is for another provider ('{found}'), not for {provider}",
                path=label,
                found=str(head.get("provider"))[:40],
                provider=kit.title,
            ),
            _(
                "Make a template for this profile with 'nlconsole handover template' and send "
                "that; nothing was stored."
            ),
        )
    secrets = document.get("secrets")
    extra = sorted(set(document) - {"handover", "secrets"})
    if not isinstance(secrets, dict) or extra:
        raise HandoverError(
            _(
                "{path} does not have the template's sections [handover] and [secrets] only",
                path=label,
            ),
            _NOT_TEMPLATE_FIX,
        )
    return _parse_fields(secrets, kit, label)


def export_handover(
    path: Path, kit: ProviderKit, profile: str, values: Mapping[str, SecretStr], password: str
) -> None:
    """Write the profile's stored secrets as an AES-256 hand-over zip (mode 0600, atomic)."""
    plain = {name: value.get_secret_value() for name, value in values.items()}
    document = render_document(kit, profile, Translator.for_language("de"), plain)
    atomic_write(path, seal(MEMBER_NAME, document.encode("utf-8"), password))


def _parse_fields(
    secrets: dict[str, Any], kit: ProviderKit, label: str
) -> tuple[ImportedField, ...]:
    known = {field.name: field for field in kit.secret_fields}
    unknown = [name for name in secrets if name not in known]
    if unknown:
        # A key that does not look like a field name may be a value typed in the wrong place.
        shown: list[Text] = [name for name in unknown if _PLAIN_KEY_RE.fullmatch(name)]
        others = [_("entries with other names")] if len(shown) < len(unknown) else []
        raise HandoverError(
            _(
                "{path} has fields a {provider} profile does not have: {names}",
                path=label,
                provider=kit.title,
                names=joined([*shown, *others]),
            ),
            _(
                "A {provider} hand-over has the fields {fields}; nothing was stored.",
                provider=kit.title,
                fields=joined(list(known)),
            ),
        )
    problems: list[Msg] = []
    found: list[ImportedField] = []
    for field in kit.secret_fields:
        raw = secrets.get(field.name, "")
        if not isinstance(raw, str):
            problems.append(_("{field}: the value must be text in quotes", field=field.name))
            continue
        if not raw.strip():
            if field.required:
                problems.append(_("{field}: missing (required)", field=field.name))
            continue
        try:
            found.append(ImportedField(field, field.parse(raw)))
        except CredentialError as exc:
            problems.append(_("{field}: {problem}", field=field.name, problem=exc.message))
    if problems:
        raise HandoverError(
            _("{path} cannot be imported: {problems}", path=label, problems=joined(problems, "; ")),
            _("Ask the sender to correct these fields; nothing was stored."),
        )
    return tuple(found)


def _load(content: bytes, label: str) -> dict[str, Any]:
    try:
        text = _decode(content)
        return tomllib.loads(text)
    except UnicodeDecodeError as exc:
        raise HandoverError(
            _("{path} is not a text file (not UTF-8)", path=label), _NOT_TEMPLATE_FIX
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        # tomllib's reason may quote a character of a value: only the line is named.
        where = _LINE_RE.search(str(exc))
        raise HandoverError(
            _(
                "{path} is not in the template's format (line {line})",
                path=label,
                line=where.group(1) if where else "?",
            ),
            _NOT_TEMPLATE_FIX,
        ) from None
    except (RecursionError, MemoryError) as exc:
        raise HandoverError(
            _("{path} is not in the template's format", path=label), _NOT_TEMPLATE_FIX
        ) from exc


def _decode(content: bytes) -> str:
    """UTF-8 (with or without BOM, as Windows editors save it) or UTF-16 with a BOM."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16")
    return content.decode("utf-8-sig")


def _comment(text: str) -> str:
    """A comment block, wrapped for a plain editor; continuation lines keep the indent."""
    if not text:
        return "#"
    lines: list[str] = []
    for line in text.splitlines():
        lead = _LEAD_RE.match(line)
        width = len(lead.group(0)) if lead else 0
        indent = " " * (width if lead and lead.group(1) else width + 2)
        lines += textwrap.wrap(
            line, _WIDTH, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False
        )
    return "\n".join(f"# {line}".rstrip() for line in lines)


def store_handover(store: SecretStore, profile: str, handover: Handover) -> list[str]:
    """Write every imported value to the secret store; return the field names stored."""
    for name, value in handover.values().items():
        store.set(profile, name, value)
    return [item.field.name for item in handover.fields]

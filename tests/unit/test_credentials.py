"""What people paste as credentials, and what nlconsole makes of it."""

from __future__ import annotations

import base64
from datetime import date

import pytest

from nlconsole.core.credentials import CredentialError, parse_expiry
from nlconsole.core.kit import kit_for, secret_field
from nlconsole.core.maileon.secrets import parse_maileon_key
from nlconsole.core.newsletter2go.secrets import parse_auth_key as parse_n2g_auth_key
from nlconsole.core.newsletter2go.secrets import parse_password, parse_username
from nlconsole.errors import UsageError
from nlconsole.i18n import ENGLISH

KEY = "a1b2c3d4-e5f6-4789-abcd-ef0123456789"
KEY_B64 = base64.b64encode(KEY.encode()).decode()  # YTFiMmMz...
KEY_COLON_B64 = base64.b64encode((KEY + ":").encode()).decode()
ODD_KEY = "Xq7#long-key_with.special!"
ODD_B64 = base64.b64encode(ODD_KEY.encode()).decode()

# (pasted text, expected raw key or None for an error, fragment of the form / error message,
#  whether a non-UUID warning is expected)
MAILEON_CASES: list[tuple[str, str | None, str, bool]] = [
    (KEY, KEY, "raw API key", False),
    (f"  {KEY}\n", KEY, "raw API key", False),
    (KEY.upper(), KEY.upper(), "raw API key", False),
    (f"'{KEY}'", KEY, "raw API key", False),
    (KEY_B64, KEY, "Base64 form", False),
    (f"{KEY_B64}\n", KEY, "Base64 form", False),
    (f"Basic {KEY_B64}", KEY, "'Basic' prefix was removed", False),
    (f"basic   {KEY_B64}", KEY, "'Basic' prefix was removed", False),
    (f"Authorization: Basic {KEY_B64}", KEY, "'Authorization: Basic' prefix", False),
    (f"authorization:Basic {KEY_B64}\r\n", KEY, "'Authorization: Basic' prefix", False),
    (f'"Authorization": "Basic {KEY_B64}"', KEY, "'Authorization: Basic' prefix", False),
    (f"{KEY_B64[:20]}\n{KEY_B64[20:]}", KEY, "Base64 form", False),
    (f"{KEY[:18]} \n {KEY[18:]}", KEY, "raw API key", False),
    (KEY_B64.rstrip("="), KEY, "Base64 form", False),
    (KEY_COLON_B64, KEY, "Base64 form", False),
    (f"Basic {KEY}", KEY, "raw API key", False),
    (ODD_KEY, ODD_KEY, "raw API key", True),
    (f"Basic {ODD_B64}", ODD_KEY, "decoded", True),
    ("", None, "the API key is empty", False),
    ("   \n\t ", None, "the API key is empty", False),
    ("Basic ", None, "empty", False),
    ("Authorization: Basic", None, "empty", False),
    ("Basic %%%not-base64%%%", None, "not the Base64 form", False),
    ("short", None, "12 to 265 printable ASCII characters", False),
    ("x" * 300, None, "12 to 265", False),
    ("schlüssel-mit-umlaut-äöü", None, "not printable ASCII", False),
    (f"Basic {base64.b64encode(b'ab').decode()}", None, "not the Base64 form", False),
]


@pytest.mark.parametrize(("pasted", "expected", "fragment", "warns"), MAILEON_CASES)
def test_maileon_key_paste(pasted: str, expected: str | None, fragment: str, warns: bool) -> None:
    if expected is None:
        with pytest.raises(CredentialError) as info:
            parse_maileon_key(pasted)
        assert fragment in str(info.value)
        if len(pasted.strip()) > 8:
            assert pasted.strip() not in str(info.value), "errors must not echo the pasted value"
        return
    parsed = parse_maileon_key(pasted)
    assert parsed.value.get_secret_value() == expected
    assert fragment in ENGLISH(parsed.form)
    assert bool(parsed.warnings) is warns
    assert expected not in repr(parsed), "the key must stay hidden in reprs"


N2G_CASES: list[tuple[str, str | None, str]] = [
    (
        "mc6s4gnaf_D5x71v9Z_g4f1Fq_b421tVHBad_m51FTj:a259g6tz3",
        "mc6s4gnaf_D5x71v9Z_g4f1Fq_b421tVHBad_m51FTj:a259g6tz3",
        "auth key",
    ),
    ("abc_def:gh#i", "abc_def:gh#i", "auth key"),
    ("abc_def:gh:i#j", "abc_def:gh:i#j", "auth key"),
    ("  abc_def:ghi \n", "abc_def:ghi", "auth key"),
    (base64.b64encode(b"abc_def:gh#i").decode(), "abc_def:gh#i", "Base64"),
    (f"Basic {base64.b64encode(b'abc_def:gh#i').decode()}", "abc_def:gh#i", "Base64"),
    ("abcdefghi", None, "has no ':'"),
    (":secret", None, "empty client id"),
    ("client:", None, "empty secret"),
    ("", None, "empty"),
]


@pytest.mark.parametrize(("pasted", "expected", "fragment"), N2G_CASES)
def test_n2g_auth_key_paste(pasted: str, expected: str | None, fragment: str) -> None:
    if expected is None:
        with pytest.raises(CredentialError, match=fragment):
            parse_n2g_auth_key(pasted)
        return
    parsed = parse_n2g_auth_key(pasted)
    assert parsed.value.get_secret_value() == expected
    assert fragment in ENGLISH(parsed.form)


def test_username_is_trimmed_and_checked() -> None:
    assert parse_username("  api@verlag.de \n").value.get_secret_value() == "api@verlag.de"
    assert parse_username("api-user").warnings  # not an e-mail: warned, kept
    with pytest.raises(CredentialError):
        parse_username("  ")
    with pytest.raises(CredentialError, match="no spaces"):
        parse_username("api user@verlag.de")


def test_password_is_kept_as_typed_except_the_line_break() -> None:
    assert parse_password("Pässwörd 123!\n").value.get_secret_value() == "Pässwörd 123!"
    spaced = parse_password(" pw ")
    assert spaced.value.get_secret_value() == " pw "
    assert spaced.warnings
    with pytest.raises(CredentialError, match="empty"):
        parse_password("\n")


def test_secret_fields_parse_by_provider_and_field() -> None:
    kit = kit_for("maileon")
    assert secret_field(kit, "test_api_key").parse(KEY_B64).value.get_secret_value() == KEY
    with pytest.raises(UsageError, match="not a secret of a Maileon profile"):
        secret_field(kit, "password")


TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("text", "expected", "warns"),
    [
        ("2027-03-31", date(2027, 3, 31), False),
        ("31.03.2027", date(2027, 3, 31), False),
        ("1.4.2027", date(2027, 4, 1), False),
        (" 2026-12-01 ", date(2026, 12, 1), True),  # 9 days away
        ("2026-11-23", date(2026, 11, 23), True),
    ],
)
def test_expiry_in_the_future(text: str, expected: date, warns: bool) -> None:
    parsed = parse_expiry(text, TODAY)
    assert parsed.value == expected
    assert bool(parsed.warnings) is warns


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2026-11-22", "not in the future"),  # expires at the start of today
        ("2020-01-01", "not in the future"),
        ("31.02.2027", "is not a date"),
        ("next year", "is not a date"),
    ],
)
def test_expiry_refused(text: str, fragment: str) -> None:
    with pytest.raises(CredentialError, match=fragment):
        parse_expiry(text, TODAY)

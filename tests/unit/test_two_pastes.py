"""Paste handling: text that holds two values is refused (nothing stored), while one value
wrapped over lines or split by stray white space still joins into the key it is."""

from __future__ import annotations

import base64

import pytest

from nlconsole.core.credentials import CredentialError
from nlconsole.core.maileon.secrets import parse_maileon_key
from nlconsole.core.newsletter2go.secrets import parse_auth_key, parse_password, parse_username

KEY = "a1b2c3d4-e5f6-4789-abcd-ef0123456789"
OTHER = "f0e1d2c3-b4a5-4678-9abc-def012345678"
B64 = base64.b64encode(KEY.encode()).decode()
OTHER_B64 = base64.b64encode(OTHER.encode()).decode()


@pytest.mark.parametrize(
    "pasted",
    [
        f"{KEY}\n{OTHER}",
        f"{KEY} {OTHER}",
        f"{KEY}\r\n{OTHER}\r\n",
        f"{B64}\n{OTHER_B64}",
        f"{KEY}\n{OTHER_B64}",
        "this is a sentence and not a key",
        f"{KEY} trailing-note",
    ],
)
def test_two_maileon_keys_in_one_paste_are_refused(pasted: str) -> None:
    with pytest.raises(CredentialError) as caught:
        parse_maileon_key(pasted)
    assert "several parts that do not form one valid value" in str(caught.value.message)
    assert "nothing was stored" in str(caught.value.remediation)


@pytest.mark.parametrize(
    "pasted",
    [f"{KEY[:13]}\n{KEY[13:]}", f"{B64[:30]}\n{B64[30:]}", f" {KEY[:8]} {KEY[8:]} \n"],
)
def test_one_key_wrapped_over_lines_still_joins(pasted: str) -> None:
    assert parse_maileon_key(pasted).value.get_secret_value() == KEY


@pytest.mark.parametrize(
    "pasted", ["id:secret\nid2:secret2", "id:secret other:secret", "a:b c:d e:f"]
)
def test_two_auth_keys_in_one_paste_are_refused(pasted: str) -> None:
    with pytest.raises(CredentialError, match="several parts"):
        parse_auth_key(pasted)


def test_an_auth_key_wrapped_over_lines_still_joins() -> None:
    assert parse_auth_key("client_id:sec\nret#part").value.get_secret_value() == (
        "client_id:secret#part"
    )


@pytest.mark.parametrize("pasted", ["one@example.com two@example.com", "a@x.de\nb@x.de"])
def test_two_usernames_are_refused(pasted: str) -> None:
    with pytest.raises(CredentialError, match="contains no spaces"):
        parse_username(pasted)


@pytest.mark.parametrize("pasted", ["first\nsecond", "first\r\nsecond\n", "a\rb"])
def test_two_passwords_are_refused(pasted: str) -> None:
    with pytest.raises(CredentialError, match="line break"):
        parse_password(pasted)

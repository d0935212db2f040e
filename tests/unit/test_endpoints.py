"""check_base_url: the one rule for base URLs (CLI, console form, profiles.toml, HTTP session)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from nlconsole.core.models import Profile
from nlconsole.core.profiles import ProfileStore
from nlconsole.errors import ConfigError
from nlconsole.providers.endpoints import InsecureBaseURL, check_base_url

BASE = "https://api.maileon.com/1.0"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (BASE, BASE),
        (f"  {BASE}/ \n", BASE),  # pasted with white space around: tolerated
        ("https://api.example.com:8443/1.0", "https://api.example.com:8443/1.0"),
        ("https://api.example.com:65535", "https://api.example.com:65535"),
        ("http://127.0.0.1:1/maileon/1.0", "http://127.0.0.1:1/maileon/1.0"),
        ("http://[::1]:8080/maileon/1.0", "http://[::1]:8080/maileon/1.0"),
        ("http://localhost/n2g", "http://localhost/n2g"),
    ],
)
def test_accepted(url: str, expected: str) -> None:
    assert check_base_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        f"{BASE}\r\nX-Evil: 1",
        f"{BASE}\nX-Evil: 1",
        f"{BASE}\x01",
        f"{BASE}\x00",
        f"{BASE}\x7f",
        "https://api.maileon\t.com/1.0",
        "https://api.maileon.com/1.0 /contacts",
        "https://api.maileon.com\u00a0/1.0",
        "https://api.maileon.com/\u202e0.1",
        "https://api.maileon.com/\u20281.0",
        "https://api.maileon.com/\u200b1.0",
    ],
)
def test_control_characters_and_inner_white_space_are_refused(url: str) -> None:
    with pytest.raises(InsecureBaseURL, match="control character or white space"):
        check_base_url(url)


@pytest.mark.parametrize(
    "port", ["99999", "65536", "0", "00", "abc", "", "-1", "+443", "\u0664\u0664\u0663"]
)
def test_invalid_ports_are_refused(port: str) -> None:
    with pytest.raises(InsecureBaseURL, match="invalid port: use a number from 1 to 65535"):
        check_base_url(f"https://api.maileon.com:{port}/1.0")


def test_invalid_port_in_ipv6_and_with_user_info() -> None:
    with pytest.raises(InsecureBaseURL, match="invalid port"):
        check_base_url("http://[::1]:0/x")
    with pytest.raises(InsecureBaseURL, match="invalid port"):
        check_base_url("https://user@api.example.com:99999/x")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://api.example.com", "not an http"),
        ("https:///1.0", "not an http"),
        ("http://api.example.com/1.0", "plain HTTP"),
        ("https://api.example.com/1.0?x=1", "query string"),
        ("https://u:p@api.example.com/1.0", "credentials"),
    ],
)
def test_earlier_rules_still_hold(url: str, reason: str) -> None:
    with pytest.raises(InsecureBaseURL, match=reason):
        check_base_url(url)


def test_message_shows_the_url_escaped() -> None:
    with pytest.raises(InsecureBaseURL) as info:
        check_base_url(f"{BASE}\r\nX-Evil: 1")
    message = str(info.value)
    assert "\r" not in message
    assert "\n" not in message
    assert repr(f"{BASE}\r\nX-Evil: 1") in message
    assert "U+000D" in message


def test_profile_model_refuses_header_injection() -> None:
    with pytest.raises(ValidationError, match="control character"):
        Profile.model_validate(
            {"name": "acme", "provider": "maileon", "base_url": f"{BASE}\r\nX-Evil: 1"}
        )


def test_profiles_file_with_a_bad_port_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "profiles.toml"
    path.write_text(
        '[profiles.acme]\nprovider = "maileon"\nbase_url = "https://api.maileon.com:99999/1.0"\n'
    )
    with pytest.raises(ConfigError, match="invalid port"):
        ProfileStore(path).load()

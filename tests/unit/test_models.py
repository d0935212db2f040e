"""Profile models: defaults per provider, validation of names and URLs."""

from __future__ import annotations

import re
from typing import Any

import pytest
from pydantic import ValidationError

from nlconsole.core.models import Environment, Profile, ProviderKind


def test_maileon_profile_defaults_to_the_real_api() -> None:
    profile = Profile(name="acme", provider=ProviderKind.MAILEON)
    assert profile.base_url == "https://api.maileon.com/1.0"
    assert profile.environment is Environment.PRODUCTION
    assert profile.maileon is not None
    assert profile.newsletter2go is None
    assert profile.maileon_settings.rights_confirmed == []


def test_n2g_profile_defaults_to_the_real_api() -> None:
    profile = Profile(name="verlag", provider=ProviderKind.NEWSLETTER2GO)
    assert profile.base_url == "https://api.newsletter2go.com"
    assert profile.n2g_settings.newsletters == []
    with pytest.raises(ValueError, match="not a Maileon profile"):
        _ = profile.maileon_settings


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/maileon/1.0/",
        "http://localhost:1/x",
        "http://[::1]:9/",
        "https://a.b",
    ],
)
def test_https_or_loopback_urls_are_accepted(url: str) -> None:
    profile = Profile(name="x", provider=ProviderKind.MAILEON, base_url=url)
    assert not profile.base_url.endswith("/")


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("http://api.maileon.com/1.0", "plain HTTP"),
        ("ftp://example.com", "not an http(s) URL"),
        ("https://user:pw@example.com", "must not contain credentials"),
        ("api.maileon.com", "not an http(s) URL"),
    ],
)
def test_unsafe_urls_are_refused(url: str, fragment: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(fragment)):
        Profile(name="x", provider=ProviderKind.MAILEON, base_url=url)


@pytest.mark.parametrize("name", ["", "Acme", "a b", "-x", "x" * 64, "ä"])
def test_bad_profile_names_are_refused(name: str) -> None:
    with pytest.raises(ValidationError, match="profile name"):
        Profile(name=name, provider=ProviderKind.MAILEON)


def test_provider_settings_must_match_the_provider() -> None:
    data: dict[str, Any] = {"name": "x", "provider": "maileon", "newsletter2go": {}}
    with pytest.raises(ValidationError, match="cannot carry Newsletter2Go settings"):
        Profile.model_validate(data)

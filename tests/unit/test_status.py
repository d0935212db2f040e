"""`nlconsole status`: where things are, which secrets are stored (masked), last check, progress."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from nlconsole.cli import main
from nlconsole.core.clock import FixedClock
from nlconsole.core.models import LastCheck, Profile
from nlconsole.core.services import Services
from nlconsole.core.status import age, collect_status, masked, status_lines
from nlconsole.i18n import ENGLISH

KEY = "a1b2c3d4-e5f6-4789-abcd-ef012345746c"
NOW = datetime(2026, 11, 22, 10, 30, tzinfo=UTC)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_masked_shows_a_tail_only_of_long_secrets() -> None:
    assert masked(KEY, shown=False) == "…746c"
    assert masked("short-pass", shown=False) == ""
    assert masked("api@example.org", shown=True) == "api@example.org"


def test_age_reads_like_a_person_would_say_it() -> None:
    assert ENGLISH(age(NOW - timedelta(seconds=5), NOW)) == "just now"
    assert ENGLISH(age(NOW - timedelta(minutes=3), NOW)) == "3 minutes ago"
    assert ENGLISH(age(NOW - timedelta(hours=1), NOW)) == "1 hour ago"
    assert ENGLISH(age(NOW - timedelta(days=2, hours=3), NOW)) == "2 days ago"


def test_status_of_a_profile_in_memory(tmp_path: Path) -> None:
    from pydantic import SecretStr

    services = Services.in_memory(tmp_path)
    services.clock = FixedClock(NOW)
    profile = Profile.model_validate({"name": "acme", "provider": "maileon"}).model_copy(
        update={"last_check": LastCheck(at=NOW - timedelta(days=2), outcome="pass", summary="fine")}
    )
    services.profiles.add(profile)
    services.secrets.set("acme", "api_key", SecretStr(KEY))
    lines = [ENGLISH(line) for line in status_lines(collect_status(services))]
    text = "\n".join(lines)
    assert f"Config dir: {tmp_path}" in text
    assert "Keyring: memory (demo)" in text
    assert "stored …746c" in text
    assert KEY not in text
    assert "Last check: PASS 2 days ago: fine" in text
    assert "Checklist: 0/" in text


def test_cli_status_text_and_json_never_show_a_secret(
    capsys: pytest.CaptureFixture[str], memory_keyring: dict[tuple[str, str], str]
) -> None:
    assert _run(capsys, "profiles", "add", "acme", "--provider", "maileon")[0] == 0
    assert _run(capsys, "profiles", "add", "peiq", "--provider", "newsletter2go")[0] == 0
    memory_keyring[("nlconsole", "acme:api_key")] = KEY
    code, out, _ = _run(capsys, "status")
    assert code == 0
    assert "MemoryKeyring" in out
    assert "stored …746c" in out
    assert "peiq · peiq · Newsletter2Go" in out
    assert KEY not in out
    code, out, _ = _run(capsys, "status", "acme", "--json")
    assert code == 0
    document = json.loads(out)
    assert [p["name"] for p in document["profiles"]] == ["acme"]
    assert document["profiles"][0]["secrets"]["api_key"] == {
        "stored": True,
        "required": True,
        "hint": "…746c",
    }
    assert document["keyring"]["usable"] is True
    assert KEY not in out


def test_cli_status_without_a_keyring_says_so_and_how_to_fix(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _run(capsys, "profiles", "add", "acme", "--provider", "maileon")[0] == 0
    code, out, _ = _run(capsys, "status")
    assert code == 0
    assert "Keyring: cannot be used" in out
    assert "fix:" in out
    assert "unknown (keyring unavailable)" in out


def test_cli_status_of_an_unknown_profile_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "status", "nope")
    assert code == 2
    assert "no profile named 'nope'" in err


def test_a_password_never_shows_a_tail(tmp_path: Path) -> None:
    from pydantic import SecretStr

    services = Services.in_memory(tmp_path)
    services.profiles.add(Profile.model_validate({"name": "peiq", "provider": "newsletter2go"}))
    services.secrets.set("peiq", "password", SecretStr("a-long-password-of-a-person"))
    services.secrets.set("peiq", "username", SecretStr("api@example.org"))
    text = "\n".join(ENGLISH(line) for line in status_lines(collect_status(services)))
    assert "Password: stored\n" in text
    assert "rson" not in text
    assert "Username: stored api@example.org" in text

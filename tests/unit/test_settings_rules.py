"""Settings people type are checked where they come in: codes, addresses, names, lengths."""

from __future__ import annotations

import pytest

from nlconsole.cli import main
from nlconsole.core.models import Profile


@pytest.mark.parametrize(
    ("provider", "flags", "fragment"),
    [
        ("newsletter2go", ["--doi-form-code", "a/b"], "a code has no spaces and no '/'"),
        ("newsletter2go", ["--doi-form-code", "a b"], "a code has no spaces and no '/'"),
        ("newsletter2go", ["--sender-email", "not-an-email"], "is not an e-mail address"),
        ("newsletter2go", ["--newsletter", "Lo\tkales"], "is not a usable name"),
        ("newsletter2go", ["--newsletter", "x" * 81], "is not a usable name"),
        ("maileon", ["--key-label", "x" * 256], "at most 255 characters"),
        ("maileon", ["--doi-mailing-key", "doi key"], "a code has no spaces and no '/'"),
    ],
)
def test_bad_settings_are_refused_and_nothing_is_stored(
    provider: str, flags: list[str], fragment: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["profiles", "add", "acme", "--provider", provider, *flags]) == 2
    assert fragment in capsys.readouterr().err
    assert main(["profiles", "list", "--json"]) == 0
    assert '"profiles": []' in capsys.readouterr().out


def test_good_settings_are_kept(capsys: pytest.CaptureFixture[str]) -> None:
    flags = ["--doi-form-code", "abc-123", "--sender-email", "info@verlag.de"]
    assert main(["profiles", "add", "acme", "--provider", "newsletter2go", *flags]) == 0


def test_a_display_name_with_a_control_character_is_refused_in_the_file() -> None:
    with pytest.raises(ValueError, match="control character"):
        Profile.model_validate({"name": "x", "provider": "maileon", "display_name": "A\x00B"})

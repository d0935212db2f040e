"""Issue 11: the Maileon custom-field mapping is set per role with `profiles add/edit`."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from nlconsole.core.maileon.journey_fields import custom_values
from nlconsole.core.models import DEFAULT_CUSTOM_FIELDS, Profile
from tests.unit.test_cli import run


def show(capsys: pytest.CaptureFixture[str], name: str = "acme") -> dict[str, object]:
    code, out, _ = run(capsys, "profiles", "show", name, "--json")
    assert code == 0
    settings: dict[str, object] = json.loads(out)["maileon"]
    return settings


def test_a_role_gets_another_name_and_type_and_the_journeys_follow(
    capsys: pytest.CaptureFixture[str], isolated_home: Path
) -> None:
    code, _, err = run(
        capsys,
        *("profiles", "add", "acme", "--provider", "maileon"),
        *("--custom-field", "purchase=cmx_kauf:string", "--custom-field", "prefix="),
    )
    assert (code, err) == (0, "")
    settings = show(capsys)
    assert settings["custom_fields"] == {"cmx_kauf": "string", "EINZELNUTZERTRACKING": "boolean"}
    assert settings["custom_field_roles"] == {
        "prefix": "",
        "purchase": "cmx_kauf",
        "tracking": "EINZELNUTZERTRACKING",
    }
    code, out, _ = run(capsys, "profiles", "show", "acme")
    assert re.search(r"maileon\.custom_field_roles\.prefix +-\n", out), "a role without a field"
    profile = Profile.model_validate({"name": "acme", "provider": "maileon", "maileon": settings})
    person = {"Namenspräfix": "von"}
    assert custom_values(profile, person, True, 7) == {"cmx_kauf": 7, "EINZELNUTZERTRACKING": True}

    # Without a type the field keeps its type; the other roles stay as they are.
    code, _, _ = run(capsys, "profiles", "edit", "acme", "--custom-field", "purchase=cmx_nummer")
    assert code == 0
    settings = show(capsys)
    assert settings["custom_fields"] == {
        "cmx_nummer": "string",
        "EINZELNUTZERTRACKING": "boolean",
    }


def test_back_to_the_defaults(capsys: pytest.CaptureFixture[str], isolated_home: Path) -> None:
    run(capsys, "profiles", "add", "acme", "--provider", "maileon")
    run(capsys, "profiles", "edit", "acme", "--custom-field", "tracking=TRACKING:integer")
    assert show(capsys)["custom_fields"] != DEFAULT_CUSTOM_FIELDS
    code, _, _ = run(capsys, "profiles", "edit", "acme", "--default-custom-fields")
    assert code == 0
    settings = show(capsys)
    assert "custom_fields" not in settings
    assert "custom_field_roles" not in settings
    stored = tomllib.loads((isolated_home / "profiles.toml").read_text())
    assert "custom_fields" not in stored["profiles"]["acme"].get("maileon", {})


def test_a_hand_added_field_is_kept(
    capsys: pytest.CaptureFixture[str], isolated_home: Path
) -> None:
    isolated_home.mkdir()
    (isolated_home / "profiles.toml").write_text(
        '[profiles.acme]\nprovider = "maileon"\n'
        '[profiles.acme.maileon.custom_fields]\nnl_source = "string"\ncmx_einkauf = "integer"\n'
    )
    code, _, _ = run(capsys, "profiles", "edit", "acme", "--custom-field", "purchase=cmx_kauf")
    assert code == 0
    assert show(capsys)["custom_fields"] == {"nl_source": "string", "cmx_kauf": "integer"}


@pytest.mark.parametrize(
    ("option", "fragment"),
    [
        ("purchase=id", "custom field name 'id' must have 3 to 64 characters"),
        ("purchase=LASTNAME", "custom field name 'LASTNAME' is reserved by Maileon"),
        ("prefix=sendout_status", "is reserved by Maileon"),
        ("purchase=cmx_kauf:text", "custom field type 'text' is not one of"),
        ("shoe=cmx_size", "'shoe=cmx_size' is not ROLE=NAME[:TYPE] with a known role"),
        ("purchase", "is not ROLE=NAME[:TYPE]"),
        ("tracking=NAMENSPRAEFIX", "'NAMENSPRAEFIX' already holds the role prefix"),
    ],
)
def test_a_field_that_breaks_a_rule_exits_2_and_nothing_changes(
    capsys: pytest.CaptureFixture[str], isolated_home: Path, option: str, fragment: str
) -> None:
    run(capsys, "profiles", "add", "acme", "--provider", "maileon")
    before = (isolated_home / "profiles.toml").read_text()
    code, _, err = run(capsys, "profiles", "edit", "acme", "--custom-field", option)
    assert code == 2
    assert fragment in err
    assert (isolated_home / "profiles.toml").read_text() == before


def test_a_role_named_twice_and_a_newsletter2go_profile_are_refused(
    capsys: pytest.CaptureFixture[str], isolated_home: Path
) -> None:
    run(capsys, "profiles", "add", "acme", "--provider", "maileon")
    code, _, err = run(
        capsys,
        *("profiles", "edit", "acme"),
        *("--custom-field", "purchase=cmx_a", "--custom-field", "purchase=cmx_b"),
    )
    assert code == 2
    assert "the role purchase is named twice" in err
    code, _, err = run(
        capsys, "profiles", "add", "peiq", "--provider", "newsletter2go", "--default-custom-fields"
    )
    assert code == 2
    assert "--default-custom-fields do not apply" in err


def test_the_fix_texts_name_the_option_that_exists(
    capsys: pytest.CaptureFixture[str], isolated_home: Path
) -> None:
    """The conflict's fix names a `profiles edit` option that exists, with the role, the
    field and the type the field has; the option is in `profiles edit --help`."""
    from nlconsole.core.maileon.findings import mapping_fix
    from nlconsole.core.models import MaileonSettings
    from nlconsole.i18n import ENGLISH

    text = ENGLISH(mapping_fix(MaileonSettings(), "acme", "cmx_einkauf", "string"))
    command = "nlconsole profiles edit acme --custom-field purchase=cmx_einkauf:string"
    assert command in text
    hand_added = MaileonSettings(custom_fields={"nl_source": "string"})
    assert "custom_fields in profiles.toml" in ENGLISH(
        mapping_fix(hand_added, "acme", "nl_source", "integer")
    )
    run(capsys, "profiles", "add", "acme", "--provider", "maileon")
    code, _, _ = run(capsys, *command.split()[1:])
    assert code == 0
    assert show(capsys)["custom_fields"]["cmx_einkauf"] == "string"  # type: ignore[index]
    with pytest.raises(SystemExit):
        run(capsys, "profiles", "edit", "--help")
    out = capsys.readouterr().out
    assert "--custom-field ROLE=NAME[:TYPE]" in out
    assert "--default-custom-fields" in out


def test_the_kit_offers_maileons_custom_field_types() -> None:
    from nlconsole.core.maileon.kit import CUSTOM_FIELD_TYPES as OFFERED
    from nlconsole.providers.maileon.fields import CUSTOM_FIELD_TYPES

    assert OFFERED == CUSTOM_FIELD_TYPES

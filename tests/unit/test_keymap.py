"""keymap.toml: every entry the console cannot apply is reported; the way to quit stays."""

from __future__ import annotations

from pathlib import Path

from nlconsole.core.keymap import KeymapRules, load_keymap
from nlconsole.i18n import ENGLISH

RULES = KeymapRules(
    known_ids={"quit", "profile.check"},
    valid_key=lambda key: key in {"x", "ctrl+k", "ctrl+q"},
    kept={"quit": "ctrl+q"},
)


def _load(tmp_path: Path, text: str) -> tuple[dict[str, str], list[str]]:
    (tmp_path / "keymap.toml").write_text(text)
    keymap = load_keymap(tmp_path, RULES)
    return keymap.bindings, [ENGLISH(p) for p in keymap.problems]


def test_a_valid_entry_applies_without_a_word(tmp_path: Path) -> None:
    assert _load(tmp_path, '"profile.check" = "ctrl+k"\n') == ({"profile.check": "ctrl+k"}, [])


def test_unknown_ids_and_bad_keys_are_reported_and_left_out(tmp_path: Path) -> None:
    bindings, problems = _load(tmp_path, '"profile.chek" = "x"\n"profile.check" = "ctrl+kk"\n')
    assert bindings == {}
    assert "there is no binding 'profile.chek'" in problems[0]
    assert "'ctrl+kk' for 'profile.check' is not a key" in problems[1]


def test_remapping_quit_keeps_ctrl_q(tmp_path: Path) -> None:
    bindings, problems = _load(tmp_path, '"quit" = "x"\n')
    assert bindings == {"quit": "x,ctrl+q"}
    assert "'ctrl+q' keeps working for 'quit'" in problems[0]


def test_ctrl_q_cannot_be_taken_by_another_binding(tmp_path: Path) -> None:
    bindings, problems = _load(tmp_path, '"profile.check" = "ctrl+q"\n')
    assert bindings == {}
    assert "always stays with 'quit'" in problems[0]


def test_the_console_knows_its_keys() -> None:
    from nlconsole.ui.keys import known_binding_ids, valid_key

    assert {"quit", "help", "profile.check", "form.save", "credentials.save"} <= known_binding_ids()
    for key in ("x", "ctrl+k", "f5", "escape", "shift+tab", "question_mark", "ctrl+shift+up"):
        assert valid_key(key), key
    for key in ("ctrl+nope", "hyperdrive", "ctrl+", "strg+k"):
        assert not valid_key(key), key

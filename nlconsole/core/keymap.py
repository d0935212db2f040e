"""User key bindings: `keymap.toml` in the config dir maps binding ids to keys.

Example: `"profile.check" = "ctrl+k"`. Ids are shown in the console's F1 help. A file that
cannot be read is reported and ignored: the default keys keep working. It is read like
profiles.toml (regular files only, size cap, no parser crash), because a keymap that hangs or
crashes the console would lock the administrator out of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from nlconsole.core.config_files import parse_toml, read_config_text
from nlconsole.errors import ConfigError
from nlconsole.i18n import Text, _

KEYMAP_FILE = "keymap.toml"


@dataclass(frozen=True)
class Keymap:
    """Binding id → keys (comma-separated), and what was wrong with the file."""

    bindings: dict[str, str] = field(default_factory=dict)
    problems: tuple[Text, ...] = ()


def load_keymap(config_dir: Path) -> Keymap:
    """Read keymap.toml; a missing file is an empty keymap."""
    path = config_dir / KEYMAP_FILE
    try:
        text = read_config_text(path)
        if text is None:
            return Keymap()
        document = parse_toml(text, path)
    except ConfigError as exc:
        return Keymap(
            problems=(
                _("{reason}; the file was ignored and the default keys apply", reason=exc.message),
            )
        )
    bindings: dict[str, str] = {}
    problems: list[Text] = []
    for binding_id, keys in document.items():
        if isinstance(keys, str) and keys.strip():
            bindings[binding_id] = keys.strip()
        else:
            problems.append(
                _(
                    "{path}: '{binding_id}' must map to keys such as \"ctrl+k\"",
                    path=str(path),
                    binding_id=binding_id,
                )
            )
    return Keymap(bindings, tuple(problems))

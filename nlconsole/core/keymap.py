"""User key bindings: `keymap.toml` in the config dir maps binding ids to keys.

Example: `"profile.check" = "ctrl+k"`. Ids are shown in the console's F1 help. A file that
cannot be read is reported and ignored: the default keys keep working.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

KEYMAP_FILE = "keymap.toml"


@dataclass(frozen=True)
class Keymap:
    """Binding id → keys (comma-separated), and what was wrong with the file."""

    bindings: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()


def load_keymap(config_dir: Path) -> Keymap:
    """Read keymap.toml; a missing file is an empty keymap."""
    path = config_dir / KEYMAP_FILE
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Keymap()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return Keymap(problems=(f"{path} was ignored: {exc}",))
    bindings, problems = {}, []
    for binding_id, keys in document.items():
        if isinstance(keys, str) and keys.strip():
            bindings[binding_id] = keys.strip()
        else:
            problems.append(f"{path}: '{binding_id}' must map to keys such as \"ctrl+k\"")
    return Keymap(bindings, tuple(problems))

"""User key bindings: `keymap.toml` in the config dir maps binding ids to keys.

Example: `"profile.check" = "ctrl+k"`. Ids are shown in the console's F1 help. A file that
cannot be read is reported and ignored: the default keys keep working. It is read like
profiles.toml (regular files only, size cap, no parser crash), because a keymap that hangs or
crashes the console would lock the administrator out of it. For the same reason every entry the
console cannot apply is reported (never silently dropped), and the keys in `kept` (the way to
quit) stay bound whatever the file says.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
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


@dataclass(frozen=True)
class KeymapRules:
    """What the console accepts: its binding ids, its key names, and keys that must stay."""

    known_ids: Collection[str] = ()
    valid_key: Callable[[str], bool] = lambda key: True
    kept: Mapping[str, str] = field(default_factory=dict)
    """Binding id → a key that stays bound to it even when the file remaps the id."""


def load_keymap(config_dir: Path, rules: KeymapRules | None = None) -> Keymap:
    """Read keymap.toml; a missing file is an empty keymap."""
    rules = rules or KeymapRules()
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
        entry = _entry(path, binding_id, keys, rules)
        if isinstance(entry, str):
            bindings[binding_id] = entry
        else:
            problems.append(entry)
    bindings, kept_problems = _keep(path, bindings, rules.kept)
    return Keymap(bindings, (*problems, *kept_problems))


def _entry(path: Path, binding_id: str, keys: object, rules: KeymapRules) -> str | Text:
    """The keys of one entry, or why it was not applied."""
    if not isinstance(keys, str) or not keys.strip():
        return _(
            "{path}: '{binding_id}' must map to keys such as \"ctrl+k\"",
            path=str(path),
            binding_id=binding_id,
        )
    if rules.known_ids and binding_id not in rules.known_ids:
        return _(
            "{path}: there is no binding '{binding_id}' (F1 shows the ids); the entry was ignored",
            path=str(path),
            binding_id=binding_id,
        )
    parts = [part.strip() for part in keys.split(",")]
    invalid = [part for part in parts if not part or not rules.valid_key(part)]
    if invalid:
        return _(
            "{path}: '{keys}' for '{binding_id}' is not a key the console knows "
            '(examples: "x", "ctrl+k", "f5"); the default key applies',
            path=str(path),
            keys=keys,
            binding_id=binding_id,
        )
    return ",".join(parts)


def _keep(
    path: Path, bindings: dict[str, str], kept: Mapping[str, str]
) -> tuple[dict[str, str], list[Text]]:
    """Keep the `kept` keys bound to their ids; a remap adds keys instead of replacing them."""
    problems: list[Text] = []
    result = dict(bindings)
    for binding_id, keys in bindings.items():
        taken = [
            key for key in keys.split(",") if key in kept.values() and kept.get(binding_id) != key
        ]
        if taken:
            del result[binding_id]
            problems.append(
                _(
                    "{path}: '{key}' cannot be given to '{binding_id}': it always stays with "
                    "'{kept_id}'; the entry was ignored",
                    path=str(path),
                    key=taken[0],
                    binding_id=binding_id,
                    kept_id=next(k for k, v in kept.items() if v == taken[0]),
                )
            )
    for binding_id, key in kept.items():
        mapped = result.get(binding_id)
        if mapped is not None and key not in mapped.split(","):
            result[binding_id] = f"{mapped},{key}"
            problems.append(
                _(
                    "{path}: '{key}' keeps working for '{binding_id}' as well",
                    path=str(path),
                    key=key,
                    binding_id=binding_id,
                )
            )
    return result, problems

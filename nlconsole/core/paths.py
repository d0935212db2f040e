"""Where nlconsole keeps its files.

One seam decides the config directory, so the CLI (`--home`), the environment (`NLCONSOLE_HOME`)
and tests all steer the same thing. Nothing is created at import time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

HOME_ENV = "NLCONSOLE_HOME"
PROFILES_FILE = "profiles.toml"


def config_dir(
    home: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None
) -> Path:
    """Return the config directory: `home` if given, else `$NLCONSOLE_HOME`, else platformdirs."""
    if home:
        return Path(home).expanduser()
    environ = os.environ if env is None else env
    override = environ.get(HOME_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_path

    return user_config_path("nlconsole", appauthor=False)


def profiles_path(directory: Path) -> Path:
    """Return the path of the profiles file inside a config directory."""
    return directory / PROFILES_FILE

"""Many `nlconsole profiles ...` processes at once: every acknowledged change survives.

Reproduces the lost-update battery: parallel adds, edits and removes against one config dir.
Without the store's lock, most adds vanish and removed profiles come back, all with exit code 0.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from nlconsole.core.models import Profile, ProviderKind
from nlconsole.core.paths import profiles_path
from nlconsole.core.profiles import ProfileStore

ADDED = [f"p{i:02d}" for i in range(12)]
EDITED = [f"e{i:02d}" for i in range(6)]
REMOVED = [f"r{i:02d}" for i in range(6)]


def nlconsole(home: Path, *argv: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "nlconsole", "--home", str(home), *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"},
    )


def test_parallel_adds_edits_and_removes_all_survive(tmp_path: Path) -> None:
    home = tmp_path / "home"
    store = ProfileStore(profiles_path(home))
    for name in EDITED + REMOVED:
        store.add(Profile(name=name, provider=ProviderKind.MAILEON))

    processes = {
        **{
            ("add", name): nlconsole(home, "profiles", "add", name, "--provider", "newsletter2go")
            for name in ADDED
        },
        **{
            ("edit", name): nlconsole(
                home, "profiles", "edit", name, "--display-name", f"Ed {name}"
            )
            for name in EDITED
        },
        **{
            ("remove", name): nlconsole(home, "profiles", "remove", name, "--keep-secrets")
            for name in REMOVED
        },
    }
    acknowledged = set()
    for key, process in processes.items():
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, (key, out, err)
        acknowledged.add(key)
    assert len(acknowledged) == len(ADDED) + len(EDITED) + len(REMOVED) >= 20

    profiles = store.load().profiles
    assert sorted(profiles) == sorted(ADDED + EDITED), (
        "an acknowledged add was lost or a removed profile came back"
    )
    for name in EDITED:
        assert profiles[name].display_name == f"Ed {name}", f"the edit of {name} was lost"
    leftovers = [p.name for p in home.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []

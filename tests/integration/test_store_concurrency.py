"""Many `nlconsole profiles ...` processes at once: every acknowledged change survives.

Reproduces the lost-update battery: parallel adds, edits, removes and checks against one config
dir. Without the store's lock, most adds vanish and removed profiles come back, all with exit
code 0. A check saves its result reusing what it read before the check when the file is
unchanged, so the checks must not bring back what the others changed either.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from nlconsole.core.models import Profile, ProviderKind
from nlconsole.core.paths import profiles_path
from nlconsole.core.profiles import ProfileStore
from tests.support.file_keyring import FILE_ENV

ADDED = [f"p{i:02d}" for i in range(12)]
EDITED = [f"e{i:02d}" for i in range(6)]
REMOVED = [f"r{i:02d}" for i in range(6)]
CHECKED = [f"c{i:02d}" for i in range(6)]


def nlconsole(home: Path, *argv: str) -> subprocess.Popen[str]:
    # An empty file keyring: a check finds no key, fails without the network, saves its result.
    keyring = {
        "PYTHON_KEYRING_BACKEND": "tests.support.file_keyring.FileKeyring",
        FILE_ENV: str(home.parent / "keyring.json"),
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "nlconsole", "--home", str(home), *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **keyring},
    )


def test_parallel_adds_edits_and_removes_all_survive(tmp_path: Path) -> None:
    home = tmp_path / "home"
    store = ProfileStore(profiles_path(home))
    for name in EDITED + REMOVED + CHECKED:
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
        **{("check", name): nlconsole(home, "check", name) for name in CHECKED},
    }
    acknowledged = set()
    for key, process in processes.items():
        out, err = process.communicate(timeout=60)
        assert process.returncode == (1 if key[0] == "check" else 0), (key, out, err)
        acknowledged.add(key)
    assert len(acknowledged) == len(ADDED) + len(EDITED) + len(REMOVED) + len(CHECKED) >= 26

    profiles = store.load().profiles
    assert sorted(profiles) == sorted(ADDED + EDITED + CHECKED), (
        "an acknowledged add was lost or a removed profile came back"
    )
    for name in EDITED:
        assert profiles[name].display_name == f"Ed {name}", f"the edit of {name} was lost"
    for name in CHECKED:
        check = profiles[name].last_check
        assert check is not None, f"the result of the check of {name} was lost"
        assert check.outcome == "fail"
    leftovers = [p.name for p in home.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []

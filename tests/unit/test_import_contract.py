"""Layering: core, providers, sandbox and the CLI never import Textual (in a fresh process)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import nlconsole

HEADLESS_PACKAGES = ("nlconsole.core", "nlconsole.providers", "nlconsole.sandbox", "nlconsole.cli")


def headless_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(nlconsole.__path__, "nlconsole."):
        if info.name.startswith(HEADLESS_PACKAGES):
            names.append(info.name)
    return names


def test_headless_layers_do_not_import_textual() -> None:
    modules = headless_modules()
    assert "nlconsole.core.models" in modules
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"Textual imported by a headless layer: {result.stdout}"

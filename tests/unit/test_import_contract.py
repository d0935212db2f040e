"""Layering: core, providers, sandbox and the CLI never import Textual (in a fresh process)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

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


def test_layer_contracts_hold() -> None:
    """import-linter's contracts from pyproject.toml (the architecture's rules of the house)."""
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_ui_and_cli_never_compare_provider_kinds() -> None:
    """Provider differences live in the kits: no `ProviderKind.X` outside core and providers."""
    root = Path(nlconsole.__file__).parent
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for folder in ("ui", "cli")
        for path in (root / folder).rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "ProviderKind." in line
    ]
    assert offenders == []

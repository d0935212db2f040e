"""Run `nlconsole sandbox` as a real subprocess and talk to its control API."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx


@dataclass
class SandboxProcess:
    """A running `nlconsole sandbox` and what it printed about itself."""

    info: dict[str, Any]
    process: subprocess.Popen[str]

    @property
    def maileon_url(self) -> str:
        return str(self.info["base_urls"]["maileon"])

    @property
    def root(self) -> str:
        return self.maileon_url.rsplit("/maileon/", 1)[0]

    def maileon_key(self, scenario: str) -> str:
        keys = self.info["maileon"]["keys"]
        return str(next(k["api_key"] for k in keys if k["scenario"] == scenario))

    def add_fault(self, **rule: Any) -> None:
        httpx.post(f"{self.root}/_sandbox/faults", json=rule).raise_for_status()

    def clear_faults(self) -> None:
        httpx.delete(f"{self.root}/_sandbox/faults").raise_for_status()

    def mails(self, to: str) -> list[dict[str, Any]]:
        mails: list[dict[str, Any]] = httpx.get(
            f"{self.root}/mailbox.json", params={"to": to}
        ).json()["mails"]
        return mails


@contextmanager
def sandbox_process(*args: str) -> Iterator[SandboxProcess]:
    """Start `python -m nlconsole sandbox --json ARGS`, read its first line, stop it after."""
    process = subprocess.Popen(
        [sys.executable, "-m", "nlconsole", "sandbox", "--json", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        if not first:
            raise RuntimeError(
                f"sandbox did not start: {process.stderr.read() if process.stderr else ''}"
            )
        yield SandboxProcess(json.loads(first), process)
    finally:
        process.terminate()
        process.wait(timeout=10)

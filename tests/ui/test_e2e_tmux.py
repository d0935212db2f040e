"""End to end in a real terminal: tmux runs `nlconsole demo`, keys open the Maileon demo
profile's connectivity check, and the screen is read until the passing result shows; at 80x24
the Newsletter2Go demo profile is edited through every field the keyboard reaches."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
import tomllib
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


class Terminal:
    """A private tmux server with one session."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True
        ).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "nlc")

    def styled_line(self, text: str) -> str:
        """The first line showing `text`, with its colours (focus shows only in them)."""
        lines = self.tmux("capture-pane", "-e", "-p", "-t", "nlc").splitlines()
        return next((line for line in lines if text in line), "")

    def wait_for_restyle(self, text: str, before: str, timeout: float = 20.0) -> None:
        """Wait until the line showing `text` is drawn differently than `before` (focused)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.styled_line(text)
            if line and line != before:
                return
            time.sleep(0.1)
        raise AssertionError(f"the line with {text!r} never changed; it shows:\n{before!r}")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "nlc", *keys)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear; the screen shows:\n{self.screen()}")


@contextlib.contextmanager
def demo_in_tmux(width: int, height: int, tmpdir: Path | None = None) -> Iterator[Terminal]:
    """`nlconsole demo` in a private tmux server of the given size (its temp dir in `tmpdir`)."""
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is not installed; CI must run the end-to-end test")
        pytest.skip("tmux is not installed (apt: tmux)")
    term = Terminal(f"nlc-{uuid.uuid4().hex[:8]}")
    env = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "NLCONSOLE_LANG": "en"}
    if tmpdir is not None:
        env["TMPDIR"] = str(tmpdir)
    command = " ".join(f"{k}={v}" for k, v in env.items()) + f" {sys.executable} -m nlconsole demo"
    term.tmux("new-session", "-d", "-s", "nlc", "-x", str(width), "-y", str(height), command)
    try:
        yield term
    finally:
        subprocess.run(["tmux", "-L", term.socket, "kill-server"], capture_output=True)


@pytest.fixture
def terminal() -> Iterator[Terminal]:
    with demo_in_tmux(100, 30) as term:
        yield term


def test_demo_runs_a_passing_maileon_check(terminal: Terminal) -> None:
    screen = terminal.wait_for("DEMO: sandbox at http://127.0.0.1:")  # the sandbox is up
    assert "Demo: cmxOrganize → Maileon" in screen
    terminal.wait_for("demo-maileon ·")  # the profiles are validated
    terminal.keys("c")
    screen = terminal.wait_for("PASS: The interface has what it needs")
    assert "API key accepted" in screen
    assert "Maileon accepted the key" in screen
    terminal.keys("Escape")
    screen = terminal.wait_for("PASS 20")
    terminal.keys("C-q")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if (
            "nlc"
            not in subprocess.run(
                ["tmux", "-L", terminal.socket, "list-sessions"], capture_output=True, text=True
            ).stdout
        ):
            return
        time.sleep(0.1)
    raise AssertionError("the console did not quit on ctrl+q")


def test_edit_the_n2g_demo_profile_at_80x24(tmp_path: Path) -> None:
    """Issue 9: every field of the form is reachable and visible at 80x24; what is typed lands."""
    with demo_in_tmux(80, 24, tmp_path) as terminal:
        terminal.wait_for("Demo: PEIQ PORTAL")
        terminal.wait_for("DEMO: sandbox at http://127.0.0.1:")  # started, not just painted
        terminal.keys("Down")
        terminal.wait_for("demo-n2g ·")
        terminal.keys("e")
        terminal.wait_for("Edit profile")
        terminal.keys("Tab", "Tab")  # display name → base URL → portal newsletters
        screen = terminal.wait_for("Portal newsletters")
        terminal.keys("End", ", Kultur")
        screen = terminal.wait_for("Lokales, Sport, Kultur")
        screen = terminal.wait_for("Developer mode confirmed")
        unfocused = terminal.styled_line("Developer mode confirmed")
        terminal.keys("Tab")
        terminal.wait_for_restyle("Developer mode confirmed", unfocused)  # the checkbox has focus
        terminal.keys("Space")
        time.sleep(0.3)
        terminal.keys("C-s")
        terminal.wait_for("Saved profile 'demo-n2g'")
        (profiles,) = tmp_path.glob("nlconsole-demo-*/profiles.toml")
        saved = tomllib.loads(profiles.read_text())["profiles"]["demo-n2g"]["newsletter2go"]
        assert saved["newsletters"] == ["Lokales", "Sport", "Kultur"]
        assert saved.get("developer_mode_confirmed", False) is False
        assert "Developer mode confirmed" in screen


def test_demo_runs_journey_m1_to_its_verdict(terminal: Terminal) -> None:
    """A simulated M1 in the demo: the bootstrap first (the export writes the custom fields it
    creates), then the catalogue, the run's live table, the verdict."""
    # The rows are painted before the sandbox is up; the banner says the demo is ready.
    terminal.wait_for("DEMO: sandbox at http://127.0.0.1:")
    terminal.keys("b")
    terminal.wait_for("missing: would be created as string")
    terminal.keys("a")
    terminal.wait_for("y Yes")
    terminal.keys("y")
    terminal.wait_for("Applied: everything the interface needs is in place.")
    terminal.keys("Escape")
    # Back on the profiles (else Esc j would be alt+j); the check ran again after the apply and
    # verified steps of the checklist.
    terminal.wait_for("Checklist: 5/10")
    terminal.keys("j")
    terminal.wait_for("Purchase with the newsletter box")
    terminal.keys("s")
    screen = terminal.wait_for("Verdict of the run: ✔ pass", timeout=40)
    assert "tester+nlc-m1-" in screen
    assert "Name prefix (NAMENSPR…  von" in screen, screen
    assert "✔ pass" in screen.splitlines()[6], "the verdict column is in view"
    terminal.keys("Escape")
    terminal.wait_for("Test mailbox: tester@sandbox.test")
    terminal.wait_for(" pass")  # the catalogue shows M1's last verdict

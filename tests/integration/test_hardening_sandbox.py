"""Hardening against the sandbox: a developer mode that cannot be read blocks the N2G check,
and a sandbox bound beyond loopback says so loudly and prints how to reach and drive it."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from nlconsole.cli import main
from nlconsole.sandbox.faults import FaultRule
from nlconsole.sandbox.seeds import n2g_account
from nlconsole.sandbox.server import SandboxOptions, running_sandbox

EVERY_INTERFACE = "0.0.0.0"  # noqa: S104 (binding everywhere is what these tests are about)


@pytest.mark.parametrize(
    "fault",
    [
        FaultRule(kind="error", status=503, path="/newsletter2go/users"),
        FaultRule(kind="html", path="/newsletter2go/users"),
        FaultRule(kind="error", status=500, path="/newsletter2go/users"),
    ],
    ids=["503", "garbage", "500"],
)
def test_unreadable_developer_mode_means_the_check_cannot_pass(
    fault: FaultRule,
    memory_keyring: dict[tuple[str, str], str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    account = n2g_account("working")
    with running_sandbox(SandboxOptions(faults=[fault])) as server:
        url = server.sandbox.base_urls()["newsletter2go"]
        argv = ["profiles", "add", "peiq", "--provider", "newsletter2go", "--base-url", url]
        assert main(argv) == 0
        for field, value in (
            ("auth_key", account.auth_key),
            ("username", account.username),
            ("password", account.password),
        ):
            sys.stdin = io.StringIO(value)
            try:
                assert main(["secrets", "set", "peiq", field]) == 0
            finally:
                sys.stdin = sys.__stdin__
        capsys.readouterr()
        code = main(["check", "peiq", "--json"])
    out, err = capsys.readouterr()
    report = json.loads(out)
    rows = {f["id"]: f for f in report["findings"]}
    assert rows["login"]["status"] == "pass", "the rest of the account was readable"
    assert rows["user.developer_mode"]["status"] == "unknown"
    assert "could not be read" in rows["user.developer_mode"]["detail"]
    assert report["ok"] is False
    assert code == 1
    assert "Traceback" not in err


def run_banner(*args: str) -> tuple[str, str]:
    """Start `nlconsole sandbox ARGS`, read its banner up to the stop hint, stop it."""
    process = subprocess.Popen(
        [sys.executable, "-m", "nlconsole", "sandbox", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    lines = []
    try:
        for line in process.stdout:
            lines.append(line)
            if "Ctrl+C" in line or line.startswith("{"):
                break
    finally:
        process.terminate()
        _, err = process.communicate(timeout=10)
    return "".join(lines), err


def test_a_remote_sandbox_warns_and_prints_reachable_urls_and_the_token() -> None:
    out, err = run_banner("--host", EVERY_INTERFACE, "--allow-remote")
    assert "WARNING: the sandbox is reachable from other machines at http://" in err
    assert "REACHABLE FROM OTHER MACHINES" in out
    assert "on loopback" not in out
    assert EVERY_INTERFACE not in out
    assert "Control API token (header X-Sandbox-Token): " in out


def test_a_remote_sandbox_warns_even_with_json() -> None:
    out, err = run_banner("--host", EVERY_INTERFACE, "--allow-remote", "--json")
    info = json.loads(out)
    assert info["control"]["remote"] is True
    assert info["control"]["token"]
    assert info["reachable_urls"]
    assert all(EVERY_INTERFACE not in url for url in info["reachable_urls"])
    assert "WARNING" in err


def test_a_loopback_sandbox_says_loopback_and_prints_the_token() -> None:
    out, err = run_banner()
    assert "emulated APIs on loopback" in out
    assert "Control API token" in out
    assert "WARNING" not in err

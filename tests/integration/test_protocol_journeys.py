"""The protocol of real journey runs against the sandbox: what the runner stored is what the
protocol shows, and the keys the runs used appear in no format."""

from __future__ import annotations

import json
from pathlib import Path

from nlconsole.core.protocol import FORMATS, protocol_bytes
from nlconsole.core.services import Services
from nlconsole.i18n import Translator
from nlconsole.sandbox.seeds import maileon_key
from nlconsole.sandbox.server import SandboxServer
from tests.integration.test_journeys import maileon_profile, run
from tests.ui.conftest import FIXED_NOW
from tests.unit.test_protocol import as_text


async def test_real_runs_end_up_in_every_format_without_a_key(
    sandbox: SandboxServer, services: Services, tmp_path: Path
) -> None:
    profile = maileon_profile(services, sandbox)
    passed = await run(services, profile, "M1", auto_confirm=True)
    services.secrets.delete("acme", "test_api_key")
    blocked = await run(services, profile, "M4")
    assert (passed.verdict.value, blocked.verdict.value) == ("pass", "blocked")

    outputs = {
        fmt: protocol_bytes(
            services.profiles.get("acme"),
            services.config_dir,
            fmt,
            translate=Translator.for_language("en"),
            exported_at=FIXED_NOW,
            tester="QA",
        )
        for fmt in FORMATS
    }
    document = json.loads(outputs["json"])
    journeys = {j["id"]: j for j in document["journeys"]}
    assert journeys["M1"]["run"]["id"] == passed.id
    assert journeys["M1"]["run"]["verdict"] == "pass"
    assert journeys["M4"]["run"]["fix"]
    assert [p["subject"] for p in document["open_points"]] == ["M4"]
    # a blocked run stops before anything could create its address: only M1's is in the ledger
    assert [e["address"] for e in document["cleanup"]["open"]] == [passed.address]

    keys = [maileon_key("create_update"), maileon_key("read_delete")]
    for fmt, data in outputs.items():
        text = as_text(data, fmt, tmp_path)
        assert document["sha256"] in text, fmt
        assert passed.address in text, fmt
        for key in keys:
            assert key not in text, fmt
            assert key.encode() not in data, fmt

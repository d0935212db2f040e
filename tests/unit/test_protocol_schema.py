"""The protocol's JSON Schema (schema_version 1) and a small validator for it.

Hand-written instead of a `jsonschema` dependency: the schema uses only type, enum, required,
properties, additionalProperties, items and pattern, which these thirty lines check fully.
"""

from __future__ import annotations

import re
from typing import Any

TEXT = {"type": "string"}
MAYBE_TEXT = {"type": ["string", "null"]}
TIME = {"type": ["string", "null"], "pattern": r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d"}
VERDICT = {"enum": ["pass", "fail", "blocked", "skipped", "pending"]}


def strict(properties: dict[str, Any]) -> dict[str, Any]:
    """An object with exactly these properties."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def array(items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": items}


EXPECTATION = strict(
    {
        "field": TEXT,
        "label": MAYBE_TEXT,
        "expected": MAYBE_TEXT,
        "observed": MAYBE_TEXT,
        "verdict": VERDICT,
        "verdict_label": TEXT,
    }
)
STEP = strict(
    {
        "title": MAYBE_TEXT,
        "kind": {"enum": ["act", "observe", "ask"]},
        "verdict": VERDICT,
        "verdict_label": TEXT,
        "started_at": TIME,
        "ended_at": TIME,
        "expectations": array(EXPECTATION),
        "detail": MAYBE_TEXT,
        "answer": MAYBE_TEXT,
        "note": MAYBE_TEXT,
    }
)
RUN = strict(
    {
        "id": TEXT,
        "mode": {"enum": ["tester", "simulate"]},
        "address": TEXT,
        "started_at": TIME,
        "ended_at": TIME,
        "verdict": VERDICT,
        "verdict_label": TEXT,
        "fix": MAYBE_TEXT,
        "earlier_runs": {"type": "integer"},
        "steps": array(STEP),
    }
)
LEDGER_ROW = strict(
    {
        "address": TEXT,
        "journey": TEXT,
        "run": TEXT,
        "places": array(TEXT),
        "cleaned_at": TIME,
        "last_error": MAYBE_TEXT,
    }
)
FINDING_STATE = {"enum": ["pass", "info", "warn", "fail", "unknown", "skipped", None]}
"""A row of the last pre-flight check; null: the check did not look (or never ran)."""
BOOTSTRAP = strict(
    {
        "list_ids": {"type": "object"},
        "custom_fields": array(
            strict({"name": TEXT, "type": TEXT, "status": FINDING_STATE, "status_label": TEXT})
        ),
        "doi_mailing": {
            **strict({"status": FINDING_STATE, "status_label": TEXT}),
            "type": ["object", "null"],
        },
    }
)
COUNTS = strict({k: {"type": "integer"} for k in ("pass", "fail", "blocked", "skipped", "not_run")})
SCHEMA: dict[str, Any] = strict(
    {
        "schema_version": {"enum": [1]},
        "kind": {"enum": ["nlconsole-acceptance-protocol"]},
        "language": {"enum": ["de", "en"]},
        "exported_at": TIME,
        "generator": TEXT,
        "sha256": {"type": "string", "pattern": r"^[0-9a-f]{64}$"},
        "header": strict(
            {
                k: TEXT
                for k in (
                    "customer",
                    "profile",
                    "interface",
                    "vendor",
                    "provider",
                    "environment",
                    "base_url",
                    "tester",
                )
            }
        ),
        "summary": strict(
            {
                "counts": COUNTS,
                "not_applicable": {"type": "integer"},
                "verdict": {"enum": ["accepted", "accepted_with_reservations", "not_accepted"]},
                "verdict_label": TEXT,
                "rule": TEXT,
                "reasons": array(TEXT),
            }
        ),
        "check": {
            "type": ["object", "null"],
            "properties": {
                "at": TIME,
                "outcome": {"enum": ["pass", "warn", "fail"]},
                "outcome_label": TEXT,
                "summary": TEXT,
                "findings": array(
                    strict({"id": TEXT, "title": TEXT, "status": TEXT, "status_label": TEXT})
                ),
            },
            "required": ["at", "outcome", "outcome_label", "summary", "findings"],
            "additionalProperties": False,
        },
        "bootstrap": {**BOOTSTRAP, "type": ["object", "null"]},
        "checklist": array(
            strict(
                {
                    "id": TEXT,
                    "title": TEXT,
                    "state": {"enum": ["pending", "done", "skipped", "verified", "failed"]},
                    "state_label": TEXT,
                    "by": MAYBE_TEXT,
                    "at": TIME,
                    "note": MAYBE_TEXT,
                }
            )
        ),
        "journeys": array(
            {
                "type": "object",
                "properties": {
                    "id": TEXT,
                    "title": TEXT,
                    "expected": TEXT,
                    "optional": {"type": "boolean"},
                    "applicable": {"type": "boolean"},
                    "not_applicable_reason": MAYBE_TEXT,
                    "run": {**RUN, "type": ["object", "null"]},
                },
                "required": [
                    "id",
                    "title",
                    "expected",
                    "optional",
                    "applicable",
                    "not_applicable_reason",
                    "run",
                ],
                "additionalProperties": False,
            }
        ),
        "open_points": array(
            strict({"subject": TEXT, "what": TEXT, "state": TEXT, "fix": MAYBE_TEXT})
        ),
        "cleanup": strict({"open": array(LEDGER_ROW), "cleaned": array(LEDGER_ROW)}),
        "signoff": array(strict({"party": {"enum": ["vendor", "customer"]}, "role": TEXT})),
    }
)

TYPES: dict[str, type | tuple[type, ...]] = {
    "string": str,
    "integer": int,
    "boolean": bool,
    "object": dict,
    "array": list,
    "null": type(None),
}


def problems(value: Any, schema: dict[str, Any], where: str = "$") -> list[str]:
    """Every place where the value breaks the schema (empty: valid)."""
    found: list[str] = []
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        ok = any(
            isinstance(value, TYPES[n]) and not (n == "integer" and isinstance(value, bool))
            for n in names
        )
        if not ok:
            return [f"{where}: {type(value).__name__} is not {names}"]
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{where}: {value!r} not in {schema['enum']}")
    if "pattern" in schema and isinstance(value, str) and not re.match(schema["pattern"], value):
        found.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, dict) and "properties" in schema:
        found += [f"{where}: missing {k}" for k in schema.get("required", []) if k not in value]
        if schema.get("additionalProperties") is False:
            found += [f"{where}: unexpected {k}" for k in value if k not in schema["properties"]]
        for key, sub in schema["properties"].items():
            if key in value:
                found += problems(value[key], sub, f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            found += problems(item, schema["items"], f"{where}[{index}]")
    return found


def test_the_validator_catches_a_broken_document() -> None:
    """The hand check must itself fail on a wrong document, or the schema test proves nothing."""
    broken = {"schema_version": 2, "header": {"customer": 3}, "extra": True}
    found = problems(broken, SCHEMA)
    assert any("schema_version" in p for p in found)
    assert any("unexpected extra" in p for p in found)
    assert any("missing sha256" in p for p in found)
    assert any("header.customer" in p for p in found)

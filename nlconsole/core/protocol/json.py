"""The protocol's JSON form and its SHA-256, the fingerprint every other format prints.

Canonical bytes: the document without `exported_at` and `sha256`, keys sorted, no insignificant
white space, UTF-8. The hash is taken over those bytes, so re-exporting unchanged data gives the
same hash (and the same file except the export time), and anyone can recompute it: drop the two
fields, dump canonically, hash.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

VOLATILE = ("exported_at", "sha256")


def canonical_bytes(document: dict[str, Any]) -> bytes:
    """The bytes the hash is taken over."""
    stable = {k: v for k, v in document.items() if k not in VOLATILE}
    return json.dumps(stable, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def sha256_of(document: dict[str, Any]) -> str:
    """The SHA-256 (hex) of the document's canonical bytes."""
    return hashlib.sha256(canonical_bytes(document)).hexdigest()


def with_hash(document: dict[str, Any]) -> dict[str, Any]:
    """The document with its `sha256` field."""
    return {**document, "sha256": sha256_of(document)}


def render_json(document: dict[str, Any]) -> bytes:
    """The exported JSON file: readable, sorted, ending in a newline, with the hash."""
    text = json.dumps(with_hash(document), ensure_ascii=False, sort_keys=True, indent=2)
    return (text + "\n").encode()

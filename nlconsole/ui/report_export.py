"""A finished check as text (for the clipboard) and as files (text and JSON) next to the
profiles, so a result can be pasted into a ticket or handed to a colleague.

The text has the CLI's shape (status, title, detail, fix, verdict) and the JSON is exactly what
`nlconsole check --json` prints. Reports never hold secrets: findings are scrubbed when made.
"""

from __future__ import annotations

import json
from pathlib import Path

from nlconsole.core.report import Report
from nlconsole.core.report_text import report_json, report_text
from nlconsole.i18n import Translator

REPORTS_DIR = "reports"


def save_report(
    report: Report, base_url: str, translate: Translator, config_dir: Path
) -> tuple[Path, Path]:
    """Write `<config dir>/reports/<profile>-<time>.txt` and `.json`; return both paths."""
    directory = config_dir / REPORTS_DIR
    directory.mkdir(parents=True, exist_ok=True)
    stem = f"{report.profile}-{report.started_at.strftime('%Y%m%d-%H%M%S')}"
    text_path = directory / f"{stem}.txt"
    json_path = directory / f"{stem}.json"
    text_path.write_text(report_text(report, base_url, translate), encoding="utf-8")
    document = report_json(report, translate)
    json_path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return text_path, json_path

"""A finished check as text (for the clipboard) and as files (text and JSON) next to the
profiles, so a result can be pasted into a ticket or handed to a colleague.

The text has the CLI's shape (status, title, detail, fix, verdict) and the JSON is exactly what
`nlconsole check --json` prints. Reports never hold secrets: findings are scrubbed when made.
"""

from __future__ import annotations

import json
from pathlib import Path

from nlconsole.cli.check_cmd import MARK, report_json
from nlconsole.core.report import OUTCOME_LABEL, Report
from nlconsole.i18n import Translator, _

REPORTS_DIR = "reports"


def report_text(report: Report, base_url: str, translate: Translator) -> str:
    """The report as plain lines, like `nlconsole check` prints it."""
    t = translate
    lines = [
        t(
            _(
                "{provider} check of '{profile}' at {url}",
                provider=report.provider,
                profile=report.profile,
                url=base_url,
            )
        )
    ]
    titles = [t(f.title) for f in report.findings]
    width = max((len(title) for title in titles), default=0)
    for finding, title in zip(report.findings, titles, strict=True):
        latency = f"{finding.latency_ms:6.0f} ms" if finding.latency_ms is not None else ""
        mark = t(MARK[finding.status.value])
        lines.append(f"  {mark}  {title.ljust(width)}  {t(finding.detail)}  {latency}".rstrip())
        if finding.remediation and finding.status.value != "pass":
            lines.append(t(_("        fix: {remediation}", remediation=finding.remediation)))
    lines.append(
        t(
            _(
                "Result: {outcome}: {verdict} ({seconds} s)",
                outcome=OUTCOME_LABEL[report.outcome],
                verdict=report.verdict(),
                seconds=f"{report.duration_ms / 1000:.2f}",
            )
        )
    )
    return "\n".join(lines) + "\n"


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

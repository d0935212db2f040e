"""A report as people and programs read it outside the console: aligned text lines (the CLI's
output, the console's clipboard copy) and one JSON object (`--json`, saved reports)."""

from __future__ import annotations

from typing import Any

from nlconsole.core.report import OUTCOME_LABEL, Report
from nlconsole.i18n import Text, Translator, _

MARK: dict[str, Text] = {
    "pass": _("PASS"),
    "info": _("INFO"),
    "warn": _("WARN"),
    "fail": _("FAIL"),
    "unknown": "  ? ",
    "skipped": "  - ",
}
"""Four characters each, so the titles line up."""


def report_json(report: Report, translate: Translator) -> dict[str, Any]:
    """The report as one JSON object, texts in the reader's language."""
    return {
        "profile": report.profile,
        "provider": report.provider,
        "started_at": report.started_at.isoformat(),
        "duration_ms": round(report.duration_ms, 1),
        "ok": report.ok,
        "outcome": report.outcome,
        "verdict": translate(report.verdict()),
        "findings": [f.as_json(translate) for f in report.findings],
    }


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

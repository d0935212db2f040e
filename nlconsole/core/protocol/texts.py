"""The words of the protocol: labels of verdicts and states, the verdict rule, the headings.

Kept in one place so that the Markdown, HTML and PDF renderers say exactly the same thing, and
the German catalogue has one entry per text.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from nlconsole.i18n import Msg, Translator, _

VERDICT: dict[str, Msg] = {
    "pass": _("passed"),
    "fail": _("failed"),
    "blocked": _("blocked"),
    "skipped": _("skipped"),
    "pending": _("not finished"),
    "not_run": _("not run"),
}
COUNT_LABEL: dict[str, Msg] = {
    "pass": _("Passed"),
    "fail": _("Failed"),
    "blocked": _("Blocked"),
    "skipped": _("Skipped"),
    "not_run": _("Not run"),
}
VERDICT_LABEL: dict[str, Msg] = {
    "accepted": _("accepted"),
    "accepted_with_reservations": _("accepted with reservations"),
    "not_accepted": _("not accepted"),
}
RULES: dict[str, Msg] = {
    "not_accepted": _(
        "Not accepted: a required journey that applies failed, or the last pre-flight check "
        "failed or was never run."
    ),
    "accepted_with_reservations": _(
        "Accepted with reservations: nothing required failed, but a journey that applies is "
        "blocked, skipped or not run to the end, an optional journey failed, or the last "
        "pre-flight check has warnings."
    ),
    "accepted": _(
        "Accepted: the last pre-flight check passed and every journey that applies passed."
    ),
}
CHECK_OUTCOME: dict[str, Msg] = {"pass": _("passed"), "warn": _("warnings"), "fail": _("failed")}
FINDING_STATUS: dict[str, Msg] = {
    "pass": _("passed"),
    "info": _("note"),
    "warn": _("warning"),
    "fail": _("failed"),
    "unknown": _("unknown"),
    "skipped": _("skipped"),
}
FIELD_STATE: dict[str, Msg] = {
    "pass": _("found"),
    "info": _("missing"),
    "warn": _("found with another type"),
    "unknown": _("not verified"),
}
"""A custom field of the mapping as the last pre-flight check saw it (its `field.NAME` row)."""
DOI_STATE: dict[str, Msg] = {
    "pass": _("present"),
    "warn": _("missing, or the recorded DOI key was not found"),
    "unknown": _("not verified"),
}
"""The DOI mailing as the last pre-flight check saw it (the API cannot create one)."""
NOT_CHECKED = _("not checked yet")
STEP_STATE: dict[str, Msg] = {
    "pending": _("open"),
    "done": _("done"),
    "skipped": _("skipped"),
    "verified": _("verified by the check"),
    "failed": _("failed in the check"),
}
ENVIRONMENT: dict[str, Msg] = {
    "staging": _("staging"),
    "production": _("production"),
    "sandbox": _("sandbox"),
}
ANSWER: dict[str, Msg] = {"yes": _("yes"), "no": _("no"), "not asked": _("not asked")}
YES_NO: dict[str, Msg] = {"yes": _("yes"), "no": _("no")}
"""Values the journeys record as 'yes' or 'no' (a contact exists, a marker is set)."""
MODE: dict[str, Msg] = {
    "tester": _("a tester in the vendor's system"),
    "simulate": _("simulated by nlconsole"),
}

MARKS = {"pass": "✔", "fail": "✘", "accepted": "✔", "not_accepted": "✘"}


class Headings:
    """Every heading and field name of the protocol, rendered in one language."""

    def __init__(self, t: Translator) -> None:
        self.t = t
        self.title = t(_("Acceptance protocol"))
        self.customer = t(_("Customer"))
        self.profile = t(_("Profile"))
        self.interface = t(_("Interface"))
        self.provider = t(_("Provider"))
        self.environment = t(_("Environment"))
        self.base_url = t(_("Base URL"))
        self.date = t(_("Date"))
        self.tester = t(_("Tester"))
        self.summary = t(_("Summary"))
        self.journeys_counted = t(_("Journeys"))
        self.count = t(_("Count"))
        self.not_applicable = t(_("Not applicable"))
        self.overall = t(_("Overall verdict"))
        self.rule = t(_("Rule"))
        self.reasons = t(_("Reasons"))
        self.check = t(_("Pre-flight check"))
        self.no_check = t(_("No pre-flight check has been run."))
        self.result = t(_("Result"))
        self.finding = t(_("Check"))
        self.status = t(_("Status"))
        self.bootstrap = t(_("Set-up result"))
        self.no_bootstrap = t(_("No set-up result recorded."))
        self.list_name = t(_("Newsletter"))
        self.list_id = t(_("List id"))
        self.custom_field = t(_("Custom field"))
        self.field_type = t(_("Type"))
        self.last_check = t(_("Last check"))
        self.doi_mailing = t(_("DOI mailing"))
        self.checklist = t(_("Setup checklist"))
        self.step = t(_("Step"))
        self.state = t(_("State"))
        self.by = t(_("By"))
        self.at = t(_("When"))
        self.note = t(_("Note"))
        self.journeys = t(_("Journeys"))
        self.expected_result = t(_("Expected"))
        self.no_run = t(_("Not run yet."))
        self.optional = t(_("optional"))
        self.run = t(_("Run"))
        self.mode = t(_("Carried out by"))
        self.address = t(_("Test address"))
        self.started = t(_("Started"))
        self.ended = t(_("Ended"))
        self.verdict = t(_("Verdict"))
        self.fix = t(_("Fix"))
        self.earlier_runs = t(_("Earlier runs"))
        self.field = t(_("Field"))
        self.observed = t(_("Observed"))
        self.answer = t(_("Answer"))
        self.detail = t(_("Detail"))
        self.open_points = t(_("Open points"))
        self.no_open_points = t(_("No open points."))
        self.subject = t(_("Subject"))
        self.description = t(_("Description"))
        self.journey = t(_("Journey"))
        self.cleanup = t(_("Cleanup of test contacts"))
        self.cleanup_open = t(_("Still to delete"))
        self.cleanup_done = t(_("Deleted"))
        self.no_test_contacts = t(_("No test contacts were created."))
        self.places = t(_("Where"))
        self.error = t(_("Last error"))
        self.signoff = t(_("Sign-off"))
        self.name = t(_("Name"))
        self.role = t(_("Role"))
        self.place_date = t(_("Place, date"))
        self.signature = t(_("Signature"))
        self.sha256 = t(_("SHA-256 of the JSON document"))
        self.sha_note = t(
            _(
                "The hash is taken over the canonical JSON of this protocol without its export "
                "time, so the signed paper can be matched to its data."
            )
        )
        self.generator = t(_("Generated by"))

    def marked(self, verdict: str, label: str) -> str:
        """A verdict's label with its sign, so passes and failures stand out on paper."""
        sign = MARKS.get(verdict)
        return f"{sign} {label}" if sign else label

    def label(self, labels: dict[str, Msg], value: str) -> str:
        """A value's label (the value itself when it has none)."""
        return self.t(labels.get(value, value))

    def when(self, iso: str | None) -> str:
        """A stored time as the reader writes it, in UTC (the same on every machine)."""
        if not iso:
            return "–"
        moment = datetime.fromisoformat(iso)
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC)
        pattern = "%d.%m.%Y %H:%M" if self.t.language == "de" else "%Y-%m-%d %H:%M"
        return moment.strftime(pattern) + " UTC"

    def run_rows(self, run: dict[str, Any]) -> list[tuple[str, Any]]:
        """The label/value rows of a journey's run, the same in Markdown, HTML and PDF."""
        rows: list[tuple[str, Any]] = [
            (self.run, run["id"]),
            (self.mode, self.label(MODE, run["mode"])),
            (self.address, run["address"]),
            (self.started, self.when(run["started_at"])),
            (self.ended, self.when(run["ended_at"])),
            (self.earlier_runs, run["earlier_runs"]),
        ]
        if run["fix"]:
            rows.append((self.fix, run["fix"]))
        return rows

    def setup_tables(
        self, bootstrap: dict[str, Any]
    ) -> list[tuple[list[str], list[tuple[Any, ...]]]]:
        """The set-up result's tables (headers and rows): address books, custom fields."""
        tables: list[tuple[list[str], list[tuple[Any, ...]]]] = []
        if bootstrap["list_ids"]:
            tables.append(([self.list_name, self.list_id], sorted(bootstrap["list_ids"].items())))
        if bootstrap["custom_fields"]:
            rows = [
                (f["name"], f["type"], self.marked(f["status"] or "", f["status_label"]))
                for f in bootstrap["custom_fields"]
            ]
            tables.append(([self.custom_field, self.field_type, self.last_check], rows))
        return tables

    def setup_notes(self, bootstrap: dict[str, Any]) -> list[tuple[str, Any]]:
        """The set-up result's name–value lines: the DOI mailing, where there is one."""
        doi = bootstrap["doi_mailing"]
        return [] if doi is None else [(self.doi_mailing, doi["status_label"])]

    def step_notes(self, step: dict[str, Any]) -> list[tuple[str, Any]]:
        """A step's detail, the tester's answer and note, those that are there."""
        notes = [
            (self.detail, step["detail"]),
            (self.answer, step["answer"]),
            (self.note, step["note"]),
        ]
        return [(name, value) for name, value in notes if value]

    def expectation_table(self, step: dict[str, Any]) -> tuple[list[str], list[tuple[Any, ...]]]:
        """A step's expected | observed | verdict table: headers and rows."""
        headers = [self.field, self.expected_result, self.observed, self.verdict]
        rows = [
            (
                e["label"],
                self.value(e["expected"]),
                self.value(e["observed"]),
                self.marked(e["verdict"], e["verdict_label"]),
            )
            for e in step["expectations"]
        ]
        return headers, rows

    def value(self, value: str | None) -> str | None:
        """An expected or observed value as the reader says it: the runs record a contact or
        recipient that exists, a marker that is set, as 'yes' (the JSON keeps the raw value)."""
        return self.t(YES_NO[value]) if value in YES_NO else value

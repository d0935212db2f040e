"""A profile with evidence of every kind, for protocol tests: runs of each verdict (written
through `JourneyRun.as_json()`, exactly as the runner stores them), a last check, checklist
ticks with notes, a ledger with open and cleaned addresses, and a canary in every secret —
for Maileon (`evidence_profile`) and for Newsletter2Go (`n2g_evidence_profile`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pydantic import SecretStr

from nlconsole.core.journeys.expect import Expectation, Verdict
from nlconsole.core.journeys.run import JourneyRun, StepRecord
from nlconsole.core.journeys.store import LedgerEntry, RunStore
from nlconsole.core.kit import kit_for
from nlconsole.core.maileon import findings
from nlconsole.core.models import LastCheck, Profile, StepState, StepStatus
from nlconsole.core.services import Services
from nlconsole.i18n import _
from nlconsole.providers.base import error_for_status
from nlconsole.providers.maileon.client import STATUS_TEXTS

NOW = datetime(2026, 11, 22, 10, 30, tzinfo=UTC)
CANARY = "CANARY-7f3a9c-secret"
TESTER = "Erika Muster"


def canaries(services: Services, profile: str = "acme") -> list[str]:
    """Store a distinct canary in every secret field of the profile's provider."""
    values = []
    for field in kit_for(services.profiles.get(profile)).secret_fields:
        value = f"{CANARY}-{field.name}"
        services.secrets.set(profile, field.name, SecretStr(value))
        values.append(value)
    return values


def evidence_profile(services: Services) -> Profile:
    """The Maileon profile 'acme' with runs of each verdict and everything else filled in."""
    kit = kit_for("maileon")
    planned = kit.planned_check(
        Profile.model_validate({"name": "acme", "provider": "maileon"}),
        frozenset(f.name for f in kit.secret_fields),
    )
    statuses = {spec.id: "pass" for spec in planned}
    statuses[findings.DOI_MAILING.id] = "warn"  # the one row the check warned about
    profile = Profile.model_validate(
        {
            "name": "acme",
            "provider": "maileon",
            "display_name": "ACME Bildung e.V. | Süd",
            "environment": "staging",
            "base_url": "https://api.maileon.com/1.0",
            "test_mailbox": "qa@acme.example",
            "maileon": {"key_expires": "2027-03-31"},
            "checklist": {
                "privacy_policy": StepState(
                    status=StepStatus.DONE,
                    at=NOW - timedelta(days=2),
                    by="Jörg Admin",
                    note="Abschnitt „Newsletter“ ergänzt – Version 3",
                ),
                "doi_mailing": StepState(
                    status=StepStatus.SKIPPED, at=NOW - timedelta(days=1), by="Jörg Admin"
                ),
            },
            "last_check": LastCheck(
                at=NOW - timedelta(hours=3),
                outcome="warn",
                summary=_(
                    "{title}: {detail}", title=_("DOI mailing"), detail="kein DOI-Mailing gewählt"
                ),
                statuses=statuses,
            ),
        }
    )
    services.profiles.add(profile)
    store = RunStore(services.config_dir, "acme")
    for number, (journey, verdict) in enumerate(
        [
            ("M8", Verdict.FAIL),  # an older run, superseded by the next one
            ("M1", Verdict.PASS),
            ("M3", Verdict.FAIL),
            ("M4", Verdict.BLOCKED),
            ("M5", Verdict.SKIPPED),
            ("M7", Verdict.PENDING),
            ("M8", Verdict.PASS),
        ]
    ):
        run = _run(number, journey, verdict)
        store.save_run(run.id, run.as_json())
        store.record(LedgerEntry(run.address, journey, run.id, run.started_at, places=["maileon"]))

    def settle(entries: list[LedgerEntry]) -> None:
        entries[0].cleaned_at = NOW - timedelta(minutes=5)
        address = entries[1].address  # a 503 on its delete, kept as cleanup keeps it
        what = _("deleting contact {email}", email=address)
        entries[1].last_error = error_for_status(503, what, None, STATUS_TEXTS).message

    store.change(settle)
    return profile


def n2g_evidence_profile(services: Services) -> Profile:
    """The Newsletter2Go profile 'acme': two address books recorded by bootstrap, a passed
    check, runs that passed and failed, a ledger naming the books."""
    profile = Profile.model_validate(
        {
            "name": "acme",
            "provider": "newsletter2go",
            "display_name": "Verlag Süd",
            "environment": "staging",
            "base_url": "https://api.newsletter2go.com",
            "test_mailbox": "qa@verlag.example",
            "newsletter2go": {
                "newsletters": ["Lokales", "Sport"],
                "list_ids": {"Lokales": "l0k4l3s", "Sport": "sp0rt1d"},
            },
        }
    )
    planned = kit_for(profile).planned_check(profile, frozenset())
    profile.last_check = LastCheck(
        at=NOW - timedelta(hours=3),
        outcome="pass",
        summary=_("Everything the interface needs is in place."),
        statuses={spec.id: "pass" for spec in planned},
    )
    services.profiles.add(profile)
    store = RunStore(services.config_dir, "acme")
    for number, (journey, verdict) in enumerate([("P1", Verdict.PASS), ("P8", Verdict.FAIL)]):
        run = _run(number, journey, verdict, "newsletter2go")
        store.save_run(run.id, run.as_json())
        books = ["l0k4l3s", "sp0rt1d"][: number + 1]
        store.record(LedgerEntry(run.address, journey, run.id, run.started_at, places=books))
    return profile


def _run(number: int, journey: str, verdict: Verdict, provider: str = "maileon") -> JourneyRun:
    started = NOW - timedelta(hours=2) + timedelta(minutes=10 * number)
    run = JourneyRun(
        id=f"20261122-{number:04d}",
        profile="acme",
        provider=provider,
        journey=journey,
        title=_("Purchase with the newsletter box ticked"),
        mode="simulate" if number % 2 else "tester",
        address=f"qa+nlc-{journey.lower()}-{number}@acme.example",
        started_at=started,
        ended_at=None if verdict is Verdict.PENDING else started + timedelta(minutes=3),
        verdict=verdict,
        fix=_("Store a test key with the read right") if verdict is Verdict.BLOCKED else None,
    )
    act = StepRecord(
        title=_("Buy in the shop with the newsletter box ticked"),
        kind="act",
        verdict=Verdict.PASS,
        started_at=started,
        ended_at=started + timedelta(minutes=1),
    )
    ask = StepRecord(
        title=_("Did the DOI mail arrive?"),
        kind="ask",
        verdict=Verdict.PASS if verdict is Verdict.PASS else verdict,
        started_at=started + timedelta(minutes=1),
        ended_at=started + timedelta(minutes=2),
        answer="yes" if verdict is Verdict.PASS else "not asked",
        note="Mail kam nach 40 s – Betreff „Bitte bestätigen“" if verdict is Verdict.PASS else None,
    )
    observe = StepRecord(
        title=_("The contact in Maileon"),
        kind="observe",
        verdict=verdict,
        started_at=started + timedelta(minutes=2),
        ended_at=started + timedelta(minutes=3),
    )
    exists = Expectation("exists", _("Contact exists"), "yes")  # recorded as 'yes', not 'ja'
    first_name = Expectation("FIRSTNAME", _("First name"), "Jürgen")
    permission = Expectation("permission", _("Permission"), "4")
    observe.observed = [
        exists.judge({"exists": "yes"}),
        first_name.judge({"FIRSTNAME": "Jürgen"}),
        permission.judge({"permission": "1" if verdict is Verdict.FAIL else "4"}),
    ]
    run.steps = [act, ask, observe]
    return run

"""A profile's journeys as people see them: each with whether it applies and its last verdict."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nlconsole.core.journeys.model import JourneySpec
from nlconsole.core.journeys.store import RunStore
from nlconsole.core.kit import kit_for
from nlconsole.core.models import Profile
from nlconsole.i18n import Msg


@dataclass(frozen=True)
class CatalogueEntry:
    """One journey of a profile."""

    spec: JourneySpec
    not_applicable: Msg | None
    last_verdict: str | None
    last_run: str | None = None
    """The newest run's id (an interrupted one, verdict 'pending', can be resumed)."""


def catalogue(profile: Profile, config_dir: Path) -> list[CatalogueEntry]:
    """The provider's journeys in order, with applicability and the newest run's verdict."""
    last: dict[str, tuple[str, str | None]] = {}
    for run in RunStore(config_dir, profile.name).runs():
        journey, verdict, run_id = run.get("journey"), run.get("verdict"), run.get("id")
        if isinstance(journey, str) and isinstance(verdict, str):
            last[journey] = (verdict, run_id if isinstance(run_id, str) else None)
    entries = []
    for spec in kit_for(profile).journeys():
        verdict, run_id = last.get(spec.id, (None, None))
        entries.append(CatalogueEntry(spec, spec.not_applicable(profile), verdict, run_id))
    return entries

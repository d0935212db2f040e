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


def catalogue(profile: Profile, config_dir: Path) -> list[CatalogueEntry]:
    """The provider's journeys in order, with applicability and the newest run's verdict."""
    last: dict[str, str] = {}
    for run in RunStore(config_dir, profile.name).runs():
        journey, verdict = run.get("journey"), run.get("verdict")
        if isinstance(journey, str) and isinstance(verdict, str):
            last[journey] = verdict
    return [
        CatalogueEntry(spec, spec.not_applicable(profile), last.get(spec.id))
        for spec in kit_for(profile).journeys()
    ]

"""What a journey is: a user journey from the vendor's guide, what it proves, whether it
applies to a profile, and what a tester does in the vendor's system to walk it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from nlconsole.core.models import Profile
from nlconsole.i18n import Msg

Applicability = Callable[[Profile], Msg | None]
"""None when the journey applies to the profile, else the reason why not."""


def always(profile: Profile) -> Msg | None:
    """The journey applies to every profile of its provider."""
    return None


@dataclass(frozen=True)
class JourneySpec:
    """One journey of a provider's catalogue (Maileon M1–M9, Newsletter2Go P1–P14)."""

    id: str
    title: Msg
    expected: Msg
    """What the provider must show afterwards (the check of the journey)."""
    tester_steps: tuple[Msg, ...]
    """What a person does in the vendor's system, in order."""
    simulated: bool = True
    """Whether nlconsole can make the integration's own call instead (rehearsal, demo)."""
    applies: Applicability = always
    optional: bool = False
    """Whether the vendor supports it is not known: a failure is a note, not a refusal."""

    def not_applicable(self, profile: Profile) -> Msg | None:
        """Why the journey does not apply to the profile, or None when it does."""
        return self.applies(profile)

"""What `nlconsole status` and the console's status panel show, like `gh auth status`: where the
configuration lives, which keyring holds the secrets, and per profile which secrets are stored
(recognisable by a masked tail, never readable), the last check and its age, checklist progress.

Collected once here so the CLI and the console can never disagree. Reading the keyring blocks:
callers run this off the event loop.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from nlconsole.core.checklists import progress
from nlconsole.core.kit import kit_for
from nlconsole.core.models import LastCheck, Profile
from nlconsole.core.report import OUTCOME_LABEL
from nlconsole.core.secrets import SecretStoreError
from nlconsole.core.services import Services
from nlconsole.i18n import Msg, Text, Translator, _, _n

TAIL = 4
"""Characters shown at the end of a stored secret: enough to tell two keys apart."""
MIN_LENGTH_FOR_TAIL = 16
"""Shorter secrets show no tail: four characters of a short one give too much away."""
NO_TAIL_FIELDS = frozenset({"password"})
"""Secret fields a person chose: never any part of them, however long."""


@dataclass(frozen=True)
class SecretState:
    """One secret field of a profile: stored or not, and how to recognise it."""

    name: str
    label: Text
    required: bool
    stored: bool | None
    """None: unknown, the keyring cannot be read."""
    hint: str = ""
    """'…746c' for long secrets, the value itself for fields shown in clear (a username)."""


@dataclass(frozen=True)
class ProfileState:
    """One profile as the status view shows it."""

    profile: Profile
    provider: str
    secrets: tuple[SecretState, ...]
    checklist_done: int
    checklist_total: int

    @property
    def last_check(self) -> LastCheck | None:
        """The profile's last check result, if any."""
        return self.profile.last_check


@dataclass(frozen=True)
class KeyringState:
    """Which keyring holds the secrets, or why none can be used."""

    backend: Text
    problem: Text | None = None
    remediation: Text | None = None


@dataclass(frozen=True)
class Status:
    """Everything the status view shows."""

    config_dir: Path
    keyring: KeyringState
    profiles: tuple[ProfileState, ...]
    now: datetime


def keyring_state(services: Services) -> KeyringState:
    """The secret store's backend, or the reason it cannot be used (with its fix)."""
    try:
        return KeyringState(services.secrets.backend_name)
    except SecretStoreError as exc:
        return KeyringState(exc.backend, exc.message, exc.remediation)


def masked(value: str, shown: bool) -> str:
    """How a stored value is shown: in full if the field is not secret, else a tail or nothing."""
    if shown:
        return value
    return "…" + value[-TAIL:] if len(value) >= MIN_LENGTH_FOR_TAIL else ""


def collect_status(services: Services, name: str | None = None) -> Status:
    """The status of all profiles (or of one: ProfileNotFound if it does not exist)."""
    keyring = keyring_state(services)
    profiles = (
        [services.profiles.get(name)]
        if name is not None
        else list(services.profiles.load().profiles.values())
    )
    try:
        states = tuple(_profile_state(services, p, keyring.problem is None) for p in profiles)
    except SecretStoreError as exc:  # locked, or failing after it was chosen
        keyring = KeyringState(exc.backend, exc.message, exc.remediation)
        states = tuple(_profile_state(services, p, False) for p in profiles)
    return Status(services.config_dir, keyring, states, services.clock.now())


def _profile_state(services: Services, profile: Profile, readable: bool) -> ProfileState:
    kit = kit_for(profile)
    secrets = []
    for field in kit.secret_fields:
        if not readable:
            secrets.append(SecretState(field.name, field.label, field.required, None))
            continue
        value = services.secrets.get(profile.name, field.name)
        hint = (
            ""
            if value is None or field.name in NO_TAIL_FIELDS
            else masked(value.get_secret_value(), field.shown)
        )
        secrets.append(
            SecretState(field.name, field.label, field.required, value is not None, hint)
        )
    done, total = progress(kit.checklist(), profile)
    return ProfileState(profile, kit.title, tuple(secrets), done, total)


def age(then: datetime, now: datetime) -> Msg:
    """'3 minutes ago', '5 hours ago', '2 days ago': how old a result is."""
    seconds = max(0, int((now - then).total_seconds()))
    if seconds < 60:
        return _("just now")
    if seconds < 3600:
        return _n("{count} minute ago", "{count} minutes ago", seconds // 60)
    if seconds < 86400:
        return _n("{count} hour ago", "{count} hours ago", seconds // 3600)
    return _n("{count} day ago", "{count} days ago", seconds // 86400)


def status_json(status: Status, translate: Translator) -> dict[str, Any]:
    """The status as one JSON object (no secret values; masked tails only)."""
    return {
        "config_dir": str(status.config_dir),
        "keyring": {
            "backend": translate(status.keyring.backend),
            "usable": status.keyring.problem is None,
            "problem": translate(status.keyring.problem) or None,
            "remediation": translate(status.keyring.remediation) or None,
        },
        "profiles": [_profile_json(state, status.now, translate) for state in status.profiles],
    }


def _profile_json(state: ProfileState, now: datetime, translate: Translator) -> dict[str, Any]:
    check = state.last_check
    return {
        "name": state.profile.name,
        "title": state.profile.title,
        "provider": state.profile.provider.value,
        "environment": state.profile.environment.value,
        "secrets": {
            s.name: {"stored": s.stored, "required": s.required, "hint": s.hint or None}
            for s in state.secrets
        },
        "last_check": None
        if check is None
        else {
            "at": check.at.isoformat(),
            "age": translate(age(check.at, now)),
            "outcome": check.outcome,
            "summary": translate(check.summary),
        },
        "checklist": {"done": state.checklist_done, "total": state.checklist_total},
    }


def status_lines(status: Status) -> list[Text]:
    """The status as lines of prose, the same in the CLI and the console's panel."""
    lines: list[Text] = [_("Config dir: {path}", path=str(status.config_dir))]
    keyring = status.keyring
    if keyring.problem is None:
        lines.append(_("Keyring: {backend}", backend=keyring.backend))
    else:
        lines.append(_("Keyring: cannot be used: {problem}", problem=keyring.problem))
        if keyring.remediation:
            lines.append(_("  fix: {remediation}", remediation=keyring.remediation))
    if not status.profiles:
        lines.append(_("No profiles yet."))
    for state in status.profiles:
        lines.extend(_profile_lines(state, status.now))
    return lines


def _profile_lines(state: ProfileState, now: datetime) -> list[Text]:
    profile = state.profile
    lines: list[Text] = [
        "",
        _(
            "{name} · {title} · {provider} · {environment}",
            name=profile.name,
            title=profile.title,
            provider=state.provider,
            environment=profile.environment.value,
        ),
    ]
    for secret in state.secrets:
        lines.append(_("  {label}: {state}", label=secret.label, state=_secret_text(secret)))
    check = state.last_check
    if check is None:
        lines.append(_("  Last check: never"))
    else:
        lines.append(
            _(
                "  Last check: {outcome} {age}: {summary}",
                outcome=OUTCOME_LABEL.get(check.outcome, check.outcome),
                age=age(check.at, now),
                summary=check.summary,
            )
        )
    lines.append(
        _("  Checklist: {done}/{total}", done=state.checklist_done, total=state.checklist_total)
    )
    return lines


def _secret_text(secret: SecretState) -> Text:
    if secret.stored is None:
        return _("unknown (keyring unavailable)")
    if not secret.stored:
        return _("missing") if secret.required else _("not stored (optional)")
    return _("stored {hint}", hint=secret.hint) if secret.hint else _("stored")

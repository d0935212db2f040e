"""Run a kit's pre-flight check directly (no services), with test timeouts and a fixed date."""

from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import UTC, date, datetime

from pydantic import SecretStr

from nlconsole.core.kit import CheckContext, kit_for
from nlconsole.core.models import Profile
from nlconsole.core.report import Report, recording
from nlconsole.i18n import ENGLISH, Text
from nlconsole.providers.http import HttpOptions, HttpSettings


def fast_http(read_timeout: float = 5.0) -> HttpOptions:
    """Short timeouts and backoff, so fault tests stay quick."""
    return HttpOptions(
        HttpSettings(connect_timeout=2.0, read_timeout=read_timeout, backoff_base=0.05)
    )


async def run_check(
    profile: Profile,
    secrets: Mapping[str, str | None],
    *,
    today: date,
    http: HttpOptions | None = None,
) -> Report:
    """The kit's check of the profile with these secrets, as the core runs it."""
    kit = kit_for(profile)
    values = {name: SecretStr(value) if value else None for name, value in secrets.items()}
    stored = frozenset(name for name, value in values.items() if value is not None)
    context = CheckContext(
        profile, values, today, datetime.now(UTC), http or fast_http(), time.monotonic
    )
    planned = kit.planned_check(profile, stored)
    with recording("check", profile.name, kit.kind.value, context.now, planned, None) as rec:
        await kit.check(context, rec)
    return rec.report


def english(text: Text | None) -> str:
    """A text as English prose, for assertions."""
    return ENGLISH(text)

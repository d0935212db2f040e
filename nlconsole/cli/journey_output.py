"""A journey run on the terminal: instructions for the tester, live steps, the expectation
table, the verdict; or one JSON document. Without a terminal nobody is asked anything."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from nlconsole.cli.context import Context
from nlconsole.core.journeys.run import JourneyRun, StepRecord
from nlconsole.i18n import Text, Translator, _

VERDICT = {
    "pass": _("PASS"),
    "fail": _("FAIL"),
    "blocked": _("BLOCKED"),
    "skipped": _("SKIPPED"),
    "pending": _("PENDING"),
}


class TerminalPerson:
    """The tester at this terminal (nobody, when stdin is not one or --json is given)."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self.interactive = (
            not context.out.json_mode and sys.stdin is not None and sys.stdin.isatty()
        )

    def show(self, title: Text, instructions: Sequence[Text], values: Mapping[str, str]) -> None:
        if self.context.out.json_mode:
            return
        out = self.context.out
        out.line(_("Now: {title}", title=title))
        for number, instruction in enumerate(instructions, 1):
            out.line(f"  {number}. {self.context.translate(instruction)}")
        for name, value in values.items():
            print(f"     {name}: {value}")

    async def wait(self) -> None:
        if self.interactive:
            prompt = self.context.translate(_("Press Enter when done: "))
            await asyncio.to_thread(input, prompt)

    async def ask(self, question: Text) -> tuple[str, str | None]:
        if not self.interactive:
            return "not asked", None
        prompt = self.context.translate(_("{question} [y/n] ", question=question))
        answer = (await asyncio.to_thread(input, prompt)).strip().lower()
        note = await asyncio.to_thread(input, self.context.translate(_("Note (optional): ")))
        return ("yes" if answer in ("y", "yes", "j", "ja") else "no"), note.strip() or None

    def step_done(self, step: StepRecord) -> None:
        if not self.context.out.json_mode:
            print_step(self.context, step)


def print_step(context: Context, step: StepRecord) -> None:
    """One step: its verdict and title, the expectations, the detail."""
    t = context.translate
    print(f"{t(VERDICT[step.verdict.value]):<9} {t(step.title)}")
    for observed in step.observed:
        mark = "✔" if observed.verdict.value == "pass" else "✖"
        expected = observed.expectation.expected or "–"
        print(f"  {mark} {t(observed.expectation.label)}: {expected} | {observed.observed or '–'}")
    if step.detail:
        print(f"  {t(step.detail)}")


def print_run(context: Context, run: JourneyRun) -> None:
    """The verdict line (the steps were printed as they finished)."""
    context.out.line(
        _(
            "{journey} {verdict}: {title} ({address})",
            journey=run.journey,
            verdict=VERDICT[run.verdict.value],
            title=run.title,
            address=run.address,
        )
    )
    if run.fix:
        context.out.line(_("  fix: {remediation}", remediation=run.fix))


def run_json(run: JourneyRun, translate: Translator) -> dict[str, Any]:
    """The run as JSON, texts rendered in the reader's language."""
    document = run.as_json()
    document["title"] = translate(run.title)
    document["fix"] = translate(run.fix) or None
    for step, record in zip(document["steps"], run.steps, strict=True):
        step["title"] = translate(record.title)
        step["detail"] = translate(record.detail) or None
        for expectation, observed in zip(step["expectations"], record.observed, strict=True):
            expectation["label"] = translate(observed.expectation.label)
    return document

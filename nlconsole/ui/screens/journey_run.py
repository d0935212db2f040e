"""One journey run, live: what to do now, each step's expected | observed | verdict, the result.

The run is an async worker on the console's event loop. When the tester has to act, it waits
for Enter; a question waits for y or n. In the sandbox, a DOI click is done through the sandbox
mailbox (--auto-confirm) unless the tester prefers to click the link.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from rich.text import Text as RichText
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Header, Static
from textual.worker import Worker

from nlconsole.core.journeys.run import StepRecord
from nlconsole.core.journeys.runner import RunOptions, run_journey
from nlconsole.core.journeys.start import PreparedRun, prepare_run
from nlconsole.core.models import Environment, Profile
from nlconsole.i18n import Text, _
from nlconsole.ui.bindings import bind
from nlconsole.ui.messages import (
    JourneyFinished,
    JourneyInstructions,
    JourneyPrepared,
    JourneyQuestion,
    JourneyStepDone,
)
from nlconsole.ui.screens.base import ConsoleScreen
from nlconsole.ui.widgets.expectation_table import VERDICT_STYLE, ExpectationTable
from nlconsole.ui.widgets.footer import ConsoleFooter

STEP_TIMEOUT = 60.0


class ScreenPerson:
    """The tester at the console: instructions and questions go to the screen as messages."""

    interactive = True

    def __init__(self, screen: JourneyRunScreen) -> None:
        self.screen = screen
        self.done = asyncio.Event()
        self.answer: asyncio.Future[str] | None = None

    def show(self, title: Text, instructions: Sequence[Text], values: Mapping[str, str]) -> None:
        self.done.clear()
        self.screen.post_message(JourneyInstructions(title, instructions, values))

    async def wait(self) -> None:
        await self.done.wait()

    async def ask(self, question: Text) -> tuple[str, str | None]:
        self.answer = asyncio.get_running_loop().create_future()
        self.screen.post_message(JourneyQuestion(question))
        return await self.answer, None

    def step_done(self, step: StepRecord) -> None:
        self.screen.post_message(JourneyStepDone(step))


class JourneyRunScreen(ConsoleScreen):
    """A running (or finished) journey."""

    NAME = _("Journey run")

    PURPOSE = _(
        "Do what the panel says in the vendor's system, then press Enter. nlconsole watches the "
        "provider until every field is as expected or the step's time runs out. y / n answer a "
        "question. The run is kept under runs/ in the config dir."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        bind("enter", "done", _("Done"), id="run.done"),
        bind("y,j", "answer('yes')", _("Yes"), id="run.yes", show=False),
        bind("n", "answer('no')", _("No"), id="run.no", show=False),
        bind("escape", "cancel_or_back", _("Cancel/Back"), id="run.cancel"),
    ]

    def __init__(
        self, profile: Profile, journey: str, simulate: bool, *, resume: str | None = None
    ) -> None:
        super().__init__()
        self.profile = profile
        self.journey = journey
        self.simulate = simulate
        self.resume = resume
        """The id of an interrupted run to go on with (its own mode and test address)."""
        self.person = ScreenPerson(self)
        self._run: Worker[None] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="journey-run"):
            yield Static("", id="run-title")
            yield Static(self.t(_("Preparing …")), id="run-now")
            yield ExpectationTable(self.translate, id="run-steps")
            yield Static("", id="run-verdict")
        yield ConsoleFooter()

    def on_mount(self) -> None:
        self.prepare()

    @work(thread=True, exclusive=True, group="journey-prepare", exit_on_error=False)
    def prepare(self) -> None:
        """Derive the test address and read the secrets (keyring: blocking)."""
        if self.resume is not None:
            from nlconsole.core.journeys.resume import prepare_resume

            prepared = prepare_resume(self.profile, self.resume, self.services)
        else:
            prepared = prepare_run(
                self.profile, self.journey, self.services, simulate=self.simulate
            )
        self.post_message(JourneyPrepared(prepared))

    @on(JourneyPrepared)
    def _prepared(self, message: JourneyPrepared) -> None:
        run = message.prepared.run
        self.simulate = run.mode == "simulate"
        mode = _("simulated") if self.simulate else _("with a tester")
        self.query_one("#run-title", Static).update(
            RichText(
                self.t(
                    _(
                        "{journey} {title} ({mode}) · test address {address}",
                        journey=run.journey,
                        title=run.title,
                        mode=mode,
                        address=run.address,
                    )
                ),
                style="bold",
            )
        )
        table = self.query_one("#run-steps", ExpectationTable)
        for step in run.steps:  # a resumed run's judged steps
            table.add_step(step)
        self._run = self.walk(message.prepared)

    @work(exclusive=True, group="journey", exit_on_error=False)
    async def walk(self, prepared: PreparedRun) -> None:
        """The run itself (it only awaits the provider and the tester)."""
        auto = self.profile.environment is Environment.SANDBOX
        options = RunOptions(self.simulate, STEP_TIMEOUT, auto_confirm=auto)
        self.post_message(JourneyFinished(await run_journey(prepared, self.person, options)))

    @on(JourneyInstructions)
    def _instructions(self, message: JourneyInstructions) -> None:
        text = RichText(self.t(_("Now: {title}", title=message.title)) + "\n", style="bold")
        for number, line in enumerate(message.instructions, 1):
            text.append(f"{number}. {self.t(line)}\n")
        for name, value in message.values.items():
            text.append(f"   {name}: ", style="dim")
            text.append(f"{value}\n")
        text.append(self.t(_("Press Enter when done.")), style="yellow")
        self.query_one("#run-now", Static).update(text)

    @on(JourneyQuestion)
    def _question(self, message: JourneyQuestion) -> None:
        self.query_one("#run-now", Static).update(
            RichText(self.t(_("{question} (y / n)", question=message.question)), style="yellow")
        )

    @on(JourneyStepDone)
    def _step(self, message: JourneyStepDone) -> None:
        self.query_one(ExpectationTable).add_step(message.step)
        self.query_one("#run-now", Static).update(self.t(_("Watching the provider …")))

    @on(JourneyFinished)
    def _finished(self, message: JourneyFinished) -> None:
        run = message.run
        label, style = VERDICT_STYLE[run.verdict.value]
        text = RichText(self.t(_("Verdict of the run: ")), style="bold")
        text.append(self.t(label), style=style)
        if run.fix:
            text.append("  " + self.t(_("How to fix: {fix}", fix=run.fix)))
        self.query_one("#run-verdict", Static).update(text)
        self.query_one("#run-now", Static).update("")

    def worker_failed(self, worker: Worker[Any], error: BaseException) -> None:
        self.query_one("#run-now", Static).update(self.t(_("The run stopped.")))

    def action_done(self) -> None:
        """The tester did what the panel says."""
        self.person.done.set()

    def action_answer(self, answer: str) -> None:
        """Answer the open question."""
        if self.person.answer is not None and not self.person.answer.done():
            self.person.answer.set_result(answer)

    def action_cancel_or_back(self) -> None:
        """Escape cancels a running journey (its record stays), else goes back."""
        if self._run is not None and self._run.is_running:
            self._run.cancel()
            self.query_one("#run-now", Static).update(self.t(_("cancelled")))
            return
        self.app.pop_screen()

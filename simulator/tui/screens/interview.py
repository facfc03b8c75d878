"""The interview: countdown, streamed interviewer turns, the answer editor, notes, and the coding pane.

The round driver is async, so it runs in an async worker on the event loop and
posts each event as a typed message; the sandbox blocks, so it runs in a
thread worker. The time box is checked on a timer: when it runs out, the
answer typed so far is submitted and kept, then the round closes.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static, TextArea

from ...catalog import Question
from ...engine.turns import Speaker, Turn, TurnKind
from ...interview.round_session import RoundClosed, RoundEvent, TurnDiscarded, TurnDone, TurnStarted, TurnToken
from ..messages import InterviewerEvent, InterviewerFailed, InterviewerIdle, SandboxFinished
from ..models import InterviewPlan, RoundOutcome
from ..round_driver import AppRoundSession, clarification_text, typed_metrics
from ..widgets import Countdown, Transcript, TurnView

if TYPE_CHECKING:
    from ..app import InterviewApp


class InterviewScreen(Screen[None]):
    CSS_PATH = "interview.tcss"
    BINDINGS = [
        Binding("ctrl+s", "submit", "Submit answer", id="submit", priority=True),
        Binding("f2", "repeat", "Repeat question", id="repeat"),
        Binding("f3", "clarify", "Clarify", id="clarify"),
        Binding("f4", "skip", "Skip", id="skip"),
        Binding("f5", "run_tests", "Run tests", id="run_tests"),
        Binding("f6", "toggle_notes", "Notes", id="toggle_notes"),
        Binding("f9", "end_round", "End round", id="end_round"),
    ]

    def __init__(self, plan: InterviewPlan, round_id: str, session_id: str, *, stage_index: int = 0) -> None:
        super().__init__()
        self.plan = plan
        self.round_id = round_id
        self.session_id = session_id
        self.stage_index = stage_index
        self.busy = False
        self.finishing = False
        self.closed_reason: str | None = None
        self.sandbox_running = False
        self.answer_started = 0.0
        self.current: TurnView | None = None
        self.unsaved: list[Turn] = []
        self.loaded_problem: str | None = None
        self.session: AppRoundSession
        self.round_row = 0

    @property
    def sim(self) -> InterviewApp:
        return self.app  # type: ignore[return-value]

    # ---------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        sim = self.sim
        loop = sim.catalog.loop(self.plan.loop_id)
        self.loop = loop
        self.round = loop.round(self.round_id)
        persona_id = self.plan.persona or self.round.persona
        self.persona = sim.catalog.personas.get(persona_id) or sim.catalog.personas[self.round.persona]
        stage = next((s.title for s in loop.stages if s.id == self.round.stage), self.round.stage)
        position = f"round {self.stage_index + 1}/{len(self.plan.round_ids)} · " if self.plan.whole_loop else ""
        with Vertical(id="top"):
            yield Static(
                f"{loop.company} {loop.role} · {position}{stage}: {self.round.title} · "
                f"{self.persona.name}, {self.persona.role} · {self.plan.mode}",
                id="round-title",
            )
            yield Countdown(self.round.minutes * 60.0, [m * 60.0 for m in sim.settings.interview.warn_minutes], id="countdown")
        with Horizontal(id="body"):
            with Vertical(id="conversation"):
                yield Transcript(id="transcript")
                yield Label("", id="status")
                yield TextArea(id="answer", soft_wrap=True, show_line_numbers=False)
            if self.round.kind == "coding":
                with Vertical(id="coding"):
                    with VerticalScroll(id="problem-box"):
                        yield Static("", id="problem")
                    yield TextArea.code_editor("", language="python", id="code")
                    yield Static("F5 runs the hidden tests and submits your solution.", id="test-results")
            with Vertical(id="notes-box", classes="hidden"):
                yield Label("Scratch notes (kept with the session)")
                yield TextArea(id="notes", soft_wrap=True, show_line_numbers=False)
        yield Footer()

    def on_mount(self) -> None:
        sim = self.sim
        store = sim.store
        clock = sim.clock_factory()
        stored: list[Turn] = []
        try:
            self.round_row = store.start_round(self.session_id, round_id=self.round.id, persona=self.persona.id, seed=self.plan.seed)
            record = store.load_session(self.session_id)
            stored_round = record.round(self.round.id)
            stored = list(stored_round.turns) if stored_round else []
            recent = store.recent_question_ids(self.plan.candidate, self.loop.id, self.round.id, sim.settings.interview.avoid_recent_sessions)
        except Exception as exc:  # noqa: BLE001 - the round goes on unsaved
            self.notify(f"Database problem, this round may not be saved: {exc}", severity="error")
            recent = set()
        self.session = AppRoundSession(
            catalog=sim.catalog, loop=self.loop, round_=self.round, persona=self.persona, llm=sim.llm, clock=clock,
            candidate=self.plan.candidate, seed=self.plan.seed, level=self.plan.level, recent_question_ids=recent,
            warn_minutes=sim.settings.interview.warn_minutes, on_turn=self._store_turn,
        )  # fmt: skip
        self.query_one("#countdown", Countdown).show(self.session.engine.time_left())
        self.query_one("#answer", TextArea).focus()
        if self.plan.mode == "voice":
            self.notify("The voice panel is not built yet: answer by typing for now.", severity="warning", timeout=6)
        if stored:
            for turn in stored:
                self._show_stored(turn)
            self.notify(f"Resuming: {len(stored)} turn(s) restored.")
            self.drive(self.session.restore(stored))
        else:
            self.drive(self.session.open())
        self.set_interval(0.5, self.tick)

    # ---------------------------------------------------------------- storage
    def _store_turn(self, turn: Turn) -> None:
        """Each turn is committed as it happens; a failing disk is reported and the round goes on."""
        try:
            self.sim.store.add_turn(self.round_row, turn)
        except Exception as exc:  # noqa: BLE001
            self.unsaved.append(turn)
            self.notify(f"Could not save turn {turn.index}: {exc}", severity="error")

    # ---------------------------------------------------------------- the interviewer worker
    def drive(self, events: AsyncIterator[RoundEvent]) -> None:
        """Busy from now (not from when the worker first runs), so no key slips in between."""
        self.busy = True
        self._drive(events)

    @work(exclusive=True, group="interviewer")
    async def _drive(self, events: AsyncIterator[RoundEvent]) -> None:
        try:
            async for event in events:
                self.post_message(InterviewerEvent(event))
        except Exception as exc:  # noqa: BLE001 - never lose the round to one failure
            self.post_message(InterviewerFailed(f"{type(exc).__name__}: {exc}"))
        finally:
            self.post_message(InterviewerIdle())

    def on_interviewer_event(self, message: InterviewerEvent) -> None:
        event = message.event
        transcript = self.query_one("#transcript", Transcript)
        status = self.query_one("#status", Label)
        if isinstance(event, TurnStarted) and event.speaker is Speaker.INTERVIEWER:
            self.current = transcript.add(self.persona.name, "", classes="interviewer streaming")
            status.update(f"{self.persona.name} is speaking…")
        elif isinstance(event, TurnToken) and self.current is not None:
            self.current.append(event.text)
        elif isinstance(event, TurnDiscarded):
            if self.current is not None:
                self.current.replace("")
            self.notify(f"Model reply replaced: {event.reason}"[:200], severity="warning", timeout=4)
        elif isinstance(event, TurnDone):
            turn = event.turn
            if turn.speaker is Speaker.INTERVIEWER:
                view = self.current or transcript.add(self.persona.name, "", classes="interviewer")
                view.replace(turn.text)
                view.remove_class("streaming")
                view.set_class(turn.kind is TurnKind.NOTICE, "notice")
                self.current = None
                if turn.kind is TurnKind.QUESTION:
                    self._question_changed()
                if turn.kind is TurnKind.FOLLOW_UP and turn.source == "canned" and self.session.fallback_reasons:
                    self.notify(f"Interviewer model unavailable, used the rubric's question ({self.session.fallback_reasons[-1][:120]})",
                                severity="warning", timeout=5)  # fmt: skip
            else:
                transcript.add(self.plan.candidate, turn.text or "(passed)", classes="candidate")
        elif isinstance(event, RoundClosed):
            self.closed_reason = event.reason

    def on_interviewer_failed(self, message: InterviewerFailed) -> None:
        self.notify(f"Interviewer problem: {message.error}", severity="error", timeout=8)

    def on_interviewer_idle(self, _: InterviewerIdle) -> None:
        self.busy = False
        if self.session.closed or self.closed_reason is not None:
            self._round_over()
            return
        self.answer_started = self.session.engine.elapsed()
        self.query_one("#status", Label).update("Your turn — ctrl+s submits · F2 repeat · F3 clarify · F4 skip · F9 end")

    # ---------------------------------------------------------------- clock
    def tick(self) -> None:
        if not hasattr(self, "session") or self.session.closed:
            return
        engine = self.session.engine
        self.query_one("#countdown", Countdown).show(engine.time_left())
        if self.busy or self.finishing or self.sandbox_running:
            return
        if engine.time_up():
            self.finishing = True
            text = self.query_one("#answer", TextArea).text
            self.query_one("#answer", TextArea).clear()
            self.drive(self._finish_events("time", text))
            return
        events = self.session.warnings()
        if events:
            for event in events:
                self.post_message(InterviewerEvent(event))
            self.notify(f"{clock_left(engine.time_left())} left", severity="warning", timeout=4)

    def _finish_events(self, reason: str, text: str) -> AsyncIterator[RoundEvent]:
        start = self.answer_started
        end = self.session.engine.elapsed()
        metrics = typed_metrics(text, end - start) if text.strip() else None
        return self.session.finish(reason, text, t_start=start, t_end=end, metrics=metrics)

    # ---------------------------------------------------------------- candidate actions
    def _can_act(self) -> bool:
        if self.busy or self.finishing or self.session.closed:
            self.notify("Wait for the interviewer to finish.", severity="warning", timeout=2)
            return False
        return True

    def action_submit(self) -> None:
        if not self._can_act():
            return
        editor = self.query_one("#answer", TextArea)
        text = editor.text.strip()
        if not text:
            self.notify("Type an answer first (F4 skips the question).", severity="warning", timeout=3)
            return
        editor.clear()
        self._answer(text)

    def _answer(self, text: str) -> None:
        start = self.answer_started
        end = self.session.engine.elapsed()
        self.drive(self.session.answer(text, t_start=start, t_end=end, metrics=typed_metrics(text, end - start) if text else None))

    def action_skip(self) -> None:
        if self._can_act():
            self.query_one("#answer", TextArea).clear()
            self._answer("")

    def _say_now(self, text: str, source: str) -> None:
        for event in self.session.notice(text, source=source):
            self.post_message(InterviewerEvent(event))

    def action_repeat(self) -> None:
        question = self.session.engine.current_question
        if question is not None and self._can_act():
            self._say_now(f"Sure, again: {question.text}", "repeat")

    def action_clarify(self) -> None:
        question = self.session.engine.current_question
        if question is not None and self._can_act():
            self._say_now(clarification_text(self.sim.catalog, self.loop, question), "clarification")

    def action_end_round(self) -> None:
        if self.finishing or self.session.closed:
            return
        self.finishing = True
        editor = self.query_one("#answer", TextArea)
        text = editor.text
        editor.clear()
        self.drive(self._finish_events("ended by the candidate", text))

    def action_toggle_notes(self) -> None:
        box = self.query_one("#notes-box")
        box.toggle_class("hidden")
        if not box.has_class("hidden"):
            self.query_one("#notes", TextArea).focus()
        else:
            self.query_one("#answer", TextArea).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "run_tests":
            return self.round.kind == "coding"
        return True

    # ---------------------------------------------------------------- coding
    def _question_changed(self) -> None:
        question = self.session.engine.current_question
        if self.round.kind != "coding" or question is None:
            return
        self._load_problem(question)

    def _load_problem(self, question: Question) -> None:
        if self.loaded_problem == question.id:
            return
        self.loaded_problem = question.id
        problem = question.problem
        statement = question.text
        if problem is not None:
            statement += f"\n\nWrite `{problem.entrypoint}`. {len(problem.tests)} hidden tests, {problem.time_limit_s:g} s limit."
        self.query_one("#problem", Static).update(statement)
        self.query_one("#code", TextArea).load_text(problem.starter if problem else "")
        self.query_one("#test-results", Static).update("F5 runs the hidden tests and submits your solution.")

    def action_run_tests(self) -> None:
        if self.round.kind != "coding" or not self._can_act() or self.sandbox_running:
            return
        question = self.session.engine.current_question
        if question is None or question.problem is None:
            self.notify("This question has no hidden tests.", severity="warning")
            return
        self.sandbox_running = True
        self.query_one("#test-results", Static).update(f"Running {len(question.problem.tests)} hidden tests…")
        self.run_sandbox(self.query_one("#code", TextArea).text, question)

    @work(thread=True, exclusive=True, group="sandbox")
    def run_sandbox(self, code: str, question: Question) -> None:
        from ...sandbox import SandboxLimits, run_tests

        assert question.problem is not None
        try:
            result = run_tests(code, question.problem.tests, entrypoint=question.problem.entrypoint,
                               limits=SandboxLimits(wall_s=question.problem.time_limit_s))  # fmt: skip
        except Exception as exc:  # noqa: BLE001
            self.post_message(SandboxFinished(None, code, f"{type(exc).__name__}: {exc}"))
        else:
            self.post_message(SandboxFinished(result, code))

    def on_sandbox_finished(self, message: SandboxFinished) -> None:
        self.sandbox_running = False
        box = self.query_one("#test-results", Static)
        if message.result is None:
            box.update(f"Could not run the tests: {message.error}")
            self.notify(f"Sandbox failed: {message.error}", severity="error")
            return
        result = message.result
        lines = [result.summary()]
        for test in result.tests:
            mark = "✓" if test.outcome == "passed" else "✗"
            detail = f" — {test.message.splitlines()[0][:70]}" if test.message and test.outcome != "passed" else ""
            lines.append(f"{mark} {test.name}: {test.outcome}{detail}")
        box.update("\n".join(lines))
        if self.session.closed or self.finishing:
            return
        self._say_now(result.notice_text(), "sandbox")
        self._answer(message.code)

    # ---------------------------------------------------------------- the end
    def _show_stored(self, turn: Turn) -> None:
        transcript = self.query_one("#transcript", Transcript)
        if turn.speaker is Speaker.INTERVIEWER:
            transcript.add(self.persona.name, turn.text, classes="interviewer notice" if turn.kind is TurnKind.NOTICE else "interviewer")
        else:
            transcript.add(self.plan.candidate, turn.text or "(passed)", classes="candidate")

    def _round_over(self) -> None:
        store = self.sim.store
        notes = self.query_one("#notes", TextArea).text.strip()
        try:
            store.end_round(self.round_row, "completed")
            if notes:
                store.add_note(self.session_id, notes, coach="candidate scratch notes", round_id=self.round.id)
        except Exception as exc:  # noqa: BLE001
            self.notify(f"Could not close the round in the database: {exc}", severity="error")
        outcome = RoundOutcome(
            session_id=self.session_id, round_row=self.round_row, loop_id=self.loop.id, round_id=self.round.id,
            candidate=self.plan.candidate, reason=self.closed_reason or "closed", turns=list(self.session.turns),
            fallbacks=self.session.fallbacks, notes=notes,
        )  # fmt: skip
        self.sim.round_finished(outcome)


def clock_left(seconds: float) -> str:
    minutes = seconds / 60.0
    return f"{minutes:.0f} minute{'s' if round(minutes) != 1 else ''}" if seconds >= 60 else f"{seconds:.0f} seconds"

"""The interview: countdown, streamed interviewer turns, the answer editor or the voice panel, notes, coding pane.

The round's life in the store (start, record, close) is RoundService's; this
screen asks for it from thread workers, so the event loop never waits on SQLite,
and drives the RoundSession it gets back. The driver is async, so it runs in an
async worker on the event loop and posts each event as a typed message. The time
box is checked on a timer: when it runs out, the answer typed (or said) so far is
submitted and kept, then the round closes. Voice answers are in interview_voice.py
(their state machine in ..voice_controller), the coding pane in ..coding_panel.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Label, Static, TextArea

from ...engine.turns import Speaker, Turn, TurnKind
from ...interview.lifecycle import BackgroundRecorder
from ...interview.round_session import RoundClosed, RoundEvent, TurnDiscarded, TurnDone, TurnStarted, TurnToken
from .. import keys
from ..assumed import round_heading
from ..coding_panel import CodingPanel
from ..footer import KeysFooter
from ..host import host
from ..messages import (
    InterviewerEvent,
    InterviewerFailed,
    InterviewerIdle,
    Notice,
    RoundOpened,
    RoundOver,
    SandboxFinished,
)
from ..models import InterviewPlan
from ..outcome import RoundOutcome
from ..round_driver import clarification_text, typed_metrics
from ..voice_panel import VoicePanel
from ..widgets import Countdown, Transcript, TurnView
from .interview_voice import VoiceAnswering

if TYPE_CHECKING:
    from ...engine.turns import DeliveryMetrics
    from ...interview.lifecycle import RoundRun, RoundService
    from ...interview.round_session import RoundSession

QUIT_WRITE_WAIT_S = 10.0
TYPING_PROMPT = "Your turn — ctrl+s submits · F2 repeat · F3 clarify · F4 skip · F9 end"


class InterviewScreen(VoiceAnswering, Screen[None]):
    BINDINGS = keys.INTERVIEW

    def __init__(self, plan: InterviewPlan, round_id: str, session_id: str, *, stage_index: int = 0) -> None:
        super().__init__()
        self.plan = plan
        self.round_id = round_id
        self.session_id = session_id
        self.stage_index = stage_index
        self.busy = True
        """From now until the round is open, and while the interviewer speaks: keys wait."""
        self.finishing = False
        self.closed_reason: str | None = None
        self.answer_started = 0.0
        self.current: TurnView | None = None
        self.run: RoundRun | None = None
        self.init_voice(plan.mode)

    # ---------------------------------------------------------------- what tests and the bench read
    @property
    def session(self) -> RoundSession:
        assert self.run is not None, "the round is not open yet"
        return self.run.session

    @property
    def recorder(self) -> object | None:
        return self.run.recorder if self.run is not None else None

    @property
    def round_row(self) -> int:
        return self.run.round_row if self.run is not None else 0

    @property
    def sandbox_running(self) -> bool:
        return self.round.kind == "coding" and self.query_one(CodingPanel).running

    @property
    def rounds(self) -> RoundService:
        service = host(self).rounds
        assert service is not None
        return service

    # ---------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        sim = host(self)
        assert sim.catalog is not None
        loop = self.loop = sim.catalog.loop(self.plan.loop_id)
        self.round = loop.round(self.round_id)
        persona_id = self.plan.persona or self.round.persona
        self.persona = sim.catalog.personas.get(persona_id) or sim.catalog.personas[self.round.persona]
        position = f"round {self.stage_index + 1}/{len(self.plan.round_ids)} · " if self.plan.whole_loop else ""
        with Vertical(id="top"):
            self.title_text = round_heading(loop, self.round, self.persona, position)
            yield Static(f"{self.title_text} · {self.voice.input_mode}", id="round-title")
            yield Countdown(self.round.minutes * 60.0, [m * 60.0 for m in sim.settings.interview.warn_minutes], id="countdown")
        with Horizontal(id="body"):
            with Vertical(id="conversation"):
                yield Transcript(id="transcript")
                yield Label("Opening the round…", id="status")
                voice = self.voice.input_mode == "voice"
                yield VoicePanel(id="voice-panel", classes="" if voice else "hidden")
                yield TextArea(id="answer", soft_wrap=True, show_line_numbers=False, classes="hidden" if voice else "")
            if self.round.kind == "coding":
                yield CodingPanel(id="coding")
            with Vertical(id="notes-box", classes="hidden"):
                yield Label("Scratch notes (kept with the session)")
                yield TextArea(id="notes", soft_wrap=True, show_line_numbers=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.mount_voice()
        if self.voice.input_mode == "typing":
            self.query_one("#answer", TextArea).focus()
        self._open_round(host(self).clock_factory())
        self.set_interval(0.5, self.tick)

    @work(thread=True, exclusive=True, group="round-store")
    def _open_round(self, clock: object) -> None:
        """Start (or reopen) the round in the store: a thread, the database may be slow or locked."""
        plan = self.plan
        args = dict(candidate=plan.candidate, clock=clock, level=plan.level, persona_id=plan.persona, seed=plan.seed)
        try:
            run = self.rounds.open_round(self.session_id, self.round.id, loop_id=self.loop.id, background=True, **args)  # type: ignore[arg-type]
        except Exception as exc:  # noqa: BLE001 - the round goes on unsaved
            run = self.rounds.unsaved_round(self.session_id, self.loop.id, self.round.id, **args)  # type: ignore[arg-type]
            self.post_message(RoundOpened(run, f"{type(exc).__name__}: {exc}"))
        else:
            self.post_message(RoundOpened(run))

    def on_round_opened(self, message: RoundOpened) -> None:
        self.run = run = message.run
        if message.problem:
            self.notify(f"Database problem, this round may not be saved: {message.problem}", severity="error")
        self.query_one("#countdown", Countdown).show(run.session.engine.time_left())
        for turn in run.restored:
            self._show_stored(turn)
        if run.restored:
            self.notify(f"Resuming: {len(run.restored)} turn(s) restored.")
        self.drive(run.begin())

    def on_notice(self, message: Notice) -> None:
        self.notify(message.text, title=message.title, severity=message.severity, timeout=message.timeout)  # type: ignore[arg-type]

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
        if isinstance(event, TurnStarted) and event.speaker is Speaker.INTERVIEWER:
            host(self).voice.stop()  # the next turn starts: never two voices at once
            self.current = transcript.add(self.persona.name, "", classes="interviewer streaming")
            self.query_one("#status", Label).update(f"{self.persona.name} is speaking…")
        elif isinstance(event, TurnToken) and self.current is not None:
            self.current.append(event.text)
        elif isinstance(event, TurnDiscarded):
            if self.current is not None:
                self.current.replace("")
            self.notify(f"Model reply replaced: {event.reason}"[:200], severity="warning", timeout=4)
        elif isinstance(event, TurnDone):
            self._turn_done(event.turn, transcript)
        elif isinstance(event, RoundClosed):
            self.closed_reason = event.reason

    def _turn_done(self, turn: Turn, transcript: Transcript) -> None:
        if turn.speaker is not Speaker.INTERVIEWER:
            transcript.add(self.plan.candidate, turn.text or "(passed)", classes="candidate")
            return
        view = self.current or transcript.add(self.persona.name, "", classes="interviewer")
        view.replace(turn.text)
        view.remove_class("streaming")
        view.set_class(turn.kind is TurnKind.NOTICE, "notice")
        self.current = None
        host(self).speak(turn.text)
        question = self.session.engine.current_question
        if turn.kind is TurnKind.QUESTION and self.round.kind == "coding" and question is not None:
            self.query_one(CodingPanel).show_problem(question)
        if turn.kind is TurnKind.FOLLOW_UP and turn.source == "canned" and self.session.fallback_reasons:
            self.notify(f"Interviewer model unavailable, used the rubric's question ({self.session.fallback_reasons[-1][:120]})",
                        severity="warning", timeout=5)  # fmt: skip

    def on_interviewer_failed(self, message: InterviewerFailed) -> None:
        self.notify(f"Interviewer problem: {message.error}", severity="error", timeout=8)

    def on_interviewer_idle(self, _: InterviewerIdle) -> None:
        self.busy = False
        # The interviewer's speaking time is on the round clock: show it now, not at the next tick.
        self.query_one("#countdown", Countdown).show(self.session.engine.time_left())
        if self.session.closed or self.closed_reason is not None:
            self._round_over()
            return
        self.answer_started = self.session.engine.elapsed()
        if self.voice.input_mode == "voice":
            self.voice_turn()
        else:
            self.query_one("#status", Label).update(TYPING_PROMPT)

    # ---------------------------------------------------------------- clock
    def tick(self) -> None:
        if self.run is None or self.session.closed:
            return
        engine = self.session.engine
        self.query_one("#countdown", Countdown).show(engine.time_left())
        if self.voice.recording and not self.finishing and engine.time_up():
            self.finishing = True  # the answer being spoken is kept: it is submitted when its transcript is ready
            self.voice.finish_reason = "time"
            self.stop_voice()
            return
        if self.busy or self.finishing or self.sandbox_running or self.voice.recording:
            return
        if engine.time_up():
            self.finishing = True
            self._finish_typed("time")
            return
        events = self.session.warnings()
        if events:
            for event in events:
                self.post_message(InterviewerEvent(event))
            self.notify(f"{clock_left(engine.time_left())} left", severity="warning", timeout=4)

    def _finish_typed(self, reason: str) -> None:
        """Close the round with what is in the editor (kept as the last answer)."""
        editor = self.query_one("#answer", TextArea)
        text = editor.text
        editor.clear()
        start, end = self.answer_started, self.session.engine.elapsed()
        metrics = typed_metrics(text, end - start) if text.strip() else None
        audio = self.voice.typed_finish(text)
        self.drive(self.session.finish(reason, text, t_start=start, t_end=end, metrics=metrics, audio_path=audio))

    def finish_with(
        self, reason: str, text: str, metrics: DeliveryMetrics | None, audio_path: str | None, raw_text: str | None = None
    ) -> None:
        """The round was ended while recording: close it with the spoken words (and what Whisper heard, if corrected)."""
        start, end = self.answer_started, self.session.engine.elapsed()
        self.drive(self.session.finish(reason, text, t_start=start, t_end=end, metrics=metrics, audio_path=audio_path,
                                       raw_text=raw_text))  # fmt: skip

    # ---------------------------------------------------------------- candidate actions
    def can_act(self) -> bool:
        if self.busy or self.finishing or self.run is None or self.session.closed:
            self.notify("Wait for the interviewer to finish.", severity="warning", timeout=2)
            return False
        if self.voice.recording:
            self.notify(f"Recording: {self.key_shown('talk')} stops it first.", severity="warning", timeout=2)
            return False
        return True

    def candidates_turn(self) -> bool:
        return not (self.busy or self.finishing or self.run is None or self.session.closed or self.sandbox_running)

    def action_submit(self) -> None:
        if self.voice.input_mode == "voice":
            if self.voice.recording:
                self.stop_voice()  # "I'm done": the final transcript is submitted when ready
            else:
                self.notify(f"Press {self.key_shown('talk')} to answer by voice ({self.key_shown('toggle_input')} to type).", timeout=3)
            return
        if not self.can_act():
            return
        editor = self.query_one("#answer", TextArea)
        text = editor.text.strip()
        if not text:
            self.notify("Type an answer first (F4 skips the question).", severity="warning", timeout=3)
            return
        editor.clear()
        raw_text = self.voice.raw_text_of(text)  # a voice answer submitted as it was said keeps what Whisper heard
        metrics, audio = self.voice.typed_submit(text)
        self.answer(text, metrics=metrics, audio_path=audio, raw_text=raw_text)

    def answer(
        self, text: str, *, metrics: DeliveryMetrics | None = None, audio_path: str | None = None, raw_text: str | None = None
    ) -> None:
        start = self.answer_started
        end = self.session.engine.elapsed()
        if metrics is None and text:
            metrics = typed_metrics(text, end - start)
        self.drive(self.session.answer(text, t_start=start, t_end=end, metrics=metrics, audio_path=audio_path, raw_text=raw_text))

    def action_skip(self) -> None:
        if self.defer_while_listening(self.action_skip):
            return
        if self.can_act():
            self.query_one("#answer", TextArea).clear()
            self.voice.skip()
            self.answer("")

    def say_now(self, text: str, source: str) -> None:
        for event in self.session.notice(text, source=source):
            self.post_message(InterviewerEvent(event))

    def action_repeat(self) -> None:
        if self.defer_while_listening(self.action_repeat):
            return
        question = self.session.engine.current_question if self.run is not None else None
        if question is not None and self.can_act():
            self.say_now(f"Sure, again: {question.text}", "repeat")
            self.listen_again()

    def action_clarify(self) -> None:
        if self.defer_while_listening(self.action_clarify):
            return
        question = self.session.engine.current_question if self.run is not None else None
        catalog = host(self).catalog
        if question is not None and catalog is not None and self.can_act():
            self.say_now(clarification_text(catalog, self.loop, question), "clarification")
            self.listen_again()

    def action_end_round(self) -> None:
        if self.finishing or self.run is None or self.session.closed:
            return
        self.finishing = True
        if self.voice.recording:  # keep what is being said: finished when the transcript is ready
            self.voice.finish_reason = "ended by the candidate"
            self.stop_voice()
            return
        self._finish_typed("ended by the candidate")

    def action_toggle_notes(self) -> None:
        box = self.query_one("#notes-box")
        box.toggle_class("hidden")
        self.query_one("#notes" if not box.has_class("hidden") else "#answer", TextArea).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "run_tests":
            return self.round.kind == "coding"
        if action in ("talk", "toggle_hands_free"):
            return self.voice.input_mode == "voice"
        return True

    # ---------------------------------------------------------------- coding
    def action_run_tests(self) -> None:
        if self.round.kind != "coding" or not self.can_act() or self.sandbox_running:
            return
        question = self.session.engine.current_question
        if question is None or question.problem is None:
            self.notify("This question has no hidden tests.", severity="warning")
            return
        self.query_one(CodingPanel).run_tests(question)

    def on_sandbox_finished(self, message: SandboxFinished) -> None:
        self.query_one(CodingPanel).show_result(message.result, message.error)
        if message.result is None:
            self.notify(f"Sandbox failed: {message.error}", severity="error")
            return
        if self.session.closed or self.finishing:
            return
        self.say_now(message.result.notice_text(), "sandbox")
        self.answer(message.code)

    # ---------------------------------------------------------------- the end
    def _show_stored(self, turn: Turn) -> None:
        transcript = self.query_one("#transcript", Transcript)
        if turn.speaker is Speaker.INTERVIEWER:
            transcript.add(self.persona.name, turn.text, classes="interviewer notice" if turn.kind is TurnKind.NOTICE else "interviewer")
        else:
            transcript.add(self.plan.candidate, turn.text or "(passed)", classes="candidate")

    def _round_over(self) -> None:
        self.query_one("#status", Label).update("Saving the round…")
        self._close_round(self.query_one("#notes", TextArea).text.strip())

    @work(thread=True, exclusive=True, group="round-store")
    def _close_round(self, notes: str) -> None:
        """Every turn and the scratch notes in the database (a thread: it waits for the turn writer), then the report."""
        assert self.run is not None
        try:
            self.rounds.finish_recording(self.run, notes)
        except Exception as exc:  # noqa: BLE001 - the report still shows; the message says where the turns are
            self.post_message(Notice(f"Could not close the round in the database: {exc}", severity="error", timeout=15))
        run = self.run
        outcome = RoundOutcome(
            session_id=self.session_id, round_row=run.round_row, loop_id=run.loop.id, round_id=run.round.id,
            candidate=self.plan.candidate, reason=self.closed_reason or "closed", turns=list(run.session.turns),
            fallbacks=run.session.fallbacks, notes=notes,
        )  # fmt: skip
        self.post_message(RoundOver(outcome))

    def on_unmount(self) -> None:
        """Leaving the screen: release the microphone; silence the interviewer unless the round closed.

        A closed round's last turn is the interviewer's closing line, said as the report
        opens: stopping it here cut it off unheard (the faster the screen switch, the
        sooner). The next voice to speak, or quitting the app, still stops it.
        """
        self.voice.release()
        if self.closed_reason is None:
            host(self).voice.stop()
        if isinstance(self.recorder, BackgroundRecorder):
            # Quitting mid-round: the turns handed to the writer still go in (a locked database gives up after its timeout).
            self.recorder.close(wait_s=QUIT_WRITE_WAIT_S)


def clock_left(seconds: float) -> str:
    minutes = seconds / 60.0
    return f"{minutes:.0f} minute{'s' if round(minutes) != 1 else ''}" if seconds >= 60 else f"{seconds:.0f} seconds"

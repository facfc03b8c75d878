"""The interview: countdown, streamed interviewer turns, the answer editor or the voice panel, notes, coding pane.

The round driver is async, so it runs in an async worker on the event loop and
posts each event as a typed message; the sandbox blocks, so it runs in a
thread worker. The time box is checked on a timer: when it runs out, the
answer typed (or said) so far is submitted and kept, then the round closes.

Voice mode: each answer is one `VoiceAnswerSession.run()` in a thread worker
(it blocks until the end of the turn). Its callbacks only post typed messages;
the level meter is polled from a timer on the event loop. Push-to-talk starts
and stops with one key; hands-free opens the microphone when the candidate's
turn begins and Silero VAD ends the turn. When the microphone is missing or
dies, the words heard so far are put into the typing editor and the round
goes on by typing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING

import re
import threading

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static, TextArea

from ...catalog import Question
from ...engine.turns import Speaker, Turn, TurnKind
from ...interview.round_session import (
    RoundClosed,
    RoundEvent,
    RoundSession,
    TurnDiscarded,
    TurnDone,
    TurnStarted,
    TurnToken,
)
from ...store.recovery import TurnRecorder
from ..messages import (
    InterviewerEvent,
    InterviewerFailed,
    InterviewerIdle,
    SandboxFinished,
    VoiceAnswerReady,
    VoiceEndOfTurn,
    VoiceFailed,
    VoiceListening,
    VoicePartial,
    VoiceSpeechStarted,
)
from ..models import InterviewPlan
from ..outcome import RoundOutcome
from ..round_driver import clarification_text, typed_metrics
from ..voice_panel import VoiceMode, VoicePanel
from ..widgets import Countdown, Transcript, TurnView

if TYPE_CHECKING:
    from ...engine.turns import DeliveryMetrics
    from ...speech.models import VoiceAnswer
    from ...speech.session import VoiceAnswerSession
    from ..app import InterviewApp

LEVEL_POLL_S = 0.1
"""Level meter refresh while recording: 10 Hz reads smoothly and costs nothing."""


class InterviewScreen(Screen[None]):
    CSS_PATH = "interview.tcss"
    BINDINGS = [
        Binding("ctrl+s", "submit", "Submit answer", id="submit", priority=True),
        Binding("f2", "repeat", "Repeat question", id="repeat"),
        Binding("f3", "clarify", "Clarify", id="clarify"),
        Binding("f4", "skip", "Skip", id="skip"),
        Binding("f5", "run_tests", "Run tests", id="run_tests"),
        Binding("f6", "toggle_notes", "Notes", id="toggle_notes"),
        Binding("f7", "talk", "Talk (start/stop)", id="talk"),
        Binding("f8", "toggle_hands_free", "Hands-free", id="hands_free"),
        Binding("ctrl+g", "toggle_input", "Voice/typing", id="toggle_input"),
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
        self.recorder: TurnRecorder | None = None
        """Stores each turn as it happens; what the database refuses is journalled and retried."""
        self.loaded_problem: str | None = None
        self.session: RoundSession
        self.round_row = 0
        # voice answers
        self.input_mode = plan.mode
        self.voice_mode: VoiceMode = "push_to_talk"
        self.recording = False
        """From the moment a recording is asked for until its VoiceAnswerReady arrives."""
        self.voice_session: VoiceAnswerSession | None = None
        """Set by the recording worker; read on the event loop only for stop() and the level (both thread-safe)."""
        self._voice_stop = threading.Event()
        self.finish_reason: str | None = None
        self.pending_voice: VoiceAnswer | None = None
        """A voice answer cut short by the microphone, waiting in the typing editor to be finished and submitted."""
        self.voice_answers: list[VoiceAnswer] = []
        self.heard_speech = False
        """The VAD heard the current recording's answer begin."""
        self._after_voice: Callable[[], None] | None = None
        """A key pressed while listening before any speech: run once the recording has closed."""

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
            self.title_text = f"{loop.company} {loop.role} · {position}{stage}: {self.round.title} · {self.persona.name}, {self.persona.role}"
            yield Static(f"{self.title_text} · {self.input_mode}", id="round-title")
            yield Countdown(self.round.minutes * 60.0, [m * 60.0 for m in sim.settings.interview.warn_minutes], id="countdown")
        with Horizontal(id="body"):
            with Vertical(id="conversation"):
                yield Transcript(id="transcript")
                yield Label("", id="status")
                voice = self.input_mode == "voice"
                yield VoicePanel(id="voice-panel", classes="" if voice else "hidden")
                yield TextArea(id="answer", soft_wrap=True, show_line_numbers=False, classes="hidden" if voice else "")
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
            self.recorder = TurnRecorder(
                store, self.round_row, session_id=self.session_id, data_dir=sim.settings.data_dir,
                on_notice=lambda text: self.notify(text, title="Saving turns", severity="warning", timeout=10),
            )  # fmt: skip
        except Exception as exc:  # noqa: BLE001 - the round goes on unsaved
            self.notify(f"Database problem, this round may not be saved: {exc}", severity="error")
            recent = set()
        self.session = RoundSession(
            catalog=sim.catalog, loop=self.loop, round_=self.round, persona=self.persona, llm=sim.llm, clock=clock,
            candidate=self.plan.candidate, seed=self.plan.seed, level=self.plan.level, recent_question_ids=recent,
            warn_minutes=sim.settings.interview.warn_minutes, on_turn=self._store_turn,
        )  # fmt: skip
        self.query_one("#countdown", Countdown).show(self.session.engine.time_left())
        self.voice_mode = sim.settings.stt.mode
        self._level_timer = self.set_interval(LEVEL_POLL_S, self._poll_level, pause=True)
        self._show_voice_mode()
        if self.input_mode == "typing":
            self.query_one("#answer", TextArea).focus()
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
        """Each turn is committed as it happens; one the database refuses is kept aside and the round goes on."""
        if self.recorder is not None:
            self.recorder(turn)

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
            self.sim.voice.stop()  # the next turn starts: never two voices at once
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
                self.sim.speak(turn.text)
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
        # The interviewer's speaking time is on the round clock: show it now, not at the next tick.
        self.query_one("#countdown", Countdown).show(self.session.engine.time_left())
        if self.session.closed or self.closed_reason is not None:
            self._round_over()
            return
        self.answer_started = self.session.engine.elapsed()
        if self.input_mode == "voice":
            self._voice_turn()
        else:
            self.query_one("#status", Label).update("Your turn — ctrl+s submits · F2 repeat · F3 clarify · F4 skip · F9 end")

    # ---------------------------------------------------------------- clock
    def tick(self) -> None:
        if not hasattr(self, "session") or self.session.closed:
            return
        engine = self.session.engine
        self.query_one("#countdown", Countdown).show(engine.time_left())
        if self.recording and not self.finishing and engine.time_up():
            self.finishing = True  # the answer being spoken is kept: it is submitted when its transcript is ready
            self.finish_reason = "time"
            self._stop_voice()
            return
        if self.busy or self.finishing or self.sandbox_running or self.recording:
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
        pending, self.pending_voice = self.pending_voice, None
        audio = pending.audio_path if pending is not None and text.strip() else None
        return self.session.finish(reason, text, t_start=start, t_end=end, metrics=metrics, audio_path=audio)

    # ---------------------------------------------------------------- candidate actions
    def _can_act(self) -> bool:
        if self.busy or self.finishing or self.session.closed:
            self.notify("Wait for the interviewer to finish.", severity="warning", timeout=2)
            return False
        if self.recording:
            self.notify(f"Recording: {self._key('talk')} stops it first.", severity="warning", timeout=2)
            return False
        return True

    def action_submit(self) -> None:
        if self.input_mode == "voice":
            if self.recording:
                self._stop_voice()  # "I'm done": the final transcript is submitted when ready
            else:
                self.notify(f"Press {self._key('talk')} to answer by voice ({self._key('toggle_input')} to type).", timeout=3)
            return
        if not self._can_act():
            return
        editor = self.query_one("#answer", TextArea)
        text = editor.text.strip()
        if not text:
            self.notify("Type an answer first (F4 skips the question).", severity="warning", timeout=3)
            return
        editor.clear()
        pending, self.pending_voice = self.pending_voice, None
        if pending is not None and pending.text.strip() == text:
            self._answer(text, metrics=pending.metrics, audio_path=pending.audio_path, raw_text=pending.raw_text)  # as it was said
        else:
            self._answer(text, audio_path=pending.audio_path if pending is not None else None)

    def _answer(
        self, text: str, *, metrics: DeliveryMetrics | None = None, audio_path: str | None = None, raw_text: str | None = None
    ) -> None:
        start = self.answer_started
        end = self.session.engine.elapsed()
        if metrics is None and text:
            metrics = typed_metrics(text, end - start)
        self.drive(self.session.answer(text, t_start=start, t_end=end, metrics=metrics, audio_path=audio_path, raw_text=raw_text))

    def action_skip(self) -> None:
        if self._defer_while_listening(self.action_skip):
            return
        if self._can_act():
            self.query_one("#answer", TextArea).clear()
            self.pending_voice = None
            self._answer("")

    def _say_now(self, text: str, source: str) -> None:
        for event in self.session.notice(text, source=source):
            self.post_message(InterviewerEvent(event))

    def action_repeat(self) -> None:
        if self._defer_while_listening(self.action_repeat):
            return
        question = self.session.engine.current_question
        if question is not None and self._can_act():
            self._say_now(f"Sure, again: {question.text}", "repeat")
            self._listen_again()

    def action_clarify(self) -> None:
        if self._defer_while_listening(self.action_clarify):
            return
        question = self.session.engine.current_question
        if question is not None and self._can_act():
            self._say_now(clarification_text(self.sim.catalog, self.loop, question), "clarification")
            self._listen_again()

    def action_end_round(self) -> None:
        if self.finishing or self.session.closed:
            return
        self.finishing = True
        if self.recording:  # keep what is being said: finished when the transcript is ready
            self.finish_reason = "ended by the candidate"
            self._stop_voice()
            return
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
        if action in ("talk", "toggle_hands_free"):
            return self.input_mode == "voice"
        return True

    # ---------------------------------------------------------------- voice answers
    def _key(self, binding_id: str) -> str:
        """The key bound to `binding_id` now (after settings.ui.keys remapping), as the footer shows it."""
        shown = binding_id
        for active in self.active_bindings.values():
            if active.binding.id == binding_id:
                shown = self.app.get_key_display(active.binding)
                break
        else:
            for binding in self.BINDINGS:
                if isinstance(binding, Binding) and binding.id == binding_id:
                    shown = self.app.get_key_display(binding)
        return shown.upper() if re.fullmatch(r"f\d+", shown) else shown

    def _show_voice_mode(self) -> None:
        self.query_one(VoicePanel).show_mode(self.voice_mode, self._key("talk"), self._key("hands_free"))

    def _candidates_turn(self) -> bool:
        return not (self.busy or self.finishing or self.session.closed or self.sandbox_running)

    def _voice_turn(self) -> None:
        """The candidate's turn in voice mode: hands-free listens at once (after the interviewer's voice ends)."""
        panel = self.query_one(VoicePanel)
        if self.voice_mode == "hands_free":
            if self.sim.voice.speaking:
                panel.show_state("waiting")
                self.set_timer(0.2, self._voice_turn_if_still_idle)
                return
            self._start_voice()
        else:
            panel.show_state("off")
            self.query_one("#status", Label).update(
                f"Your turn — {self._key('talk')} to talk · F2 repeat · F3 clarify · F4 skip · F9 end"
            )

    def _defer_while_listening(self, action: Callable[[], None]) -> bool:
        """Hands-free keeps the microphone open for the whole turn, so F2/F3/F4 would always be refused.

        Before a word is said, such a key puts the microphone down first and runs once the
        (empty) recording has closed; once the candidate is speaking, it is refused as usual.
        """
        if not self.recording or self.heard_speech or self.finishing:
            return False
        self._after_voice = action
        self._stop_voice()
        return True

    def _listen_again(self) -> None:
        """After a repeat or clarification (no interviewer worker, so no InterviewerIdle): hands-free listens again."""
        if self.input_mode == "voice" and self.voice_mode == "hands_free":
            self.answer_started = self.session.engine.elapsed()
            self._voice_turn()

    def _voice_turn_if_still_idle(self) -> None:
        if self.input_mode == "voice" and not self.recording and self._candidates_turn():
            self._voice_turn()

    def action_talk(self) -> None:
        """Push-to-talk: the first press opens the microphone, the second ends the answer."""
        if self.input_mode != "voice":
            return
        if self.recording:
            self._stop_voice()
            return
        if self._can_act():
            self._start_voice()

    def action_toggle_hands_free(self) -> None:
        self.voice_mode = "push_to_talk" if self.voice_mode == "hands_free" else "hands_free"
        self._show_voice_mode()
        if self.voice_mode == "hands_free":
            self.notify("Hands-free: a pause ends your answer.", timeout=3)
            if self.input_mode == "voice" and not self.recording and self._candidates_turn():
                self._start_voice()
        else:
            self.notify(f"Push-to-talk: {self._key('talk')} starts and stops.", timeout=3)

    def action_toggle_input(self) -> None:
        if self.recording:
            self.notify(f"Recording: {self._key('talk')} stops it first.", severity="warning", timeout=2)
            return
        if self.input_mode == "voice":
            self._switch_to_typing("")
        else:
            self._switch_to_voice()

    def _switch_to_typing(self, prefill: str) -> None:
        """Typing from now on; `prefill` (words heard before the microphone failed) goes into the editor."""
        self.input_mode = "typing"
        self.query_one(VoicePanel).add_class("hidden")
        editor = self.query_one("#answer", TextArea)
        editor.remove_class("hidden")
        if prefill:
            editor.load_text(prefill + " ")
            editor.move_cursor(editor.document.end)
        editor.focus()
        self.query_one("#round-title", Static).update(f"{self.title_text} · typing")
        self.query_one("#status", Label).update("Your turn — ctrl+s submits · F2 repeat · F3 clarify · F4 skip · F9 end")
        self.refresh_bindings()

    def _switch_to_voice(self) -> None:
        self.input_mode = "voice"
        self.query_one("#answer", TextArea).add_class("hidden")
        self.query_one(VoicePanel).remove_class("hidden")
        self.query_one("#round-title", Static).update(f"{self.title_text} · voice")
        self.refresh_bindings()
        self._show_voice_mode()
        if self._candidates_turn():
            self._voice_turn()

    def _start_voice(self) -> None:
        self.sim.voice.stop()  # the candidate talks now: the interviewer's voice must not be recorded
        self.recording = True
        self.heard_speech = False
        self._voice_stop.clear()
        self.voice_session = None
        panel = self.query_one(VoicePanel)
        panel.show_state("starting")
        panel.show_partial("")
        self.query_one("#status", Label).update("Opening the microphone…")
        self._level_timer.resume()
        self._record_voice(self.voice_mode)

    def _release_microphone(self) -> None:
        """Ask the recording to end (thread-safe; a session not created yet stops as soon as it exists)."""
        self._voice_stop.set()
        session = self.voice_session
        if session is not None:
            session.stop()

    def _stop_voice(self) -> None:
        """End the answer being recorded; its final transcript arrives as VoiceAnswerReady."""
        self._release_microphone()
        if self.recording:
            self.query_one(VoicePanel).show_state("transcribing")

    @work(thread=True, exclusive=True, group="voice")
    def _record_voice(self, mode: VoiceMode) -> None:
        """One spoken answer, start to final transcript. BLOCKING, so a thread worker; talks back by messages only."""
        sim = self.sim
        try:
            recognizer = sim.ready_recognizer()  # waits for the warm-up worker when it is still loading
            from ...speech import VoiceAnswerSession, VoiceCallbacks, correction_terms

            session = VoiceAnswerSession(
                recognizer, sim.settings.stt, mode=mode, vocabulary=correction_terms(sim.catalog, self.loop, self.round),
                data_dir=sim.settings.data_dir, answer_guidance_s=self.round.answer_guidance_s,
                stream_factory=sim.audio_stream_factory,
                callbacks=VoiceCallbacks(
                    on_speech_start=lambda at_s: self.post_message(VoiceSpeechStarted(at_s)),
                    on_partial=lambda partial: self.post_message(VoicePartial(partial.text)),
                    on_end_of_turn=lambda reason: self.post_message(VoiceEndOfTurn(reason)),
                ),
            )  # fmt: skip
        except Exception as exc:  # noqa: BLE001 - the model did not load: typing still works
            self.post_message(VoiceFailed(f"{type(exc).__name__}: {exc}"[:200]))
            return
        self.voice_session = session
        if self._voice_stop.is_set():  # stopped before the session existed
            session.stop()
        self.post_message(VoiceListening(mode))
        self.post_message(VoiceAnswerReady(session.run()))

    def _poll_level(self) -> None:
        session = self.voice_session
        if session is not None and self.recording:
            self.query_one(VoicePanel).show_level(session.level_dbfs)

    def on_voice_listening(self, message: VoiceListening) -> None:
        if not self.recording:
            return
        self.query_one(VoicePanel).show_state("listening")
        how = "pause when you are done" if message.mode == "hands_free" else f"{self._key('talk')} when you are done"
        self.query_one("#status", Label).update(f"Listening — speak your answer, {how}")

    def on_voice_speech_started(self, _: VoiceSpeechStarted) -> None:
        self.heard_speech = True
        if self.recording and not self._voice_stop.is_set():
            self.query_one(VoicePanel).show_state("speaking")

    def on_voice_partial(self, message: VoicePartial) -> None:
        if self.recording:
            self.query_one(VoicePanel).show_partial(message.text)

    def on_voice_end_of_turn(self, _: VoiceEndOfTurn) -> None:
        if self.recording:
            self.query_one(VoicePanel).show_state("transcribing")
            self.query_one("#status", Label).update("Transcribing your answer…")

    def on_voice_failed(self, message: VoiceFailed) -> None:
        self._recording_over()
        self._after_voice = None
        self.notify(f"Voice answers are unavailable ({message.error}); switched to typing.", severity="error", timeout=10)
        self._switch_to_typing("")
        self._finish_if_asked("", None)

    def on_voice_answer_ready(self, message: VoiceAnswerReady) -> None:
        answer = message.answer
        self._recording_over()
        self.voice_answers.append(answer)
        text = answer.text.strip()
        panel = self.query_one(VoicePanel)
        panel.show_partial(text, final=True)
        if answer.end_reason in ("unavailable", "device_lost"):
            # "unavailable": no PortAudio, no device, or a missing/corrupted speech model (found before recording)
            what = "Voice input unavailable" if answer.end_reason == "unavailable" else "The microphone was lost"
            kept = " What you said is in the editor: finish it and press ctrl+s." if text else ""
            self.notify(f"{what}: {answer.error}. Switched to typing.{kept}", severity="error", timeout=12)
            self.pending_voice = answer if text else None
            self._after_voice = None
            self._switch_to_typing(text)
            self._finish_if_asked(text, answer)
            return
        if self._finish_if_asked(text, answer):
            return
        after, self._after_voice = self._after_voice, None
        if after is not None and not text:
            after()
            return
        if not text:
            panel.show_state("off")
            self.notify(f"I did not hear an answer. {self._key('talk')} to try again, F4 to skip.", severity="warning", timeout=4)
            self.query_one("#status", Label).update(f"Your turn — {self._key('talk')} to talk · F4 skip · F9 end")
            return
        panel.show_state("waiting")
        self._answer(text, metrics=answer.metrics, audio_path=answer.audio_path, raw_text=answer.raw_text)

    def _recording_over(self) -> None:
        self.recording = False
        self.voice_session = None
        self._level_timer.pause()
        self.query_one(VoicePanel).show_level(None)

    def _finish_if_asked(self, text: str, answer: VoiceAnswer | None) -> bool:
        """The round was ended (key or time box) while recording: close it, keeping the spoken words."""
        if not self.finishing or self.session.closed:
            return False
        self.pending_voice = None
        reason = self.finish_reason or "ended by the candidate"
        start, end = self.answer_started, self.session.engine.elapsed()
        metrics = answer.metrics if answer is not None and text else None
        audio = answer.audio_path if answer is not None else None
        raw = answer.raw_text if answer is not None and text else None
        self.drive(self.session.finish(reason, text, t_start=start, t_end=end, metrics=metrics, audio_path=audio, raw_text=raw))
        return True

    def on_unmount(self) -> None:
        """Leaving the screen (round over, quit): release the microphone and silence the interviewer."""
        self._release_microphone()
        self.sim.voice.stop()

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
            if self.recorder is not None:
                self.recorder.require_saved()  # says where kept-aside turns are if the database still refuses
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

"""Voice answers on the interview screen: the recording worker, its messages, and the panel that shows them.

Each answer is one `VoiceAnswerSession.run()` in a thread worker (it blocks until the
end of the turn); its callbacks only post typed messages, and the level meter is
polled from a timer on the event loop. Push-to-talk starts and stops with one key;
hands-free opens the microphone when the candidate's turn begins and Silero VAD
ends the turn. When the microphone is missing or dies, the words heard so far go
into the typing editor and the round goes on by typing. What to do in each case is
decided by VoiceController (no Textual, tested on its own); this mixin draws it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import work
from textual.binding import Binding
from textual.widgets import Label, Static, TextArea

from ..host import host
from ..messages import (
    VoiceAnswerReady,
    VoiceEndOfTurn,
    VoiceFailed,
    VoiceListening,
    VoicePartial,
    VoiceSpeechStarted,
)
from ..voice_controller import InputMode, VoiceController, VoiceMode
from ..voice_panel import VoicePanel

if TYPE_CHECKING:
    from ...engine.turns import DeliveryMetrics

LEVEL_POLL_S = 0.1
"""Level meter refresh while recording: 10 Hz reads smoothly and costs nothing."""
HANDS_FREE_RETRY_S = 0.2
"""While the interviewer's voice still speaks, hands-free looks again this often before opening the microphone."""


class VoiceAnswering:
    """Mixed into InterviewScreen, which provides the round (`answer`, `finish_with`, `can_act`, `candidates_turn`...)."""

    voice: VoiceController
    finishing: bool
    title_text: str
    round: Any
    # Provided by InterviewScreen / Screen:
    query_one: Any
    notify: Any
    post_message: Any
    set_interval: Any
    set_timer: Any
    refresh_bindings: Any
    active_bindings: Any
    app: Any
    BINDINGS: list[Binding]

    if TYPE_CHECKING:  # InterviewScreen's; declared for the type checker only, so nothing here shadows them

        def answer(self, text: str, *, metrics: DeliveryMetrics | None = None, audio_path: str | None = None,
                   raw_text: str | None = None) -> None: ...
        def finish_with(self, reason: str, text: str, metrics: DeliveryMetrics | None, audio_path: str | None,
                        raw_text: str | None = None) -> None: ...
        def can_act(self) -> bool: ...
        def candidates_turn(self) -> bool: ...

    # ---------------------------------------------------------------- what tests read
    @property
    def recording(self) -> bool:
        return self.voice.recording

    @property
    def voice_session(self) -> object | None:
        return self.voice.session

    @property
    def voice_answers(self) -> list[Any]:
        return self.voice.answers

    @property
    def input_mode(self) -> InputMode:
        return self.voice.input_mode

    # ---------------------------------------------------------------- set-up
    def init_voice(self, mode: InputMode) -> None:
        self.voice = VoiceController(input_mode=mode)

    def mount_voice(self) -> None:
        self.voice.voice_mode = host(self).settings.stt.mode  # type: ignore[arg-type]
        self._level_timer = self.set_interval(LEVEL_POLL_S, self._poll_level, pause=True)
        self._show_voice_mode()

    def key_shown(self, binding_id: str) -> str:
        """The key bound to `binding_id` now (after settings.ui.keys remapping), as the footer shows it."""
        shown = binding_id
        for active in self.active_bindings.values():
            if active.binding.id == binding_id:
                shown = self.app.get_key_display(active.binding)
                break
        else:
            for binding in self.BINDINGS:
                if binding.id == binding_id:
                    shown = self.app.get_key_display(binding)
        return shown.upper() if re.fullmatch(r"f\d+", shown) else shown

    def _show_voice_mode(self) -> None:
        self.query_one(VoicePanel).show_mode(self.voice.voice_mode, self.key_shown("talk"), self.key_shown("hands_free"))

    def _status(self, text: str) -> None:
        self.query_one("#status", Label).update(text)

    # ---------------------------------------------------------------- the candidate's turn
    def voice_turn(self) -> None:
        """The candidate's turn in voice mode: hands-free listens at once (after the interviewer's voice ends)."""
        panel = self.query_one(VoicePanel)
        what = self.voice.turn_begins(interviewer_speaking=host(self).voice.speaking)
        if what == "listen":
            self._start_voice()
        elif what == "wait":
            panel.show_state("waiting")
            self.set_timer(HANDS_FREE_RETRY_S, self._voice_turn_if_still_idle)
        else:
            panel.show_state("off")
            self._status(f"Your turn — {self.key_shown('talk')} to talk · F2 repeat · F3 clarify · F4 skip · F9 end")

    def _voice_turn_if_still_idle(self) -> None:
        if self.voice.input_mode == "voice" and not self.voice.recording and self.candidates_turn():
            self.voice_turn()

    def listen_again(self) -> None:
        """After a repeat or clarification (no interviewer worker, so no InterviewerIdle): hands-free listens again."""
        if self.voice.input_mode == "voice" and self.voice.voice_mode == "hands_free":
            self.answer_started = self.session.engine.elapsed()  # type: ignore[attr-defined]
            self.voice_turn()

    def defer_while_listening(self, action: Callable[[], None]) -> bool:
        if not self.voice.defer(action, finishing=self.finishing):
            return False
        self.stop_voice()
        return True

    # ---------------------------------------------------------------- keys
    def action_talk(self) -> None:
        what = self.voice.talk()
        if what == "stop":
            self.stop_voice()
        elif what == "start" and self.can_act():
            self._start_voice()

    def action_toggle_hands_free(self) -> None:
        mode: VoiceMode = self.voice.toggle_voice_mode()
        self._show_voice_mode()
        if mode == "hands_free":
            self.notify("Hands-free: a pause ends your answer.", timeout=3)
            if self.voice.input_mode == "voice" and not self.voice.recording and self.candidates_turn():
                self._start_voice()
        else:
            self.notify(f"Push-to-talk: {self.key_shown('talk')} starts and stops.", timeout=3)

    def action_toggle_input(self) -> None:
        if self.voice.recording:
            self.notify(f"Recording: {self.key_shown('talk')} stops it first.", severity="warning", timeout=2)
            return
        if self.voice.input_mode == "voice":
            self.switch_to_typing("")
        else:
            self._switch_to_voice()

    def switch_to_typing(self, prefill: str) -> None:
        """Typing from now on; `prefill` (words heard before the microphone failed) goes into the editor."""
        self.voice.input_mode = "typing"
        self.query_one(VoicePanel).add_class("hidden")
        editor = self.query_one("#answer", TextArea)
        editor.remove_class("hidden")
        if prefill:
            editor.load_text(prefill + " ")
            editor.move_cursor(editor.document.end)
        editor.focus()
        self.query_one("#round-title", Static).update(f"{self.title_text} · typing")
        self._status("Your turn — ctrl+s submits · F2 repeat · F3 clarify · F4 skip · F9 end")
        self.refresh_bindings()

    def _switch_to_voice(self) -> None:
        self.voice.input_mode = "voice"
        self.query_one("#answer", TextArea).add_class("hidden")
        self.query_one(VoicePanel).remove_class("hidden")
        self.query_one("#round-title", Static).update(f"{self.title_text} · voice")
        self.refresh_bindings()
        self._show_voice_mode()
        if self.candidates_turn():
            self.voice_turn()

    # ---------------------------------------------------------------- the recording
    def _start_voice(self) -> None:
        host(self).voice.stop()  # the candidate talks now: the interviewer's voice must not be recorded
        self.voice.begin()
        panel = self.query_one(VoicePanel)
        panel.show_state("starting")
        panel.show_partial("")
        self._status("Opening the microphone…")
        self._level_timer.resume()
        self._record_voice(self.voice.voice_mode)

    def stop_voice(self) -> None:
        """End the answer being recorded; its final transcript arrives as VoiceAnswerReady."""
        self.voice.release()
        if self.voice.recording:
            self.query_one(VoicePanel).show_state("transcribing")

    @work(thread=True, exclusive=True, group="voice")
    def _record_voice(self, mode: VoiceMode) -> None:
        """One spoken answer, start to final transcript. BLOCKING, so a thread worker; talks back by messages only."""
        sim = host(self)
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
        self.voice.attach(session)
        self.post_message(VoiceListening(mode))
        self.post_message(VoiceAnswerReady(session.run()))

    def _poll_level(self) -> None:
        session = self.voice.session
        if session is not None and self.voice.recording:
            self.query_one(VoicePanel).show_level(session.level_dbfs)  # type: ignore[attr-defined]

    def _recording_shown_over(self) -> None:
        self._level_timer.pause()
        self.query_one(VoicePanel).show_level(None)

    def on_voice_listening(self, message: VoiceListening) -> None:
        if not self.voice.recording:
            return
        self.query_one(VoicePanel).show_state("listening")
        how = "pause when you are done" if message.mode == "hands_free" else f"{self.key_shown('talk')} when you are done"
        self._status(f"Listening — speak your answer, {how}")

    def on_voice_speech_started(self, _: VoiceSpeechStarted) -> None:
        if self.voice.speech_started():
            self.query_one(VoicePanel).show_state("speaking")

    def on_voice_partial(self, message: VoicePartial) -> None:
        if self.voice.recording:
            self.query_one(VoicePanel).show_partial(message.text)

    def on_voice_end_of_turn(self, _: VoiceEndOfTurn) -> None:
        if self.voice.recording:
            self.query_one(VoicePanel).show_state("transcribing")
            self._status("Transcribing your answer…")

    def on_voice_failed(self, message: VoiceFailed) -> None:
        self.voice.failed()
        self._recording_shown_over()
        self.notify(f"Voice answers are unavailable ({message.error}); switched to typing.", severity="error", timeout=10)
        self.switch_to_typing("")
        if self.finishing and not self.session.closed:  # type: ignore[attr-defined]
            self.finish_with(self.voice.finish_reason or "ended by the candidate", "", None, None)

    def on_voice_answer_ready(self, message: VoiceAnswerReady) -> None:
        answer = message.answer
        reply = self.voice.answer_ready(answer, finishing=self.finishing and not self.session.closed)  # type: ignore[attr-defined]
        self._recording_shown_over()
        panel = self.query_one(VoicePanel)
        panel.show_partial(reply.text or answer.text.strip(), final=True)
        if answer.end_reason in ("unavailable", "device_lost"):
            # "unavailable": no PortAudio, no device, or a missing/corrupted speech model (found before recording)
            what = "Voice input unavailable" if answer.end_reason == "unavailable" else "The microphone was lost"
            kept = " What you said is in the editor: finish it and press ctrl+s." if reply.text else ""
            self.notify(f"{what}: {answer.error}. Switched to typing.{kept}", severity="error", timeout=12)
            self.switch_to_typing(reply.text if reply.kind == "to_typing" else answer.text.strip())
        if reply.kind == "finish":
            self.finish_with(reply.reason or "ended by the candidate", reply.text, reply.metrics, reply.audio_path,
                             raw_text=reply.raw_text)
        elif reply.kind == "deferred" and reply.action is not None:
            reply.action()
        elif reply.kind == "nothing_heard":
            panel.show_state("off")
            self.notify(f"I did not hear an answer. {self.key_shown('talk')} to try again, F4 to skip.", severity="warning", timeout=4)
            self._status(f"Your turn — {self.key_shown('talk')} to talk · F4 skip · F9 end")
        elif reply.kind == "submit":
            panel.show_state("waiting")
            self.answer(reply.text, metrics=reply.metrics, audio_path=reply.audio_path, raw_text=reply.raw_text)

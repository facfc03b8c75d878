"""The voice-answer state machine of an interview round, without Textual.

Why apart from the screen: a spoken answer has about ten pieces of state (recording,
speech heard, a stop asked for before the recording thread made its session, an
answer cut short by the microphone waiting in the editor, a key deferred until an
empty recording closes, why the round is finishing...). Kept here they are decided
by plain methods that tests drive directly; the screen only draws what they return.

Threads: `begin`, `attach` and `release` may race (the recording runs in a thread
worker), so the stop request is a `threading.Event` and a session attached after a
stop was asked for is stopped at once. Everything else runs on the event loop.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from ..engine.turns import DeliveryMetrics
    from ..speech.models import VoiceAnswer

InputMode = Literal["typing", "voice"]
VoiceMode = Literal["push_to_talk", "hands_free"]
ReplyKind = Literal["submit", "finish", "to_typing", "deferred", "nothing_heard"]
LOST = ("unavailable", "device_lost")
"""End reasons after which voice cannot go on: no PortAudio/device/model, or the microphone went away."""


class Stoppable(Protocol):
    def stop(self) -> None: ...


@dataclass
class Reply:
    """What the screen does with a finished recording."""

    kind: ReplyKind
    text: str = ""
    metrics: DeliveryMetrics | None = None
    audio_path: str | None = None
    raw_text: str | None = None
    """The answer as Whisper heard it, when the domain correction changed it (`text` is the corrected one)."""
    action: Callable[[], None] | None = None
    """For "deferred": the key's action to run now that the (empty) recording has closed."""
    error: str | None = None
    """For "to_typing": why voice stopped."""
    reason: str | None = None
    """For "finish": why the round closes (None: the candidate ended it)."""


@dataclass
class VoiceController:
    input_mode: InputMode = "typing"
    voice_mode: VoiceMode = "push_to_talk"
    recording: bool = False
    """From the moment a recording is asked for until its answer (or failure) arrives."""
    heard_speech: bool = False
    """The VAD heard the current recording's answer begin."""
    session: Stoppable | None = None
    """The recording's VoiceAnswerSession, set by the recording thread."""
    pending: VoiceAnswer | None = None
    """An answer cut short by the microphone, waiting in the typing editor to be finished and submitted."""
    answers: list[VoiceAnswer] = field(default_factory=list)
    finish_reason: str | None = None
    """Why the round is closing while an answer is being recorded (the time box, or the candidate)."""
    _stop: threading.Event = field(default_factory=threading.Event)
    _deferred: Callable[[], None] | None = None

    # ---------------------------------------------------------------- the recording
    def begin(self) -> None:
        self.recording = True
        self.heard_speech = False
        self._stop.clear()
        self.session = None

    def attach(self, session: Stoppable) -> None:
        """The recording thread made its session; a stop asked for before that is honoured now."""
        self.session = session
        if self._stop.is_set():
            session.stop()

    def release(self) -> None:
        """Ask the recording to end (thread-safe; a session not attached yet stops when it is)."""
        self._stop.set()
        if self.session is not None:
            self.session.stop()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def speech_started(self) -> bool:
        """The answer began; True when the screen should show "hearing you" (not already stopping)."""
        self.heard_speech = True
        return self.recording and not self._stop.is_set()

    def _over(self) -> None:
        self.recording = False
        self.session = None

    # ---------------------------------------------------------------- keys
    def talk(self) -> Literal["ignore", "stop", "start"]:
        """Push-to-talk's key: the first press opens the microphone, the second ends the answer."""
        if self.input_mode != "voice":
            return "ignore"
        return "stop" if self.recording else "start"

    def turn_begins(self, *, interviewer_speaking: bool) -> Literal["listen", "wait", "idle"]:
        """The candidate's turn in voice mode: hands-free listens at once, after the interviewer's voice ends."""
        if self.voice_mode != "hands_free":
            return "idle"
        return "wait" if interviewer_speaking else "listen"

    def defer(self, action: Callable[[], None], *, finishing: bool) -> bool:
        """Hands-free keeps the microphone open for the whole turn, so repeat/clarify/skip would always be refused.

        Before a word is said such a key puts the microphone down and runs once the (empty)
        recording has closed: True, and the caller releases the microphone. Once the
        candidate is speaking it is refused as usual: False.
        """
        if not self.recording or self.heard_speech or finishing:
            return False
        self._deferred = action
        return True

    def toggle_voice_mode(self) -> VoiceMode:
        self.voice_mode = "push_to_talk" if self.voice_mode == "hands_free" else "hands_free"
        return self.voice_mode

    # ---------------------------------------------------------------- outcomes
    def failed(self) -> None:
        """The recogniser could not even start: voice is over for this round."""
        self._over()
        self._deferred = None
        self.input_mode = "typing"

    def answer_ready(self, answer: VoiceAnswer, *, finishing: bool) -> Reply:
        """The recording returned its final transcript: what happens to it."""
        self._over()
        self.answers.append(answer)
        text = answer.text.strip()
        if answer.end_reason in LOST:
            self._deferred = None
            self.pending = answer if text else None
            self.input_mode = "typing"
            if finishing:
                return self._finish(text, answer)
            return Reply("to_typing", text=text, error=answer.error or answer.end_reason)
        if finishing:
            return self._finish(text, answer)
        action, self._deferred = self._deferred, None
        if action is not None and not text:
            return Reply("deferred", action=action)
        if not text:
            return Reply("nothing_heard")
        return Reply("submit", text=text, metrics=answer.metrics, audio_path=answer.audio_path, raw_text=answer.raw_text)

    def _finish(self, text: str, answer: VoiceAnswer) -> Reply:
        """The round was ended (key or time box) while recording: close it, keeping the spoken words."""
        self.pending = None
        return Reply("finish", text=text, metrics=answer.metrics if text else None, audio_path=answer.audio_path,
                     raw_text=answer.raw_text if text else None, reason=self.finish_reason)  # fmt: skip

    def raw_text_of(self, text: str) -> str | None:
        """What Whisper heard of the waiting voice answer, when `text` submits it as it was said (ask before typed_submit)."""
        pending = self.pending
        return pending.raw_text if pending is not None and pending.text.strip() == text else None

    def typed_submit(self, text: str) -> tuple[DeliveryMetrics | None, str | None]:
        """(metrics, audio) of a typed submission: a voice answer submitted as it was said keeps its delivery."""
        pending, self.pending = self.pending, None
        if pending is None:
            return None, None
        if pending.text.strip() == text:
            return pending.metrics, pending.audio_path
        return None, pending.audio_path

    def typed_finish(self, text: str) -> str | None:
        """The audio of a voice answer finished by typing when the round closes (None when nothing was typed)."""
        pending, self.pending = self.pending, None
        return pending.audio_path if pending is not None and text.strip() else None

    def skip(self) -> None:
        self.pending = None

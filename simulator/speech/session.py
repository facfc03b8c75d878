"""One spoken answer, from microphone to final transcript: capture, VAD, partials, end of turn.

`VoiceAnswerSession.run()` blocks until the answer ends and returns a `VoiceAnswer`. It
reads blocks from `MicCapture`, runs streaming Silero VAD on every 32 ms window and
sends recognition jobs to one worker thread:

- partial jobs while the candidate speaks (every `partial_interval_s` of audio when the
  worker is free) -> `on_partial`;
- a speculative job as soon as a pause starts, on the audio so far. If the pause
  becomes the end of the turn, that result *is* the final transcript, so the final text
  is ready when the hangover ends; if speech resumes, the result is committed (when the
  piece is long enough) and later jobs only transcribe what follows, so every job stays
  short however long the answer.

All turn-taking is decided in audio time (samples), so a faster-than-real-time file
stream decides exactly as a microphone would.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np

from ..config import STTSettings
from .audio_files import save_answer_audio
from .capture import MicCapture, StreamFactory
from .errors import AudioDeviceLostError, AudioUnavailableError, ModelUnavailableError
from .metrics import delivery_metrics, length_check
from .models import SAMPLE_RATE, Correction, EndReason, PartialTranscript, Transcript, VoiceAnswer, Word
from .recognizer import Recognizer
from .turn_policy import EndOfTurnPolicy
from .vad import WINDOW, StreamingVad
from .vocabulary import round_vocabulary

_DEBUG = bool(__import__("os").environ.get("SPEECH_DEBUG"))
SPEECH_PROB = 0.5
SILENCE_PROB = 0.35
START_WINDOWS = 3
"""Speech windows (of the last 5) that start an answer: ~0.1 s, so a click does not."""
LEAD_PAD_S = 0.3
SPEC_DELAY_S = 0.1
"""Silence before the speculative job starts: past the last phoneme, well inside the hangover."""
MIN_COMMIT_S = 8.0
"""Pieces are committed only when this long: Whisper is much better with whole sentences of context."""
MAX_TAIL_S = 24.0
"""Without a usable pause, commit anyway before the tail outgrows Whisper's 30 s window."""


@dataclass
class VoiceCallbacks:
    """Hooks for the UI. Keep them quick; exceptions they raise are swallowed."""

    on_level: Callable[[float], None] | None = None
    """dBFS of each 32 ms block. Fires on PortAudio's AUDIO THREAD: only store the value or post a message."""
    on_speech_start: Callable[[float], None] | None = None
    """Seconds into the recording when speech began. Fires on the thread running `run()`."""
    on_partial: Callable[[PartialTranscript], None] | None = None
    """Text so far, about every second while speaking. Fires on the thread running `run()`."""
    on_end_of_turn: Callable[[str], None] | None = None
    """Why the answer ended ("silence", "stopped", ...), just before the final is assembled. `run()` thread."""


@dataclass
class _Job:
    kind: Literal["partial", "spec", "commit"]
    tail_start: int
    end: int
    future: Future[Transcript]
    commit: bool = False
    handled: bool = False


class _Buffer:
    """Growing float32 buffer (amortised O(1) appends, zero-copy views)."""

    def __init__(self) -> None:
        self._data = np.zeros(SAMPLE_RATE * 30, dtype=np.float32)
        self.n = 0

    def append(self, block: np.ndarray) -> None:
        while self.n + len(block) > len(self._data):
            self._data = np.concatenate([self._data, np.zeros_like(self._data)])
        self._data[self.n : self.n + len(block)] = block
        self.n += len(block)

    def view(self, start: int = 0, end: int | None = None) -> np.ndarray:
        return self._data[start : self.n if end is None else min(end, self.n)]


@dataclass
class _State:
    speech_started: bool = False
    first_speech: int = 0
    last_speech: int = 0
    speech_samples: int = 0
    in_pause: bool = False
    last_gap: int = 0
    recent: list[bool] = field(default_factory=list)
    tail_start: int = 0
    committed: list[Word] = field(default_factory=list)
    committed_text: list[str] = field(default_factory=list)
    committed_raw: list[str] = field(default_factory=list)
    """Whisper's own text of each committed piece, before the domain correction."""
    committed_corrections: list[Correction] = field(default_factory=list)
    spec: _Job | None = None
    commit_job: _Job | None = None
    last_partial_at: int = 0


class VoiceAnswerSession:
    """Record and transcribe one answer. Create one per answer; `run()` blocks, `stop()` is thread-safe."""

    def __init__(
        self,
        recognizer: Recognizer,
        stt: STTSettings | None = None,
        *,
        mode: Literal["push_to_talk", "hands_free"] | None = None,
        vocabulary: Sequence[str] | None = None,
        data_dir: Path | None = None,
        answer_guidance_s: tuple[int, int] | None = None,
        stream_factory: StreamFactory | None = None,
        callbacks: VoiceCallbacks | None = None,
        stall_timeout_s: float = 2.0,
    ) -> None:
        """stall_timeout_s: no audio for this long (wall time) means the device is gone."""
        self.recognizer = recognizer
        self.stt = stt or STTSettings()
        self.mode = mode or self.stt.mode
        self.vocabulary = list(vocabulary) if vocabulary is not None else round_vocabulary(None)
        self.data_dir = data_dir
        self.answer_guidance_s = answer_guidance_s
        self.callbacks = callbacks or VoiceCallbacks()
        self.policy = EndOfTurnPolicy.from_settings(self.stt)
        self.capture = MicCapture(
            self.stt.input_device,
            stream_factory=stream_factory,
            on_level=self._safe(self.callbacks.on_level),
            stall_timeout_s=stall_timeout_s,
        )
        self._stop = threading.Event()
        self._buf = _Buffer()
        self._s = _State()
        self._jobs: list[_Job] = []
        self._executor: ThreadPoolExecutor | None = None
        self.partials = 0
        self._tail: Transcript | None = None
        """The last piece's transcript once the final words are chosen (its raw text and corrections go in the answer)."""
        self.end_decided_at_s: float | None = None
        """Audio time (s) at which end of turn was decided: speech_end_s + hangover."""

    # ---- public -------------------------------------------------------------------------

    def stop(self) -> None:
        """End the answer now (push-to-talk release, or 'I'm done' in hands-free). Thread-safe."""
        self._stop.set()

    @property
    def level_dbfs(self) -> float:
        return self.capture.level_dbfs

    @property
    def audio_s(self) -> float:
        return self._buf.n / SAMPLE_RATE

    def run(self) -> VoiceAnswer:
        """Capture until end of turn, stop() or a device failure; return the final answer. BLOCKING."""
        load = getattr(self.recognizer, "load", None)
        if load is not None:
            # A missing or corrupted model is found before the candidate speaks, not after:
            # nothing said is lost, and the UI offers typing with this message.
            try:
                load()
            except ModelUnavailableError as exc:
                return self._answer([], "unavailable", str(exc))
        try:
            self.capture.start()
        except AudioUnavailableError as exc:
            return self._answer([], "unavailable", str(exc))
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="stt")
        try:
            reason, error, final = self._loop()
            self._emit(self.callbacks.on_end_of_turn, reason)
            self.capture.stop()
            for block in self.capture.drain():
                if reason == "stopped":
                    self._buf.append(block)
            if final is None:
                final = self._transcribe_rest()
            return self._answer(final, reason, error)
        finally:
            self.capture.stop()
            self._executor.shutdown(wait=False, cancel_futures=True)

    # ---- main loop ----------------------------------------------------------------------

    def _loop(self) -> tuple[EndReason, str | None, list[Word] | None]:
        vad = StreamingVad()
        max_samples = int(self.stt.max_answer_s * SAMPLE_RATE)
        s = self._s
        while True:
            if self._stop.is_set():
                return "stopped", None, None
            try:
                block = self.capture.read(timeout=0.02)
            except AudioDeviceLostError as exc:
                return "device_lost", str(exc), None
            if block is not None:
                self._buf.append(block)
                for prob in vad.feed(block):
                    self._on_window(prob, vad.windows * WINDOW)
            self._collect()
            if self._buf.n >= max_samples:
                return "max_duration", None, None
            if not s.speech_started:
                continue
            n = self._buf.n
            silence_s = (n - s.last_speech) / SAMPLE_RATE
            if s.in_pause and s.spec is None and silence_s >= SPEC_DELAY_S and s.commit_job is None:
                s.spec = self._submit("spec", n)
            if self.mode == "hands_free" and s.in_pause and silence_s >= self.policy.silence_s:
                final = self._final_if_ended(silence_s)
                if final is not None:
                    self.end_decided_at_s = n / SAMPLE_RATE
                    return "silence", None, final
            if not s.in_pause and not self._busy() and n - s.last_partial_at >= self.stt.partial_interval_s * SAMPLE_RATE:
                if n - s.tail_start > MAX_TAIL_S * SAMPLE_RATE:
                    cut = s.last_gap if s.last_gap > s.tail_start + MIN_COMMIT_S * SAMPLE_RATE else n
                    s.commit_job = self._submit("commit", cut)
                    s.commit_job.commit = True
                else:
                    self._submit("partial", n)
                s.last_partial_at = n

    def _on_window(self, prob: float, window_end: int) -> None:
        s = self._s
        is_speech = prob >= SPEECH_PROB
        if not s.speech_started:
            s.recent = (s.recent + [is_speech])[-5:]
            if sum(s.recent) >= START_WINDOWS:
                s.speech_started = True
                s.first_speech = window_end - WINDOW * 5
                s.first_speech = max(s.first_speech + WINDOW * s.recent.index(True), 0)
                s.last_speech = window_end
                s.speech_samples = WINDOW * sum(s.recent)
                s.tail_start = max(0, s.first_speech - int(LEAD_PAD_S * SAMPLE_RATE))
                s.last_partial_at = window_end
                self._emit(self.callbacks.on_speech_start, s.first_speech / SAMPLE_RATE)
            return
        if is_speech:
            if s.in_pause:
                self._on_resume()
            s.in_pause = False
            s.last_speech = window_end
            s.speech_samples += WINDOW
        elif prob < SILENCE_PROB:
            if not s.in_pause:
                s.in_pause = True
            s.last_gap = window_end - WINDOW // 2
        elif not s.in_pause:
            s.last_speech = window_end
            s.speech_samples += WINDOW

    def _on_resume(self) -> None:
        """Speech after a pause: keep the pause's speculative result as committed text if the piece is long enough."""
        s = self._s
        spec, s.spec = s.spec, None
        if spec is None:
            return
        if spec.tail_start != s.tail_start or spec.end - spec.tail_start < MIN_COMMIT_S * SAMPLE_RATE:
            if spec.future.cancel() and spec in self._jobs:  # not started yet: do not spend CPU on it
                self._jobs.remove(spec)
            return
        if s.commit_job is None:
            spec.commit = True
            s.commit_job = spec
            self._collect()

    # ---- jobs -----------------------------------------------------------------------------

    @staticmethod
    def _ok(job: _Job) -> bool:
        """Finished with a result (not cancelled, no exception)."""
        return job.future.done() and not job.future.cancelled() and job.future.exception() is None

    def _busy(self) -> bool:
        return any(not job.future.done() for job in self._jobs)

    def _submit(self, kind: Literal["partial", "spec", "commit"], end: int) -> _Job:
        assert self._executor is not None
        s = self._s
        if _DEBUG:
            print(f"submit {kind} tail={s.tail_start/SAMPLE_RATE:.2f} end={end/SAMPLE_RATE:.2f} n={self._buf.n/SAMPLE_RATE:.2f}")
        start = s.tail_start
        audio = self._buf.view(start, end).copy()
        context = " ".join(s.committed_text)
        future = self._executor.submit(
            self.recognizer.transcribe,
            audio,
            vocabulary=self.vocabulary,
            context=context,
            offset_s=start / SAMPLE_RATE,
            draft=kind == "partial",
        )
        job = _Job(kind=kind, tail_start=start, end=end, future=future)
        self._jobs.append(job)
        return job

    def _collect(self) -> None:
        """Handle finished jobs: commit pieces, emit partials."""
        s = self._s
        for job in list(self._jobs):
            if not job.future.done() or job is s.commit_job:
                continue
            job.handled = True
            self._jobs.remove(job)
            if self._ok(job) and job.tail_start == s.tail_start and job.kind != "commit":
                self._partial(job.future.result())
        job = s.commit_job
        if job is not None and job.future.done():
            s.commit_job = None
            if job in self._jobs:
                self._jobs.remove(job)
            job.handled = True
            if self._ok(job) and job.tail_start == s.tail_start:
                result = job.future.result()
                s.committed.extend(result.words)
                s.committed_corrections.extend(result.corrections)
                if result.text:
                    s.committed_text.append(result.text)
                    s.committed_raw.append(result.raw_text or result.text)
                s.tail_start = job.end
                self._partial(None)

    def _partial(self, result: Transcript | None) -> None:
        text = " ".join(self._s.committed_text + ([result.text] if result and result.text else []))
        self.partials += 1
        self._emit(self.callbacks.on_partial, PartialTranscript(text=text, audio_s=round(self.audio_s, 2)))

    def _final_if_ended(self, silence_s: float) -> list[Word] | None:
        """The final words if the pause is long enough for what was said; None to keep listening."""
        s = self._s
        spec = s.spec
        if spec is None or not spec.future.done() or s.commit_job is not None:
            return None
        if not self._ok(spec) or spec.tail_start != s.tail_start:
            s.spec = None  # resubmitted on the next pass
            return None
        result = spec.future.result()
        words = s.committed + result.words
        hangover = self.policy.hangover(s.speech_samples / SAMPLE_RATE, [w.w for w in words])
        if silence_s < hangover.seconds:
            return None
        self._tail = result
        return words

    def _transcribe_rest(self) -> list[Word]:
        """Final words after stop/device loss: wait for a commit in flight, reuse a fresh spec, else transcribe the tail."""
        s = self._s
        if s.commit_job is not None:
            wait([s.commit_job.future])
            self._collect()
        spec = s.spec
        if (
            spec is not None
            and spec.tail_start == s.tail_start
            and spec.end >= s.last_speech
            and (wait([spec.future]) and self._ok(spec))
            and self._buf.n - spec.end < SAMPLE_RATE  # nothing much after it
        ):
            self._tail = spec.future.result()
            return s.committed + self._tail.words
        if self._buf.n - s.tail_start < WINDOW or not s.speech_started:
            # No voice heard at all: Whisper given only silence invents words ("uh, it worked"), so none are asked for.
            return list(s.committed)
        audio = self._buf.view(s.tail_start).copy()
        self._tail = self.recognizer.transcribe(
            audio, vocabulary=self.vocabulary, context=" ".join(s.committed_text), offset_s=s.tail_start / SAMPLE_RATE
        )
        return s.committed + self._tail.words

    # ---- result ---------------------------------------------------------------------------

    def _answer(self, words: list[Word], reason: EndReason, error: str | None) -> VoiceAnswer:
        s = self._s
        audio_path = None
        # Audio without a single recognised word would be linked from no turn (nothing is
        # recorded as an answer): not kept, so the data dir holds no orphans.
        if self.stt.keep_audio and self.data_dir is not None and self._buf.n > 0 and words:
            audio_path = str(save_answer_audio(self._buf.view(), self.data_dir))
        metrics = delivery_metrics(words, self.stt.fillers)
        tail = self._tail if words else None
        corrections = s.committed_corrections + (tail.corrections if tail else [])
        raw = s.committed_raw + ([tail.raw_text or tail.text] if tail and tail.text else [])
        return VoiceAnswer(
            text=" ".join(w.w for w in words),
            raw_text=" ".join(raw) if corrections else None,
            corrections=corrections,
            words=words,
            audio_s=round(self.audio_s, 3),
            speech_start_s=round(s.first_speech / SAMPLE_RATE, 3) if s.speech_started else None,
            speech_end_s=round(s.last_speech / SAMPLE_RATE, 3) if s.speech_started else None,
            end_reason=reason,
            error=error,
            audio_path=audio_path,
            metrics=metrics,
            length_check=length_check(metrics.duration_s, self.answer_guidance_s) if self.answer_guidance_s else None,
            partials=self.partials,
            device=getattr(self.recognizer, "device", ""),
            model=getattr(self.recognizer, "model_label", ""),
        )

    @staticmethod
    def _safe(fn: Callable[..., None] | None) -> Callable[..., None] | None:
        if fn is None:
            return None

        def call(*args: object) -> None:
            try:
                fn(*args)
            except Exception:  # noqa: BLE001,S110 - a UI hook must not end the recording
                pass

        return call

    def _emit(self, fn: Callable[..., None] | None, *args: object) -> None:
        safe = self._safe(fn)
        if safe is not None:
            safe(*args)


"""Files streamed through the real capture path (MicCapture on a FileInputStream): VAD, partials, end of turn."""

from __future__ import annotations

import statistics
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
import soundfile
from speech_support import JFK_TEXT, jfk_audio, recognizer, say, silence, speech_dir  # noqa: F401 - fixtures

from simulator.config import STTSettings
from simulator.bench.stt import speech_end_sample
from simulator.speech.file_stream import FileStreamFactory
from simulator.speech.models import SAMPLE_RATE, PartialTranscript, Timing, Transcript, VoiceAnswer, Word
from simulator.speech.session import VoiceAnswerSession, VoiceCallbacks
from simulator.speech.transcriber import WhisperTranscriber
from simulator.speech.vad import WINDOW, StreamingVad
from simulator.speech.wer import word_error_rate

HANDS_FREE = STTSettings(mode="hands_free", device="cpu", keep_audio=False)


class Timed:
    """Wraps a recogniser to record each call's duration and whether one is running.

    `busy()` as a FileInputStream `hold` freezes the audio clock while the model works, so a
    test sees the decisions a fast machine would make, whatever else loads this one.
    """

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.device, self.notice, self.model_label = inner.device, None, inner.model_label
        self.durations: list[float] = []
        self.running = 0
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        self.inner.warm_up()

    def busy(self) -> bool:
        return self.running > 0

    def transcribe(self, audio: np.ndarray, **kw: Any) -> Transcript:
        with self._lock:
            self.running += 1
        t = time.perf_counter()
        try:
            return self.inner.transcribe(audio, **kw)
        finally:
            self.durations.append(time.perf_counter() - t)
            with self._lock:
                self.running -= 1


class Instant:
    """A recogniser that answers at once with one word spanning the audio: isolates the turn-taking logic."""

    device, notice, model_label = "stub", None, "stub"

    def __init__(self, last_word: str = "done.") -> None:
        self.last_word = last_word

    def warm_up(self) -> None: ...

    def transcribe(self, audio: np.ndarray, **kw: Any) -> Transcript:
        off = kw.get("offset_s", 0.0)
        dur = len(audio) / SAMPLE_RATE
        word = Word(w=self.last_word, start=off, end=off + dur)
        return Transcript(text=word.w, words=[word], timing=Timing(audio_s=dur, transcribe_s=0, rtf=0, device="stub", model="stub"))


def stream(
    recognizer: Any, audio: np.ndarray, *, speed: float, stt: STTSettings = HANDS_FREE, frozen: bool = False, **kw: Any
) -> tuple[VoiceAnswer, VoiceAnswerSession, list[tuple[float, PartialTranscript]]]:
    """Play `audio` through a session; frozen=True stops the clock while the recogniser works."""
    partials: list[tuple[float, PartialTranscript]] = []
    cb = VoiceCallbacks(on_partial=lambda p: partials.append((time.perf_counter(), p)))
    if frozen:
        recognizer = Timed(recognizer)
    factory = FileStreamFactory(audio, speed=speed, hold=recognizer.busy if frozen else None)
    if frozen:
        kw.setdefault("stall_timeout_s", 120.0)  # a frozen clock is not a dead microphone
    session = VoiceAnswerSession(recognizer, stt, stream_factory=factory, callbacks=cb, **kw)
    return session.run(), session, partials


def test_streaming_vad_matches_the_batch_model(jfk_audio: np.ndarray) -> None:
    from faster_whisper.vad import get_vad_model

    n = len(jfk_audio) // WINDOW * WINDOW
    batch = np.asarray(get_vad_model()(jfk_audio[:n])).reshape(-1)
    vad = StreamingVad()
    streamed = [p for i in range(0, n, 1600) for p in vad.feed(jfk_audio[i : min(i + 1600, n)])]
    assert len(streamed) == len(batch)
    assert np.abs(np.asarray(streamed) - batch).max() < 1e-4


def test_jfk_hands_free_on_a_fast_clock(recognizer: WhisperTranscriber, jfk_audio: np.ndarray) -> None:
    answer, session, partials = stream(recognizer, jfk_audio, speed=4.0, frozen=True)
    speech_end = speech_end_sample(jfk_audio) / SAMPLE_RATE
    print(answer.text, answer.end_reason, session.end_decided_at_s, speech_end, [p.text for _, p in partials])
    assert answer.end_reason == "silence" and answer.error is None
    assert word_error_rate(JFK_TEXT, answer.text) <= 0.05
    assert len(partials) >= 2 and partials[0][1].text
    assert session.end_decided_at_s is not None
    # decided after the speech ended plus the hangover, not during the ~1 s pauses inside it
    assert speech_end + HANDS_FREE.silence_s - 0.1 <= session.end_decided_at_s <= speech_end + HANDS_FREE.silence_s + 0.3
    assert answer.metrics.words >= 20 and 110 < answer.metrics.wpm < 160
    assert answer.speech_start_s is not None and answer.speech_start_s < 0.6


def test_turn_policy_timing_and_partial_cadence_in_audio_time(jfk_audio: np.ndarray) -> None:
    answer, session, partials = stream(Instant(), jfk_audio, speed=6.0)
    speech_end = speech_end_sample(jfk_audio) / SAMPLE_RATE
    assert answer.end_reason == "silence"
    assert session.end_decided_at_s is not None
    assert abs(session.end_decided_at_s - (speech_end + 0.8)) < 0.25
    times = [p.audio_s for _, p in partials if p.audio_s <= speech_end]
    gaps = np.diff([answer.speech_start_s or 0.0, *times])
    assert len(times) >= 8 and gaps.max() <= 1.5, gaps


def test_unfinished_last_word_waits_longer(jfk_audio: np.ndarray) -> None:
    _, session, _ = stream(Instant(last_word="um,"), jfk_audio, speed=6.0)
    speech_end = speech_end_sample(jfk_audio) / SAMPLE_RATE
    assert session.end_decided_at_s is not None
    assert abs(session.end_decided_at_s - (speech_end + HANDS_FREE.filler_hangover_s)) < 0.25


def _thinking_clip(first: str, speech_dir: Path) -> tuple[np.ndarray, float]:
    part1 = say(first, speech_dir)
    part2 = say("then I would train a simple baseline model and compare against it.", speech_dir)
    audio = np.concatenate([part1, silence(1.2), part2])
    return audio, (len(part1) / SAMPLE_RATE) + 1.2


def test_thinking_pause_after_a_filler_does_not_end_the_answer(recognizer: WhisperTranscriber, speech_dir: Path) -> None:
    audio, second_starts = _thinking_clip("So the first thing I would do is look at the training data and, umm", speech_dir)
    answer, session, _ = stream(recognizer, audio, speed=4.0, frozen=True)
    print(answer.text, session.end_decided_at_s, second_starts)
    assert answer.end_reason == "silence"
    assert session.end_decided_at_s is not None and session.end_decided_at_s > second_starts + 2.0
    assert "baseline" in answer.text.lower() and "first thing" in answer.text.lower()


def test_same_pause_after_a_finished_sentence_ends_the_answer(recognizer: WhisperTranscriber, speech_dir: Path) -> None:
    """The control: the 1.2 s pause is only bridged because of the filler, not because the hangover is long."""
    audio, second_starts = _thinking_clip("So the first thing I would do is look carefully at all of the training data.", speech_dir)
    answer, session, _ = stream(recognizer, audio, speed=4.0, frozen=True)
    print(answer.text, session.end_decided_at_s, second_starts)
    assert answer.end_reason == "silence"
    assert session.end_decided_at_s is not None and session.end_decided_at_s < second_starts
    assert "baseline" not in answer.text.lower() and "first thing" in answer.text.lower()


def test_push_to_talk_stop_keeps_what_was_said_and_saves_flac(
    recognizer: WhisperTranscriber, jfk_audio: np.ndarray, tmp_path: Path
) -> None:
    stt = STTSettings(mode="push_to_talk", device="cpu", keep_audio=True)
    holder: dict[str, Any] = {"blocks": 0}

    def release_key_after_4_5_s(_dbfs: float) -> None:  # on the audio thread, like a key release
        holder["blocks"] += 1
        if holder["blocks"] * 512 >= 4.5 * SAMPLE_RATE:
            holder["s"].stop()

    session = VoiceAnswerSession(
        recognizer, stt, data_dir=tmp_path, answer_guidance_s=(60, 180),
        stream_factory=FileStreamFactory(jfk_audio, speed=2.0), callbacks=VoiceCallbacks(on_level=release_key_after_4_5_s),
    )
    holder["s"] = session
    answer = session.run()
    print(answer.text, answer.audio_s)
    assert answer.end_reason == "stopped"
    assert 4.5 <= answer.audio_s < 5.5
    assert "fellow americans" in answer.text.lower()
    assert answer.length_check is not None and answer.length_check.verdict == "short"
    assert answer.audio_path and Path(answer.audio_path).parent == tmp_path / "audio"
    info = soundfile.info(answer.audio_path)
    assert info.format == "FLAC" and info.samplerate == SAMPLE_RATE
    assert abs(info.duration - answer.audio_s) < 0.05


def test_an_answer_with_no_words_keeps_no_audio_file(recognizer: WhisperTranscriber, tmp_path: Path) -> None:
    """Nothing said, push-to-talk released: no turn will link a file, so none is written."""
    stt = STTSettings(mode="push_to_talk", device="cpu", keep_audio=True)
    holder: dict[str, Any] = {"blocks": 0}

    def release_after_2_s(_dbfs: float) -> None:
        holder["blocks"] += 1
        if holder["blocks"] * 512 >= 2 * SAMPLE_RATE:
            holder["s"].stop()

    session = VoiceAnswerSession(
        recognizer, stt, data_dir=tmp_path, stream_factory=FileStreamFactory(silence(4.0), speed=2.0),
        callbacks=VoiceCallbacks(on_level=release_after_2_s),
    )
    holder["s"] = session
    answer = session.run()
    assert answer.end_reason == "stopped" and answer.text == "" and answer.audio_s >= 1.9
    assert answer.audio_path is None and not list(tmp_path.rglob("*.flac"))


def test_real_time_stream_partials_and_latency(recognizer: WhisperTranscriber, jfk_audio: np.ndarray) -> None:
    """One run on the real clock: what a candidate sees on this machine (timings depend on its load)."""
    timed = Timed(recognizer)
    factory = FileStreamFactory(jfk_audio, speed=1.0)
    partials: list[tuple[float, PartialTranscript]] = []
    session = VoiceAnswerSession(timed, HANDS_FREE, stream_factory=factory, callbacks=VoiceCallbacks(on_partial=lambda p: partials.append((time.perf_counter(), p))))
    answer = session.run()
    done = time.perf_counter()
    end = speech_end_sample(jfk_audio)
    assert factory.stream is not None
    spoke_until = factory.stream.wall_time_at(end)
    started = factory.stream.wall_time_at(int((answer.speech_start_s or 0) * SAMPLE_RATE))
    assert spoke_until is not None and started is not None
    latency = done - spoke_until
    stamps = [started] + [t for t, _ in partials if t <= spoke_until]
    gaps = np.diff(stamps)
    job = max(timed.durations)
    print(f"latency {latency:.2f} s, partial gaps {np.round(gaps, 2)}, job times median {statistics.median(timed.durations):.2f} max {job:.2f}")
    assert answer.end_reason == "silence" and word_error_rate(JFK_TEXT, answer.text) <= 0.05
    # Partials come while the candidate speaks, in order, and the final text after: events, not durations (the
    # gaps and the latency printed above are what `interview-sim bench speech` measures; a busy machine stretches them).
    during = [p for t, p in partials if t <= spoke_until]
    assert len(during) >= 2 and all(a.audio_s <= b.audio_s for a, b in zip(during, during[1:])), during
    assert done > spoke_until

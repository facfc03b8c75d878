"""Voice answers in the app, with REAL speech through the real capture path and the real Whisper tiny.en.

A fake InputStream (simulator.speech.file_stream) plays jfk.flac or an espeak-ng clip in
real-time 32 ms blocks into the app's audio stream factory, exactly where sounddevice's
InputStream would be. What these tests prove:
- hands-free: the app warms Whisper up itself (status on Home), the partial transcript is
  drawn while the audio plays, Silero VAD ends the turn, the final transcript is stored as
  the candidate's turn with its delivery metrics and a saved FLAC, and the interviewer's
  next turn follows; repeat and skip still work while hands-free is listening;
- push-to-talk: the talk key opens the microphone and, pressed again, ends the answer;
  ending the round mid-answer keeps the words said so far;
- no microphone: a notification and the typing editor; a microphone dying mid-answer: the
  words heard so far are put into the editor, and submitting keeps the saved audio.
The interviewer model is a down provider (canned rubric follow-ups) so only speech is timed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile
from speech_support import JFK, jfk_audio, recognizer, say, silence, speech_dir  # noqa: F401 - fixtures
from textual.widgets import RadioButton, TextArea

from simulator.engine.clock import SimulatedClock
from simulator.engine.turns import Speaker, TurnKind
from simulator.speech.file_stream import FileStreamFactory
from simulator.speech.transcriber import WhisperTranscriber
from simulator.store import Store
from simulator.tui.app import InterviewApp
from simulator.tui.screens.interview import InterviewScreen
from simulator.tui.screens.report import ReportScreen
from simulator.tui.voice_panel import VoicePanel
from simulator.tui.widgets import TurnView
from tui_fixtures import make_settings
from tui_helpers import DownLLM, wait_for

pytestmark = pytest.mark.slow
SIZE = (140, 40)
PHRASE = "ask not what your country can do for you"


def words(text: str) -> str:
    """Lower-case words only, so punctuation Whisper adds does not matter."""
    return " ".join(re.findall(r"[a-z']+", text.lower()))


def notifications(app: InterviewApp) -> list[str]:
    return [n.message for n in app._notifications]


@pytest.fixture
def shown_partials(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text the voice panel drew as a live (not final) transcript."""
    seen: list[str] = []
    original = VoicePanel.show_partial

    def spy(self: VoicePanel, text: str, *, final: bool = False) -> None:
        if not final and text:
            seen.append(text)
        original(self, text, final=final)

    monkeypatch.setattr(VoicePanel, "show_partial", spy)
    return seen


async def start_voice_round(app: InterviewApp, pilot: Any) -> InterviewScreen:
    """From Home: pick voice with the radio button, start, wait for the first question."""
    await wait_for(pilot, lambda: app.catalog is not None and app.store is not None, 20, "data")
    await pilot.pause(0.2)  # the selects fill in once the catalog is there: let the layout settle before clicking
    voice = app.screen.query_one("#mode-voice", RadioButton)
    for _ in range(5):  # a click that lands while the refilled pickers still reflow is clicked again
        await pilot.click("#mode-voice")
        await pilot.pause(0.2)
        if voice.value:
            break
    await wait_for(pilot, lambda: voice.value, 5, "voice selected")
    await pilot.press("ctrl+n")
    await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen), 10, "the interview screen")
    screen = app.screen
    assert isinstance(screen, InterviewScreen) and screen.input_mode == "voice"
    await wait_for(pilot, lambda: not screen.busy, 10, "the first question")
    return screen


async def test_hands_free_answer_with_real_speech(
    tmp_path: Path, jfk_audio: np.ndarray, shown_partials: list[str]  # noqa: F811
) -> None:
    settings = make_settings(tmp_path)
    settings.stt.mode = "hands_free"
    settings.stt.device = "cpu"
    factory = FileStreamFactory(np.concatenate([silence(0.5), jfk_audio]), trailing_silence_s=20.0)
    app = InterviewApp(settings, clock_factory=SimulatedClock, llm=DownLLM(), seed=1, audio_stream_factory=factory)
    async with app.run_test(size=SIZE) as pilot:
        # The app warms Whisper up itself, in a worker, and Home says so.
        await wait_for(pilot, lambda: app.stt_status.state in ("ready", "failed"), 60, "Whisper warm-up")
        assert app.stt_status.state == "ready", app.stt_status.detail
        assert "tiny.en on cpu" in str(app.screen.query_one("#stt-status").render())
        screen = await start_voice_round(app, pilot)
        panel = screen.query_one(VoicePanel)
        assert not panel.has_class("hidden") and screen.query_one("#answer", TextArea).has_class("hidden")
        # Hands-free: the microphone opens by itself when the candidate's turn starts.
        await wait_for(pilot, lambda: screen.recording and factory.stream is not None, 10, "the microphone")
        factory.audio = silence(0.5)  # later answers: the candidate says nothing (the stream above keeps JFK)
        await wait_for(pilot, lambda: any("fellow americans" in words(p) for p in shown_partials), 30, "a partial")
        assert screen.recording and panel.has_class("recording"), "a partial must arrive while still recording"
        assert "REC" in str(panel.query_one("#voice-indicator").render())
        await wait_for(pilot, lambda: any(t.speaker is Speaker.CANDIDATE for t in screen.session.turns), 40, "end of turn")
        answer = screen.voice_answers[-1]
        assert answer.end_reason == "silence", answer
        turn = next(t for t in screen.session.turns if t.speaker is Speaker.CANDIDATE)
        assert PHRASE in words(turn.text), turn.text
        assert turn.metrics is not None and turn.metrics.words >= 20 and 60 < turn.metrics.wpm < 250
        assert turn.metrics.time_to_first_word_s is not None and turn.metrics.time_to_first_word_s >= 0.4
        assert turn.audio_path and abs(soundfile.info(turn.audio_path).duration - answer.audio_s) < 0.05
        # The transcript shows the answer and the interviewer's next turn follows it.
        await wait_for(pilot, lambda: len(screen.session.turns) > turn.index + 1 and not screen.busy, 20, "next turn")
        after = screen.session.turns[turn.index + 1]
        assert after.speaker is Speaker.INTERVIEWER and after.kind in (TurnKind.FOLLOW_UP, TurnKind.QUESTION)
        shown = [str(v.render()) for v in screen.query(TurnView)]
        assert any(PHRASE in words(s) for s in shown) and after.text in shown[-1]
        # Hands-free listens again for the next answer; F2 and F4 still work before a word is said.
        await wait_for(pilot, lambda: screen.recording and screen.voice_session is not None, 10, "listening again")
        turns = len(screen.session.turns)
        await pilot.press("f2")
        await wait_for(pilot, lambda: len(screen.session.turns) == turns + 1, 10, "the repeated question")
        assert screen.session.turns[-1].source == "repeat"
        await wait_for(pilot, lambda: screen.recording and screen.voice_session is not None, 10, "listening after F2")
        await pilot.press("f4")
        await wait_for(pilot, lambda: len(screen.session.turns) >= turns + 3 and not screen.busy, 10, "the skip")
        skipped = screen.session.turns[turns + 1]
        assert skipped.speaker is Speaker.CANDIDATE and skipped.text == "" and skipped.audio_path is None
        await wait_for(pilot, lambda: screen.recording, 10, "listening after the skip")
        session_id = screen.session_id
        await pilot.press("ctrl+q")
    with Store(settings.db_path) as store:
        stored = store.load_session(session_id).rounds[0].turns
    spoken = [t for t in stored if t.speaker is Speaker.CANDIDATE]
    assert spoken and PHRASE in words(spoken[0].text)
    assert spoken[0].audio_path == turn.audio_path and spoken[0].metrics == turn.metrics


def push_to_talk_app(
    tmp_path: Path, recognizer: WhisperTranscriber, speech_dir: Path, clock_factory: Any  # noqa: F811
) -> tuple[InterviewApp, FileStreamFactory, np.ndarray]:
    """A push-to-talk app whose microphone says one sentence about a ranking model, then stays silent."""
    sentence = "I built the ranking model and I decided to retrain it every week."
    clip = np.concatenate([silence(0.3), say(sentence, speech_dir)])
    settings = make_settings(tmp_path)
    settings.stt.mode = "push_to_talk"
    factory = FileStreamFactory(clip, trailing_silence_s=30.0)
    app = InterviewApp(settings, clock_factory=clock_factory, llm=DownLLM(), seed=1, audio_stream_factory=factory,
                       recognizer=recognizer)  # fmt: skip
    return app, factory, clip


async def test_push_to_talk_start_and_stop(
    tmp_path: Path, recognizer: WhisperTranscriber, speech_dir: Path, shown_partials: list[str]  # noqa: F811
) -> None:
    app, factory, clip = push_to_talk_app(tmp_path, recognizer, speech_dir, SimulatedClock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_voice_round(app, pilot)
        await pilot.pause(0.5)
        assert not screen.recording and factory.stream is None, "push-to-talk waits for the key"
        await pilot.press("f7")
        await wait_for(pilot, lambda: screen.recording and factory.stream is not None, 10, "the microphone")
        await wait_for(pilot, lambda: any("ranking" in words(p) for p in shown_partials), 20, "a partial")
        # Past the sentence and 2 s of silence: push-to-talk does not end on a pause, only on the key.
        played = lambda: len(factory.stream.delivered_wall) * 512 / 16000 if factory.stream else 0.0  # noqa: E731
        await wait_for(pilot, lambda: played() > len(clip) / 16000 + 2.0, 20, "the clip to play")
        assert screen.recording and not any(t.speaker is Speaker.CANDIDATE for t in screen.session.turns)
        await pilot.press("f7")
        await wait_for(pilot, lambda: any(t.speaker is Speaker.CANDIDATE for t in screen.session.turns), 20, "the answer")
        assert screen.voice_answers[-1].end_reason == "stopped"
        turn = next(t for t in screen.session.turns if t.speaker is Speaker.CANDIDATE)
        assert "ranking model" in words(turn.text) and "retrain" in words(turn.text), turn.text
        assert turn.metrics is not None and turn.audio_path is not None
        await wait_for(pilot, lambda: len(screen.session.turns) > turn.index + 1 and not screen.busy, 20, "next turn")
        await pilot.pause(0.3)
        assert not screen.recording, "push-to-talk does not reopen the microphone by itself"

        # Ending the round mid-answer keeps what was said so far (transcribed, with its audio).
        shown_partials.clear()
        await pilot.press("f7")
        await wait_for(pilot, lambda: any("ranking" in words(p) for p in shown_partials), 20, "a partial")
        await pilot.press("f9")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen), 20, "the report")
        report = app.screen
        assert isinstance(report, ReportScreen) and report.outcome.reason == "ended by the candidate"
        last = [t for t in report.outcome.turns if t.speaker is Speaker.CANDIDATE][-1]
        # Cut mid-word, Whisper may end the clip on "ranker" where the partial said "ranking": either is what was said.
        assert re.search(r"\brank", words(last.text)) and last.audio_path and last.metrics is not None, last
        assert report.outcome.turns[-1].source == "closing"


def _no_portaudio(**_: Any) -> Any:
    raise OSError("PortAudio library not found")


async def test_no_microphone_falls_back_to_typing(tmp_path: Path, recognizer: WhisperTranscriber) -> None:  # noqa: F811
    settings = make_settings(tmp_path)
    app = InterviewApp(settings, clock_factory=SimulatedClock, llm=DownLLM(), seed=1, audio_stream_factory=_no_portaudio,
                       recognizer=recognizer)  # fmt: skip
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_voice_round(app, pilot)
        await pilot.press("f7")
        await wait_for(pilot, lambda: screen.input_mode == "typing", 10, "the switch to typing")
        # The notice is a posted message, handled after the switch: wait for it, not read it at once.
        await wait_for(pilot, lambda: any("Voice input unavailable" in m for m in notifications(app)), 10, "the notice")
        assert any("PortAudio" in m and "typing" in m for m in notifications(app)), notifications(app)
        editor = screen.query_one("#answer", TextArea)
        assert not editor.has_class("hidden") and screen.query_one(VoicePanel).has_class("hidden")
        assert editor.has_focus and editor.text == ""
        assert "· typing" in str(screen.query_one("#round-title").render())
        # The round goes on by typing.
        await pilot.press(*"I built it")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any(t.speaker is Speaker.CANDIDATE for t in screen.session.turns), 10, "the answer")
        turn = next(t for t in screen.session.turns if t.speaker is Speaker.CANDIDATE)
        assert turn.text == "I built it" and turn.audio_path is None


async def test_microphone_lost_mid_answer_keeps_the_words(
    tmp_path: Path, recognizer: WhisperTranscriber, jfk_audio: np.ndarray  # noqa: F811
) -> None:
    settings = make_settings(tmp_path)
    settings.stt.mode = "hands_free"
    factory = FileStreamFactory(jfk_audio, speed=2.0, die_after_s=6.0)
    app = InterviewApp(settings, clock_factory=SimulatedClock, llm=DownLLM(), seed=1, audio_stream_factory=factory,
                       recognizer=recognizer)  # fmt: skip
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_voice_round(app, pilot)
        await wait_for(pilot, lambda: screen.input_mode == "typing", 30, "the switch to typing")
        assert screen.voice_answers[-1].end_reason == "device_lost"
        await wait_for(pilot, lambda: any("microphone was lost" in m for m in notifications(app)), 10, "the notice")
        editor = screen.query_one("#answer", TextArea)
        assert "fellow americans ask not" in words(editor.text), editor.text
        assert not any(t.speaker is Speaker.CANDIDATE for t in screen.session.turns), "kept for the candidate to finish"
        editor.insert("and that is my answer")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any(t.speaker is Speaker.CANDIDATE for t in screen.session.turns), 10, "the answer")
        turn = next(t for t in screen.session.turns if t.speaker is Speaker.CANDIDATE)
        assert "fellow americans ask not" in words(turn.text) and turn.text.endswith("and that is my answer")
        assert turn.audio_path and abs(soundfile.info(turn.audio_path).duration - 6.0) < 0.05


async def test_time_box_mid_recording_keeps_the_words_said(
    tmp_path: Path, recognizer: WhisperTranscriber, speech_dir: Path, shown_partials: list[str]  # noqa: F811
) -> None:
    """The round's clock runs out while the candidate is speaking: the answer is kept, then the round closes."""
    clocks: list[SimulatedClock] = []

    def clock() -> SimulatedClock:
        clocks.append(SimulatedClock())
        return clocks[-1]

    app, _, _ = push_to_talk_app(tmp_path, recognizer, speech_dir, clock)
    settings = app.settings
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_voice_round(app, pilot)
        await pilot.press("f7")
        await wait_for(pilot, lambda: any("ranking" in words(p) for p in shown_partials), 20, "a partial")
        assert screen.recording
        clocks[-1].advance(screen.session.engine.time_left() + 1.0)  # the time box passes mid-answer
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen), 30, "the report")
        report = app.screen
        assert isinstance(report, ReportScreen) and report.outcome.reason == "time"
        spoken = [t for t in report.outcome.turns if t.speaker is Speaker.CANDIDATE]
        assert spoken and "ranking" in words(spoken[-1].text), spoken
        assert spoken[-1].audio_path and spoken[-1].metrics is not None
        assert report.outcome.turns[-1].source == "closing"
        session_id = screen.session_id
    with Store(settings.db_path) as store:
        stored = store.load_session(session_id).rounds[0].turns
    assert any(t.speaker is Speaker.CANDIDATE and "ranking" in words(t.text) for t in stored)

"""A coach plays a recorded answer back in review: the real file is decoded and handed to the output."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from textual.widgets import Button, Select

from simulator.engine.clock import SimulatedClock
from simulator.engine.turns import Speaker, Turn, TurnKind
from simulator.speech.audio_files import load_audio, save_answer_audio
from simulator.store import Store
from simulator.tui.app import InterviewApp
from simulator.tui.screens.review import AudioModal, ReviewScreen
from tui_fixtures import make_settings
from tui_helpers import DownLLM, StubRecognizer, wait_for

JFK = Path(__file__).resolve().parents[2] / "shared" / "audio" / "jfk.flac"


def session_with_audio(settings, audio: Path, missing: Path) -> str:  # noqa: ANN001
    with Store(settings.db_path) as store:
        session_id = store.create_session(candidate="Ada", loop="demo-mle", level=None, model="embedded", mode="voice", config={})
        row = store.start_round(session_id, round_id="hiring-manager", persona="demo-hm", seed=1)
        turns = [
            Turn(index=0, speaker=Speaker.INTERVIEWER, kind=TurnKind.QUESTION, text="Tell me about a launch.", t_start=0, t_end=2),
            Turn(index=1, speaker=Speaker.CANDIDATE, kind=TurnKind.ANSWER, text="And so my fellow Americans", t_start=2, t_end=13, audio_path=str(audio)),
            Turn(index=2, speaker=Speaker.CANDIDATE, kind=TurnKind.ANSWER, text="A second answer", t_start=14, t_end=20, audio_path=str(missing)),
        ]
        for turn in turns:
            store.add_turn(row, turn)
        store.end_round(row, "completed")
        store.end_session(session_id, "completed")
    return session_id


async def test_playing_a_recorded_answer_and_a_missing_file(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    audio = save_answer_audio(load_audio(JFK), settings.data_dir, stem="jfk-answer")
    session_id = session_with_audio(settings, audio, tmp_path / "gone.flac")
    played: list[tuple[int, int]] = []
    app = InterviewApp(
        settings, llm=DownLLM(), recognizer=StubRecognizer(), clock_factory=SimulatedClock,
        audio_output=lambda samples, rate: played.append((len(samples), rate)),
    )  # fmt: skip
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: app.store is not None, 20, "data")
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.record is not None, 10, "review")
        assert app.screen.record.id == session_id
        assert "♪" in str(app.screen.query_one("#session-text").render())
        await pilot.press("f5")
        await wait_for(pilot, lambda: isinstance(app.screen, AudioModal), 5, "the audio picker")
        app.screen.query_one(Button).press()
        await wait_for(pilot, lambda: bool(played), 10, "playback")
        samples, rate = played[0]
        assert rate == 16_000 and abs(samples / rate - 11.0) < 0.5  # the whole 11 s answer, not a stub
        await pilot.press("f5")
        await wait_for(pilot, lambda: isinstance(app.screen, AudioModal), 5, "the audio picker")
        app.screen.query_one("#answer-audio", Select).value = str(tmp_path / "gone.flac")
        app.screen.query_one(Button).press()
        await wait_for(pilot, lambda: any("audio file is gone" in str(n.message) for n in app._notifications), 10, "the error")
        assert len(played) == 1

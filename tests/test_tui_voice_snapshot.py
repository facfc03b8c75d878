"""Snapshot of the interview screen in voice mode: recording panel with a level, a partial transcript and the keys.

Deterministic by construction: a simulated clock, a fixed question seed, a stub LLM and a
stub recogniser that are ready at once, push-to-talk (so no microphone opens by itself),
and the panel drawn from fixed values (-18 dBFS, a fixed partial) with no animation.
The real recording path is covered by test_tui_voice.py; this pins what it looks like.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import RadioButton

from simulator.engine.clock import SimulatedClock
from simulator.tui.app import InterviewApp
from simulator.tui.screens.interview import InterviewScreen
from simulator.tui.voice_panel import VoicePanel, meter_fill
from tui_fixtures import make_settings
from tui_helpers import DownLLM, StubRecognizer, wait_for

SIZE = (140, 40)


def test_interview_voice_snapshot(tmp_path: Path, snap_compare: Any) -> None:
    settings = make_settings(tmp_path, keys={"talk": "ctrl+r"})
    settings.stt.mode = "push_to_talk"
    clock = SimulatedClock()
    app = InterviewApp(settings, clock_factory=lambda: clock, llm=DownLLM(), recognizer=StubRecognizer(), seed=1)

    async def start(pilot: Pilot[Any]) -> None:
        await wait_for(pilot, lambda: app.catalog is not None and app.store is not None and app.stt_status.state == "ready", 20, "data")
        app.screen.query_one("#mode-voice", RadioButton).value = True
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen) and not app.screen.busy, 10, "question")
        panel = app.screen.query_one(VoicePanel)
        panel.show_state("speaking")
        panel.show_level(-18.0)
        panel.show_partial("I led the migration of our ranking model to")
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        # settings.ui.keys remapped the talk key by its binding id: the panel names the key in use.
        assert "^r start/stop" in str(panel.query_one("#voice-mode").render())

    assert snap_compare(app, terminal_size=SIZE, run_before=start)


def test_meter_scale() -> None:
    """The meter is linear in dB between the floor (-60 dBFS, empty) and full scale."""
    assert meter_fill(-100.0) == 0 and meter_fill(-60.0) == 0
    assert meter_fill(-30.0) == 16 and meter_fill(0.0) == 32 and meter_fill(3.0) == 32

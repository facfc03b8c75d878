"""The app shows "assumed" beside values the rubric marks `written` (issue 15): home, interview title, break.

The demo loop gets `provenance` marks for its hiring-manager round; the snapshot
pins the picture (round picker and round details), the assertions say what must
be in it, so a broken marker fails with a readable message too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Label, Select, Static

from simulator.engine.clock import SimulatedClock
from simulator.tui.app import InterviewApp
from simulator.tui.screens.breaks import BreakScreen
from simulator.tui.screens.interview import InterviewScreen
from tui_fixtures import LOOP_YAML, make_settings
from tui_helpers import DownLLM, StubRecognizer, wait_for

SIZE = (140, 40)
MARKED_LOOP = LOOP_YAML.replace(
    "    minutes: 10\n", "    minutes: 10\n    provenance: {round: guide, minutes: written, persona: written}\n", 1
).replace("  - {id: onsite, title: Onsite}", "  - {id: onsite, title: Onsite, source: written}")


def make_app(tmp_path: Path) -> InterviewApp:
    settings = make_settings(tmp_path)
    assert MARKED_LOOP != LOOP_YAML
    (settings.rubrics_dir / "demo-mle.yaml").write_text(MARKED_LOOP, encoding="utf-8")
    clock = SimulatedClock()
    return InterviewApp(settings, clock_factory=lambda: clock, llm=DownLLM(), recognizer=StubRecognizer(), seed=1)


async def ready(pilot: Pilot[Any]) -> None:
    app = pilot.app
    assert isinstance(app, InterviewApp)
    await wait_for(
        pilot,
        lambda: app.catalog is not None and app.store is not None and app.llm_status.state == app.stt_status.state == "ready",
        20,
        "data and models",
    )
    await pilot.pause()


def test_home_marks_the_assumed_time_box_and_interviewer(tmp_path: Path, snap_compare: Any) -> None:
    app = make_app(tmp_path)

    async def check(pilot: Pilot[Any]) -> None:
        await ready(pilot)
        info = str(app.screen.query_one("#round-info", Static).render())
        assert "Time box: 10 min (assumed)" in info
        assert "Interviewer: Priya, Engineering Manager (assumed)" in info
        assert "Answers: 60-180 s" in info and "s (assumed)" not in info  # not marked: not claimed
        options = app.screen.query_one("#round", Select)._options  # noqa: SLF001 - the labels as listed
        labels = [str(label) for label, _ in options]
        assert "Hiring Manager Screen · 10 min (assumed) · conversation" in labels
        assert "Coding & Algorithms · 20 min · coding" in labels

    assert snap_compare(app, terminal_size=SIZE, run_before=check)


async def test_interview_title_and_break_mark_assumed_values(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen), 10, "interview")
        title = str(app.screen.query_one("#round-title", Static).render())
        assert "Hiring Manager Screen · 10 min (assumed) · Priya, Engineering Manager (assumed)" in title
        await app.push_screen(BreakScreen("Coding & Algorithms", 20, 60.0, minutes_assumed=True))
        await pilot.pause()
        assert str(app.screen.query_one("#break-next", Label).render()) == "Next: Coding & Algorithms (20 min, assumed)"

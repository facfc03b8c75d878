"""Snapshots of the home, interview (typing), report and review screens.

Deterministic by construction: a simulated clock (the countdown reads 10:00),
a fixed question seed, a stub LLM whose warm-up is instant, fixed session
timestamps in the database, and no spinner anywhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import TextArea

from simulator.catalog import load_catalog
from simulator.scoring.score import score_round
from simulator.engine.clock import SimulatedClock
from simulator.engine.turns import Speaker, Turn, TurnKind
from simulator.store import Store
from simulator.tui.app import InterviewApp
from simulator.tui.outcome import RoundOutcome
from simulator.tui.screens.interview import InterviewScreen
from simulator.tui.screens.report import ReportScreen
from simulator.tui.screens.review import ReviewScreen
from tui_fixtures import make_settings
from tui_helpers import DownLLM, StubRecognizer, wait_for

SIZE = (140, 40)
TURNS = [
    Turn(index=0, speaker=Speaker.INTERVIEWER, kind=TurnKind.QUESTION, text="Tell me about an ML project you are proud of.",
         t_start=0, t_end=4, question_id="hm-project", source="bank"),
    Turn(index=1, speaker=Speaker.CANDIDATE, kind=TurnKind.ANSWER,
         text="I built the ranking model and I decided to retrain weekly. Click-through went from 3.1% to 3.6% in an A/B test.",
         t_start=4, t_end=70, question_id="hm-project", source="candidate"),
    Turn(index=2, speaker=Speaker.INTERVIEWER, kind=TurnKind.FOLLOW_UP, text="Which part did you personally own?",
         t_start=70, t_end=72, question_id="hm-project", criterion="ownership", source="canned"),
    Turn(index=3, speaker=Speaker.CANDIDATE, kind=TurnKind.ANSWER, text="We shipped it together as a team.",
         t_start=72, t_end=90, question_id="hm-project", source="candidate"),
]  # fmt: skip


def seeded_store(settings: Any, *, scored: bool) -> str:
    """One finished session with fixed timestamps (and a score when asked); returns its id."""
    catalog = load_catalog(settings.rubrics_dir, settings.personas_dir)
    with Store(settings.db_path) as store:
        session_id = store.create_session(candidate="Ada", loop="demo-mle", level="IC3", model="embedded", mode="typing", config={})
        row = store.start_round(session_id, round_id="hiring-manager", persona="demo-hm", seed=1)
        for turn in TURNS:
            store.add_turn(row, turn)
        if scored:
            store.save_score(row, score_round("demo-mle", "hiring-manager", TURNS, catalog))
        store.end_round(row, "completed")
        store.end_session(session_id, "completed")
        store.conn.execute("UPDATE sessions SET started_at = '2026-01-05T09:30:00+00:00', ended_at = '2026-01-05T09:45:00+00:00'")
        store.conn.execute("UPDATE rounds SET started_at = '2026-01-05T09:30:00+00:00', ended_at = '2026-01-05T09:45:00+00:00'")
    return session_id


def make_app(tmp_path: Path, **kw: Any) -> InterviewApp:
    settings = make_settings(tmp_path)
    clock = SimulatedClock()
    return InterviewApp(settings, clock_factory=lambda: clock, llm=DownLLM(), recognizer=StubRecognizer(), seed=1, **kw)


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


def test_home_snapshot(tmp_path: Path, snap_compare: Any) -> None:
    app = make_app(tmp_path)
    seeded_store(app.settings, scored=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=ready)


def test_interview_typing_snapshot(tmp_path: Path, snap_compare: Any) -> None:
    app = make_app(tmp_path)

    async def start(pilot: Pilot[Any]) -> None:
        await ready(pilot)
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen) and not app.screen.busy, 10, "question")
        editor = app.screen.query_one("#answer", TextArea)
        editor.cursor_blink = False  # a blinking cursor would make the picture depend on timing
        editor.insert("I led the migration of our ranking model to")
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()

    assert snap_compare(app, terminal_size=SIZE, run_before=start)


async def report_for_new_session(app: InterviewApp, pilot: Pilot[Any]) -> ReportScreen:
    """A new session for Ada with TURNS, its report pushed and scored."""
    store = app.store
    session_id = store.create_session(candidate="Ada", loop="demo-mle", level=None, model="embedded", mode="typing", config={})
    row = store.start_round(session_id, round_id="hiring-manager", persona="demo-hm", seed=1)
    outcome = RoundOutcome(session_id=session_id, round_row=row, loop_id="demo-mle", round_id="hiring-manager",
                           candidate="Ada", reason="time", turns=TURNS)  # fmt: skip
    await app.push_screen(ReportScreen(outcome))
    await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen) and app.screen.outcome.score is not None, 10, "score")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ReportScreen)
    return screen


def test_report_snapshot(tmp_path: Path, snap_compare: Any) -> None:
    app = make_app(tmp_path)

    async def show(pilot: Pilot[Any]) -> None:
        await ready(pilot)
        await report_for_new_session(app, pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=show)


def test_review_snapshot(tmp_path: Path, snap_compare: Any) -> None:
    app = make_app(tmp_path)
    session_id = seeded_store(app.settings, scored=True)

    async def show(pilot: Pilot[Any]) -> None:
        await ready(pilot)
        await app.push_screen(ReviewScreen(session_id=session_id))
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=show)

"""The database is locked by another writer mid-round: the candidate keeps answering, nothing is lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import TextArea

from simulator.engine.clock import SimulatedClock
from simulator.engine.turns import Speaker
from simulator.store import Store
from simulator.tui.app import InterviewApp
from simulator.tui.screens.interview import InterviewScreen
from tui_fixtures import make_settings
from tui_helpers import DownLLM, StubRecognizer, wait_for


async def test_turns_refused_while_locked_are_saved_once_the_lock_goes(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    clock = SimulatedClock()
    notes: list[str] = []
    app = InterviewApp(settings, clock_factory=lambda: clock, llm=DownLLM(), recognizer=StubRecognizer(), seed=1, warm_models=False)
    app.notify = lambda message, **kw: notes.append(f"{kw.get('title', '')}: {message}")  # type: ignore[method-assign]
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for(pilot, lambda: app.catalog is not None and app.store is not None, 20, "data")
        app.store.conn.execute("PRAGMA busy_timeout = 200")  # keep the test quick: give up on the lock fast
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen), 10, "the interview")
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        await wait_for(pilot, lambda: not screen.busy, 10, "the first question")
        screen.recorder.recorder.retry_after_s = 0.0  # type: ignore[union-attr]  # the writer thread's TurnRecorder

        other = sqlite3.connect(settings.db_path, timeout=0.1)
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        clock.advance(30)
        screen.query_one("#answer", TextArea).load_text("We built a recommender and it shipped to everyone.")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not screen.busy, 20, "the interviewer after a locked write")
        # Turns are written from a thread of their own: wait for it to have met the lock.
        await wait_for(pilot, lambda: any("Could not save turn" in n for n in notes), 30, "the notice of a refused turn")
        assert screen.recorder is not None and screen.recorder.pending

        other.rollback()
        other.close()
        clock.advance(30)
        screen.query_one("#answer", TextArea).load_text("I owned the rollout; click-through went from 4.1% to 4.6%.")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not screen.busy, 20, "the interviewer")
        await wait_for(pilot, lambda: any("accepts writes again" in n for n in notes), 30, "the kept-aside turns saved")
        screen.recorder.drain()  # type: ignore[union-attr]
        assert not screen.recorder.pending
        session_id, spoken = screen.session_id, list(screen.session.turns)
    with Store(settings.db_path) as store:
        stored = store.load_session(session_id).rounds[0].turns
    assert [t.text for t in stored[: len(spoken)]] == [t.text for t in spoken]
    assert [t.index for t in stored] == list(range(len(stored)))
    assert sum(1 for t in stored if t.speaker is Speaker.CANDIDATE) >= 2


async def test_resuming_in_the_app_brings_back_the_turns_the_locked_database_refused(tmp_path: Path) -> None:
    """Quit while another program holds the lock: the answer is only in the recovery file. Resumed from the recent
    list, the round shows it again (the app resumes through RoundService.resume_at, as `interview-sim resume`)."""
    settings = make_settings(tmp_path)
    clock = SimulatedClock()
    first = InterviewApp(settings, clock_factory=lambda: clock, llm=DownLLM(), recognizer=StubRecognizer(), seed=1, warm_models=False)
    answer = "I owned the ranker rewrite; click-through went from 4.1% to 4.6% in a two-week A/B test."
    async with first.run_test(size=(160, 50)) as pilot:
        await wait_for(pilot, lambda: first.catalog is not None and first.store is not None, 20, "data")
        first.store.conn.execute("PRAGMA busy_timeout = 200")
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(first.screen, InterviewScreen), 10, "the interview")
        screen = first.screen
        assert isinstance(screen, InterviewScreen)
        await wait_for(pilot, lambda: not screen.busy, 10, "the first question")
        screen.recorder.recorder.retry_after_s = 0.0  # type: ignore[union-attr]
        other = sqlite3.connect(settings.db_path, timeout=0.1)
        other.execute("BEGIN IMMEDIATE")
        clock.advance(30)
        screen.query_one("#answer", TextArea).load_text(answer)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not screen.busy, 20, "the interviewer after a locked write")
        await wait_for(pilot, lambda: screen.recorder is not None and screen.recorder.recorder.journal is not None, 30, "the journal")  # type: ignore[union-attr]
        session_id = screen.session_id
    other.rollback()
    other.close()
    with Store(settings.db_path) as store:
        assert answer not in [t.text for t in store.load_session(session_id).rounds[0].turns]  # only in the journal

    second = InterviewApp(settings, clock_factory=SimulatedClock, llm=DownLLM(), recognizer=StubRecognizer(), seed=1, warm_models=False)
    async with second.run_test(size=(160, 50)) as pilot:
        await wait_for(pilot, lambda: second.catalog is not None and second.store is not None, 20, "data")
        await wait_for(pilot, lambda: bool(second.screen.query("#recent")), 20, "the recent sessions")
        await pilot.press("ctrl+t")  # resume the selected (newest) session
        await wait_for(pilot, lambda: isinstance(second.screen, InterviewScreen), 20, "the resumed round")
        resumed = second.screen
        assert isinstance(resumed, InterviewScreen) and resumed.session_id == session_id
        await wait_for(pilot, lambda: resumed.session is not None and any(t.text == answer for t in resumed.session.turns), 20, "the answer back")

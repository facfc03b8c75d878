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

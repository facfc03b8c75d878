"""Coach review in the app (note, override with a reason, export, search) and remapped keys from the config."""

from __future__ import annotations

import json
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, SelectionList, Static

from simulator.engine.clock import SimulatedClock
from simulator.store import Store
from simulator.tui.app import InterviewApp
from simulator.tui.screens.help import HelpScreen
from simulator.tui.screens.interview import InterviewScreen
from simulator.tui.screens.review import ReviewScreen
from simulator.tui.screens.review_modals import FlagsModal
from test_tui_snapshots import seeded_store
from tui_fixtures import make_settings
from tui_helpers import DownLLM, wait_for


async def open_review(app: InterviewApp, pilot: Pilot[None]) -> ReviewScreen:
    """From Home once the data is there: the review screen with the seeded session shown."""
    await wait_for(pilot, lambda: app.store is not None and app.catalog is not None, 20, "data")
    await pilot.press("ctrl+o")
    await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen), 5, "review")
    review = app.screen
    assert isinstance(review, ReviewScreen)
    await wait_for(pilot, lambda: review.record is not None, 5, "the session")
    return review


async def test_review_note_override_export_and_search(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    session_id = seeded_store(settings, scored=True)
    app = InterviewApp(settings, llm=DownLLM(), clock_factory=SimulatedClock)
    async with app.run_test(size=(140, 40)) as pilot:
        review = await open_review(app, pilot)
        await pilot.press("f7")
        await pilot.pause()
        app.screen.query_one("#note-text", Input).value = "Lead with the number next time."
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        app.screen.query_one("#target", Select).value = "hiring-manager|ownership"
        app.screen.query_one("#level", Select).value = 2
        app.screen.query_one("#reason", Input).focus()
        await pilot.press(*"only we-statements in the follow-up")
        await pilot.press("enter")
        await pilot.pause()
        def shown() -> str:
            return str(review.query_one("#session-text", Static).render())

        # Saved in a thread, then shown again: wait for it.
        await wait_for(pilot, lambda: "coach 2 (only we-statements in the follow-up)" in shown()
                       and "Lead with the number next time." in shown(), 20, "the note and the override shown")  # fmt: skip
        target = review.export_to(session_id, "json")
        assert target is not None
        exported = json.loads(target.read_text())
        assert exported["session"]["overrides"][0]["level"] == 2
        table = review.query_one("#sessions", DataTable)
        review.query_one("#search", Input).value = "kubernetes"
        await pilot.press("ctrl+f", "enter")
        await wait_for(pilot, lambda: table.row_count == 0, 20, "no session for a word never said")
        review.query_one("#search", Input).value = "retrain"
        await pilot.press("ctrl+f", "enter")
        await wait_for(pilot, lambda: table.row_count == 1, 20, "the session that said it")
    with Store(settings.db_path) as store:
        record = store.load_session(session_id)
    assert record.effective_level("hiring-manager", "ownership") == 2
    assert record.notes[0].text == "Lead with the number next time."


async def test_keys_remapped_from_the_config(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, keys={"start": "ctrl+g", "skip": "f12", "help": "f10"})
    app = InterviewApp(settings, llm=DownLLM(), clock_factory=SimulatedClock, seed=1)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: app.catalog is not None and app.store is not None, 20, "data")
        await pilot.press("ctrl+n")  # the old key no longer starts
        await pilot.pause()
        assert not isinstance(app.screen, InterviewScreen)
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen) and not app.screen.busy, 10, "interview")
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        first = screen.session.engine.current_question
        await pilot.press("f12")  # skip, remapped
        await wait_for(pilot, lambda: not screen.busy, 10, "the next question")
        assert screen.session.engine.current_question != first
        await pilot.press("f10")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), 5, "help")
        assert "f12" in str(app.screen.query_one(Static).render()) or any("f12" in str(s.render()) for s in app.screen.query(Static))


async def test_the_coach_ticks_a_flag_the_rubric_leaves_to_a_person(tmp_path: Path) -> None:
    """F9 in review lists the rounds' coach_only flags; a tick is stored, shown, exported, and can be cleared."""
    settings = make_settings(tmp_path)
    session_id = seeded_store(settings, scored=True)
    app = InterviewApp(settings, llm=DownLLM(), clock_factory=SimulatedClock)
    async with app.run_test(size=(140, 40)) as pilot:
        review = await open_review(app, pilot)
        await pilot.press("f9")
        await wait_for(pilot, lambda: isinstance(app.screen, FlagsModal), 5, "the flags dialog")
        boxes = app.screen.query_one("#flags", SelectionList)
        assert [str(boxes.get_option_at_index(i).prompt) for i in range(boxes.option_count)] == [
            "hiring-manager · Answers sound recited from a script rather than recalled"
        ]  # only the coach_only flag: the one with signals is the machine's
        await pilot.press("space")
        await pilot.click("#save-flags")

        def shown() -> str:
            return str(review.query_one("#session-text", Static).render())

        await wait_for(pilot, lambda: "⚑ rehearsed-script (coach)" in shown(), 20, "the ticked flag shown")
        assert "rehearsed-script" in review.export_to(session_id, "md").read_text()
        await pilot.press("f9")
        await wait_for(pilot, lambda: isinstance(app.screen, FlagsModal), 5, "the flags dialog again")
        assert app.screen.query_one("#flags", SelectionList).selected == ["hiring-manager|rehearsed-script"]
        await pilot.press("space")  # cleared
        await pilot.click("#save-flags")
        await wait_for(pilot, lambda: "rehearsed-script" not in shown(), 20, "the cleared flag gone")
    with Store(settings.db_path) as store:
        record = store.load_session(session_id)
    assert [(f.flag, f.raised) for f in record.coach_flags] == [("rehearsed-script", True), ("rehearsed-script", False)]
    assert record.raised_flags("hiring-manager") == []

"""A coding round through the app: the hidden tests run in the sandbox and feed the round.

The LLM here is a provider that is down (DownLLM), on purpose: the round must
go on with the rubric's probe and say so. Each solution gets a fresh app
because the one-question round closes after its follow-up.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Select, Static, TextArea

from simulator.engine.clock import SimulatedClock
from simulator.engine.turns import Speaker, TurnKind
from simulator.store import Store
from simulator.tui.app import InterviewApp
from simulator.tui.screens.interview import InterviewScreen
from tui_fixtures import CORRECT_PAIR_SUM, LOOPING_PAIR_SUM, WRONG_PAIR_SUM, make_settings
from tui_helpers import DownLLM, wait_for


@pytest.mark.parametrize(
    ("code", "summary", "marks"),
    [
        (CORRECT_PAIR_SUM, "3/3 hidden tests passed", ["✓ test_found", "✓ test_missing", "✓ test_same_element_twice"]),
        (WRONG_PAIR_SUM, "2/3 hidden tests passed", ["✓ test_found", "✗ test_same_element_twice: failed"]),
        (LOOPING_PAIR_SUM, "0/3 hidden tests passed; stopped after", ["✗ test_found: timeout", "✗ test_missing: not_run"]),
    ],
    ids=["correct", "incorrect", "infinite-loop"],
)
async def test_coding_round_runs_hidden_tests(tmp_path: Path, code: str, summary: str, marks: list[str]) -> None:
    settings = make_settings(tmp_path)
    clock = SimulatedClock()
    notes: list[str] = []
    app = InterviewApp(settings, clock_factory=lambda: clock, llm=DownLLM(), seed=1)
    app.notify = lambda message, **kw: notes.append(str(message))  # type: ignore[method-assign]
    async with app.run_test(size=(160, 50)) as pilot:
        rounds = app.screen.query_one("#round", Select)
        await wait_for(pilot, lambda: app.store is not None and any(v == "coding" for _, v in rounds._options), 20, "the rounds")
        rounds.value = "coding"
        await pilot.pause()
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen), 10, "the interview")
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        await wait_for(pilot, lambda: not screen.busy, 10, "the problem")
        problem = str(screen.query_one("#problem", Static).render())
        assert "pair_sum" in problem and "3 hidden tests" in problem
        editor = screen.query_one("#code", TextArea)
        assert "def pair_sum(nums, target):" in editor.text  # the starter code
        assert editor.is_syntax_aware and editor.language == "python"  # highlighted by tree-sitter
        editor.load_text(code)
        await pilot.press("f5")
        await wait_for(pilot, lambda: not screen.sandbox_running and not screen.busy, 30, "the sandbox run")
        results = str(screen.query_one("#test-results", Static).render())
        assert summary in results, results
        for mark in marks:
            assert mark in results, results
        turns = screen.session.turns
        notice = next(t for t in turns if t.kind is TurnKind.NOTICE and t.source == "sandbox")
        assert summary.split(";")[0] in notice.text
        answer = turns[notice.index + 1]
        assert answer.speaker is Speaker.CANDIDATE and answer.text.strip() == code.strip()
        follow_up = turns[notice.index + 2]
        assert follow_up.kind is TurnKind.FOLLOW_UP and follow_up.source == "canned"
        # a run that failed hidden tests is asked about first, whatever the words read; none names the code as said
        failed = not summary.startswith("3/3")
        assert (follow_up.text == "Which input do you think the failing tests give it, and how would you fix it?") is failed
        assert "You mentioned" not in follow_up.text, follow_up.text  # was "You mentioned def pair_sum: ..."
        # the rubric probe goes to the (down) model to be worded; the question after a failing run is said as it is
        assert any("model unavailable" in n for n in notes) is not failed, notes
        session_id = screen.session_id
    with Store(settings.db_path) as store:
        stored = store.load_session(session_id).rounds[0].turns
    assert any(t.source == "sandbox" and summary.split(";")[0] in t.text for t in stored)

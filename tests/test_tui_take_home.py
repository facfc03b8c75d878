"""The Canva take-home in the app: pick it, work on the repository, run its tests, hand in, review, report.

The repo's own rubrics (the take-homes live there), a provider that is down (the
review goes on with the rubric's probes), a simulated clock for the review.
The candidate fixes the module "in their own editor" (written to disk) and
writes ASSUMPTIONS.md in the app's editor.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Select, Static, TextArea

from simulator.config import Settings
from simulator.engine.clock import SimulatedClock
from simulator.engine.turns import TurnKind
from simulator.takehome.workspace import WORKSPACES, Workspace
from simulator.tui.app import InterviewApp
from simulator.tui.screens.report import ReportScreen
from simulator.tui.screens.take_home import TakeHomeScreen
from test_takehome import ASSUMPTIONS, FIXED_MODULE, REPO
from tui_helpers import DownLLM, wait_for

CHOICE = "take-home::content-safety-frame-decisions"


async def test_take_home_in_the_app(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", rubrics_dir=REPO / "rubrics", personas_dir=REPO / "personas",
                        ui={"theme": "textual-dark"})  # fmt: skip
    clock = SimulatedClock()
    app = InterviewApp(settings, clock_factory=lambda: clock, llm=DownLLM(), seed=1, warm_models=False)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for(pilot, lambda: app.catalog is not None and app.store is not None, 30, "data")
        home = app.screen
        home.query_one("#loop", Select).value = "canva-mle"
        await pilot.pause()
        home.query_one("#round", Select).value = CHOICE
        await pilot.pause()
        info = str(home.query_one("#round-info", Static).render())
        assert "Take-home: Content Safety: one decision per frame" in info and "Time box: 60 min (assumed)" in info
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, TakeHomeScreen) and app.screen.workspace is not None, 10, "take-home")
        screen = app.screen
        assert isinstance(screen, TakeHomeScreen) and screen.workspace is not None
        root = screen.workspace.root
        assert root.parent == settings.data_dir / WORKSPACES and (root / "tests" / "test_safety_scoring.py").is_file()
        assert "60 min (assumed)" in str(screen.query_one("#round-title", Static).render())
        assert "left" in str(screen.query_one("#countdown", Static).render())

        (root / "safety_scoring.py").write_text(FIXED_MODULE)  # the candidate's own editor
        screen.query_one("#file", Select).value = "ASSUMPTIONS.md"
        await pilot.pause()
        editor = screen.query_one("#editor", TextArea)
        editor.load_text(ASSUMPTIONS)  # the app's editor: saved by F5 before the run
        await pilot.press("f5")
        await wait_for(pilot, lambda: not screen.tests_running, 60, "the test run")
        results = str(screen.query_one("#test-results", Static).render())
        assert "4/5 passed" in results and "✗ tests/test_safety_scoring.py::test_quantile_matches_exact_value" in results
        assert (root / "ASSUMPTIONS.md").read_text() == ASSUMPTIONS

        await pilot.press("f9")
        assert screen.phase == "working"  # one press only asks for confirmation
        await pilot.press("f9")
        await wait_for(pilot, lambda: screen.phase == "review" and not screen.busy, 90, "hand-in and first review question")
        assert screen.review is not None
        turns = screen.review.session.turns
        notices = [t.text for t in turns if t.kind is TurnKind.NOTICE]
        assert any(n.startswith("Hidden test results: 7/7 hidden tests passed") for n in notices)
        assert any(n.startswith("Hand-in checks for content-safety-frame-decisions.") and "flags: empty-frame-decision, exact-quantile-test" in n
                   for n in notices)  # fmt: skip
        for _ in range(24):  # the same reply to every question: some follow-ups press it once as a dodge
            if screen.phase != "review":
                break
            screen.query_one("#answer", TextArea).load_text("I reproduced each failing test, fixed the comparison and assumed empty frames go to review.")
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: not screen.busy, 20, "the interviewer")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen) and app.screen.outcome.score is not None, 30, "report")
        report = app.screen
        assert isinstance(report, ReportScreen) and report.outcome.score is not None
        levels = {c.criterion: c.level for c in report.outcome.score.criteria}
        assert levels["correctness"] == 3 and levels["assumptions"] == 4  # no own tests: correctness stops at 3
        assert levels["testing"] == 2  # ran the tests, added none
    manifest = Workspace.open(root).manifest
    assert manifest.session_id == manifest.app_session and len(manifest.runs) == 1

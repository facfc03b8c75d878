"""A SQL problem in a coding round through the app: schema shown, SQL editor, hidden checks run in the sandbox.

The demo loop's coding round gets one SQL question (and only that one, so the
round asks it); F5 runs the candidate's query and the round records the same
hidden-test notice a Python answer gets.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Select, Static, TextArea

from simulator.engine.clock import SimulatedClock
from simulator.engine.turns import Speaker, TurnKind
from simulator.tui.app import InterviewApp
from simulator.tui.screens.interview import InterviewScreen
from tui_fixtures import LOOP_YAML, make_settings
from tui_helpers import DownLLM, wait_for

PAIR_SUM_START = "      - id: pair-sum\n"
SQL_QUESTION = """      - id: sql-orders-per-shop
        text: "Return shop and orders: how many orders each shop has, shops without orders included."
        source: written
        criteria: [correctness, complexity]
        problem:
          time_limit_s: 5
          starter: "SELECT"
          sql:
            tables:
              - {name: shops, columns: [shop TEXT], rows: [[north], [south]]}
              - {name: orders, columns: [order_id INTEGER, shop TEXT], rows: [[1, north], [2, north]]}
            checks:
              - {name: test_given, description: the tables, expected: [[north, 2], [south, 0]]}
              - {name: test_no_orders, description: no orders at all, rows: {orders: []}, expected: [[north, 0], [south, 0]]}
            reference: SELECT s.shop, COUNT(o.order_id) FROM shops s LEFT JOIN orders o ON o.shop = s.shop GROUP BY s.shop
"""


def sql_only_loop() -> str:
    head, tail = LOOP_YAML.split(PAIR_SUM_START)
    pair_sum_rest = tail[tail.index("    criteria:\n      - {id: correctness"):]
    return head + SQL_QUESTION + pair_sum_rest


async def test_sql_problem_in_the_coding_round(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    (settings.rubrics_dir / "demo-mle.yaml").write_text(sql_only_loop(), encoding="utf-8")
    clock = SimulatedClock()
    app = InterviewApp(settings, clock_factory=lambda: clock, llm=DownLLM(), seed=1)
    async with app.run_test(size=(160, 50)) as pilot:
        rounds = app.screen.query_one("#round", Select)
        # the picker is filled from the catalog a moment after it loads: under load the value was set before (full suite)
        await wait_for(pilot, lambda: app.store is not None and any(v == "coding" for _, v in rounds._options), 20, "the rounds")  # noqa: SLF001
        rounds.value = "coding"
        await pilot.pause()
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen), 10, "the interview")
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        await wait_for(pilot, lambda: not screen.busy, 10, "the problem")
        problem = str(screen.query_one("#problem", Static).render())
        assert "Write one SQLite SELECT query. 2 hidden checks" in problem
        assert "orders(order_id INTEGER, shop TEXT)" in problem  # the schema is shown
        editor = screen.query_one("#code", TextArea)
        assert editor.language in ("sql", None) and editor.text.strip() == "SELECT"  # None: no SQL grammar installed
        inner_join = "SELECT s.shop, COUNT(*) FROM shops s JOIN orders o ON o.shop = s.shop GROUP BY s.shop"
        editor.load_text(inner_join)
        await pilot.press("f5")
        await wait_for(pilot, lambda: not screen.sandbox_running and not screen.busy, 30, "the sandbox run")
        results = str(screen.query_one("#test-results", Static).render())
        assert "0/2 hidden tests passed" in results and "✗ test_given: failed" in results, results
        notice = next(t for t in screen.session.turns if t.kind is TurnKind.NOTICE and t.source == "sandbox")
        assert notice.text.startswith("Hidden test results: 0/2 hidden tests passed.")
        answer = screen.session.turns[notice.index + 1]
        assert answer.speaker is Speaker.CANDIDATE and answer.text == inner_join

"""The report's progress chart: the round's mean level per session, shown once there are two sessions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Label, Sparkline

from simulator.tui.models import RoundOutcome
from simulator.tui.screens.report import ReportScreen
from test_tui_snapshots import SIZE, TURNS, make_app, ready, seeded_store
from tui_helpers import wait_for


async def report_for_new_session(app: Any, pilot: Any) -> ReportScreen:
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


async def test_first_session_has_no_trend_chart(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await report_for_new_session(app, pilot)
        assert screen.query_one("#trend").has_class("hidden")


async def test_a_second_session_charts_the_mean_level_per_session(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    earlier = seeded_store(app.settings, scored=True)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.store.override_level(earlier, "hiring-manager", "ownership", 4, "owned the rollout")
        screen = await report_for_new_session(app, pilot)
        assert not screen.query_one("#trend").has_class("hidden")
        chart = screen.query_one("#trend-chart", Sparkline)
        data = list(chart.data or [])
        levels = [c.level for c in screen.outcome.score.criteria if c.level is not None]  # type: ignore[union-attr]
        assert len(data) == 2 and abs(data[-1] - sum(levels) / len(levels)) < 1e-9
        assert data[0] > data[-1], "the coach's override raised the earlier session's mean"
        label = str(screen.query_one("#trend-label", Label).render())
        assert "last 2 sessions" in label and f"{data[0]:.1f} → {data[1]:.1f}" in label

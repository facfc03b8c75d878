"""The report's progress chart: the round's mean level per session, shown once there are two sessions."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Label, Sparkline

from test_tui_snapshots import SIZE, make_app, ready, report_for_new_session, seeded_store


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

"""Teams edit rubrics while the app is open: a valid edit is picked up, a broken one is reported and ignored."""

from __future__ import annotations

import os
from pathlib import Path

from textual.widgets import Select

from simulator.engine.clock import SimulatedClock
from simulator.tui.app import InterviewApp
from simulator.tui.screens.home import HomeScreen
from tui_fixtures import make_settings
from tui_helpers import DownLLM, StubRecognizer, wait_for


def bump(path: Path, text: str) -> None:
    path.write_text(text)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


async def test_rubric_edits_reload_without_a_restart(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    app = InterviewApp(settings, llm=DownLLM(), recognizer=StubRecognizer(), clock_factory=SimulatedClock, warm_models=False)
    loop_file = next(settings.rubrics_dir.glob("demo-*.yaml"))
    original = loop_file.read_text()
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: app.catalog is not None and isinstance(app.screen, HomeScreen), 20, "data")
        first = app.catalog

        bump(loop_file, original.replace("company: Demo", "company: Demo Renamed", 1))
        await wait_for(pilot, lambda: app.catalog is not first, 10, "the reload")
        assert next(iter(app.catalog.loops.values())).company == "Demo Renamed"
        picker = app.screen.query_one("#loop", Select)  # what the picker offers, refilled on the next message
        await wait_for(pilot, lambda: "Demo Renamed" in str(picker._options), 10, "the picker refilled")

        good = app.catalog
        bump(loop_file, original + "\nnot_a_field: 1\n")
        await wait_for(pilot, lambda: any("Rubric edit not loaded" in str(n.title) for n in app._notifications), 10, "the error")
        assert app.catalog is good  # the last good catalog stays
        assert any("not_a_field: unknown key" in str(n.message) for n in app._notifications)

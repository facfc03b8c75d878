"""Launch: the loop picker works in the first frame when the rubrics are unchanged, focused, with nothing stale.

The pickers' menu is cached in the data dir, keyed by the rubric files; these tests
check the key (an edit, a new file or another version misses), that a second launch
fills the pickers before the catalog has even loaded, and, in a real terminal, that
`bench tui` can measure the launch side by side with a trivial Textual app.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from textual.screen import Screen
from textual.widgets import Select

from simulator.catalog import load_catalog
from simulator.engine.clock import SimulatedClock
from simulator.tui.app import InterviewApp
from simulator.tui.home_menu import HomeMenu, cache_path, catalog_signature, read_cached_menu, write_cached_menu
from simulator.tui.home_widgets import TitleBar
from simulator.tui.screens.home import LOADING, NO_LOOPS_BROKEN, HomeScreen
from tui_fixtures import make_settings
from tui_helpers import DownLLM, StubRecognizer, wait_for


def test_the_cache_key_follows_the_rubric_files(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    menu = HomeMenu.from_catalog(load_catalog(settings.rubrics_dir, settings.personas_dir))
    signature = catalog_signature(settings.rubrics_dir, settings.personas_dir)
    write_cached_menu(settings.data_dir, signature, menu)
    assert read_cached_menu(settings.data_dir, signature) == menu
    loop_file = next(settings.rubrics_dir.glob("*.yaml"))
    loop_file.write_text(loop_file.read_text() + "\n")  # one byte more: another signature
    assert catalog_signature(settings.rubrics_dir, settings.personas_dir) != signature
    (settings.personas_dir / "templates" / "extra.j2").write_text("{{ candidate }}")
    edited = catalog_signature(settings.rubrics_dir, settings.personas_dir)
    assert read_cached_menu(settings.data_dir, edited) is None
    cache_path(settings.data_dir).write_text("{not json")
    assert read_cached_menu(settings.data_dir, signature) is None


async def test_a_second_launch_has_the_loops_before_the_catalog(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)

    def new_app() -> InterviewApp:
        return InterviewApp(settings, llm=DownLLM(), recognizer=StubRecognizer(), clock_factory=SimulatedClock, warm_models=False)

    first = new_app()
    assert first.menu is None  # nothing cached yet: the pickers say they are reading the rubrics
    async with first.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: first.catalog is not None and first.store is not None, 30, "data")
        loops = first.screen.query_one("#loop", Select)
        # The picker is filled from the loaded catalog a message later: on a busy machine that is a moment after.
        await wait_for(pilot, lambda: loops.value == "demo-mle", 30, "the loop picker filled")
        assert loops.has_focus
        assert all(value != LOADING for _, value in loops._options)
    assert json.loads(cache_path(settings.data_dir).read_text())["menu"]["loops"][0]["id"] == "demo-mle"

    second = new_app()
    assert second.menu is not None
    async with second.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(second.screen, HomeScreen), 10, "home")
        home = second.screen
        loops, rounds = home.query_one("#loop", Select), home.query_one("#round", Select)
        assert second.catalog is None, "the menu must not wait for the catalog"
        assert loops.has_focus and loops.value == "demo-mle" and rounds.value == "hiring-manager"
        for select in (loops, rounds):
            assert all(value != LOADING for _, value in select._options), select._options
        rounds.value = "coding"  # the candidate picks before the catalog arrives: the pick stays
        await wait_for(pilot, lambda: second.catalog is not None, 30, "the catalog")
        await pilot.pause()
        assert rounds.value == "coding"


async def test_the_home_screen_is_drawn_once_start_up_is_over(tmp_path: Path) -> None:
    """Its first frame is the one put on screen, not one drawn inside Textual's start-up batch and thrown away."""
    app = InterviewApp(make_settings(tmp_path), llm=DownLLM(), recognizer=StubRecognizer(), clock_factory=SimulatedClock, warm_models=False)
    frames: list[tuple[str, bool]] = []
    display = app._display

    def recorded(screen: Screen[object], renderable: object) -> None:
        if renderable is not None:
            frames.append((type(screen).__name__, app._batch_count > 0))
        display(screen, renderable)  # type: ignore[arg-type]

    app._display = recorded  # type: ignore[method-assign]
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: ("HomeScreen", False) in frames, 10, "the home screen's frame")
    assert ("HomeScreen", True) not in frames, frames


async def test_the_light_home_widgets_keep_their_function(tmp_path: Path) -> None:
    """The title bar shows the app's title; the start button starts on a click; a resize still lays home out."""
    from simulator.tui.screens.interview import InterviewScreen

    app = InterviewApp(make_settings(tmp_path), llm=DownLLM(), recognizer=StubRecognizer(), clock_factory=SimulatedClock, warm_models=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: app.catalog is not None and app.store is not None, 30, "data")
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert str(home.query_one(TitleBar).render()) == "interview-sim — rehearse ML engineer interview loops"
        await pilot.resize_terminal(150, 45)  # another size goes through Textual's resize as before
        await wait_for(pilot, lambda: home.size == (150, 45) and home.query_one("#recent-box").size.width > 0, 10, "the new layout")
        await pilot.click("#start")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen), 10, "the interview screen")


@pytest.mark.slow
def test_bench_tui_measures_the_launch_beside_a_trivial_app(tmp_path: Path) -> None:
    """The real command in tmux: every run reaches a focused picker that lists the real loops."""
    assert shutil.which("tmux"), "tmux is required (scripts/setup installs it)"
    from simulator.bench.tui import measure_launches

    settings = make_settings(tmp_path)
    # A second loop, listed only once enter has opened the (focused) picker.
    demo = (settings.rubrics_dir / "demo-mle.yaml").read_text()
    (settings.rubrics_dir / "demo-two.yaml").write_text(demo.replace("id: demo-mle", "id: demo-two").replace("company: Demo", "company: Second"))
    times = measure_launches(settings, runs=2)
    assert times.notes == []
    assert len(times.anchor) == len(times.frame) == len(times.usable) == 2
    assert all(frame <= usable for frame, usable in zip(times.frame, times.usable, strict=True))


async def test_a_broken_rubric_leaves_no_picker_reading_for_ever(tmp_path: Path) -> None:
    """Nothing cached and the rubrics fail to load: the pickers say there is nothing to pick and why, not "reading…"."""
    settings = make_settings(tmp_path)
    loop_file = settings.rubrics_dir / "demo-mle.yaml"
    loop_file.write_text(loop_file.read_text().replace("id: demo-mle", "id: Demo MLE", 1))  # not kebab-case
    app = InterviewApp(settings, llm=DownLLM(), recognizer=StubRecognizer(), clock_factory=SimulatedClock, warm_models=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: app.catalog_error is not None and app.store is not None, 30, "the failed load")
        home = app.screen
        assert isinstance(home, HomeScreen)
        for picker in ("#loop", "#round"):
            select = home.query_one(picker, Select)
            await wait_for(pilot, lambda s=select: [label for label, _ in s._options] == [NO_LOOPS_BROKEN], 10, picker)

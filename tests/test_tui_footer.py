"""The key footer: one line of the screen's keys, redrawn when they change and only then (simulator/tui/footer.py)."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from simulator.engine.clock import SimulatedClock
from simulator.tui.app import InterviewApp
from simulator.tui.footer import KeysFooter
from simulator.tui.screens.home import HomeScreen
from tui_fixtures import make_settings
from tui_helpers import DownLLM, StubRecognizer, wait_for


def make_app(tmp_path: Path) -> InterviewApp:
    return InterviewApp(make_settings(tmp_path), llm=DownLLM(), recognizer=StubRecognizer(), clock_factory=SimulatedClock, warm_models=False)


async def home_footer(app: InterviewApp, pilot: Pilot[None], key: str) -> KeysFooter:
    """The home screen's footer, once it shows `key`."""
    await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.query(KeysFooter), 10, "the footer")
    footer = app.screen.query_one(KeysFooter)
    await wait_for(pilot, lambda: key in footer.descriptions(), 10, "the footer's keys")
    return footer


async def test_the_footer_is_redrawn_only_when_its_keys_change(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        footer = await home_footer(app, pilot, "Start")
        keys = footer.shown
        assert "Dismiss menu" not in footer.descriptions()
        line = footer.render().plain
        assert "Start" in line and "Quit" in line and line.rstrip().endswith("palette"), line
        await pilot.press("tab")  # the focus moves on to the round picker: the same keys, so the same line
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "round"
        assert footer.shown is keys
        await pilot.press("shift+tab", "enter")  # the loop picker opens: its escape key is shown
        await wait_for(pilot, lambda: "Dismiss menu" in footer.descriptions(), 10, "the picker's key in the footer")
        assert "Dismiss menu" in footer.render().plain
        await pilot.press("escape")
        await wait_for(pilot, lambda: "Dismiss menu" not in footer.descriptions(), 10, "the picker's key gone")


async def test_a_click_on_a_key_presses_it(tmp_path: Path) -> None:
    """The footer's keys stay clickable: a click on "Help" opens the help screen, as the key does."""
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        footer = await home_footer(app, pilot, "Help")
        home = app.screen
        line = footer.render().plain
        x = line.index("Help")
        await pilot.click(KeysFooter, offset=(x, 0))
        await wait_for(pilot, lambda: app.screen is not home, 10, "the help screen")
        assert type(app.screen).__name__ == "HelpScreen"


async def test_on_a_narrow_line_the_palette_key_is_still_the_one_hovered(tmp_path: Path) -> None:
    """Where the keys before it are cut to make room, the palette's key keeps its place among the keys: hovering it
    highlights it, not whichever key held that place in the line's list of spans."""
    app = make_app(tmp_path)
    async with app.run_test(size=(60, 40)) as pilot:
        footer = await home_footer(app, pilot, "Start")
        line = footer.render().plain
        assert line.rstrip().endswith("palette") and "Review" not in line, line  # cut: the palette's key kept
        await pilot.hover(KeysFooter, offset=(line.index("palette"), 0))
        await pilot.pause()
        assert footer.hovered == len(footer.shown) - 1


async def test_help_lists_a_key_as_the_config_remapped_it(tmp_path: Path) -> None:
    """`ui.keys` remaps a binding by its id; the help screen reads the same setting (not Textual's private keymap)."""
    app = InterviewApp(make_settings(tmp_path, keys={"start": "ctrl+g"}), llm=DownLLM(), recognizer=StubRecognizer(),
                       clock_factory=SimulatedClock, warm_models=False)  # fmt: skip
    async with app.run_test(size=(140, 40)) as pilot:
        await home_footer(app, pilot, "Help")
        await pilot.press("f1")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HelpScreen", 10, "the help screen")
        shown = "\n".join(str(s.render()) for s in app.screen.query("Static"))
        assert "ctrl+g" in shown and "(start)" in shown, shown

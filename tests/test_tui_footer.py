"""The key footer: rebuilt when the keys it shows change, and only then (KeysFooter, simulator/tui/footer.py)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets._footer import FooterKey

from simulator.engine.clock import SimulatedClock
from simulator.tui.app import InterviewApp
from simulator.tui.footer import KeysFooter
from simulator.tui.screens.home import HomeScreen
from tui_fixtures import make_settings
from tui_helpers import DownLLM, StubRecognizer, wait_for


def shown(footer: KeysFooter) -> list[str]:
    return [key.description for key in footer.query(FooterKey)]


async def test_the_footer_is_rebuilt_only_when_its_keys_change(tmp_path: Path) -> None:
    app = InterviewApp(make_settings(tmp_path), llm=DownLLM(), recognizer=StubRecognizer(), clock_factory=SimulatedClock, warm_models=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and bool(app.screen.query(FooterKey)), 10, "the footer's keys")
        footer = app.screen.query_one(KeysFooter)
        keys = list(footer.query(FooterKey))
        assert "Start" in shown(footer) and "Dismiss menu" not in shown(footer)
        await pilot.press("tab")  # the focus moves on to the round picker: the same keys, so the same widgets
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "round"
        assert list(footer.query(FooterKey)) == keys
        await pilot.press("shift+tab", "enter")  # the loop picker opens: its escape key is shown
        await wait_for(pilot, lambda: "Dismiss menu" in shown(footer), 10, "the picker's key in the footer")
        await pilot.press("escape")
        await wait_for(pilot, lambda: "Dismiss menu" not in shown(footer), 10, "the picker's key gone")


async def test_the_footer_has_its_keys_from_its_first_compose(tmp_path: Path) -> None:
    """No frame without keys, and no rebuild when the first bindings signal comes (it used to come after the first frame)."""
    app = InterviewApp(make_settings(tmp_path), llm=DownLLM(), recognizer=StubRecognizer(), clock_factory=SimulatedClock, warm_models=False)
    composed: list[list[FooterKey]] = []
    compose = KeysFooter.compose

    def recorded(footer: KeysFooter):  # type: ignore[no-untyped-def]
        widgets = list(compose(footer))
        composed.append([w for w in widgets if isinstance(w, FooterKey)])
        yield from widgets

    KeysFooter.compose = recorded  # type: ignore[method-assign]
    try:
        async with app.run_test(size=(140, 40)) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and bool(app.screen.query(FooterKey)), 10, "the footer's keys")
            await pilot.pause(0.2)
            footer = app.screen.query_one(KeysFooter)
            assert len(composed) == 1 and composed[0], "composed once, with its keys"
            assert list(footer.query(FooterKey)) == composed[0]
            assert "Start" in shown(footer)
    finally:
        KeysFooter.compose = compose  # type: ignore[method-assign]

"""A break between the rounds of a loop, as in a real onsite; enter skips it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Label

from .. import keys
from ..assumed import ASSUMED
from ..footer import KeysFooter
from ..messages import BreakOver
from ..widgets import clock_text


class BreakScreen(Screen[None]):
    BINDINGS = keys.BREAK
    DEFAULT_CSS = "BreakScreen Label { margin: 1 2; }"

    def __init__(self, next_title: str, next_minutes: int, seconds: float, *, minutes_assumed: bool = False) -> None:
        super().__init__()
        self.next_title = next_title
        self.next_minutes = next_minutes
        self.minutes_assumed = minutes_assumed
        self.left = seconds

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Label("Break", classes="title")
            minutes = f"{self.next_minutes} min, {ASSUMED}" if self.minutes_assumed else f"{self.next_minutes} min"
            yield Label(f"Next: {self.next_title} ({minutes})", id="break-next")
            yield Label("", id="break-left")
            yield Label("Stretch, drink some water. Enter starts the next round.", classes="muted")
        yield KeysFooter()

    def on_mount(self) -> None:
        self._show()
        self.set_interval(1.0, self._tick)

    def _show(self) -> None:
        self.query_one("#break-left", Label).update(f"{clock_text(self.left)} left in the break")

    def _tick(self) -> None:
        self.left -= 1.0
        self._show()
        if self.left <= 0:
            self.action_go()

    def action_go(self) -> None:
        if self.is_current:
            self.post_message(BreakOver())

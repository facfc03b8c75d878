"""The key footer every screen shows: one line of text, not a widget per key.

Why: Textual's Footer mounts one widget per key (and a group per binding group),
so every screen's first frame styles and lays out a dozen more widgets, and each
bindings signal (each focus change, twice right after the first frame) unmounts
and remounts them all. On 2 cores the home screen's footer alone held its first
frame back by ~14 ms, enough to keep the loop picker over twice a trivial app's
first paint (`interview-sim bench tui`). KeysFooter draws the same keys as one
line: a key press on a key or a click on it does what Footer's does (simulate the
key, a bell when disabled), the keys a focused widget adds arrive with the
bindings signal, and a signal that brings the same keys repaints nothing.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget


class ShownKey(NamedTuple):
    binding: Binding
    enabled: bool
    tooltip: str


class _Span(NamedTuple):
    """Where a key sits on the line, for clicks and hovers."""

    start: int
    end: int
    key: ShownKey
    index: int
    """The key's place among the keys shown: what `hovered` holds, kept when keys before the palette's are cut."""


class KeysFooter(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"keys-footer--key", "keys-footer--description", "keys-footer--hover", "keys-footer--disabled"}

    hovered: reactive[int | None] = reactive(None)
    """Index of the key under the mouse, drawn highlighted."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[ShownKey, ...] | None = None
        self._spans: list[_Span] = []

    @property
    def shown(self) -> tuple[ShownKey, ...]:
        """The keys on the line, in order, the command palette's last; read from the screen on first use."""
        if self._shown is None:
            self._shown = self._keys()
        return self._shown

    def descriptions(self) -> list[str]:
        return [key.binding.description for key in self.shown]

    def _keys(self) -> tuple[ShownKey, ...]:
        """What Footer shows of the screen's bindings: those marked `show`, one per action, then the palette's key."""
        active = self.screen.active_bindings
        by_action: dict[str, ShownKey] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show:
                by_action.setdefault(binding.action, ShownKey(binding, enabled, tooltip))
        shown = list(by_action.values())
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            shown.append(ShownKey(palette.binding, palette.enabled, palette.tooltip or palette.binding.description))
        return tuple(shown)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        if screen is not self.screen or not self.is_attached:
            return
        keys = self._keys()
        if keys != self._shown:
            self._shown = keys
            self.hovered = None
            self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keys-footer--key")
        description_style = self.get_component_rich_style("keys-footer--description")
        hover_style = self.get_component_rich_style("keys-footer--hover")
        disabled_style = self.get_component_rich_style("keys-footer--disabled")
        palette = self.shown[-1] if self.shown and self.shown[-1].binding.action == "command_palette" else None
        left = self.shown[:-1] if palette is not None else self.shown
        line = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        for index, key in enumerate(left):
            self._append(line, index, key, key_style, description_style, hover_style, disabled_style)
        if palette is not None:
            tail = Text(no_wrap=True, end="")
            self._draw_key(tail, palette, key_style, description_style)
            # Docked right, as Footer docks it: the keys on the left give way to it when the line is full.
            room = self.size.width - tail.cell_len - 2
            if room > 0:
                line.truncate(room)
                self._spans = [span._replace(end=min(span.end, room)) for span in self._spans if span.start < room]
                line.append(" " * (room - line.cell_len) + "▏")
                self._append(line, len(left), palette, key_style, description_style, hover_style, disabled_style)
                line.append(" ")
        return line

    def _append(self, line: Text, index: int, key: ShownKey, key_style: Style, description_style: Style, hover_style: Style, disabled_style: Style) -> None:
        start = line.cell_len
        self._draw_key(line, key, key_style, description_style)
        if not key.enabled:
            line.stylize(disabled_style, start)
        elif index == self.hovered:
            line.stylize(hover_style, start)
        self._spans.append(_Span(start, line.cell_len, key, index))

    def _draw_key(self, line: Text, key: ShownKey, key_style: Style, description_style: Style) -> None:
        line.append(f" {self.app.get_key_display(key.binding)} ", key_style)
        if key.binding.description:
            line.append(f"{key.binding.description} ", description_style)

    def _span_at(self, x: int) -> _Span | None:
        return next((span for span in self._spans if span.start <= x < span.end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        found = self._span_at(event.x)
        self.hovered = None if found is None else found.index
        self.tooltip = None if found is None else (found.key.tooltip or None)

    def on_leave(self, event: events.Leave) -> None:
        self.hovered = None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        found = self._span_at(event.x)
        if found is None:
            return
        key = found.key
        if key.enabled:
            self.app.simulate_key(key.binding.key)
        else:
            self.app.bell()

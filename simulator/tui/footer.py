"""The key footer every screen shows: Textual's Footer, rebuilt only when the keys it shows change.

Why: Textual's Footer unmounts and remounts one widget per key, and relays out and
redraws the whole screen, on every bindings signal: each focus change, and twice
right after the app's first frame, though the keys shown almost never change. Each
rebuild holds the event loop (and the GIL the output thread needs to put a frame on
screen) for ~15 ms on 2 busy cores; at launch the second one came just as the loop
picker was being opened (`interview-sim bench tui`).

Textual's Footer also composes empty and builds its keys only on the first bindings
signal, which comes after the first frame: at launch that is a frame without keys,
then a rebuild (~25-40 ms of the event loop) just when the first key press arrives.
KeysFooter builds its keys in its first compose, from the screen's bindings as they
are then; the signal that follows finds the same keys and leaves them. The keys a
focused widget adds (a picker's escape) still arrive with the signal, as before.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer

Shown = tuple[tuple[Binding, bool, str], ...]
"""(binding, enabled, tooltip) of each key shown, in order."""


class KeysFooter(Footer):
    _shown: Shown | None = None
    """What the keys were last built from; None until the first compose."""

    def _keys(self) -> Shown:
        """What Footer.compose shows of the screen's bindings: those marked `show`, then the command palette's key."""
        active = self.screen.active_bindings
        shown = [(b.binding, b.enabled, b.tooltip) for b in active.values() if b.binding.show]
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        if palette is not None:
            shown.append((palette.binding, palette.enabled, palette.tooltip))
        return tuple(shown)

    def compose(self) -> ComposeResult:
        # Footer waits for the first bindings signal to show anything; the screen's bindings are known now.
        self.set_reactive(Footer._bindings_ready, True)
        self._shown = self._keys()
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        if self._shown is not None and screen is self.screen and self._keys() == self._shown:
            return
        super().bindings_changed(screen)

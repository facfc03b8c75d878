"""Work Textual repeats around a screen's first frame, skipped where it changes nothing.

Why (Textual 8.2.8, timed with `interview-sim bench tui` on 2 cores): the home screen is
the app's first frame, and Textual did three passes over all of it that found nothing new:
- shown for the first time, the screen restyled every widget it had styled a moment ago,
  when they were mounted (~14 ms of the first frame);
- laid out for the first time, it posted itself a Resize to the size it was just laid out
  at, and laid itself out and redrew again for it (~8 ms, just after the first frame);
- the terminal driver reports the size the app started with; the app ignores that size
  but kept the event and handed it to every screen on its next idle, each of which laid
  itself out and redrew again (~12 ms), just when the first key arrives.
A resize to another size, and a screen shown again after another (its styles may be stale:
the theme may have changed meanwhile), still go through Textual's handlers as before.
"""

from __future__ import annotations

from textual import events
from textual.app import App
from textual.screen import Screen


class SameSizeApp(App[None]):
    """An app that hands a terminal resize to its screens only when the size changed."""

    def _on_resize(self, event: events.Resize) -> None:
        # Runs before App._on_resize (Textual dispatches down the class tree); prevent_default skips that.
        if self._size is not None and event.size == self._size:
            event.prevent_default()


class FirstShowScreen(Screen[None]):
    """A screen whose first showing styles and lays out its widgets once."""

    _shown_once = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Screen._on_screen_resume. Shown for the first time, its widgets were styled when mounted.
        if not self._shown_once:
            self._shown_once = True
            event.refresh_styles = False

    def _on_resize(self, event: events.Resize) -> None:
        # Screen._on_resize would lay out again, and set breakpoint classes (the app defines no breakpoints).
        if event.size == self._compositor.size:
            event.stop()
            event.prevent_default()

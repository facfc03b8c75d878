"""The command palette's app commands (ctrl+p): home, review, help, the interviewer's voice, the theme."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider


class AppCommands(Provider):
    """The command palette's app commands (ctrl+p): start, review, help, home, theme."""

    def _commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        app: Any = self.app  # the InterviewApp: these are its actions
        return [
            ("Home: set up an interview", "Pick a loop, round, level and mode", app.action_home),
            ("Review sessions", "Browse, search, annotate and export past sessions", app.action_review),
            ("Help: keys", "Every key and what it does", app.action_help),
            ("Toggle interviewer voice", "Speak questions aloud when a voice is installed", app.action_toggle_voice),
            ("Toggle dark/light theme", "Switch between textual-dark and textual-light", app.action_toggle_theme),
        ]

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)

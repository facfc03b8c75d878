"""Entry point for `interview-sim` with no subcommand.

Kept tiny on purpose: importing it pulls in Textual and the app module only;
litellm, llama.cpp and Whisper load later in thread workers, so the home screen
is interactive within a second.
"""

from __future__ import annotations

from ..config import Settings


def launch_app(settings: Settings) -> None:
    from .app import InterviewApp

    InterviewApp(settings).run()

"""Entry point for `interview-sim` with no subcommand.

Kept tiny on purpose: importing it pulls in Textual and the app module only;
litellm, llama.cpp and Whisper load later in thread workers, so the home screen
is interactive within a second.
"""

from __future__ import annotations

import sys

from ..config import ConfigError, Settings, load_settings


def launch_app(settings: Settings) -> None:
    from .app import InterviewApp

    InterviewApp(settings).run()


def launch_from_environment() -> int:
    """The app on the settings the config file and environment give; a bad config is one line, as click prints it."""
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    launch_app(settings)
    return 0

"""Every key of the app, screen by screen, as data: the screens use these lists and the help screen shows them.

Why one module: help must list the keys of screens that are not open, and importing
every screen (and what they import: the round driver, speech, the sandbox) to read
their BINDINGS would make opening help load most of the app. Each binding has an id,
so `ui.keys` in config.toml remaps it (`submit = "ctrl+enter"`).
"""

from __future__ import annotations

from textual.binding import Binding

APP = [
    Binding("f1", "help", "Help", id="help"),
    Binding("ctrl+o", "review", "Review", id="review"),
    Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
]
HOME = [
    Binding("ctrl+n", "start", "Start", id="start", priority=True),
    Binding("ctrl+t", "resume", "Resume selected", id="resume"),
]
INTERVIEW = [
    Binding("ctrl+s", "submit", "Submit answer", id="submit", priority=True),
    Binding("f2", "repeat", "Repeat question", id="repeat"),
    Binding("f3", "clarify", "Clarify", id="clarify"),
    Binding("f4", "skip", "Skip", id="skip"),
    Binding("f5", "run_tests", "Run tests", id="run_tests"),
    Binding("f6", "toggle_notes", "Notes", id="toggle_notes"),
    Binding("f7", "talk", "Talk (start/stop)", id="talk"),
    Binding("f8", "toggle_hands_free", "Hands-free", id="hands_free"),
    Binding("ctrl+g", "toggle_input", "Voice/typing", id="toggle_input"),
    Binding("f9", "end_round", "End round", id="end_round"),
]
TAKE_HOME = [
    Binding("ctrl+s", "save_or_submit", "Save file / submit answer", id="submit", priority=True),
    Binding("f5", "run_tests", "Run tests", id="run_tests"),
    Binding("f2", "reload", "Reload file", id="reload"),
    Binding("f9", "hand_in", "Hand in (press twice)", id="hand_in"),
]
REPORT = [
    Binding("enter", "continue", "Continue", id="continue", priority=True),
    Binding("escape", "home", "Home", id="home"),
]
LOOP_SUMMARY = [Binding("enter", "home", "Home", id="summary_home", priority=True)]
BREAK = [Binding("enter", "go", "Start next round", id="next_round", priority=True)]
REVIEW = [
    Binding("escape", "back", "Back", id="back"),
    Binding("ctrl+f", "search", "Search", id="search"),
    Binding("f7", "note", "Note", id="note"),
    Binding("f8", "override", "Override level", id="override"),
    Binding("f9", "flags", "Coach flags", id="coach_flags"),
    Binding("ctrl+x", "export", "Export", id="export"),
    Binding("f5", "play_audio", "Play answer", id="play_audio"),
    Binding("f6", "stop_audio", "Stop audio", id="stop_audio"),
]
HELP = [Binding("escape", "dismiss", "Close", id="close_help")]

SCREENS: list[tuple[str, list[Binding]]] = [
    ("Everywhere", APP), ("Home", HOME), ("Interview", INTERVIEW), ("Take-home", TAKE_HOME), ("Report", REPORT),
    ("Break", BREAK), ("Review", REVIEW),
]  # fmt: skip
"""What the help screen lists, in this order."""

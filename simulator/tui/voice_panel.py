"""The recording panel of a voice answer: indicator, level meter, live transcript, mode and keys.

Pure display: the interview screen owns the recording (a thread worker) and calls
these methods from the event loop only (message handlers and a timer polling the
level), so nothing here is touched from a thread. No animation: every state is
drawn from plain values, which keeps the snapshot test deterministic.
"""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

VoiceState = Literal["off", "waiting", "starting", "listening", "speaking", "transcribing"]
VoiceMode = Literal["push_to_talk", "hands_free"]

METER_FLOOR_DB = -60.0
"""Quieter than this draws an empty meter (room noise on a laptop microphone is around -60..-50 dBFS)."""
METER_WIDTH = 32
HOT_DB = -6.0
"""Above this the meter turns red: the voice is close to clipping."""

_STATE_TEXT: dict[VoiceState, tuple[str, str]] = {
    "off": ("○ mic off", "off"),
    "waiting": ("○ waiting for the interviewer", "off"),
    "starting": ("◌ opening the microphone…", "busy"),
    "listening": ("● REC  listening", "rec"),
    "speaking": ("● REC  hearing you", "rec"),
    "transcribing": ("◌ transcribing…", "busy"),
}


def meter_fill(dbfs: float, width: int = METER_WIDTH) -> int:
    """Cells lit for a level: linear in dB from METER_FLOOR_DB (empty) to 0 dBFS (full)."""
    share = (dbfs - METER_FLOOR_DB) / -METER_FLOOR_DB
    return max(0, min(width, int(round(share * width))))


class LevelMeter(Static):
    """Input level as a bar plus the number, so it reads without colour too."""

    def show(self, dbfs: float | None) -> None:
        if dbfs is None:
            self.update(Text("level  " + "·" * METER_WIDTH, style="dim"))
            self.set_class(False, "hot")
            return
        lit = meter_fill(dbfs)
        text = Text("level  ")
        text.append("█" * lit, style="bold")
        text.append("░" * (METER_WIDTH - lit))
        text.append(f"  {max(dbfs, -99.0):5.1f} dBFS")
        self.update(text)
        self.set_class(dbfs > HOT_DB, "hot")


class VoicePanel(Vertical):
    """What the candidate sees while answering by voice."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="voice-head"):
            yield Static("", id="voice-indicator")
            yield Static("", id="voice-mode")
        yield LevelMeter(id="voice-level")
        yield Static("", id="voice-partial")

    def on_mount(self) -> None:
        self.show_state("waiting")
        self.show_level(None)
        self.show_partial("")

    def show_state(self, state: VoiceState) -> None:
        text, kind = _STATE_TEXT[state]
        indicator = self.query_one("#voice-indicator", Static)
        indicator.update(text)
        for name in ("off", "busy", "rec"):
            indicator.set_class(name == kind, name)
        self.set_class(kind == "rec", "recording")

    def show_mode(self, mode: VoiceMode, talk_key: str, mode_key: str) -> None:
        """The mode and the keys as the person has mapped them (settings.ui.keys)."""
        if mode == "hands_free":
            line = f"hands-free: a pause ends the answer · {talk_key} done · {mode_key} push-to-talk"
        else:
            line = f"push-to-talk: {talk_key} start/stop · {mode_key} hands-free"
        self.query_one("#voice-mode", Static).update(line)

    def show_level(self, dbfs: float | None) -> None:
        self.query_one("#voice-level", LevelMeter).show(dbfs)

    def show_partial(self, text: str, *, final: bool = False) -> None:
        body = Text()
        if not text:
            body.append("Your words appear here as you speak.", style="dim italic")
        else:
            body.append("heard: " if final else "so far: ", style="bold")
            body.append(text)
        self.query_one("#voice-partial", Static).update(body)

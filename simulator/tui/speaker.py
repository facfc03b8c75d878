"""The interviewer's voice: questions spoken aloud with espeak-ng (optional, off by default).

Why a subprocess: speaking takes as long as the sentence, and the UI must not wait
for it. `speak` starts the player and returns at once; the next interviewer turn (or
the candidate starting to record, or leaving the screen) calls `stop`, which kills the
player so two voices never overlap and the microphone does not hear the interviewer.
The player command is injectable (tests use a recorder script; a Piper pipeline could
be plugged in the same way): the text is passed as its last argument.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence

ESPEAK_ARGS = ("-v", "en-us", "-s", "165")
"""US English at a calm interview pace (espeak-ng's default 175 wpm sounds rushed)."""


def default_player() -> list[str] | None:
    """espeak-ng when installed, else None (the toggle then says no voice is installed)."""
    exe = shutil.which("espeak-ng") or shutil.which("espeak")
    return [exe, *ESPEAK_ARGS] if exe else None


class InterviewerVoice:
    """Speaks one utterance at a time in a child process; never blocks, never raises."""

    def __init__(self, command: Sequence[str] | None = None) -> None:
        self._command = list(command) if command is not None else None
        self._resolved = command is not None
        self.process: subprocess.Popen[bytes] | None = None
        self.spoken: int = 0
        """Utterances started (for the status line and tests)."""

    @property
    def command(self) -> list[str] | None:
        if not self._resolved:  # resolved on first use: no PATH lookup on the launch path
            self._command = default_player()
            self._resolved = True
        return self._command

    @property
    def available(self) -> bool:
        return self.command is not None

    @property
    def speaking(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def speak(self, text: str) -> bool:
        """Stop whatever is playing and start saying `text`; False when no player exists or it failed to start."""
        self.stop()
        command = self.command
        if command is None or not text.strip():
            return False
        try:
            self.process = subprocess.Popen(  # noqa: S603 - a fixed player plus the text as one argument
                [*command, text],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # a ctrl+c in the terminal must not reach it, the app stops it
            )
        except OSError:
            self.process = None
            return False
        self.spoken += 1
        return True

    def stop(self) -> None:
        """Kill the current utterance (if any) and reap it."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.kill()
        try:
            process.wait(timeout=1.0)
        except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL is not ignorable
            pass

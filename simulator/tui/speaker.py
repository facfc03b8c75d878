"""The interviewer's voice: questions spoken aloud with Piper or espeak-ng (optional, off by default).

Why a subprocess: speaking takes as long as the sentence, and the UI must not wait
for it. `speak` starts the player and returns at once; the next interviewer turn (or
the candidate starting to record, or leaving the screen) calls `stop`, which kills the
player so two voices never overlap and the microphone does not hear the interviewer.
Which player (Piper when the optional `voice` extra is installed, else espeak-ng) is
decided in simulator.speech.synthesis, on first use. The player command is injectable
(tests use a recorder script): the text is passed as its last argument.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..speech.synthesis import VoiceEngine, VoicePlayer


def default_player(engine: VoiceEngine = "auto") -> list[str] | None:
    """The player for ui.voice_engine, None when no voice is installed (the toggle then says so)."""
    return _choose(engine).command


def _choose(engine: VoiceEngine) -> VoicePlayer:
    # Imported here: simulator.speech costs ~0.2 s to import, and the launch path must not pay it.
    from ..speech.synthesis import choose_player

    return choose_player(engine)


class InterviewerVoice:
    """Speaks one utterance at a time in a child process; never blocks, never raises."""

    def __init__(self, command: Sequence[str] | None = None, *, engine: VoiceEngine = "auto") -> None:
        """command: a fixed player (tests); otherwise `engine` (ui.voice_engine) picks one on first use."""
        self._engine: VoiceEngine = engine
        self._command = list(command) if command is not None else None
        self._player: VoicePlayer | None = None
        self._resolved = command is not None
        self.process: subprocess.Popen[bytes] | None = None
        self.spoken: int = 0
        """Utterances started (for the status line and tests)."""

    def _resolve(self) -> None:
        if not self._resolved:  # on first use: no PATH lookup or find_spec on the launch path
            try:
                self._player = _choose(self._engine)
                self._command = self._player.command
            except Exception:  # noqa: BLE001 - a broken install means no voice, never a crash
                self._player, self._command = None, None
            self._resolved = True

    @property
    def command(self) -> list[str] | None:
        self._resolve()
        return self._command

    @property
    def label(self) -> str:
        """What speaks, for the toggle's notification: "Piper (joe)", "espeak-ng", or the injected program."""
        self._resolve()
        if self._player is not None:
            return self._player.label
        return Path(self._command[0]).name if self._command else "no voice"

    @property
    def notice(self) -> str | None:
        """Why the voice is not the engine asked for (ui.voice_engine = "piper" without the extra), else None."""
        self._resolve()
        return self._player.notice if self._player is not None else None

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

"""The interviewer's voice: questions spoken aloud with Piper or espeak-ng (optional, off by default).

Why a subprocess: speaking takes as long as the sentence, and the UI must not wait for it.
`speak` hands the text to a player and returns at once; the next interviewer turn (or the
candidate starting to record, or leaving the screen) calls `stop`, so two voices never
overlap and the microphone does not hear the interviewer.

Two kinds of player. espeak-ng starts instantly, so each utterance is its own process
(`[*command, text]`) and `stop` kills it. Piper spends ~1.7 s loading its voice, which a
process per question paid on every question; so Piper runs as ONE long-lived server per app
(`piper_say --serve`, started on the first `speak` or when the voice is toggled on), sent
`{"say": ...}` / `{"stop": true}` lines on its stdin, and only its first utterance waits
for the load. Its stdout events tell `speaking` when the interviewer has finished (hands-free
mode waits for that). `close` (the app quitting) ends it. A server that dies is restarted
once; if it dies again the per-utterance command speaks instead. Nothing here raises, and
nothing waits for a player except `stop`/`close` reaping one they killed.

Which player (Piper when the optional `voice` extra is installed, else espeak-ng) is decided
in simulator.speech.synthesis, on first use. Both are injectable (tests): `command` gets the
text as its last argument, `server` speaks the JSON-lines protocol.
"""

from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..speech.synthesis import VoiceEngine, VoicePlayer

SERVER_LIVES = 2
"""Server processes found dead before Piper falls back to a process per utterance (= one restart)."""


def _choose(engine: VoiceEngine) -> VoicePlayer:
    # Imported and run on first use: the choice looks up PATH and installed packages, off the launch path.
    from ..speech.synthesis import choose_player

    return choose_player(engine)


def _reap(process: subprocess.Popen[bytes]) -> None:
    """Kill a player and collect it (SIGKILL is immediate, so the wait is too)."""
    if process.poll() is not None:
        return
    process.kill()
    try:
        process.wait(timeout=1.0)
    except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL is not ignorable
        pass


class VoiceServer:
    """One long-lived player process that takes JSON request lines on stdin (Piper's `--serve`).

    Writes go straight to a non-blocking pipe: a request is a few hundred bytes, and a pipe
    so full that it would block means the server is stuck, which counts as dead. A daemon
    thread reads its event lines to know which utterance has finished.
    """

    def __init__(self, command: Sequence[str]) -> None:
        """Start the server (OSError when it cannot be started); it loads its voice in the background."""
        self.process = subprocess.Popen(  # noqa: S603 - a fixed program, the texts go over stdin
            list(command),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # a ctrl+c in the terminal must not reach it, the app stops it
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        os.set_blocking(self.process.stdin.fileno(), False)
        self._lock = threading.Lock()
        """`finished` is written by the UI thread (stop) and the event reader."""
        self.said = 0
        """`say` lines sent; the server numbers its utterances the same way (1, 2, ...)."""
        self.finished = 0
        """The highest utterance the server reported done or stopped (or that `stop` silenced)."""
        self.ready = False
        threading.Thread(target=self._read_events, args=(self.process.stdout,), name="voice-events", daemon=True).start()

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    @property
    def speaking(self) -> bool:
        return self.finished < self.said and self.alive

    def say(self, text: str) -> bool:
        """Ask for `text` (it cuts off the current one); False when the server is gone."""
        if not self._send({"say": text}):
            return False
        self.said += 1
        return True

    def stop(self) -> None:
        """Silence it now; it stays loaded for the next `say`."""
        with self._lock:
            self.finished = self.said
        self._send({"stop": True})

    def close(self) -> None:
        """End the process: EOF on its stdin, and a kill so it is silent at once."""
        stdin = self.process.stdin
        try:
            if stdin is not None:
                stdin.close()
        except OSError:
            pass
        _reap(self.process)

    def _send(self, request: dict[str, Any]) -> bool:
        stdin = self.process.stdin
        if stdin is None or stdin.closed or not self.alive:
            return False
        import json  # here and in _read_events, not at the top: this module is on the launch path, Piper is not

        data = (json.dumps(request) + "\n").encode()
        try:
            return os.write(stdin.fileno(), data) == len(data)
        except OSError:  # BrokenPipeError: it exited; BlockingIOError: it stopped reading
            return False

    def _read_events(self, stdout: IO[bytes]) -> None:
        import json

        with stdout:
            for line in stdout:
                try:
                    event = json.loads(line)
                except ValueError:
                    continue
                if not isinstance(event, dict):
                    continue
                if event.get("event") == "ready":
                    self.ready = True
                elif event.get("event") in ("done", "stopped") and isinstance(event.get("n"), int):
                    with self._lock:
                        self.finished = max(self.finished, event["n"])


class InterviewerVoice:
    """Speaks one utterance at a time in a child process; never blocks, never raises."""

    def __init__(
        self, command: Sequence[str] | None = None, *, engine: VoiceEngine = "auto", server: Sequence[str] | None = None
    ) -> None:
        """command / server: a fixed per-utterance player / JSON-lines server (tests); with neither,
        `engine` (ui.voice_engine) picks on first use."""
        self._engine: VoiceEngine = engine
        self._command = list(command) if command is not None else None
        self._server_command = list(server) if server is not None else None
        self._player: VoicePlayer | None = None
        self._resolved = command is not None or server is not None
        self.process: subprocess.Popen[bytes] | None = None
        """The per-utterance player now speaking (espeak-ng, or Piper's fallback)."""
        self.server: VoiceServer | None = None
        """The long-lived player (Piper), once started."""
        self._server_deaths = 0
        self.spoken: int = 0
        """Utterances started (for the status line and tests)."""

    def _resolve(self) -> None:
        if not self._resolved:  # on first use: no PATH lookup or find_spec on the launch path
            try:
                self._player = _choose(self._engine)
                self._command, self._server_command = self._player.command, self._player.server
            except Exception:  # noqa: BLE001 - a broken install means no voice, never a crash
                self._player, self._command, self._server_command = None, None, None
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
        program = self._command or self._server_command
        return Path(program[0]).name if program else "no voice"

    @property
    def notice(self) -> str | None:
        """Why the voice is not the engine asked for (ui.voice_engine = "piper" without the extra), else None."""
        self._resolve()
        return self._player.notice if self._player is not None else None

    @property
    def available(self) -> bool:
        self._resolve()
        return self._command is not None or self._server_command is not None

    @property
    def speaking(self) -> bool:
        if self.process is not None and self.process.poll() is None:
            return True
        return self.server is not None and self.server.speaking

    def warm(self) -> None:
        """Start the server now (the voice was just switched on), so even the first question is quick."""
        self._live_server()

    def speak(self, text: str) -> bool:
        """Stop whatever is playing and start saying `text`; False when no player exists or it failed to start."""
        self.stop()
        if not text.strip():
            return False
        if self._speak_with_server(text) or self._speak_once(text):
            self.spoken += 1
            return True
        return False

    def stop(self) -> None:
        """Silence the current utterance: kill its process, or tell the server to stop (it stays loaded)."""
        process, self.process = self.process, None
        if process is not None:
            _reap(process)
        if self.server is not None:
            self.server.stop()

    def close(self) -> None:
        """Silence it and end the server (the app is quitting); a later `speak` would start a new one."""
        self.stop()
        server, self.server = self.server, None
        if server is not None:
            server.close()

    def _speak_with_server(self, text: str) -> bool:
        for _ in range(SERVER_LIVES):  # a server found dead on writing is replaced (while lives last)
            server = self._live_server()
            if server is None:
                return False
            if server.say(text):
                return True
            self._bury_server()
        return False

    def _live_server(self) -> VoiceServer | None:
        """The running server, started if needed; None for a per-utterance player or when servers keep dying."""
        self._resolve()
        if self.server is not None and not self.server.alive:
            self._bury_server()
        if self.server is None and self._server_command is not None and self._server_deaths < SERVER_LIVES:
            try:
                self.server = VoiceServer(self._server_command)
            except OSError:
                self._server_deaths = SERVER_LIVES  # it cannot even start: use the per-utterance player
        return self.server

    def _bury_server(self) -> None:
        server, self.server = self.server, None
        if server is not None:
            self._server_deaths += 1
            server.close()

    def _speak_once(self, text: str) -> bool:
        command = self.command
        if command is None:
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
        return True

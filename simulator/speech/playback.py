"""Play a stored answer back to a coach: the candidate's own voice, not the transcript.

sounddevice plays without blocking; with no output device (a server, CI) the
error is turned into one clear message instead of a crash. The output function
is injectable so tests check what would be played.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from .audio_files import load_audio
from .errors import AudioUnavailableError
from .models import SAMPLE_RATE

Output = Callable[[np.ndarray, int], None]
"""(samples, sample rate) -> None; starts playback and returns at once."""


class AudioPlaybackError(Exception):
    """The answer's audio cannot be played; the message says why."""


def _sounddevice_output(samples: np.ndarray, rate: int) -> None:
    try:
        import sounddevice
    except OSError as exc:  # the PortAudio library itself is missing
        raise AudioUnavailableError("audio playback needs PortAudio: apt-get install libportaudio2") from exc
    try:
        sounddevice.play(samples, rate)
    except sounddevice.PortAudioError as exc:
        raise AudioUnavailableError(f"no audio output device ({exc})") from exc


def _sounddevice_stop() -> None:
    try:
        import sounddevice

        sounddevice.stop()
    except (OSError, ImportError):
        pass


class AudioPlayer:
    def __init__(self, output: Output | None = None, stop: Callable[[], None] | None = None) -> None:
        self._output = output or _sounddevice_output
        self._stop = stop or (_sounddevice_stop if output is None else (lambda: None))

    def play(self, path: Path | str) -> float:
        """Start playing `path` (stopping anything playing); returns its duration in seconds. Blocking while decoding."""
        file = Path(path)
        if not file.is_file():
            raise AudioPlaybackError(f"the audio file is gone: {file}")
        try:
            samples = load_audio(file)
        except Exception as exc:  # noqa: BLE001 - any decoder failure is one message to the coach
            raise AudioPlaybackError(f"cannot decode {file.name}: {exc}") from exc
        if samples.size == 0:  # the decoder skips what it cannot read and may return nothing
            raise AudioPlaybackError(f"cannot decode {file.name}: no audio in it")
        self.stop()
        try:
            self._output(samples, SAMPLE_RATE)
        except AudioUnavailableError as exc:
            raise AudioPlaybackError(str(exc)) from exc
        return len(samples) / SAMPLE_RATE

    def stop(self) -> None:
        self._stop()

"""Microphone capture: a sounddevice InputStream whose callback feeds a queue.

The stream factory is injectable (same keyword arguments as `sounddevice.InputStream`)
so tests and the bench can play files through exactly this code path. PortAudio
failures become `AudioUnavailableError` at open and `AudioDeviceLostError` when the
device dies mid-answer; blocks already queued are still handed out first, so the
audio captured so far is never lost.
"""

from __future__ import annotations

import math
import queue
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

import numpy as np

from .devices import PORTAUDIO_HINT, import_sounddevice, resolve_input_device
from .errors import AudioDeviceLostError, AudioUnavailableError, VoiceError
from .models import SAMPLE_RATE

BLOCK_SIZE = 512
"""32 ms at 16 kHz: one Silero VAD window per block, low latency."""
SILENT_DBFS = -100.0


class InputStreamLike(Protocol):
    active: bool

    def start(self) -> None: ...

    def stop(self) -> None: ...

    def close(self) -> None: ...


StreamFactory = Callable[..., InputStreamLike]
"""Called with sounddevice.InputStream's keywords: samplerate, channels, dtype, blocksize, device, callback, finished_callback."""


def dbfs(block: np.ndarray) -> float:
    """RMS level in dB relative to full scale (0 = clipping, -100 = digital silence)."""
    if block.size == 0:
        return SILENT_DBFS
    rms = float(np.sqrt(np.mean(np.square(block, dtype=np.float64))))
    return max(20.0 * math.log10(rms), SILENT_DBFS) if rms > 0 else SILENT_DBFS


class MicCapture:
    """Owns one input stream. `on_level` and the queue are fed from PortAudio's audio thread."""

    def __init__(
        self,
        device: str | int | None = None,
        *,
        stream_factory: StreamFactory | None = None,
        blocksize: int = BLOCK_SIZE,
        on_level: Callable[[float], None] | None = None,
        stall_timeout_s: float = 2.0,
    ) -> None:
        self.device = device
        self._factory = stream_factory
        self.blocksize = blocksize
        self._on_level = on_level
        self.stall_timeout_s = stall_timeout_s
        self._queue: queue.Queue[np.ndarray] = queue.Queue()
        self._stream: InputStreamLike | None = None
        self._stopping = threading.Event()
        self._lost: str | None = None
        self._last_block = time.monotonic()
        self.level_dbfs: float = SILENT_DBFS
        """Level of the latest block, for a meter; safe to poll from any thread."""
        self.overflows = 0

    def start(self) -> None:
        """Open and start the stream (blocking, fast). Raises AudioUnavailableError."""
        try:
            if self._factory is None:
                sd = import_sounddevice()
                factory: StreamFactory = sd.InputStream
                device = resolve_input_device(self.device)
            else:
                factory = self._factory
                device = int(self.device) if isinstance(self.device, str) and self.device.isdigit() else self.device
            self._last_block = time.monotonic()
            self._stream = factory(
                samplerate=SAMPLE_RATE,
                channels=1,
                dtype="float32",
                blocksize=self.blocksize,
                device=device,
                callback=self._callback,
                finished_callback=self._finished,
            )
            self._stream.start()
        except VoiceError:
            raise
        except Exception as exc:  # noqa: BLE001 - PortAudioError, OSError, ValueError from a bad device...
            which = f" {self.device!r}" if self.device is not None else ""
            raise AudioUnavailableError(f"cannot open the microphone{which}: {exc}; {PORTAUDIO_HINT}") from exc

    def _callback(self, indata: np.ndarray, frames: int, time_info: Any, status: Any) -> None:
        if status and getattr(status, "input_overflow", False):
            self.overflows += 1
        block = np.array(indata[:, 0] if indata.ndim == 2 else indata, dtype=np.float32, copy=True)
        self._last_block = time.monotonic()
        self._queue.put(block)
        self.level_dbfs = dbfs(block)
        if self._on_level is not None:
            self._on_level(self.level_dbfs)

    def _finished(self) -> None:
        if not self._stopping.is_set():
            self._lost = "the audio stream ended unexpectedly"

    def read(self, timeout: float = 0.05) -> np.ndarray | None:
        """The next block, or None when none arrived in `timeout`. Raises AudioDeviceLostError once the queue is empty."""
        try:
            return self._queue.get(timeout=timeout)
        except queue.Empty:
            pass
        if self._stopping.is_set():
            return None
        reason = self._lost
        if reason is None and self._stream is not None and not getattr(self._stream, "active", True):
            reason = "the audio stream stopped"
        if reason is None and time.monotonic() - self._last_block > self.stall_timeout_s:
            reason = f"no audio for {self.stall_timeout_s:.0f} s"
        if reason is not None:
            raise AudioDeviceLostError(f"microphone lost mid-answer ({reason}); what you said so far was kept")
        return None

    def drain(self) -> list[np.ndarray]:
        blocks = []
        while True:
            try:
                blocks.append(self._queue.get_nowait())
            except queue.Empty:
                return blocks

    def stop(self) -> None:
        """Stop and close the stream; never raises (a lost device may fail to close)."""
        self._stopping.set()
        stream, self._stream = self._stream, None
        if stream is None:
            return
        for action in (stream.stop, stream.close):
            try:
                action()
            except Exception:  # noqa: BLE001,S110 - closing a dead device is best effort
                pass

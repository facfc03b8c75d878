"""A stand-in for `sounddevice.InputStream` that plays an array in real-time-sized blocks.

Used by the benchmark and the tests to drive the real capture path without a sound
card. `speed` > 1 compresses the clock for quick tests; `die_after_s` simulates a
device unplugged mid-answer (`die_mode="finish"`: PortAudio stops the stream and calls
finished_callback; `"stall"`: blocks just stop coming). `hold()` returning True freezes the
clock (tests pass "the recogniser is busy" to see decisions as if recognition were instant).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, Literal

import numpy as np

from .models import SAMPLE_RATE


class FileInputStream:
    def __init__(
        self,
        audio: np.ndarray,
        *,
        samplerate: int,
        channels: int,
        dtype: str,
        blocksize: int,
        device: Any,
        callback: Callable[[np.ndarray, int, Any, Any], None],
        finished_callback: Callable[[], None] | None = None,
        speed: float = 1.0,
        trailing_silence_s: float = 30.0,
        die_after_s: float | None = None,
        die_mode: Literal["finish", "stall"] = "finish",
        hold: Callable[[], bool] | None = None,
    ) -> None:
        assert samplerate == SAMPLE_RATE and channels == 1 and dtype == "float32"
        tail = np.zeros(int(trailing_silence_s * SAMPLE_RATE), dtype=np.float32)
        self._audio = np.concatenate([np.asarray(audio, dtype=np.float32), tail])
        self._blocksize = blocksize or 512
        self._callback = callback
        self._finished = finished_callback
        self._speed = speed
        self._die_at = None if die_after_s is None else int(die_after_s * SAMPLE_RATE)
        self._die_mode = die_mode
        self._hold = hold
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._play, name="file-input-stream", daemon=True)
        self.active = False
        self.delivered_wall: list[float] = []
        """perf_counter() when each block was handed to the callback (block i ends at sample (i+1)*blocksize)."""

    def start(self) -> None:
        self.active = True
        self._thread.start()

    def _play(self) -> None:
        period = self._blocksize / SAMPLE_RATE / self._speed
        t0 = time.perf_counter()
        for i, pos in enumerate(range(0, len(self._audio) - self._blocksize + 1, self._blocksize)):
            if self._die_at is not None and pos >= self._die_at:
                if self._die_mode == "finish":
                    self.active = False
                    if self._finished:
                        self._finished()
                return
            if self._hold is not None and self._hold():
                paused = time.perf_counter()
                while self._hold() and not self._stop.wait(0.005):
                    pass
                t0 += time.perf_counter() - paused
            delay = t0 + (i + 1) * period - time.perf_counter()
            if delay > 0 and self._stop.wait(delay):
                return
            if self._stop.is_set():
                return
            block = self._audio[pos : pos + self._blocksize].reshape(-1, 1)
            self.delivered_wall.append(time.perf_counter())
            self._callback(block, self._blocksize, None, None)
        self.active = False
        if self._finished:
            self._finished()

    def wall_time_at(self, sample: int) -> float | None:
        """When the block holding `sample` was delivered, or None if it was not (yet)."""
        index = sample // self._blocksize
        return self.delivered_wall[index] if index < len(self.delivered_wall) else None

    def stop(self) -> None:
        self._stop.set()
        self.active = False

    def close(self) -> None:
        self._stop.set()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout=1.0)


class FileStreamFactory:
    """A StreamFactory that remembers the stream it made, so callers can read its delivery clock."""

    def __init__(self, audio: np.ndarray, **options: Any) -> None:
        self.audio = audio
        self.options = options
        self.stream: FileInputStream | None = None

    def __call__(self, **kwargs: Any) -> FileInputStream:
        self.stream = FileInputStream(self.audio, **kwargs, **self.options)
        return self.stream

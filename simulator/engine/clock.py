"""Clocks the round runs on: real time in the app, simulated time headless and in tests."""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Seconds since an arbitrary origin; only differences matter."""
        ...


class MonotonicClock:
    def now(self) -> float:
        return time.monotonic()


class SimulatedClock:
    """Moves only when told to: the headless runner advances it by speaking time."""

    def __init__(self, start: float = 0.0) -> None:
        self._now = start

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("time only moves forward")
        self._now += seconds


class RoundClock:
    """A round's time on a clock: started once, warned about at set marks, carried on another clock (replay -> live)."""

    def __init__(self, clock: Clock, duration_s: float, warn_minutes: list[float] | None = None) -> None:
        self.clock = clock
        self.duration_s = duration_s
        self._marks = sorted({m * 60.0 for m in (warn_minutes or [5.0, 1.0]) if 0 < m * 60.0 < duration_s}, reverse=True)
        self._start: float | None = None

    def start(self) -> None:
        self._start = self.clock.now()

    def elapsed(self) -> float:
        return 0.0 if self._start is None else self.clock.now() - self._start

    def time_left(self) -> float:
        return max(0.0, self.duration_s - self.elapsed())

    def time_up(self) -> bool:
        return self._start is not None and self.time_left() <= 0.0

    def due_warnings(self) -> list[str]:
        """Time warnings whose mark has been crossed since the last call (each said once)."""
        notices = []
        while self._marks and self.time_left() <= self._marks[0] and not self.time_up():
            minutes = self._marks.pop(0) / 60.0
            notices.append(f"We have about {minutes:g} minute{'s' if minutes != 1 else ''} left.")
        return notices

    def switch(self, clock: Clock) -> None:
        """Carry on with another clock, keeping the time already elapsed."""
        elapsed = self.elapsed()
        self.clock = clock
        if self._start is not None:
            self._start = clock.now() - elapsed

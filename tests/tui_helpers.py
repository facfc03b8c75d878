"""Helpers for the app's Pilot tests: waiting on conditions, a stub LLM for tests that must not depend on the model."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

from textual.pilot import Pilot

from simulator.llm.client import AllRoutesFailed


SLACK = 6.0
"""Every wait may take this many times its stated limit: the limits say what an idle machine needs, and a
busy one (CI, a hog on a core, other people's work) may be several times slower. A wait that never ends
still fails; one that is merely slow does not. Nothing here asserts how long anything took."""


async def wait_for(pilot: Pilot[Any], condition: Callable[[], bool], timeout: float = 30.0, what: str = "condition") -> None:
    limit = timeout * SLACK
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {limit:g} s")
        await pilot.pause(0.05)


class DownLLM:
    """A provider that is down: every stream fails, as a dead API would. The round must go on on canned probes."""

    embedded = None
    primary_label = "down-provider"

    def warm_up(self) -> None:
        return None

    async def prime(self, system: str) -> None:
        return None

    async def stream(self, messages: list[dict[str, str]], **options: Any) -> AsyncIterator[Any]:
        await asyncio.sleep(0)
        raise AllRoutesFailed(["down-provider: connection refused"])
        yield  # pragma: no cover - makes this an async generator


class StubRecognizer:
    """A recogniser that is instantly ready and hears nothing: for screens whose picture must not depend on
    how long Whisper takes to load (snapshots). Voice behaviour is tested with the real model."""

    device = "cpu"
    compute_type = "int8"
    notice: str | None = None
    model_label = "tiny.en"

    def warm_up(self) -> None:
        return None

    def transcribe(self, audio: Any, **options: Any) -> Any:
        raise AssertionError("the stub recogniser must not be asked to transcribe")

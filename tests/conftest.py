"""Suite-wide options. `--cpu-hog`: run the tests as on a busy machine.

CI machines are shared; a test that passes only on an idle box is a flaky test. With
`--cpu-hog` the harness starts one busy-loop process pinned to one core for the whole
session (as a `stress-ng --cpu 1` would), so the live LLM tests (`-m live_llm`) and the
rest meet a machine with one core taken. `.ci/run` runs the whole suite this way.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

HOG = "while True:\n    pass\n"


def start_hog(core: int = 0) -> subprocess.Popen[bytes]:
    """A process spinning on `core` (pinned when the OS allows), at normal priority, until terminated."""

    def pin() -> None:
        if hasattr(os, "sched_setaffinity") and core in os.sched_getaffinity(0):
            os.sched_setaffinity(0, {core})

    return subprocess.Popen([sys.executable, "-c", HOG], preexec_fn=pin, stdin=subprocess.DEVNULL)  # noqa: PLW1509


def stop_hog(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--cpu-hog", action="store_true", help="keep one core busy (a pinned busy loop) for the whole run")


@pytest.fixture(scope="session", autouse=True)
def cpu_hog(request: pytest.FixtureRequest) -> Iterator[subprocess.Popen[bytes] | None]:
    if not request.config.getoption("--cpu-hog"):
        yield None
        return
    process = start_hog()
    try:
        yield process
    finally:
        stop_hog(process)

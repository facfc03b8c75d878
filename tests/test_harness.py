"""The busy-machine harness works: the hog spins on the core it was pinned to, and stops when asked."""

from __future__ import annotations

import os
import subprocess
import time

import pytest
from conftest import start_hog, stop_hog


def cpu_seconds(pid: int) -> float:
    fields = open(f"/proc/{pid}/stat", encoding="ascii").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="reads /proc")
def test_the_hog_spins_on_one_core_and_stops() -> None:
    hog = start_hog(core=0)
    try:
        deadline = time.monotonic() + 60
        while cpu_seconds(hog.pid) < 0.5:  # it burns CPU (how fast depends on the machine's load: not asserted)
            assert time.monotonic() < deadline and hog.poll() is None, "the hog is not running"
            time.sleep(0.1)
        if hasattr(os, "sched_getaffinity") and 0 in os.sched_getaffinity(0):
            assert os.sched_getaffinity(hog.pid) == {0}
    finally:
        stop_hog(hog)
    assert hog.returncode is not None


def test_with_cpu_hog_the_whole_session_runs_beside_the_hog(cpu_hog: subprocess.Popen[bytes] | None) -> None:
    if cpu_hog is None:
        pytest.skip("the suite runs without --cpu-hog")
    assert cpu_hog.poll() is None, "the hog must spin for the whole session"

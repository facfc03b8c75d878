"""How many cores this process may use, and how many llama.cpp gets when the settings say 0 (auto).

llama.cpp's threads meet at a barrier after every layer and spin while they wait. One
thread more than the machine has free is therefore not a little slower but many times
slower: measured on a 2-core EPYC with one core kept busy, a 40-token follow-up took
50-58 s on 2 threads and 1.1 s on 1 (idle: 0.6 s on 2, 1.0 s on 1). So auto counts the
cores that are idle when the server starts, not the cores the machine has.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

PROC_STAT = Path("/proc/stat")
SAMPLE_S = 0.3
# A core counts as free when at least this share of it was idle during the sample: a busy loop
# elsewhere leaves ~0, a desktop's background noise leaves most of it.
FREE_SHARE = 0.6


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _idle_and_total() -> tuple[int, int] | None:
    try:
        fields = PROC_STAT.read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    values = [int(v) for v in fields]
    idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle + iowait
    return idle, sum(values[:8])  # guest time is already inside user time


def idle_cores(sample_s: float = SAMPLE_S) -> float | None:
    """Cores' worth of idle time over a short sample, or None where /proc/stat is missing."""
    before = _idle_and_total()
    if before is None:
        return None
    time.sleep(sample_s)
    after = _idle_and_total()
    if after is None or after[1] <= before[1]:
        return None
    share = (after[0] - before[0]) / (after[1] - before[1])
    return share * (os.cpu_count() or 1)


def auto_threads() -> int:
    """The free cores this process may use (at least 1); all of them where that cannot be read."""
    cores = usable_cores()
    idle = idle_cores()
    if idle is None:
        return cores
    return max(1, min(cores, int(idle + (1 - FREE_SHARE))))

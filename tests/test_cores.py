"""llama.cpp threads on auto: the idle cores, because one thread too many spins at its barrier (simulator/cores.py)."""

from __future__ import annotations

import time

import pytest

from conftest import start_hog, stop_hog
from simulator import cores as threads


def fake_stat(monkeypatch: pytest.MonkeyPatch, samples: list[tuple[int, int] | None], cpus: int) -> None:
    readings = iter(samples)
    monkeypatch.setattr(threads, "_idle_and_total", lambda: next(readings))
    monkeypatch.setattr(threads.os, "cpu_count", lambda: cpus)
    monkeypatch.setattr(threads, "usable_cores", lambda: cpus)


@pytest.mark.parametrize(
    ("idle_share", "cpus", "expected"),
    [(1.0, 2, 2), (0.5, 2, 1), (0.0, 2, 1), (0.8, 4, 3), (0.98, 8, 8)],
)
def test_auto_threads_counts_the_idle_cores(monkeypatch: pytest.MonkeyPatch, idle_share: float, cpus: int, expected: int) -> None:
    fake_stat(monkeypatch, [(0, 0), (int(1000 * idle_share), 1000)], cpus)
    monkeypatch.setattr(threads.time, "sleep", lambda _s: None)
    assert threads.auto_threads() == expected


def test_auto_threads_uses_every_core_where_load_cannot_be_read(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_stat(monkeypatch, [None], 4)
    assert threads.auto_threads() == 4


def test_a_busy_core_is_not_given_to_llama_cpp() -> None:
    cores = threads.usable_cores()
    hog = start_hog()
    try:
        time.sleep(0.3)  # let it be scheduled
        assert threads.auto_threads() <= max(1, cores - 1)
    finally:
        stop_hog(hog)

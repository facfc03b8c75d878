"""Sentence vectors that do not depend on the CPU: a coach's levels must be the same on every laptop.

CTranslate2 picks its kernels by the CPU's instruction set, and CT2_FORCE_CPU_ISA makes it pick others on this
machine. With int8 that moved vectors by up to 0.024 and levels with them (README, "The same levels on every
CPU"); in float32 only the order of the sums changes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np

TEXTS = [
    "we had no alerts on the nightly embedding job, so a designer noticed the stale results first",
    "I ramped the new ranker to 1%, 10% and then 50% with p95 latency as a guardrail",
    "um so the p ninety nine was like two hundred milliseconds and we cached the masks by image hash",
]
EMBED = """
import sys
import numpy as np
from simulator.config import load_settings
from simulator.scoring.meaning.embedder import MiniLM, ensure_model_dir
np.save(sys.argv[1], MiniLM(ensure_model_dir(load_settings().models_dir), threads=2).encode(sys.argv[2:]))
"""


def _vectors(path: Path, isa: str | None) -> np.ndarray:
    env = {k: v for k, v in os.environ.items() if k != "CT2_FORCE_CPU_ISA"}
    if isa is not None:
        env["CT2_FORCE_CPU_ISA"] = isa
    done = subprocess.run([sys.executable, "-c", EMBED, str(path), *TEXTS], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return np.load(path)


def test_vectors_are_the_same_whichever_kernels_the_cpu_gets(tmp_path: Path) -> None:
    own = _vectors(tmp_path / "own.npy", None)
    other = _vectors(tmp_path / "avx.npy", "AVX")
    assert own.shape == (len(TEXTS), 384)
    assert float(np.abs(own - other).max()) < 1e-5

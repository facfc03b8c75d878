"""`interview-sim run` and `resume` as real processes, with the real embedded model.

The kill test SIGKILLs a headless run mid-round, resumes it, and checks that
every turn committed before the kill is there exactly once, unchanged.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from simulator.config import Settings
from simulator.store import Store

pytestmark = [pytest.mark.slow, pytest.mark.live_llm]

ANSWERS = [
    "We built a recommendation model for templates and it went to production and people liked it.",
    "It performed better than the old one and the team was happy.",
    "I owned the ranking model. I ran a two-week A/B test on 10% of traffic and click-through went from 4.1% to 4.6%.",
    "We had some meetings with the product team and agreed on the plan.",
    "I chose a smaller model to keep p95 latency under 80 ms, because the editor is interactive.",
    "The lesson for me was to agree on guardrail metrics before the launch.",
]


def cli(data_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "simulator", "--data-dir", str(data_dir), *args]


def env() -> dict[str, str]:
    # Share the assembled model with the rest of the suite instead of re-assembling 0.5 GB per data dir.
    return {**os.environ, "INTERVIEW_SIM_MODELS_DIR": str(Settings().models_dir), "PYTHONUNBUFFERED": "1"}


def write_answers(path: Path) -> Path:
    path.write_text("\n\n".join(ANSWERS) + "\n")
    return path


def test_run_json_shape_and_session_stored(tmp_path: Path) -> None:
    answers = write_answers(tmp_path / "answers.txt")
    out = subprocess.run(
        cli(tmp_path / "data", "run", "--loop", "canva-mle", "--round", "hiring-manager", "--answers", str(answers), "--json", "--seed", "4"),
        capture_output=True, text=True, env=env(), timeout=600, check=True,
    )  # fmt: skip
    data = json.loads(out.stdout)
    assert set(data) == {"session_id", "loop", "round", "turns", "fallbacks", "fallback_reasons"}
    assert (data["loop"], data["round"]) == ("canva-mle", "hiring-manager")
    assert isinstance(data["fallbacks"], int)
    kinds = {t["kind"] for t in data["turns"]}
    assert {"question", "answer", "follow_up", "notice"} <= kinds
    for turn in data["turns"]:
        assert turn["speaker"] in ("interviewer", "candidate")
        assert turn["t_end"] >= turn["t_start"] >= 0
        if turn["kind"] == "follow_up":
            assert isinstance(turn["latency_s"], float)
    times = [t["t_start"] for t in data["turns"]]
    assert times == sorted(times)
    with Store(tmp_path / "data" / "interview-sim.db") as store:
        record = store.load_session(data["session_id"])
    assert [t.text for t in record.rounds[0].turns] == [t["text"] for t in data["turns"]]


def _turn_rows(db: Path) -> list[tuple[int, str]]:
    """Turns committed so far, read as a second process would (nothing before the db exists)."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT idx, text FROM turns ORDER BY idx").fetchall()
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return []


def test_kill_9_mid_round_then_resume_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    answers = write_answers(tmp_path / "answers.txt")
    data_dir = tmp_path / "data"
    db = data_dir / "interview-sim.db"
    proc = subprocess.Popen(
        cli(data_dir, "run", "--loop", "canva-mle", "--round", "hiring-manager", "--answers", str(answers), "--seed", "4"),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env(), start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and len(_turn_rows(db)) < 5:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    before = _turn_rows(db)
    assert len(before) >= 5, "the run never got going"

    with Store(db) as store:
        unfinished = store.unfinished_sessions()
        assert len(unfinished) == 1
        session_id = unfinished[0].id
        assert store.integrity_check() == "ok"

    out = subprocess.run(
        cli(data_dir, "resume", session_id[:8], "--answers", str(answers), "--json"),
        capture_output=True, text=True, env=env(), timeout=600, check=True,
    )  # fmt: skip
    data = json.loads(out.stdout)
    after = _turn_rows(db)
    assert after[: len(before)] == before  # nothing said before the kill changed or vanished
    indexes = [i for i, _ in after]
    assert indexes == list(range(len(after)))  # each turn exactly once
    answers_said = [t["text"] for t in data["turns"] if t["kind"] == "answer" and t["text"]]
    assert len(answers_said) == len(set(answers_said))  # no answer given twice
    assert data["turns"][-1]["kind"] == "notice"
    with Store(db) as store:
        assert store.load_session(session_id).status == "completed"
        assert store.integrity_check() == "ok"

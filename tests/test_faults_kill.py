"""`interview-sim run` SIGKILLed at 20 random points, then `interview-sim resume`: nothing lost, nothing doubled.

The kill points are random (seeded, printed on failure): a random number of stored
turns to wait for, plus a random extra delay, so kills land before the session
exists, between turns, inside a commit, during scoring, or after the end. 17 runs
use a provider on a closed port without the embedded fallback (the canned path:
fast and deterministic, so the resumed transcript must equal an uninterrupted
reference run turn for turn); 3 use the real embedded model (llama.cpp server
subprocess), where text varies and the checks are structural.

After every kill: `PRAGMA integrity_check` is ok, every turn stored before the kill
is still there unchanged after resume, turn indexes are 0..n-1 (each exactly once),
no answer is given twice, and the session ends completed with its closing line.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from simulator.config import Settings

pytestmark = pytest.mark.slow

SEED = 20240611
RUNS = 20
EMBEDDED_RUNS = {3, 11, 17}  # which of the 20 use the real model
ANSWERS = [
    "We built a recommendation model for templates and it went to production and people liked it.",
    "It performed better than the old one and the team was happy.",
    "I owned the ranking model. I ran a two-week A/B test on 10% of traffic and click-through went from 4.1% to 4.6%.",
    "We had some meetings with the product team and agreed on the plan.",
]


def cli(data_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "simulator", "--data-dir", str(data_dir), *args]


def env_for(embedded: bool) -> dict[str, str]:
    env = {**os.environ, "INTERVIEW_SIM_MODELS_DIR": str(Settings().models_dir), "PYTHONUNBUFFERED": "1"}
    if embedded:
        env.update({"INTERVIEW_SIM_LLM__MODEL": "embedded", "INTERVIEW_SIM_LLM__THREADS": "1", "INTERVIEW_SIM_LLM__TIMEOUT_S": "30"})
    else:
        env.update({
            "INTERVIEW_SIM_LLM__MODEL": "openai/x",
            "INTERVIEW_SIM_LLM__API_BASE": "http://127.0.0.1:9/v1",  # nothing listens on the discard port
            "INTERVIEW_SIM_LLM__API_KEY": "unused-key",
            "INTERVIEW_SIM_LLM__FALLBACK_TO_EMBEDDED": "false",
        })  # fmt: skip
    return env


def rows(db: Path) -> list[tuple[int, str, str]]:
    """(idx, kind, text) of every stored turn, read without writing anything."""
    if not db.exists():
        return []
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return [tuple(r) for r in conn.execute("SELECT idx, kind, text FROM turns ORDER BY round_row, idx")]  # type: ignore[misc]
    except sqlite3.OperationalError:  # killed before the schema existed
        return []
    finally:
        conn.close()


def integrity(db: Path) -> str:
    conn = sqlite3.connect(db, timeout=5)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def sessions(db: Path) -> list[tuple[str, str]]:
    if not db.exists():
        return []
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return [tuple(r) for r in conn.execute("SELECT id, status FROM sessions")]  # type: ignore[misc]
    except sqlite3.OperationalError:
        return []
    finally:
        conn.close()


Proc = tuple[int, str]  # (pid, start time in clock ticks): a pid alone may be reused by then


def _stat(pid: int) -> list[str] | None:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def model_servers(parent: int) -> list[Proc]:
    """The embedded model servers `parent` started (in their own session, outside the run's process group)."""
    found = []
    for entry in Path("/proc").iterdir():
        stat = _stat(int(entry.name)) if entry.name.isdigit() else None
        if stat is None or int(stat[1]) != parent:
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if b"simulator.llm.local_server" in cmdline:
            found.append((int(entry.name), stat[19]))
    return found


def alive(proc: Proc) -> bool:
    stat = _stat(proc[0])
    return stat is not None and stat[19] == proc[1] and stat[0] != "Z"


@dataclass
class Outcome:
    run: int
    embedded: bool
    target: int
    before: list[tuple[int, str, str]]
    session_existed: bool
    interrupted: bool  # the session was not completed when the kill landed
    orphans: list[int]
    seconds: float


def kill_and_resume(run: int, base: Path, answers: Path, reference: list[tuple[str, str]]) -> Outcome:
    began = time.monotonic()
    rng = random.Random(SEED * 100 + run)
    embedded = run in EMBEDDED_RUNS
    env = env_for(embedded)
    data = base / f"run{run:02d}"
    db = data / "interview-sim.db"
    target = rng.randint(1, 12 if embedded else len(reference) - 1)
    extra = rng.choice([0.0, rng.uniform(0.0, 0.03)])
    proc = subprocess.Popen(
        cli(data, "run", "--loop", "canva-mle", "--round", "hiring-manager", "--answers", str(answers), "--seed", "3"),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 180
    watch: sqlite3.Connection | None = None
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            watch = watch or (sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) if db.exists() else None)
            if watch is not None and watch.execute("SELECT count(*) FROM turns").fetchone()[0] >= target:
                break
        except sqlite3.OperationalError:  # no schema yet
            pass
        time.sleep(0.002)
    if watch is not None:
        watch.close()
    time.sleep(extra)
    spawned = model_servers(proc.pid)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    time.sleep(1.5 if spawned else 0)  # a well-behaved model server notices its parent is gone within 0.5 s
    orphans = [p for p in spawned if alive(p)]
    for pid, _ in orphans:  # clean up what this test started (pid and start time checked)
        os.kill(pid, signal.SIGKILL)

    label = f"run {run} (seed {SEED}, {'embedded' if embedded else 'canned'}, kill after {target} turns + {extra:.3f} s)"
    before = rows(db)
    if db.exists():
        assert integrity(db) == "ok", label
    found = sessions(db)
    assert len(found) <= 1, label
    if not found:
        assert before == [], f"{label}: turns without a session"
        return Outcome(run, embedded, target, before, False, False, [p for p, _ in orphans], time.monotonic() - began)
    session_id, status = found[0]
    if status != "completed":
        out = subprocess.run(cli(data, "resume", session_id[:10], "--answers", str(answers), "--json"),
                             capture_output=True, text=True, env=env, timeout=300)  # fmt: skip
        assert "Traceback" not in out.stderr
        if before == [] and "nothing to resume" in out.stderr:  # killed between creating the session and its round
            assert out.returncode == 1
            return Outcome(run, embedded, target, before, True, True, [p for p, _ in orphans], time.monotonic() - began)
        assert out.returncode == 0, f"{label}: resume failed: {out.stderr}"
    after = rows(db)
    assert after[: len(before)] == before, f"{label}: a turn stored before the kill changed or vanished"
    assert [i for i, _, _ in after] == list(range(len(after))), f"{label}: a turn is missing or doubled"
    said = [text for _, kind, text in after if kind == "answer" and text]
    assert len(said) == len(set(said)) and set(said) <= set(ANSWERS), f"{label}: an answer was given twice"
    assert integrity(db) == "ok", label
    assert sessions(db) == [(session_id, "completed")], label
    if embedded:
        assert after[-1][1] == "notice", label
        assert said == ANSWERS[: len(said)], label
    else:
        assert [(kind, text) for _, kind, text in after] == reference, f"{label}: the resumed transcript differs from an uninterrupted run"
    return Outcome(run, embedded, target, before, True, status != "completed", [p for p, _ in orphans], time.monotonic() - began)


def test_sigkill_at_20_random_points_then_resume(tmp_path: Path) -> None:
    answers = tmp_path / "answers.txt"
    answers.write_text("\n\n".join(ANSWERS) + "\n")
    ref = subprocess.run(
        cli(tmp_path / "reference", "run", "--loop", "canva-mle", "--round", "hiring-manager", "--answers", str(answers), "--seed", "3", "--json"),
        capture_output=True, text=True, env=env_for(False), timeout=120, check=True,
    )  # fmt: skip
    reference = [(t["kind"], t["text"]) for t in json.loads(ref.stdout)["turns"]]
    assert len(reference) > 12

    with ThreadPoolExecutor(max_workers=2) as pool:  # two lanes: most of each run is interpreter start-up
        outcomes = list(pool.map(lambda i: kill_and_resume(i, tmp_path, answers, reference), range(RUNS)))

    summary = [(o.run, o.target, len(o.before), o.interrupted, round(o.seconds, 1)) for o in outcomes]
    print(summary)
    interrupted = [o for o in outcomes if o.interrupted]
    mid_transcript = [o for o in interrupted if 0 < len(o.before) < len(reference)]
    assert len(interrupted) >= 14, f"too few kills landed inside a session to prove anything: {summary}"
    assert len(mid_transcript) >= 8, f"too few kills landed between the first and the last turn: {summary}"
    assert sum(1 for o in interrupted if o.embedded) >= 2, summary
    orphaned = [(o.run, o.orphans) for o in outcomes if o.orphans]
    assert not orphaned, f"the embedded model server outlived its killed parent: {orphaned}"


def test_killed_between_closing_the_round_and_the_session_resume_finishes_it(tmp_path: Path) -> None:
    """The narrow window the random kills found: round completed, session still running (and maybe unscored).

    Resume used to refuse ("already complete") and leave the session running forever.
    The state is made exactly by editing a finished run's database, as the kill would leave it.
    """
    answers = tmp_path / "answers.txt"
    answers.write_text("\n\n".join(ANSWERS) + "\n")
    data = tmp_path / "data"
    env = env_for(False)
    done = subprocess.run(
        cli(data, "run", "--loop", "canva-mle", "--round", "hiring-manager", "--answers", str(answers), "--seed", "3", "--json"),
        capture_output=True, text=True, env=env, timeout=120, check=True,
    )  # fmt: skip
    session_id = json.loads(done.stdout)["session_id"]
    db = data / "interview-sim.db"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("DELETE FROM scores")
    conn.execute("UPDATE sessions SET status = 'running', ended_at = NULL")
    conn.close()
    turns_before = rows(db)

    out = subprocess.run(cli(data, "resume", session_id, "--answers", str(answers), "--json"),
                         capture_output=True, text=True, env=env, timeout=120)  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert [t["text"] for t in json.loads(out.stdout)["turns"]] == [text for _, _, text in turns_before]
    assert rows(db) == turns_before and sessions(db) == [(session_id, "completed")]
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM scores").fetchone()[0] == 1
    conn.close()
    again = subprocess.run(cli(data, "resume", session_id, "--answers", str(answers)), capture_output=True, text=True, env=env, timeout=120)
    assert again.returncode == 1 and "already complete" in again.stderr

"""The database refusing writes: locked by another writer, read-only data dir, disk full.

Real conditions, no mocks: a second SQLite connection holding BEGIN IMMEDIATE past
the busy timeout, a bind mount remounted read-only, a small tmpfs filled to the
last byte (CI runs as root on this machine kind; `mount` is required, not skipped).
Each test checks: a clear message, the round goes on, no turn is lost or doubled
(saved once writes work again, or found in the recovery file and saved by `resume`),
and `PRAGMA integrity_check` is ok afterwards.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from simulator.catalog import Catalog, load_catalog
from simulator.config import PROJECT_ROOT, Settings
from simulator.engine.clock import SimulatedClock
from simulator.engine.turns import Speaker, Turn
from simulator.interview.lifecycle import RoundService
from simulator.interview.round_session import RoundSession, speaking_seconds
from simulator.store import Store
from simulator.store.recovery import JOURNAL_SUFFIX, TurnRecorder, UnsavedTurnsError, replay_recovery

ANSWERS = [
    "We built a recommendation model for templates and it went to production and people liked it.",
    "It performed better than the old one and the team was happy.",
    "I owned the ranking model. I ran a two-week A/B test on 10% of traffic and click-through went from 4.1% to 4.6%.",
    "We had some meetings with the product team and agreed on the plan.",
]


def mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True)


def umount(path: Path) -> None:
    subprocess.run(["umount", "-l", str(path)], check=False, capture_output=True)


@contextmanager
def tmpfs(path: Path, size: str) -> Iterator[Path]:
    path.mkdir(parents=True, exist_ok=True)
    mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path))
    try:
        yield path
    finally:
        umount(path)


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """`path` read-only even for root: a bind mount of itself, remounted ro."""
    mount("--bind", str(path), str(path))
    try:
        mount("-o", "remount,ro,bind", str(path))
        yield
    finally:
        umount(path)


def fill(directory: Path) -> Path:
    """Write until the file system has no byte left; returns the filler file."""
    filler = directory / "filler.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        for size in (1 << 16, 4096, 1):  # big blocks, then the last partial block byte by byte
            try:
                while os.write(fd, b"\0" * size):
                    pass
            except OSError:
                pass
    finally:
        os.close(fd)
    return filler


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


@pytest.fixture(autouse=True)
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The second-choice recovery dir ($TMPDIR) lives in this test's tmp dir, not in the shared /tmp."""
    tmp = tmp_path / "tmpdir"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    return tmp


class Round:
    """A real RoundSession (canned probes, no model) whose turns go through a TurnRecorder into a real Store."""

    def __init__(self, catalog: Catalog, data_dir: Path, *, busy_timeout_ms: int = 5000) -> None:
        self.data_dir = data_dir
        self.store = Store(data_dir / "interview-sim.db", busy_timeout_ms=busy_timeout_ms)
        self.session_id = self.store.create_session(candidate="Alex", loop="canva-mle", level=None, model="none", mode="text", config={})
        self.row = self.store.start_round(self.session_id, round_id="hiring-manager", persona="hiring-manager", seed=3)
        self.notices: list[str] = []
        self.recorder = TurnRecorder(
            self.store, self.row, session_id=self.session_id, data_dir=data_dir, on_notice=self.notices.append, retry_after_s=0.0
        )
        loop = catalog.loop("canva-mle")
        rnd = loop.round("hiring-manager")
        self.clock = SimulatedClock()
        self.session = RoundSession(
            catalog=catalog, loop=loop, round_=rnd, persona=catalog.personas[rnd.persona], llm=None,
            clock=self.clock, candidate="Alex", seed=3, on_turn=self.recorder,
        )  # fmt: skip

    async def open(self) -> None:
        [e async for e in self.session.open()]

    async def answer(self, text: str, seconds: float | None = None) -> None:
        start = self.session.engine.elapsed()
        self.clock.advance(speaking_seconds(text) if seconds is None else seconds)
        [e async for e in self.session.answer(text, t_start=start, t_end=self.session.engine.elapsed())]

    def stored(self) -> list[tuple[int, str]]:
        return [(r[0], r[1]) for r in self.store.conn.execute("SELECT idx, text FROM turns WHERE round_row = ? ORDER BY idx", (self.row,))]

    def assert_all_saved_once(self) -> None:
        assert self.stored() == [(t.index, t.text) for t in self.session.turns]
        assert self.store.integrity_check() == "ok"
        assert not self.recorder.pending

    def journal_turns(self) -> list[int]:
        assert self.recorder.journal is not None
        return [json.loads(line)["turn"]["index"] for line in self.recorder.journal.read_text().splitlines()]


async def test_locked_by_another_writer_turns_are_kept_then_saved_when_the_lock_goes(catalog: Catalog, tmp_path: Path) -> None:
    r = Round(catalog, tmp_path / "data", busy_timeout_ms=300)
    await r.open()
    await r.answer(ANSWERS[0])
    before = r.stored()

    other = sqlite3.connect(r.store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # holds the write lock far longer than the 0.3 s busy timeout
    tries: list[int] = []
    add_turn = r.store.add_turn

    def counted(round_row: int, turn: Turn) -> bool:
        tries.append(turn.index)
        return add_turn(round_row, turn)

    r.store.add_turn = counted  # type: ignore[method-assign]
    try:
        await r.answer(ANSWERS[1])
        await r.answer(ANSWERS[2])
        assert r.stored() == before, "nothing can be written while the other writer holds the lock"
        unsaved = [t.index for t in r.session.turns[len(before):]]
        assert r.recorder.pending and [t.index for t in r.recorder.pending] == unsaved
        assert r.journal_turns() == unsaved  # on disk too, in case the process dies now
        assert r.recorder.journal is not None and r.recorder.journal.parent == r.data_dir / "recovery"
        assert len(r.notices) == 1 and "locked by another program" in r.notices[0] and str(r.recorder.journal) in r.notices[0]
        # Each turn said while locked costs one blocked write (the oldest kept-aside turn, retried), never one per
        # kept-aside turn: so a turn waits one busy timeout at most (with retry_after_s=0 here, every turn retries).
        assert tries == [unsaved[0]] * len(unsaved), f"blocked writes per turn: {tries} for turns {unsaved}"
    finally:
        other.execute("ROLLBACK")
        other.close()

    await r.answer(ANSWERS[3])  # the lock is gone: pending turns go in first, in order, then this one
    r.assert_all_saved_once()
    assert r.recorder.journal is None and not list((r.data_dir / "recovery").iterdir())
    assert "accepts writes again" in r.notices[-1]


async def test_disk_full_mid_round_then_space_returns(catalog: Catalog, tmp_path: Path, private_tmp: Path) -> None:
    with tmpfs(tmp_path / "small", "1m") as small:
        r = Round(catalog, small / "data")
        await r.open()
        await r.answer(ANSWERS[0])
        before = r.stored()
        filler = fill(small)
        big = "I measured it carefully. " * 8000  # 200 kB: the WAL must grow, and there is no byte left
        await r.answer(big, seconds=60.0)  # pasted, not spoken: the round is not over
        await r.answer(ANSWERS[1])
        assert r.stored() == before
        assert r.recorder.pending and "disk is full" in r.notices[0]
        # the data dir is full too: the journal went to the next place, on another file system
        assert r.recorder.journal is not None and r.recorder.journal.parent == private_tmp / "interview-sim-recovery"
        assert r.journal_turns() == [t.index for t in r.recorder.pending]
        assert json.loads(r.recorder.journal.read_text().splitlines()[0])["turn"]["text"] == big

        filler.unlink()  # space returns
        await r.answer(ANSWERS[2])
        r.assert_all_saved_once()
        assert any(text == big for _, text in r.stored())
        assert not r.recorder.journal and not list((private_tmp / "interview-sim-recovery").iterdir())
        r.store.close()
        with Store(small / "data" / "interview-sim.db") as again:  # reopened from disk: still sound
            assert again.integrity_check() == "ok"


async def test_data_dir_turning_read_only_mid_round_loses_nothing(catalog: Catalog, tmp_path: Path, private_tmp: Path) -> None:
    """An open database keeps its files open: the round goes on saving; a new writer is refused clearly.

    (Linux refuses to remount a file system read-only while a file on it is open for
    writing, so "read-only under a running round" means the path, as here, not the open files.)
    """
    data = tmp_path / "data"
    r = Round(catalog, data)
    await r.open()
    await r.answer(ANSWERS[0])
    with read_only(data):
        # A second program cannot write here now (SQLite quietly opens it read-only; the write says so).
        with Store(data / "interview-sim.db") as second, pytest.raises(sqlite3.OperationalError, match="readonly"):
            second.create_session(candidate="B", loop="l", level=None, model="m", mode="text", config={})
        with pytest.raises(OSError):
            (data / "probe").write_text("x")  # the path really is read-only, even for root
        await r.answer(ANSWERS[1])
        await r.answer(ANSWERS[2])
        r.assert_all_saved_once()
        assert not r.notices
    r.recorder.require_saved()
    r.assert_all_saved_once()


async def test_turns_left_in_a_recovery_file_are_saved_by_replay_exactly_once(catalog: Catalog, tmp_path: Path) -> None:
    """The process ended while the database still refused writes: the journal is all there is."""
    r = Round(catalog, tmp_path / "data", busy_timeout_ms=100)
    await r.open()
    other = sqlite3.connect(r.store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    await r.answer(ANSWERS[0])
    await r.answer(ANSWERS[1])
    journal = r.recorder.journal
    assert journal is not None
    with journal.open("a") as handle:
        handle.write('{"session_id": "torn line from a kill mid-wri')  # a torn last line is skipped
    other.execute("ROLLBACK")
    other.close()
    expected = [(t.index, t.text) for t in r.session.turns]
    r.store.close()

    with Store(tmp_path / "data" / "interview-sim.db") as store:
        added = replay_recovery(store, r.session_id, tmp_path / "data")
        assert added == len(expected) - 2  # the greeting and first question were saved before the lock
        assert not journal.exists()
        assert replay_recovery(store, r.session_id, tmp_path / "data") == 0
        rows = store.conn.execute("SELECT idx, text FROM turns WHERE round_row = ? ORDER BY idx", (r.row,)).fetchall()
        assert [tuple(row) for row in rows] == expected
        assert store.integrity_check() == "ok"


async def test_resuming_in_the_app_saves_the_recovery_file_first(catalog: Catalog, tmp_path: Path) -> None:
    """The app resumes through RoundService.resume_at, which replays the journal as `interview-sim resume` does: the
    turns the locked database refused are in the round the candidate goes back to (the app skipped them before)."""
    r = Round(catalog, tmp_path / "data", busy_timeout_ms=100)
    await r.open()
    other = sqlite3.connect(r.store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    await r.answer(ANSWERS[0])
    other.execute("ROLLBACK")
    other.close()
    expected = [(t.index, t.text) for t in r.session.turns]
    r.store.close()

    with Store(tmp_path / "data" / "interview-sim.db") as store:
        rounds = RoundService(settings=Settings(data_dir=tmp_path / "data"), catalog=catalog, store=store, llm=None)
        recovered, index = rounds.resume_at(r.session_id, ["hiring-manager", "take-home"])
        assert (recovered, index) == (len(expected) - 2, 0)  # the greeting and first question were saved before
        assert [(t.index, t.text) for t in store.load_session(r.session_id).rounds[0].turns] == expected


# ----------------------------------------------------------------- the real command


def cli(data_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "simulator", "--data-dir", str(data_dir), *args]


def dead_provider_env(tmp: Path) -> dict[str, str]:
    """The fast canned path: a provider on a closed port, no embedded fallback."""
    return {
        **os.environ,
        "INTERVIEW_SIM_MODELS_DIR": str(Settings().models_dir),
        "INTERVIEW_SIM_LLM__MODEL": "openai/x",
        "INTERVIEW_SIM_LLM__API_BASE": "http://127.0.0.1:9/v1",
        "INTERVIEW_SIM_LLM__API_KEY": "unused-key",
        "INTERVIEW_SIM_LLM__FALLBACK_TO_EMBEDDED": "false",
        "INTERVIEW_SIM_LLM__RETRIES": "0",
        "TMPDIR": str(tmp),
    }


def run_cmd(data_dir: Path, answers: Path, env: dict[str, str], *extra: str) -> subprocess.CompletedProcess[str]:
    args = cli(data_dir, "run", "--loop", "canva-mle", "--round", "hiring-manager", "--answers", str(answers), "--seed", "3", *extra)
    return subprocess.run(args, capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture()
def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "answers.txt"
    path.write_text("\n\n".join(ANSWERS) + "\n")
    return path


@pytest.mark.slow
def test_run_on_a_full_disk_and_a_read_only_dir_fails_clearly_without_damage(
    tmp_path: Path, answers_file: Path, private_tmp: Path
) -> None:
    env = dead_provider_env(private_tmp)
    with tmpfs(tmp_path / "small", "2m") as small:
        data = small / "data"
        assert run_cmd(data, answers_file, env).returncode == 0  # a database with one session
        filler = fill(small)
        full = run_cmd(data, answers_file, env)
        assert full.returncode == 1, full.stderr
        assert "Traceback" not in full.stderr and "error:" in full.stderr and "disk is full" in full.stderr, full.stderr
        filler.unlink()
        with Store(data / "interview-sim.db") as store:
            assert store.integrity_check() == "ok"
            assert all(s.status == "completed" for s in store.list_sessions())

        with read_only(data):
            ro = run_cmd(data, answers_file, env)
        assert ro.returncode == 1
        assert "Traceback" not in ro.stderr and "error:" in ro.stderr and "read-only" in ro.stderr, ro.stderr
        with Store(data / "interview-sim.db") as store:
            assert store.integrity_check() == "ok"


@pytest.mark.slow
def test_run_while_another_program_holds_the_lock_then_resume_saves_the_recovery_file(
    tmp_path: Path, answers_file: Path, private_tmp: Path
) -> None:
    """The lock is taken mid-run and held to the end: clear error, recovery file, `resume` saves it all once."""
    env = dead_provider_env(private_tmp)
    data = tmp_path / "data"
    db = data / "interview-sim.db"
    proc = subprocess.Popen(
        cli(data, "run", "--loop", "canva-mle", "--round", "hiring-manager", "--answers", str(answers_file), "--seed", "3", "--json"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    other: sqlite3.Connection | None = None
    deadline = time.monotonic() + 300  # generous: on a busy machine a run takes minutes to store 3 turns
    while time.monotonic() < deadline:
        try:
            # Count without the write lock: polling with BEGIN IMMEDIATE every 10 ms starved the run's own
            # writes past their busy timeout on a loaded machine (its turns went to the journal instead).
            conn = sqlite3.connect(db, isolation_level=None, timeout=10)
            if conn.execute("SELECT count(*) FROM turns").fetchone()[0] >= 3:
                conn.execute("BEGIN IMMEDIATE")
                other = conn  # keep it: the writer is locked out from here on
                break
            conn.close()
        except sqlite3.OperationalError:
            pass
        time.sleep(0.01)
    assert other is not None, "the run never stored its first turns"
    try:
        stdout, stderr = proc.communicate(timeout=120)
        stored_while_locked = other.execute("SELECT count(*) FROM turns").fetchone()[0]
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert proc.returncode == 1 and not stdout
    assert "Traceback" not in stderr
    assert "warning: Could not save turn" in stderr and "locked by another program" in stderr
    assert "interview-sim resume" in stderr and JOURNAL_SUFFIX in stderr, stderr
    journals = list((data / "recovery").glob(f"*{JOURNAL_SUFFIX}"))
    assert len(journals) == 1
    in_journal = [json.loads(line)["turn"]["index"] for line in journals[0].read_text().splitlines()]
    assert in_journal == list(range(stored_while_locked, stored_while_locked + len(in_journal)))

    session_id = journals[0].name.split("-r")[0]
    resumed = subprocess.run(cli(data, "resume", session_id, "--answers", str(answers_file), "--json"),
                             capture_output=True, text=True, env=env, timeout=120)  # fmt: skip
    assert resumed.returncode == 0, resumed.stderr
    assert "saved" in resumed.stderr and "recovery file" in resumed.stderr
    assert not journals[0].exists()
    # the same run, never interrupted, in a fresh data dir: the resumed transcript must equal it
    reference = run_cmd(tmp_path / "reference", answers_file, env, "--json")
    expected = [(t["kind"], t["text"]) for t in json.loads(reference.stdout)["turns"]]
    with Store(db) as store:
        record = store.load_session(session_id)
        assert record.status == "completed" and store.integrity_check() == "ok"
        turns = record.rounds[0].turns
        assert [t.index for t in turns] == list(range(len(turns)))
        assert [(t.kind.value, t.text) for t in turns] == expected
        assert sum(1 for t in turns if t.speaker is Speaker.CANDIDATE and t.text in ANSWERS) == len(ANSWERS)


def test_recorder_never_loses_a_turn_when_no_recovery_file_can_be_written(catalog: Catalog, tmp_path: Path) -> None:
    """Last resort: memory. The turn is still retried and saved once the database takes writes."""
    store = Store(tmp_path / "db" / "x.db", busy_timeout_ms=50)
    sid = store.create_session(candidate="A", loop="l", level=None, model="m", mode="text", config={})
    row = store.start_round(sid, round_id="r", persona="p", seed=None)
    notices: list[str] = []
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("a file where a directory should be")
    recorder = TurnRecorder(store, row, session_id=sid, data_dir=blocked, on_notice=notices.append, retry_after_s=0.0)
    recorder.dirs = [blocked / "recovery"]  # the only place offered cannot hold a file
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    turn = Turn(index=0, speaker=Speaker.CANDIDATE, kind="answer", text="kept in memory", t_start=0.0, t_end=1.0)  # type: ignore[arg-type]
    recorder(turn)
    assert recorder.journal is None and recorder.pending == [turn] and "memory only" in notices[0]
    other.execute("ROLLBACK")
    other.close()
    recorder.require_saved()
    assert [r[0] for r in store.conn.execute("SELECT text FROM turns")] == ["kept in memory"]

"""RoundService: the one place a round is created, started, recorded, scored and ended (no model: canned probes)."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

import pytest

from simulator.catalog import Catalog, load_catalog
from simulator.config import PROJECT_ROOT, Settings
from simulator.engine.clock import SimulatedClock
from simulator.engine.turns import Speaker, Turn, TurnKind
from simulator.interview.lifecycle import BackgroundRecorder, RoundService
from simulator.store import Store
from simulator.store.recovery import TurnRecorder


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


def service(catalog: Catalog, store: Store, tmp_path: Path) -> RoundService:
    return RoundService(settings=Settings(data_dir=tmp_path), catalog=catalog, store=store, llm=None)


async def play(run, answers: list[str]) -> None:  # noqa: ANN001
    async for _ in run.begin():
        pass
    for text in answers:
        async for _ in run.session.answer(text, t_start=run.session.engine.elapsed(), t_end=run.session.engine.elapsed() + 20):
            pass


def test_a_round_from_creation_to_its_score(catalog: Catalog, tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite") as store:
        rounds = service(catalog, store, tmp_path)
        sid = rounds.create_session(candidate="Dana", loop_id="canva-mle", level=None, mode="typing")
        run = rounds.open_round(sid, "hiring-manager", candidate="Dana", clock=SimulatedClock(), seed=2, background=True)
        asyncio.run(play(run, ["I led the ranking rewrite; click-through rose from 4.1% to 4.6% in an A/B test."]))
        score = rounds.close_round(run, notes="remember the baseline")
        record = store.load_session(sid)
        (stored,) = record.rounds
        assert stored.status == "completed" and stored.score == score
        assert [t.text for t in stored.turns] == [t.text for t in run.session.turns]
        assert [n.text for n in record.notes] == ["remember the baseline"]
        rounds.end_session(sid, "completed")
        assert rounds.resume_at(sid, ["hiring-manager", "take-home"]) == (0, 1)


def test_reopening_a_round_restores_its_turns(catalog: Catalog, tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite") as store:
        rounds = service(catalog, store, tmp_path)
        sid = rounds.create_session(candidate="Dana", loop_id="canva-mle", level=None, mode="typing")
        first = rounds.open_round(sid, "hiring-manager", candidate="Dana", clock=SimulatedClock(), seed=2)
        asyncio.run(play(first, ["We shipped a model."]))
        again = rounds.open_round(sid, "hiring-manager", candidate="Dana", clock=SimulatedClock(), seed=2)
        assert again.round_row == first.round_row
        assert [t.text for t in again.restored] == [t.text for t in first.session.turns]


def test_the_background_writer_keeps_order_and_close_round_waits_for_it(tmp_path: Path) -> None:
    """Turns handed over faster than they are written still land in order, all before scoring reads them."""
    with Store(tmp_path / "db.sqlite") as store:
        sid = store.create_session(candidate="A", loop="l", level=None, model="m", mode="text", config={})
        row = store.start_round(sid, round_id="r", persona="p", seed=None)
        writer = BackgroundRecorder(TurnRecorder(store, row, session_id=sid, data_dir=tmp_path))
        gate = threading.Event()
        other = sqlite3.connect(store.path, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")  # another writer for a moment: the turns queue behind it

        def let_go() -> None:
            gate.set()
            other.rollback()

        threading.Timer(0.3, let_go).start()
        for i in range(20):
            writer(Turn(index=i, speaker=Speaker.CANDIDATE, kind=TurnKind.ANSWER, text=f"turn {i}", t_start=i, t_end=i + 1))
        writer.require_saved()
        assert gate.is_set()
        assert [t.index for t in store.load_session(sid).rounds[0].turns] == list(range(20))
        writer.close(wait_s=10)
        other.close()


def test_a_round_the_database_will_not_start_goes_on_unsaved(catalog: Catalog, tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite"
    with Store(db, busy_timeout_ms=100) as store:
        rounds = service(catalog, store, tmp_path)
        sid = rounds.create_session(candidate="Dana", loop_id="canva-mle", level=None, mode="typing")
        other = sqlite3.connect(db, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(sqlite3.OperationalError):
            rounds.open_round(sid, "hiring-manager", candidate="Dana", clock=SimulatedClock())
        run = rounds.unsaved_round(sid, "canva-mle", "hiring-manager", candidate="Dana", clock=SimulatedClock())
        asyncio.run(play(run, ["An answer that is not saved."]))
        rounds.finish_recording(run)  # nothing to wait for
        assert run.recorder is None and any(t.speaker is Speaker.CANDIDATE for t in run.session.turns)
        other.rollback()
        other.close()

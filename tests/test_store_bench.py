"""Smoke test of the store benchmark at a small size (the 10,000-session run is `interview-sim bench store`)."""

from __future__ import annotations

import json
from pathlib import Path

from simulator.store import Store
from simulator.bench.store import StoreBenchResult, run_store_bench


def test_small_store_bench_measures_real_work(tmp_path: Path) -> None:
    db = tmp_path / "bench.db"
    lines: list[str] = []
    result = run_store_bench(40, turns_per_round=10, rounds_per_session=3, path=db, searches=12, loads=8, inserts=20,
                             progress=lines.append)
    assert isinstance(result, StoreBenchResult)
    assert result.sessions == 40
    assert result.turns == 40 * 3 * 10
    assert result.search.samples == 12 and result.load_session.samples == 8 and result.insert_with_reader.samples == 20
    assert result.turns_per_loaded_session == 30
    assert result.search_hits_median > 0
    assert result.reader_held_snapshot is True
    assert 0 < result.insert_with_reader.median_ms <= result.insert_with_reader.p95_ms <= result.insert_with_reader.max_ms
    assert result.goals_met == (result.search.median_ms <= 50 and result.load_session.median_ms <= 50
                                and result.insert_with_reader.median_ms <= 5)
    assert any(line.startswith("generating 40 sessions") for line in lines)
    assert json.loads(result.model_dump_json())["turns"] == 1200
    assert "full-text search" in result.summary()
    with Store(db) as store:  # the generated database is a normal, consistent store
        assert store.integrity_check() == "ok"
        sid = store.list_sessions(candidate="Candidate 000", limit=1)[0].id
        record = store.load_session(sid)
        assert [r.round_id for r in record.rounds] == ["coding", "ml-system-design", "ml-breadth"]
        assert record.rounds[0].score is not None
        assert len(store.search_turns("latency", limit=5)) == 5
        # the insert phase's session is removed again (with its turns and their index entries)
        assert store.conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 40
        assert store.conn.execute("SELECT count(*) FROM turns").fetchone()[0] == 1200
        store.conn.execute("INSERT INTO turns_fts(turns_fts, rank) VALUES ('integrity-check', 1)")

    reused = run_store_bench(40, turns_per_round=10, rounds_per_session=3, path=db, reuse=True, searches=2, loads=2, inserts=2)
    assert reused.reused is True and reused.generate_s == 0 and reused.turns == 1200
    rebuilt = run_store_bench(40, turns_per_round=10, rounds_per_session=3, path=db, reuse=False, searches=2, loads=2, inserts=2)
    assert rebuilt.reused is False and rebuilt.turns == 1200  # rebuilt from scratch, not appended

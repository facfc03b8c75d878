"""Schema versions: a fresh database, an upgrade of the committed version-1 fixture, and refusals."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from simulator.store import LATEST_VERSION, MIGRATIONS, SchemaError, Store
from simulator.store.schema import migrate, schema_version

FIXTURE_V1 = Path(__file__).parent / "data" / "store_v1.db"
FIXTURE_SESSION = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"


def test_migrations_are_numbered_in_order() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))
    assert LATEST_VERSION >= 2


def test_fresh_database_is_latest_and_wal(tmp_path: Path) -> None:
    with Store(tmp_path / "new.db") as store:
        assert store.version == LATEST_VERSION
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
        history = store.conn.execute("SELECT version FROM schema_history ORDER BY version").fetchall()
        assert [r[0] for r in history] == list(range(1, LATEST_VERSION + 1))


def test_fixture_is_really_version_1() -> None:
    conn = sqlite3.connect(f"file:{FIXTURE_V1}?mode=ro", uri=True)
    assert schema_version(conn) == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "coach_notes" not in tables and "turns_fts" not in tables
    conn.close()


def test_upgrading_the_v1_fixture_keeps_its_data(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    shutil.copy(FIXTURE_V1, db)
    with Store(db) as store:
        assert store.version == LATEST_VERSION
        record = store.load_session(FIXTURE_SESSION)
        assert record.candidate == "Alan Turing"
        assert record.status == "completed"
        assert record.config == {"llm": {"model": "embedded"}}
        (rnd,) = record.rounds
        assert (rnd.round_id, rnd.persona, rnd.seed) == ("ml-system-design", "staff-skeptic", 7)
        assert [t.index for t in rnd.turns] == [0, 1, 2, 3, 4]
        assert rnd.turns[1].metrics is not None and rnd.turns[1].metrics.filler_count == 2
        assert rnd.score is not None and rnd.score.weighted == 3.0
        assert [c.criterion for c in rnd.score.criteria] == ["problem_framing", "evaluation", "serving"]
        # Version 2 indexed the turns that version 1 held.
        hits = store.search_turns("neighbour")
        assert [(h.session_id, h.turn_index) for h in hits] == [(FIXTURE_SESSION, 1)]
        # ...and the new tables work on the old data.
        store.add_note(FIXTURE_SESSION, "Upgraded fine", coach="qa")
        store.override_level(FIXTURE_SESSION, "ml-system-design", "serving", 2, "said ANN latency")
        assert store.load_session(FIXTURE_SESSION).effective_level("ml-system-design", "serving") == 2
        assert store.integrity_check() == "ok"
    # Opening again applies nothing more.
    conn = sqlite3.connect(db, isolation_level=None)
    assert migrate(conn) == []
    conn.close()


def test_a_newer_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "future.db"
    Store(db).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    with pytest.raises(SchemaError, match="newer"):
        Store(db)


def test_readonly_does_not_upgrade(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    shutil.copy(FIXTURE_V1, db)
    with pytest.raises(SchemaError, match="read-write"):
        Store(db, readonly=True)
    assert schema_version(sqlite3.connect(db)) == 1


def test_failed_migration_leaves_previous_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A migration is all-or-nothing: one bad statement rolls the whole step back."""
    from simulator.store import schema

    db = tmp_path / "old.db"
    shutil.copy(FIXTURE_V1, db)
    broken = schema.Migration(2, "broken", (*schema.MIGRATIONS[1].statements[:3], "CREATE TABLE nonsense ("))
    monkeypatch.setattr(schema, "MIGRATIONS", (schema.MIGRATIONS[0], broken))
    conn = sqlite3.connect(db, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        schema.migrate(conn)
    assert schema_version(conn) == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "coach_notes" not in tables
    conn.close()

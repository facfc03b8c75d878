"""Schema versions: a fresh database, upgrades of the committed version-1 and version-2 fixtures, and refusals."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from simulator.store import LATEST_VERSION, MIGRATIONS, SchemaError, Store
from simulator.store.schema import migrate, schema_version

FIXTURE_V1 = Path(__file__).parent / "data" / "store_v1.db"
FIXTURE_V2 = Path(__file__).parent / "data" / "store_v2.db"
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
    """A migration is all-or-nothing: one bad statement after all of migration 2's work rolls the step back."""
    from simulator.store import schema

    db = tmp_path / "old.db"
    shutil.copy(FIXTURE_V1, db)

    real_v2 = schema.MIGRATIONS[1].apply

    def broken_v2(database: Any) -> None:
        real_v2(database)
        database.execute("CREATE TABLE nonsense (")

    monkeypatch.setattr(schema, "MIGRATIONS", (schema.MIGRATIONS[0], schema.Migration(2, "broken", broken_v2)))
    conn = sqlite3.connect(db, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        schema.migrate(conn)
    assert schema_version(conn) == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "coach_notes" not in tables
    conn.close()


def test_a_failed_fts_migration_keeps_the_old_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """sqlite-utils' FTS set-up runs scripts; inside the migration's transaction they must roll back too."""
    from simulator.store import schema

    db = tmp_path / "v2.db"
    shutil.copy(FIXTURE_V2, db)

    real_v3 = schema.MIGRATIONS[2].apply

    def broken_v3(database: Any) -> None:
        real_v3(database)
        database.execute("CREATE TABLE nonsense (")

    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS[:2], schema.Migration(3, "broken", broken_v3)))
    conn = sqlite3.connect(db, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        schema.migrate(conn)
    assert schema_version(conn) == 2
    assert set(objects(conn, "trigger")) == set(HAND_MADE_TRIGGERS)
    assert "coach_notes_fts" not in objects(conn, "table")
    conn.close()


# ----------------------------------------------------------------- the same schema, however it was reached


def objects(conn: sqlite3.Connection, kind: str) -> list[str]:
    return sorted(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = ?", (kind,)))


def schema_facts(conn: sqlite3.Connection) -> dict[str, Any]:
    """What a table means, not how its SQL was spelled: columns, keys, uniqueness, indexes, triggers.

    A UNIQUE column constraint and a unique index are the same fact here (both are a unique
    column set); so are `REAL` and `FLOAT`-free spellings of one type.
    """
    facts: dict[str, Any] = {}
    for table in objects(conn, "table"):
        if table.startswith("sqlite_"):
            continue
        columns = [tuple(r)[1:] for r in conn.execute(f'PRAGMA table_info("{table}")')]
        keys = sorted(tuple(r)[2:7] for r in conn.execute(f'PRAGMA foreign_key_list("{table}")'))
        unique, plain = [], []
        for index in conn.execute(f'PRAGMA index_list("{table}")'):
            name, is_unique, origin, partial = index[1], index[2], index[3], index[4]
            if origin == "pk":
                continue
            cols = tuple(r[2] for r in conn.execute(f'PRAGMA index_info("{name}")'))
            (unique if is_unique else plain).append((cols, bool(partial)))
        facts[table] = {"columns": columns, "foreign_keys": keys, "unique": sorted(unique), "indexes": sorted(plain)}
    facts["triggers"] = objects(conn, "trigger")
    return facts


HAND_MADE_TRIGGERS = ("turns_fts_insert", "turns_fts_delete", "turns_fts_update",
                      "notes_fts_insert", "notes_fts_delete", "notes_fts_update")  # fmt: skip


def test_migration_1_still_builds_the_schema_it_shipped_with(tmp_path: Path) -> None:
    """Migration 1 is written with sqlite-utils now; it must make what the committed v1 fixture has."""
    fresh = sqlite3.connect(tmp_path / "fresh.db", isolation_level=None)
    migrate(fresh, target=1)
    shipped = sqlite3.connect(f"file:{FIXTURE_V1}?mode=ro", uri=True)
    assert schema_facts(fresh) == schema_facts(shipped)
    fresh.close()
    shipped.close()


def test_upgrading_a_v2_database_with_hand_made_fts(tmp_path: Path) -> None:
    """The v2 fixture's FTS was written by hand; version 3 replaces it, keeps the data, and matches a fresh database."""
    db = tmp_path / "v2.db"
    shutil.copy(FIXTURE_V2, db)
    conn = sqlite3.connect(db)
    assert set(HAND_MADE_TRIGGERS) <= set(objects(conn, "trigger")) and "notes_fts" in objects(conn, "table")
    conn.close()
    with Store(db) as store:
        assert store.version == LATEST_VERSION
        assert [(h.session_id, h.turn_index) for h in store.search_turns("neighbour")] == [(FIXTURE_SESSION, 1)]
        assert [h.coach for h in store.search_notes("rollback")] == ["Grace"]
        assert store.load_session(FIXTURE_SESSION).effective_level("ml-system-design", "serving") == 2
        # The new triggers keep both indexes in step with later writes.
        store.add_note(FIXTURE_SESSION, "asked about the canary", coach="qa")
        assert [h.coach for h in store.search_notes("canary")] == ["qa"]
        for table in ("turns_fts", "coach_notes_fts"):
            store.conn.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")
        assert store.integrity_check() == "ok"
        upgraded = schema_facts(store.conn)
    with Store(tmp_path / "fresh.db") as fresh:
        assert {k: v for k, v in upgraded.items() if k in {"triggers", "turns_fts", "coach_notes_fts"}} == {
            k: v for k, v in schema_facts(fresh.conn).items() if k in {"triggers", "turns_fts", "coach_notes_fts"}
        }
    assert not set(HAND_MADE_TRIGGERS) & set(upgraded["triggers"])
    assert "notes_fts" not in upgraded


@pytest.mark.parametrize("fixture", [FIXTURE_V1, FIXTURE_V2], ids=["v1", "v2"])
def test_upgraded_fixtures_keep_what_whisper_heard(tmp_path: Path, fixture: Path) -> None:
    """Both upgrade paths reach the raw-text migration after the FTS one: old turns have none, new ones keep it."""
    from simulator.engine.turns import Speaker, Turn, TurnKind

    db = tmp_path / "old.db"
    shutil.copy(fixture, db)
    with Store(db) as store:
        assert store.version == LATEST_VERSION
        history = store.conn.execute("SELECT version, description FROM schema_history ORDER BY version").fetchall()
        assert [v for v, _ in history] == list(range(1, LATEST_VERSION + 1))
        assert "full-text search" in history[2][1] and "raw Whisper text" in history[3][1]
        (rnd,) = store.load_session(FIXTURE_SESSION).rounds
        assert rnd.turns and all(t.raw_text is None for t in rnd.turns)
        assert rnd.row is not None
        heard = "We moved the rancor to Kubernetes."
        store.add_turn(rnd.row, Turn(index=len(rnd.turns), speaker=Speaker.CANDIDATE, kind=TurnKind.ANSWER,
                                     text="We moved the ranker to Kubernetes.", t_start=100, t_end=104, raw_text=heard))  # fmt: skip
        assert store.load_session(FIXTURE_SESSION).rounds[0].turns[-1].raw_text == heard
        assert len(rnd.turns) in [h.turn_index for h in store.search_turns("ranker")]  # the FTS triggers still fire
        assert store.search_turns("rancor") == []

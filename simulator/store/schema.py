"""The database schema as an ordered list of migrations, and the code that applies them.

The schema version lives in `PRAGMA user_version`; migration N moves a database
from version N-1 to N. A migration is a tuple of single SQL statements (not a
script) so it can run inside one `BEGIN IMMEDIATE` transaction: a crash half-way
through leaves the database at the previous version, never in between.

Never edit a migration that has shipped: append a new one. tests/data/store_v1.db
is a database made by migration 1 alone, and the test suite upgrades it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


# Version 1: what a run records. Candidates, sessions, rounds, turns, machine scores.
_V1 = (
    """
    CREATE TABLE schema_history (
        version INTEGER PRIMARY KEY,
        description TEXT NOT NULL,
        applied_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE candidates (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        candidate_id INTEGER NOT NULL REFERENCES candidates(id),
        loop TEXT NOT NULL,
        level TEXT,
        model TEXT NOT NULL,
        mode TEXT NOT NULL,
        config_json TEXT NOT NULL DEFAULT '{}',
        status TEXT NOT NULL DEFAULT 'running',
        started_at TEXT NOT NULL,
        ended_at TEXT
    )
    """,
    "CREATE INDEX sessions_by_candidate ON sessions(candidate_id, started_at)",
    "CREATE INDEX sessions_by_started ON sessions(started_at)",
    """
    CREATE TABLE rounds (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        round_id TEXT NOT NULL,
        persona TEXT NOT NULL,
        seed INTEGER,
        status TEXT NOT NULL DEFAULT 'running',
        started_at TEXT NOT NULL,
        ended_at TEXT,
        UNIQUE (session_id, round_id)
    )
    """,
    """
    CREATE TABLE turns (
        id INTEGER PRIMARY KEY,
        round_row INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        speaker TEXT NOT NULL,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        t_start REAL NOT NULL,
        t_end REAL NOT NULL,
        question_id TEXT,
        criterion TEXT,
        latency_s REAL,
        source TEXT,
        audio_path TEXT,
        metrics_json TEXT,
        recorded_at TEXT NOT NULL,
        UNIQUE (round_row, idx)
    )
    """,
    "CREATE INDEX turns_by_question ON turns(question_id) WHERE question_id IS NOT NULL",
    """
    CREATE TABLE scores (
        id INTEGER PRIMARY KEY,
        round_row INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
        loop TEXT NOT NULL,
        round TEXT NOT NULL,
        weighted REAL,
        band TEXT NOT NULL,
        rationale TEXT NOT NULL,
        scorer TEXT NOT NULL,
        scorer_version TEXT NOT NULL,
        scorer_model TEXT,
        rubric_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        stored_at TEXT NOT NULL,
        score_json TEXT NOT NULL
    )
    """,
    "CREATE INDEX scores_by_round ON scores(round_row, id)",
    """
    CREATE TABLE criterion_results (
        id INTEGER PRIMARY KEY,
        score_id INTEGER NOT NULL REFERENCES scores(id) ON DELETE CASCADE,
        criterion TEXT NOT NULL,
        weight REAL NOT NULL,
        level INTEGER,
        decided_by TEXT NOT NULL,
        unverified INTEGER NOT NULL DEFAULT 0,
        missing TEXT NOT NULL DEFAULT '',
        evidence_json TEXT NOT NULL DEFAULT '[]',
        checks_json TEXT NOT NULL DEFAULT '[]'
    )
    """,
    "CREATE INDEX criterion_results_by_score ON criterion_results(score_id)",
    "CREATE INDEX criterion_results_by_criterion ON criterion_results(criterion)",
)

# Version 2: coach review (notes, level overrides kept apart from machine scores)
# and full-text search over turns and notes, kept in sync by triggers.
_FTS_TOKENIZER = "porter unicode61 remove_diacritics 2"
_V2 = (
    """
    CREATE TABLE coach_notes (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        round_id TEXT,
        turn_index INTEGER,
        coach TEXT NOT NULL,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX coach_notes_by_session ON coach_notes(session_id, id)",
    """
    CREATE TABLE coach_overrides (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        round_id TEXT NOT NULL,
        criterion TEXT NOT NULL,
        level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        coach TEXT NOT NULL,
        created_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX coach_overrides_by_session ON coach_overrides(session_id, id)",
    f"CREATE VIRTUAL TABLE turns_fts USING fts5(text, content='turns', content_rowid='id', tokenize='{_FTS_TOKENIZER}')",
    """
    CREATE TRIGGER turns_fts_insert AFTER INSERT ON turns BEGIN
        INSERT INTO turns_fts(rowid, text) VALUES (new.id, new.text);
    END
    """,
    """
    CREATE TRIGGER turns_fts_delete AFTER DELETE ON turns BEGIN
        INSERT INTO turns_fts(turns_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END
    """,
    """
    CREATE TRIGGER turns_fts_update AFTER UPDATE OF text ON turns BEGIN
        INSERT INTO turns_fts(turns_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO turns_fts(rowid, text) VALUES (new.id, new.text);
    END
    """,
    f"CREATE VIRTUAL TABLE notes_fts USING fts5(text, content='coach_notes', content_rowid='id', tokenize='{_FTS_TOKENIZER}')",
    """
    CREATE TRIGGER notes_fts_insert AFTER INSERT ON coach_notes BEGIN
        INSERT INTO notes_fts(rowid, text) VALUES (new.id, new.text);
    END
    """,
    """
    CREATE TRIGGER notes_fts_delete AFTER DELETE ON coach_notes BEGIN
        INSERT INTO notes_fts(notes_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END
    """,
    """
    CREATE TRIGGER notes_fts_update AFTER UPDATE OF text ON coach_notes BEGIN
        INSERT INTO notes_fts(notes_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO notes_fts(rowid, text) VALUES (new.id, new.text);
    END
    """,
    # Index what a version-1 database already holds.
    "INSERT INTO turns_fts(turns_fts) VALUES ('rebuild')",
    "INSERT INTO notes_fts(notes_fts) VALUES ('rebuild')",
)

# Version 3: a voice answer's text as Whisper heard it, beside the text the domain correction
# made of it (turns.text). NULL for typed answers and for answers nothing was corrected in.
_V3 = ("ALTER TABLE turns ADD COLUMN raw_text TEXT",)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "sessions, rounds, turns, machine scores", _V1),
    Migration(2, "coach notes and overrides; FTS5 over turns and notes", _V2),
    Migration(3, "raw Whisper text of corrected voice answers", _V3),
)

LATEST_VERSION = MIGRATIONS[-1].version


class SchemaError(Exception):
    """The database cannot be used by this version of interview-sim."""


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, target: int = LATEST_VERSION) -> list[int]:
    """Apply every migration above the database's version up to `target`; return those applied.

    `conn` must be in autocommit mode (isolation_level=None). Each migration runs
    in its own IMMEDIATE transaction and re-reads the version inside it, so two
    processes opening an old database at once do not both migrate it.
    """
    applied: list[int] = []
    for migration in MIGRATIONS:
        if migration.version > target:
            break
        if schema_version(conn) >= migration.version:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = schema_version(conn)
            if current >= migration.version:
                conn.execute("ROLLBACK")
                continue
            if current != migration.version - 1:
                raise SchemaError(f"database is at schema version {current}, cannot apply migration {migration.version}")
            for statement in migration.statements:
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_history (version, description, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.description, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            conn.execute(f"PRAGMA user_version = {migration.version:d}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        applied.append(migration.version)
    return applied

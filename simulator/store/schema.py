"""The database schema as an ordered list of migrations, and the code that applies them.

The schema version lives in `PRAGMA user_version`; migration N moves a database
from version N-1 to N. Each migration runs inside one `BEGIN IMMEDIATE`
transaction (sqlite-utils keeps its statements inside a caller's transaction), so
a crash half-way through leaves the database at the previous version.

Tables, indexes and the full-text search (FTS5 tables and the triggers that keep
them in sync) are made by sqlite-utils. SQL is written here only for what it has
no public way to say: CHECK constraints and a partial index.

A shipped migration must keep building the same schema: tests compare a fresh
version 1 with tests/data/store_v1.db (made by migration 1 as first written) and
upgrade tests/data/store_v2.db (whose FTS migration 2 once wrote by hand).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlite_utils import Database
from sqlite_utils.db import ForeignKey, Table

FTS_TOKENIZER = "porter unicode61 remove_diacritics 2"
FTS_TABLES = {"turns": "turns_fts", "coach_notes": "coach_notes_fts"}
"""The searchable table -> its FTS5 index, named by sqlite-utils (`<table>_fts`)."""


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Database], None]


def database(conn: sqlite3.Connection) -> Database:
    """sqlite-utils over the store's own connection (plugins off: nothing outside the package touches it)."""
    return Database(conn, execute_plugins=False)


def _cascade(table: str, column: str, other: str) -> ForeignKey:
    return ForeignKey(table, column, other, "id", on_delete="CASCADE")


def _index(table: Table, columns: list[str], name: str, *, unique: bool = False) -> None:
    table.create_index(columns, index_name=name, unique=unique)


def _v1(db: Database) -> None:
    """What a run records: candidates, sessions, rounds, turns, machine scores."""
    db["schema_history"].create(
        {"version": int, "description": str, "applied_at": str}, pk="version", not_null={"description", "applied_at"}
    )
    candidates = db["candidates"].create({"id": int, "name": str, "created_at": str}, pk="id", not_null={"name", "created_at"})
    _index(candidates, ["name"], "candidates_by_name", unique=True)
    sessions = db["sessions"].create(
        {"id": str, "candidate_id": int, "loop": str, "level": str, "model": str, "mode": str, "config_json": str,
         "status": str, "started_at": str, "ended_at": str},
        pk="id", foreign_keys=[("candidate_id", "candidates", "id")],
        not_null={"candidate_id", "loop", "model", "mode", "config_json", "status", "started_at"},
        defaults={"config_json": "{}", "status": "running"},
    )  # fmt: skip
    _index(sessions, ["candidate_id", "started_at"], "sessions_by_candidate")
    _index(sessions, ["started_at"], "sessions_by_started")
    rounds = db["rounds"].create(
        {"id": int, "session_id": str, "position": int, "round_id": str, "persona": str, "seed": int, "status": str,
         "started_at": str, "ended_at": str},
        pk="id", foreign_keys=[_cascade("rounds", "session_id", "sessions")],
        not_null={"session_id", "position", "round_id", "persona", "status", "started_at"}, defaults={"status": "running"},
    )  # fmt: skip
    _index(rounds, ["session_id", "round_id"], "rounds_by_session", unique=True)
    turns = db["turns"].create(
        {"id": int, "round_row": int, "idx": int, "speaker": str, "kind": str, "text": str, "t_start": float,
         "t_end": float, "question_id": str, "criterion": str, "latency_s": float, "source": str, "audio_path": str,
         "metrics_json": str, "recorded_at": str},
        pk="id", foreign_keys=[_cascade("turns", "round_row", "rounds")],
        not_null={"round_row", "idx", "speaker", "kind", "text", "t_start", "t_end", "recorded_at"},
    )  # fmt: skip
    _index(turns, ["round_row", "idx"], "turns_by_round", unique=True)
    # Partial: only questions have an id, and the index serves "asked recently" lookups alone.
    db.execute("CREATE INDEX turns_by_question ON turns(question_id) WHERE question_id IS NOT NULL")
    scores = db["scores"].create(
        {"id": int, "round_row": int, "loop": str, "round": str, "weighted": float, "band": str, "rationale": str,
         "scorer": str, "scorer_version": str, "scorer_model": str, "rubric_hash": str, "created_at": str,
         "stored_at": str, "score_json": str},
        pk="id", foreign_keys=[_cascade("scores", "round_row", "rounds")],
        not_null={"round_row", "loop", "round", "band", "rationale", "scorer", "scorer_version", "rubric_hash",
                  "created_at", "stored_at", "score_json"},
    )  # fmt: skip
    _index(scores, ["round_row", "id"], "scores_by_round")
    results = db["criterion_results"].create(
        {"id": int, "score_id": int, "criterion": str, "weight": float, "level": int, "decided_by": str,
         "unverified": int, "missing": str, "evidence_json": str, "checks_json": str},
        pk="id", foreign_keys=[_cascade("criterion_results", "score_id", "scores")],
        not_null={"score_id", "criterion", "weight", "decided_by", "unverified", "missing", "evidence_json", "checks_json"},
        defaults={"unverified": 0, "missing": "", "evidence_json": "[]", "checks_json": "[]"},
    )  # fmt: skip
    _index(results, ["score_id"], "criterion_results_by_score")
    _index(results, ["criterion"], "criterion_results_by_criterion")


def _v2(db: Database) -> None:
    """Coach review: notes, and level overrides kept apart from machine scores."""
    notes = db["coach_notes"].create(
        {"id": int, "session_id": str, "round_id": str, "turn_index": int, "coach": str, "text": str, "created_at": str},
        pk="id", foreign_keys=[_cascade("coach_notes", "session_id", "sessions")],
        not_null={"session_id", "coach", "text", "created_at"},
    )  # fmt: skip
    _index(notes, ["session_id", "id"], "coach_notes_by_session")
    # The CHECKs are the store's last line against a bad level or an unexplained override.
    db.execute(
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
        """
    )
    _index(db["coach_overrides"], ["session_id", "id"], "coach_overrides_by_session")


# The FTS objects migration 2 made by hand before sqlite-utils made them (tests/data/store_v2.db has them).
_HAND_MADE_FTS = {
    "trigger": ("turns_fts_insert", "turns_fts_delete", "turns_fts_update",
                "notes_fts_insert", "notes_fts_delete", "notes_fts_update"),
    "table": ("turns_fts", "notes_fts"),
}  # fmt: skip


def _v3(db: Database) -> None:
    """Full-text search over turns and coach notes, kept in sync by triggers; indexes what is already stored."""
    for kind, names in _HAND_MADE_FTS.items():
        for name in names:
            db.execute(f"DROP {kind.upper()} IF EXISTS {name}")
    for table in FTS_TABLES:
        db[table].enable_fts(["text"], tokenize=FTS_TOKENIZER, create_triggers=True)


def _v4(db: Database) -> None:
    """A voice answer's text as Whisper heard it, beside the text the domain correction made of it (turns.text).

    NULL for typed answers and for answers nothing was corrected in. Search reads the corrected text only.
    """
    db["turns"].add_column("raw_text", str)


def _v5(db: Database) -> None:
    """Coach-only red flags: the rubric's flags no detector reads, ticked (or cleared) by a coach in review.

    Each tick or clear is a row; the latest per (round, flag) holds, as with overrides.
    """
    db.execute(
        """
        CREATE TABLE coach_flags (
            id INTEGER PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            round_id TEXT NOT NULL,
            flag TEXT NOT NULL,
            raised INTEGER NOT NULL CHECK (raised IN (0, 1)),
            coach TEXT NOT NULL,
            created_at TEXT NOT NULL
        )
        """
    )
    _index(db["coach_flags"], ["session_id", "id"], "coach_flags_by_session")


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "sessions, rounds, turns, machine scores", _v1),
    Migration(2, "coach notes and overrides", _v2),
    Migration(3, "full-text search over turns and notes (sqlite-utils FTS5 with triggers)", _v3),
    Migration(4, "raw Whisper text of corrected voice answers", _v4),
    Migration(5, "coach-only red flags ticked in review", _v5),
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
    db = database(conn)
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
            migration.apply(db)
            db["schema_history"].insert(
                {"version": migration.version, "description": migration.description,
                 "applied_at": datetime.now(UTC).isoformat(timespec="seconds")}
            )  # fmt: skip
            conn.execute(f"PRAGMA user_version = {migration.version:d}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        applied.append(migration.version)
    return applied

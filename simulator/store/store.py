"""The SQLite store: every session, round, turn, score and coach remark, crash-safe.

Why it is built this way:
- WAL journal + `synchronous=NORMAL`: a reader (the TUI's review screen, Datasette,
  a coach's `show`) never blocks the interview writing turns, and each commit is
  durable against a killed process (`kill -9`) without an fsync per turn. Only a
  power cut can lose the last few commits.
- Every `add_turn` is its own transaction, committed before it returns, and it is
  idempotent on (round, index): a resumed run that replays a turn adds nothing.
- One connection per Store, guarded by a lock, usable from worker threads.
- Machine scores are append-only (re-scoring keeps history); coach notes and
  overrides live in their own tables and never touch machine scores.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..engine.turns import Turn
from ..scoring.models import RoundScore
from .records import (
    SESSION_RUNNING,
    UNFINISHED_STATUSES,
    NoteHit,
    NoteRecord,
    OverrideRecord,
    RoundRecord,
    ScoreRecord,
    SessionRecord,
    SessionSummary,
    TurnHit,
)
from .redact import strip_secrets
from .schema import LATEST_VERSION, SchemaError, migrate, schema_version

BUSY_TIMEOUT_MS = 5000
SNIPPET_OPEN = "«"
SNIPPET_CLOSE = "»"


class StoreError(Exception):
    """A request the store cannot satisfy; the message is fit to show a user."""


class SessionNotFound(StoreError):
    pass


def utc_now() -> str:
    """ISO-8601 UTC with microseconds, so sessions started in the same second still sort."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def fts_query(text: str) -> str:
    """Turn free text into a safe FTS5 query: every word quoted, all required.

    User input never reaches FTS5 syntax, so `"`, `-`, `AND`, `NEAR(` are plain words.
    """
    words = re.findall(r"\w+", text)
    if not words:
        raise StoreError(f"nothing to search for in {text!r}")
    return " ".join(f'"{w}"' for w in words)


def _turn_from_row(row: sqlite3.Row) -> Turn:
    metrics = row["metrics_json"]
    return Turn.model_validate(
        {
            "index": row["idx"],
            "speaker": row["speaker"],
            "kind": row["kind"],
            "text": row["text"],
            "t_start": row["t_start"],
            "t_end": row["t_end"],
            "question_id": row["question_id"],
            "criterion": row["criterion"],
            "latency_s": row["latency_s"],
            "source": row["source"],
            "audio_path": row["audio_path"],
            "metrics": json.loads(metrics) if metrics else None,
            "raw_text": row["raw_text"],
        }
    )


def _turn_params(round_row: int, turn: Turn, recorded_at: str) -> tuple[Any, ...]:
    return (
        round_row,
        turn.index,
        turn.speaker.value,
        turn.kind.value,
        turn.text,
        turn.t_start,
        turn.t_end,
        turn.question_id,
        turn.criterion,
        turn.latency_s,
        turn.source,
        turn.audio_path,
        turn.metrics.model_dump_json() if turn.metrics else None,
        recorded_at,
        turn.raw_text,
    )


_INSERT_TURN = """
    INSERT INTO turns (round_row, idx, speaker, kind, text, t_start, t_end, question_id, criterion,
                       latency_s, source, audio_path, metrics_json, recorded_at, raw_text)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (round_row, idx) DO NOTHING
"""


class Store:
    """One open database. Create it once per process (or per thread pool) and reuse it."""

    def __init__(self, path: Path, *, readonly: bool = False, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._lock = threading.RLock()
        if readonly:
            if not self.path.is_file():
                raise StoreError(f"no database at {self.path}")
            uri = f"file:{quote(str(self.path.resolve()))}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._conn = conn
        try:
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            conn.execute("PRAGMA foreign_keys = ON")
            version = schema_version(conn)
            if version > LATEST_VERSION:
                raise SchemaError(
                    f"{self.path} has schema version {version}, newer than this interview-sim knows ({LATEST_VERSION}); upgrade interview-sim"
                )
            if readonly:
                if version < LATEST_VERSION:
                    raise SchemaError(
                        f"{self.path} has schema version {version} (current {LATEST_VERSION}); open it once read-write to upgrade it"
                    )
            else:
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    raise StoreError(f"{self.path}: could not switch to WAL journal (got {mode})")
                conn.execute("PRAGMA synchronous = NORMAL")
                migrate(conn)
        except BaseException:
            conn.close()
            raise

    # ----------------------------------------------------------------- plumbing

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def conn(self) -> sqlite3.Connection:
        """The raw connection, for ad-hoc reads (tests, bench). Hold no transaction open on it."""
        return self._conn

    @property
    def version(self) -> int:
        with self._lock:
            return schema_version(self._conn)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction: takes the write lock up front so it cannot deadlock on upgrade."""
        if self.readonly:
            raise StoreError("this store was opened read-only")
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def _query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def checkpoint(self) -> None:
        """Fold the WAL into the main file (exports of the raw file, tests scanning bytes)."""
        with self._lock:
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def integrity_check(self) -> str:
        return str(self._query("PRAGMA integrity_check")[0][0])

    # ----------------------------------------------------------------- writing a run

    @staticmethod
    def _candidate_id(conn: sqlite3.Connection, name: str) -> int:
        conn.execute("INSERT OR IGNORE INTO candidates (name, created_at) VALUES (?, ?)", (name, utc_now()))
        return int(conn.execute("SELECT id FROM candidates WHERE name = ?", (name,)).fetchone()[0])

    def create_session(
        self, *, candidate: str, loop: str, level: str | None, model: str, mode: str, config: dict[str, Any]
    ) -> str:
        """Start a session; returns its id (uuid4 hex). `config` is stored with every secret stripped."""
        if not candidate.strip():
            raise StoreError("candidate name is empty")
        session_id = uuid.uuid4().hex
        snapshot = json.dumps(strip_secrets(config), sort_keys=True, ensure_ascii=False)
        with self._write() as conn:
            cid = self._candidate_id(conn, candidate.strip())
            conn.execute(
                "INSERT INTO sessions (id, candidate_id, loop, level, model, mode, config_json, status, started_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (session_id, cid, loop, level, model, mode, snapshot, SESSION_RUNNING, utc_now()),
            )
        return session_id

    def start_round(self, session_id: str, *, round_id: str, persona: str, seed: int | None) -> int:
        """Start (or, on resume, reopen) a round; returns its row id for add_turn.

        Starting a round the session already has returns that round's row, marks it
        running again, and reopens the session: that is how a resumed run continues.
        """
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone() is None:
                raise SessionNotFound(f"no session {session_id}")
            conn.execute(
                "UPDATE sessions SET status = ?, ended_at = NULL WHERE id = ? AND status != ?",
                (SESSION_RUNNING, session_id, SESSION_RUNNING),
            )
            existing = conn.execute(
                "SELECT id FROM rounds WHERE session_id = ? AND round_id = ?", (session_id, round_id)
            ).fetchone()
            if existing is not None:
                conn.execute("UPDATE rounds SET status = ?, ended_at = NULL WHERE id = ?", (SESSION_RUNNING, existing[0]))
                return int(existing[0])
            position = conn.execute("SELECT count(*) FROM rounds WHERE session_id = ?", (session_id,)).fetchone()[0]
            cur = conn.execute(
                "INSERT INTO rounds (session_id, position, round_id, persona, seed, status, started_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (session_id, position, round_id, persona, seed, SESSION_RUNNING, utc_now()),
            )
            return int(cur.lastrowid or 0)

    def add_turn(self, round_row: int, turn: Turn) -> None:
        """Record one turn, committed before returning. A turn index already stored is left as it was."""
        if self.readonly:
            raise StoreError("this store was opened read-only")
        with self._lock:
            try:
                self._conn.execute(_INSERT_TURN, _turn_params(round_row, turn, utc_now()))
            except sqlite3.IntegrityError as exc:
                raise StoreError(f"cannot add turn {turn.index} to round row {round_row}: {exc}") from exc

    def end_round(self, round_row: int, status: str) -> None:
        with self._write() as conn:
            cur = conn.execute("UPDATE rounds SET status = ?, ended_at = ? WHERE id = ?", (status, utc_now(), round_row))
            if cur.rowcount == 0:
                raise StoreError(f"no round row {round_row}")

    def end_session(self, session_id: str, status: str) -> None:
        with self._write() as conn:
            cur = conn.execute("UPDATE sessions SET status = ?, ended_at = ? WHERE id = ?", (status, utc_now(), session_id))
            if cur.rowcount == 0:
                raise SessionNotFound(f"no session {session_id}")

    def save_score(self, round_row: int, score: RoundScore) -> None:
        """Store a machine score for a round; earlier scores of the round are kept as history."""
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM rounds WHERE id = ?", (round_row,)).fetchone() is None:
                raise StoreError(f"no round row {round_row}")
            self._insert_score(conn, round_row, score, utc_now())

    @staticmethod
    def _insert_score(conn: sqlite3.Connection, round_row: int, score: RoundScore, stored_at: str) -> None:
        cur = conn.execute(
            "INSERT INTO scores (round_row, loop, round, weighted, band, rationale, scorer, scorer_version,"
            " scorer_model, rubric_hash, created_at, stored_at, score_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                round_row,
                score.loop,
                score.round,
                score.weighted,
                score.band,
                score.rationale,
                score.scorer.scorer,
                score.scorer.version,
                score.scorer.model,
                score.scorer.rubric_hash,
                score.created_at,
                stored_at,
                score.model_dump_json(),
            ),
        )
        score_id = cur.lastrowid
        conn.executemany(
            "INSERT INTO criterion_results (score_id, criterion, weight, level, decided_by, unverified, missing,"
            " evidence_json, checks_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    score_id,
                    c.criterion,
                    c.weight,
                    c.level,
                    c.decided_by,
                    int(c.unverified),
                    c.missing,
                    json.dumps([e.model_dump(mode="json") for e in c.evidence], ensure_ascii=False),
                    json.dumps([k.model_dump(mode="json") for k in c.checks], ensure_ascii=False),
                )
                for c in score.criteria
            ],
        )

    # ----------------------------------------------------------------- coach review

    def add_note(
        self, session_id: str, text: str, *, coach: str = "coach", round_id: str | None = None, turn_index: int | None = None
    ) -> int:
        """A coach's note on a session (optionally on one round or turn); returns its row id."""
        if not text.strip():
            raise StoreError("the note is empty")
        with self._write() as conn:
            self._require_session(conn, session_id, round_id)
            cur = conn.execute(
                "INSERT INTO coach_notes (session_id, round_id, turn_index, coach, text, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (session_id, round_id, turn_index, coach, text, utc_now()),
            )
            return int(cur.lastrowid or 0)

    def override_level(
        self, session_id: str, round_id: str, criterion: str, level: int, reason: str, coach: str = "coach"
    ) -> int:
        """A coach sets a criterion's level with a reason. Machine scores are untouched; both are shown."""
        if not 1 <= int(level) <= 4:
            raise StoreError(f"level must be 1-4, not {level}")
        if not reason.strip():
            raise StoreError("an override needs a reason")
        if not criterion.strip():
            raise StoreError("an override needs a criterion")
        with self._write() as conn:
            self._require_session(conn, session_id, round_id)
            cur = conn.execute(
                "INSERT INTO coach_overrides (session_id, round_id, criterion, level, reason, coach, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (session_id, round_id, criterion, int(level), reason.strip(), coach, utc_now()),
            )
            return int(cur.lastrowid or 0)

    @staticmethod
    def _require_session(conn: sqlite3.Connection, session_id: str, round_id: str | None) -> None:
        if conn.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone() is None:
            raise SessionNotFound(f"no session {session_id}")
        if round_id is not None and conn.execute(
            "SELECT 1 FROM rounds WHERE session_id = ? AND round_id = ?", (session_id, round_id)
        ).fetchone() is None:
            raise StoreError(f"session {session_id[:8]} has no round {round_id!r}")

    # ----------------------------------------------------------------- reading

    def resolve_session_id(self, prefix: str) -> str:
        """The full id of the one session whose id starts with `prefix`."""
        prefix = prefix.strip().lower()
        if not re.fullmatch(r"[0-9a-f]{1,32}", prefix):
            raise SessionNotFound(f"{prefix!r} is not a session id (hex digits)")
        rows = self._query(
            "SELECT id FROM sessions WHERE id >= ? AND id < ? ORDER BY id LIMIT 6", (prefix, prefix + "g")
        )
        if not rows:
            raise SessionNotFound(f"no session id starts with {prefix!r}")
        if len(rows) > 1:
            shown = ", ".join(r[0][:12] for r in rows[:5])
            raise StoreError(f"{prefix!r} matches more than one session ({shown}...); give more of the id")
        return str(rows[0][0])

    def load_session(self, session_id: str) -> SessionRecord:
        """The whole session: meta, rounds with turns and every score, notes and overrides."""
        with self._lock:
            conn = self._conn
            conn.execute("BEGIN")  # one consistent snapshot across the queries below
            try:
                meta = conn.execute(
                    "SELECT s.*, c.name AS candidate FROM sessions s JOIN candidates c ON c.id = s.candidate_id WHERE s.id = ?",
                    (session_id,),
                ).fetchone()
                if meta is None:
                    raise SessionNotFound(f"no session {session_id}")
                rounds = conn.execute(
                    "SELECT * FROM rounds WHERE session_id = ? ORDER BY position", (session_id,)
                ).fetchall()
                turns = conn.execute(
                    "SELECT t.* FROM turns t JOIN rounds r ON r.id = t.round_row WHERE r.session_id = ? ORDER BY t.round_row, t.idx",
                    (session_id,),
                ).fetchall()
                scores = conn.execute(
                    "SELECT sc.id, sc.round_row, sc.stored_at, sc.score_json FROM scores sc JOIN rounds r ON r.id = sc.round_row"
                    " WHERE r.session_id = ? ORDER BY sc.id",
                    (session_id,),
                ).fetchall()
                notes = conn.execute("SELECT * FROM coach_notes WHERE session_id = ? ORDER BY id", (session_id,)).fetchall()
                overrides = conn.execute(
                    "SELECT * FROM coach_overrides WHERE session_id = ? ORDER BY id", (session_id,)
                ).fetchall()
            finally:
                conn.execute("COMMIT")
        turns_by_round: dict[int, list[Turn]] = {}
        for row in turns:
            turns_by_round.setdefault(row["round_row"], []).append(_turn_from_row(row))
        scores_by_round: dict[int, list[ScoreRecord]] = {}
        for row in scores:
            scores_by_round.setdefault(row["round_row"], []).append(
                ScoreRecord(row=row["id"], stored_at=row["stored_at"], score=RoundScore.model_validate_json(row["score_json"]))
            )
        return SessionRecord(
            id=meta["id"],
            candidate=meta["candidate"],
            loop=meta["loop"],
            level=meta["level"],
            model=meta["model"],
            mode=meta["mode"],
            config=json.loads(meta["config_json"] or "{}"),
            status=meta["status"],
            started_at=meta["started_at"],
            ended_at=meta["ended_at"],
            rounds=[
                RoundRecord(
                    row=r["id"],
                    position=r["position"],
                    round_id=r["round_id"],
                    persona=r["persona"],
                    seed=r["seed"],
                    status=r["status"],
                    started_at=r["started_at"],
                    ended_at=r["ended_at"],
                    turns=turns_by_round.get(r["id"], []),
                    scores=scores_by_round.get(r["id"], []),
                )
                for r in rounds
            ],
            notes=[
                NoteRecord(
                    row=n["id"], round_id=n["round_id"], turn_index=n["turn_index"], coach=n["coach"], text=n["text"],
                    created_at=n["created_at"],
                )
                for n in notes
            ],
            overrides=[
                OverrideRecord(
                    row=o["id"], round_id=o["round_id"], criterion=o["criterion"], level=o["level"], reason=o["reason"],
                    coach=o["coach"], created_at=o["created_at"],
                )
                for o in overrides
            ],
        )

    def list_sessions(
        self,
        *,
        candidate: str | None = None,
        loop: str | None = None,
        search: str | None = None,
        status: tuple[str, ...] | None = None,
        limit: int = 100,
    ) -> list[SessionSummary]:
        """Newest first. `search` keeps sessions with all its words (stemmed) in one turn or coach note.

        With `search`, the candidates are the `limit` sessions with the most recent matching
        turns (and notes), then sorted newest first.
        """
        where: list[str] = []
        params: list[Any] = []
        if candidate:
            where.append("c.name = ? COLLATE NOCASE")
            params.append(candidate)
        if loop:
            where.append("s.loop = ?")
            params.append(loop)
        if status:
            where.append(f"s.status IN ({', '.join('?' for _ in status)})")
            params.extend(status)
        if search:
            ids = self._sessions_matching(fts_query(search), int(limit), " AND ".join(where) or "1 = 1", tuple(params))
            where.append("s.id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(ids))
        sql = f"""
            SELECT s.id, c.name AS candidate, s.loop, s.level, s.model, s.mode, s.status, s.started_at, s.ended_at,
                   (SELECT group_concat(round_id, char(31)) FROM
                        (SELECT round_id FROM rounds WHERE session_id = s.id ORDER BY position)) AS round_ids,
                   (SELECT avg(sc.weighted) FROM rounds r JOIN scores sc
                        ON sc.id = (SELECT max(id) FROM scores WHERE round_row = r.id)
                    WHERE r.session_id = s.id) AS score
            FROM sessions s JOIN candidates c ON c.id = s.candidate_id
            {"WHERE " + " AND ".join(where) if where else ""}
            ORDER BY s.started_at DESC
            LIMIT ?
        """
        params.append(int(limit))
        rows = self._query(sql, tuple(params))
        summaries = []
        for row in rows:
            round_ids = row["round_ids"].split("\x1f") if row["round_ids"] else []
            summaries.append(
                SessionSummary(
                    id=row["id"],
                    candidate=row["candidate"],
                    loop=row["loop"],
                    level=row["level"],
                    model=row["model"],
                    mode=row["mode"],
                    status=row["status"],
                    started=row["started_at"],
                    ended=row["ended_at"],
                    rounds=len(round_ids),
                    round_ids=round_ids,
                    score=round(row["score"], 2) if row["score"] is not None else None,
                )
            )
        return summaries

    def _sessions_matching(self, query: str, limit: int, where_sql: str, params: tuple[Any, ...]) -> list[str]:
        """Ids of up to `limit` sessions (passing `where_sql`) with a matching turn or note, most recent match first.

        Streams FTS hits newest-first and stops once `limit` distinct sessions are found, so
        a word said in half a million turns costs what a rare one does.
        """
        found: dict[str, None] = {}
        sources = (
            ("turns_fts", "JOIN turns t ON t.id = f.rowid JOIN rounds r ON r.id = t.round_row", "r.session_id"),
            ("notes_fts", "JOIN coach_notes n ON n.id = f.rowid", "n.session_id"),
        )
        with self._lock:
            for table, joins, session_col in sources:
                cursor = self._conn.execute(
                    f"SELECT {session_col} FROM {table} f {joins} JOIN sessions s ON s.id = {session_col}"
                    f" JOIN candidates c ON c.id = s.candidate_id WHERE {table} MATCH ? AND {where_sql} ORDER BY f.rowid DESC",
                    (query, *params),
                )
                seen = 0
                for (session_id,) in cursor:
                    if session_id not in found:
                        found[session_id] = None
                        seen += 1
                        if seen >= limit:
                            break
                cursor.close()
        return list(found)

    def unfinished_sessions(self, *, candidate: str | None = None, limit: int = 100) -> list[SessionSummary]:
        """Sessions a run left running (crashed, killed) or interrupted, newest first: what `resume` offers.

        A session another process is running right now is "running" too; the caller decides.
        """
        return self.list_sessions(candidate=candidate, status=UNFINISHED_STATUSES, limit=limit)

    def search_turns(self, text: str, limit: int = 50) -> list[TurnHit]:
        """Turns containing every word of `text` (stemmed), newest first; snippets mark hits with « »."""
        rows = self._query(
            f"""
            WITH hits AS (
                SELECT rowid AS id, snippet(turns_fts, 0, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', '…', 16) AS snip
                FROM turns_fts WHERE turns_fts MATCH ? ORDER BY rowid DESC LIMIT ?
            )
            SELECT h.snip, t.idx, t.speaker, t.kind, t.text, t.round_row, r.round_id, s.id AS session_id, s.loop,
                   s.started_at, c.name AS candidate
            FROM hits h JOIN turns t ON t.id = h.id JOIN rounds r ON r.id = t.round_row
                 JOIN sessions s ON s.id = r.session_id JOIN candidates c ON c.id = s.candidate_id
            ORDER BY t.id DESC
            """,
            (fts_query(text), int(limit)),
        )
        return [
            TurnHit(
                session_id=r["session_id"], candidate=r["candidate"], loop=r["loop"], round_id=r["round_id"],
                round_row=r["round_row"], turn_index=r["idx"], speaker=r["speaker"], kind=r["kind"], text=r["text"],
                snippet=r["snip"], started_at=r["started_at"],
            )
            for r in rows
        ]

    def search_notes(self, text: str, limit: int = 50) -> list[NoteHit]:
        """Coach notes containing every word of `text`, newest first."""
        rows = self._query(
            f"""
            WITH hits AS (
                SELECT rowid AS id, snippet(notes_fts, 0, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', '…', 16) AS snip
                FROM notes_fts WHERE notes_fts MATCH ? ORDER BY rowid DESC LIMIT ?
            )
            SELECT h.snip, n.*, c.name AS candidate
            FROM hits h JOIN coach_notes n ON n.id = h.id JOIN sessions s ON s.id = n.session_id
                 JOIN candidates c ON c.id = s.candidate_id
            ORDER BY n.id DESC
            """,
            (fts_query(text), int(limit)),
        )
        return [
            NoteHit(
                session_id=r["session_id"], candidate=r["candidate"], round_id=r["round_id"], coach=r["coach"],
                text=r["text"], snippet=r["snip"], created_at=r["created_at"],
            )
            for r in rows
        ]

    def recent_question_ids(self, candidate: str, loop: str, round_id: str, sessions: int) -> set[str]:
        """Question ids asked to `candidate` in this round of their last `sessions` sessions of `loop`."""
        if sessions <= 0:
            return set()
        rows = self._query(
            """
            SELECT DISTINCT t.question_id FROM turns t
            WHERE t.question_id IS NOT NULL AND t.round_row IN (
                SELECT r.id FROM rounds r JOIN sessions s ON s.id = r.session_id JOIN candidates c ON c.id = s.candidate_id
                WHERE c.name = ? AND s.loop = ? AND r.round_id = ?
                ORDER BY s.started_at DESC LIMIT ?)
            """,
            (candidate, loop, round_id, int(sessions)),
        )
        return {r[0] for r in rows}

    def candidates(self) -> list[str]:
        return [r[0] for r in self._query("SELECT name FROM candidates ORDER BY name")]

    def criterion_levels(self, candidate: str | None = None) -> list[dict[str, Any]]:
        """Per session, round and criterion: the latest machine level and the coach's override, oldest session first.

        The raw material of progress charts; see progress.py.
        """
        params: tuple[Any, ...] = ()
        filter_sql = ""
        if candidate:
            filter_sql = "AND c.name = ? COLLATE NOCASE"
            params = (candidate,)
        machine = self._query(
            f"""
            SELECT c.name AS candidate, s.id AS session_id, s.started_at, s.loop, r.round_id, cr.criterion, cr.level
            FROM sessions s JOIN candidates c ON c.id = s.candidate_id
                 JOIN rounds r ON r.session_id = s.id
                 JOIN scores sc ON sc.id = (SELECT max(id) FROM scores WHERE round_row = r.id)
                 JOIN criterion_results cr ON cr.score_id = sc.id
            WHERE 1 = 1 {filter_sql}
            ORDER BY s.started_at, r.position, cr.id
            """,
            params,
        )
        overrides = self._query(
            f"""
            SELECT o.session_id, o.round_id, o.criterion, o.level FROM coach_overrides o
                 JOIN sessions s ON s.id = o.session_id JOIN candidates c ON c.id = s.candidate_id
            WHERE 1 = 1 {filter_sql}
            ORDER BY o.id
            """,
            params,
        )
        latest_override = {(o["session_id"], o["round_id"], o["criterion"]): o["level"] for o in overrides}
        return [
            {**dict(m), "override": latest_override.get((m["session_id"], m["round_id"], m["criterion"]))}
            for m in machine
        ]

    # ----------------------------------------------------------------- import

    def import_session(self, record: SessionRecord) -> bool:
        """Restore an exported session with its ids and timestamps. False when the id is already here."""
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM sessions WHERE id = ?", (record.id,)).fetchone() is not None:
                return False
            cid = self._candidate_id(conn, record.candidate)
            conn.execute(
                "INSERT INTO sessions (id, candidate_id, loop, level, model, mode, config_json, status, started_at, ended_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    record.id, cid, record.loop, record.level, record.model, record.mode,
                    json.dumps(strip_secrets(record.config), sort_keys=True, ensure_ascii=False),
                    record.status, record.started_at, record.ended_at,
                ),
            )
            for rnd in record.rounds:
                cur = conn.execute(
                    "INSERT INTO rounds (session_id, position, round_id, persona, seed, status, started_at, ended_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (record.id, rnd.position, rnd.round_id, rnd.persona, rnd.seed, rnd.status, rnd.started_at, rnd.ended_at),
                )
                round_row = int(cur.lastrowid or 0)
                conn.executemany(_INSERT_TURN, [_turn_params(round_row, t, rnd.started_at) for t in rnd.turns])
                for stored in rnd.scores:
                    self._insert_score(conn, round_row, stored.score, stored.stored_at)
            conn.executemany(
                "INSERT INTO coach_notes (session_id, round_id, turn_index, coach, text, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                [(record.id, n.round_id, n.turn_index, n.coach, n.text, n.created_at) for n in record.notes],
            )
            conn.executemany(
                "INSERT INTO coach_overrides (session_id, round_id, criterion, level, reason, coach, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(record.id, o.round_id, o.criterion, o.level, o.reason, o.coach, o.created_at) for o in record.overrides],
            )
        return True

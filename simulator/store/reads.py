"""The store's reads: sessions for review, full-text search, question history, levels over time.

Queries that join tables or search the FTS index are SQL; single-table reads go
through sqlite-utils' `rows_where`. Every read takes the connection's lock, and a
whole-session load reads inside one transaction so it never sees half a write.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..engine.turns import Turn
from ..scoring.models import RoundScore
from .connection import Connection, SessionNotFound, StoreError
from .records import (
    UNFINISHED_STATUSES,
    CoachFlagRecord,
    NoteHit,
    NoteRecord,
    OverrideRecord,
    RoundRecord,
    ScoreRecord,
    SessionRecord,
    SessionSummary,
    TurnHit,
)
from .rows import turn_from_row

SNIPPET_OPEN = "«"
SNIPPET_CLOSE = "»"


def fts_query(text: str) -> str:
    """Turn free text into a safe FTS5 query: every word quoted, all required.

    User input never reaches FTS5 syntax, so `"`, `-`, `AND`, `NEAR(` are plain words.
    """
    words = re.findall(r"\w+", text)
    if not words:
        raise StoreError(f"nothing to search for in {text!r}")
    return " ".join(f'"{w}"' for w in words)


class StoreReads(Connection):
    """Everything the store answers without writing."""

    def resolve_session_id(self, prefix: str) -> str:
        """The full id of the one session whose id starts with `prefix`."""
        prefix = prefix.strip().lower()
        if not re.fullmatch(r"[0-9a-f]{1,32}", prefix):
            raise SessionNotFound(f"{prefix!r} is not a session id (hex digits)")
        with self._lock:
            ids = [row["id"] for row in self._table("sessions").rows_where(
                "id >= ? AND id < ?", [prefix, prefix + "g"], select="id", order_by="id", limit=6)]  # fmt: skip
        if not ids:
            raise SessionNotFound(f"no session id starts with {prefix!r}")
        if len(ids) > 1:
            shown = ", ".join(i[:12] for i in ids[:5])
            raise StoreError(f"{prefix!r} matches more than one session ({shown}...); give more of the id")
        return str(ids[0])

    def load_session(self, session_id: str) -> SessionRecord:
        """The whole session: meta, rounds with turns and every score, notes and overrides."""
        with self._snapshot():
            conn = self._conn
            meta = conn.execute(
                "SELECT s.*, c.name AS candidate FROM sessions s JOIN candidates c ON c.id = s.candidate_id WHERE s.id = ?",
                (session_id,),
            ).fetchone()
            if meta is None:
                raise SessionNotFound(f"no session {session_id}")
            rounds = list(self._table("rounds").rows_where("session_id = ?", [session_id], order_by="position"))
            turns = conn.execute(
                "SELECT t.* FROM turns t JOIN rounds r ON r.id = t.round_row WHERE r.session_id = ? ORDER BY t.round_row, t.idx",
                (session_id,),
            ).fetchall()
            scores = conn.execute(
                "SELECT sc.id, sc.round_row, sc.stored_at, sc.score_json FROM scores sc JOIN rounds r ON r.id = sc.round_row"
                " WHERE r.session_id = ? ORDER BY sc.id",
                (session_id,),
            ).fetchall()
            notes = list(self._table("coach_notes").rows_where("session_id = ?", [session_id], order_by="id"))
            overrides = list(self._table("coach_overrides").rows_where("session_id = ?", [session_id], order_by="id"))
            flags = list(self._table("coach_flags").rows_where("session_id = ?", [session_id], order_by="id"))
        turns_by_round: dict[int, list[Turn]] = {}
        for row in turns:
            turns_by_round.setdefault(row["round_row"], []).append(turn_from_row(row))
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
            coach_flags=[
                CoachFlagRecord(row=f["id"], round_id=f["round_id"], flag=f["flag"], raised=bool(f["raised"]), coach=f["coach"],
                                created_at=f["created_at"])  # fmt: skip
                for f in flags
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
            ("coach_notes_fts", "JOIN coach_notes n ON n.id = f.rowid", "n.session_id"),
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
                SELECT rowid AS id, snippet(coach_notes_fts, 0, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', '…', 16) AS snip
                FROM coach_notes_fts WHERE coach_notes_fts MATCH ? ORDER BY rowid DESC LIMIT ?
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
        with self._lock:
            return [row["name"] for row in self._table("candidates").rows_where(select="name", order_by="name")]

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

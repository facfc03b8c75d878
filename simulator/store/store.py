"""The SQLite store: every session, round, turn, score and coach remark, crash-safe.

Why it is built this way:
- Every `add_turn` is its own transaction, committed before it returns, and it is
  idempotent on (round, index): a resumed run that replays a turn adds nothing.
- Machine scores are append-only (re-scoring keeps history); coach notes and
  overrides live in their own tables and never touch machine scores.
- Rows go in through sqlite-utils (insert, update, lookup); the connection, its
  transactions and the reads are in connection.py and reads.py.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from typing import Any

from sqlite_utils import Database
from sqlite_utils.db import NotFoundError

from ..engine.turns import Turn
from ..scoring.models import RoundScore
from .connection import SessionNotFound, StoreError, utc_now
from .reads import StoreReads
from .records import SESSION_RUNNING, SessionRecord
from .redact import strip_secrets
from .rows import criterion_rows, score_row, turn_row

__all__ = ["SessionNotFound", "Store", "StoreError", "utc_now"]


class Store(StoreReads):
    """One open database. Create it once per process (or per thread pool) and reuse it."""

    # ----------------------------------------------------------------- writing a run

    def create_session(
        self, *, candidate: str, loop: str, level: str | None, model: str, mode: str, config: dict[str, Any]
    ) -> str:
        """Start a session; returns its id (uuid4 hex). `config` is stored with every secret stripped."""
        if not candidate.strip():
            raise StoreError("candidate name is empty")
        session_id = uuid.uuid4().hex
        snapshot = json.dumps(strip_secrets(config), sort_keys=True, ensure_ascii=False)
        with self._write() as db:
            self._table("sessions").insert(
                {"id": session_id, "candidate_id": self._candidate_id(db, candidate.strip()), "loop": loop,
                 "level": level, "model": model, "mode": mode, "config_json": snapshot, "status": SESSION_RUNNING,
                 "started_at": utc_now()}
            )  # fmt: skip
        return session_id

    @staticmethod
    def _candidate_id(db: Database, name: str) -> int:
        return int(db["candidates"].lookup({"name": name}, {"created_at": utc_now()}))

    def start_round(self, session_id: str, *, round_id: str, persona: str, seed: int | None) -> int:
        """Start (or, on resume, reopen) a round; returns its row id for add_turn.

        Starting a round the session already has returns that round's row, marks it
        running again, and reopens the session: that is how a resumed run continues.
        """
        rounds = self._table("rounds")
        with self._write():
            try:
                self._table("sessions").update(session_id, {"status": SESSION_RUNNING, "ended_at": None})
            except NotFoundError:
                raise SessionNotFound(f"no session {session_id}") from None
            existing = next(rounds.rows_where("session_id = ? AND round_id = ?", [session_id, round_id], select="id"), None)
            if existing is not None:
                rounds.update(existing["id"], {"status": SESSION_RUNNING, "ended_at": None})
                return int(existing["id"])
            position = rounds.count_where("session_id = ?", [session_id])
            rounds.insert(
                {"session_id": session_id, "position": position, "round_id": round_id, "persona": persona, "seed": seed,
                 "status": SESSION_RUNNING, "started_at": utc_now()}
            )  # fmt: skip
            return int(rounds.last_rowid or 0)

    def add_turn(self, round_row: int, turn: Turn) -> bool:
        """Record one turn, committed before returning; True when it was new.

        A turn index already stored is left as it was (and False comes back).
        """
        if self.readonly:
            raise StoreError("this store was opened read-only")
        with self._lock:
            try:
                return self._insert_or_ignore("turns", turn_row(round_row, turn, utc_now())).rowcount > 0
            except sqlite3.IntegrityError as exc:
                raise StoreError(f"cannot add turn {turn.index} to round row {round_row}: {exc}") from exc

    def end_round(self, round_row: int, status: str) -> None:
        with self._write():
            try:
                self._table("rounds").update(round_row, {"status": status, "ended_at": utc_now()})
            except NotFoundError:
                raise StoreError(f"no round row {round_row}") from None

    def end_session(self, session_id: str, status: str) -> None:
        with self._write():
            try:
                self._table("sessions").update(session_id, {"status": status, "ended_at": utc_now()})
            except NotFoundError:
                raise SessionNotFound(f"no session {session_id}") from None

    def save_score(self, round_row: int, score: RoundScore) -> None:
        """Store a machine score for a round; earlier scores of the round are kept as history."""
        with self._write():
            if not self._table("rounds").count_where("id = ?", [round_row]):
                raise StoreError(f"no round row {round_row}")
            self._insert_score(round_row, score, utc_now())

    def _insert_score(self, round_row: int, score: RoundScore, stored_at: str) -> None:
        score_id = int(self._table("scores").insert(score_row(round_row, score, stored_at)).last_rowid or 0)
        self._table("criterion_results").insert_all(criterion_rows(score_id, score))

    # ----------------------------------------------------------------- coach review

    def add_note(
        self, session_id: str, text: str, *, coach: str = "coach", round_id: str | None = None, turn_index: int | None = None
    ) -> int:
        """A coach's note on a session (optionally on one round or turn); returns its row id."""
        if not text.strip():
            raise StoreError("the note is empty")
        with self._write():
            self._require_session(session_id, round_id)
            notes = self._table("coach_notes").insert(
                {"session_id": session_id, "round_id": round_id, "turn_index": turn_index, "coach": coach, "text": text,
                 "created_at": utc_now()}
            )  # fmt: skip
            return int(notes.last_rowid or 0)

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
        with self._write():
            self._require_session(session_id, round_id)
            overrides = self._table("coach_overrides").insert(
                {"session_id": session_id, "round_id": round_id, "criterion": criterion, "level": int(level),
                 "reason": reason.strip(), "coach": coach, "created_at": utc_now()}
            )  # fmt: skip
            return int(overrides.last_rowid or 0)

    def mark_flag(self, session_id: str, round_id: str, flag: str, *, raised: bool = True, coach: str = "coach") -> int:
        """A coach ticks (or clears) a coach-only red flag of a round: the rubric leaves that flag to a person."""
        if not flag.strip():
            raise StoreError("which flag? the flag id is empty")
        with self._write():
            self._require_session(session_id, round_id)
            flags = self._table("coach_flags").insert(
                {"session_id": session_id, "round_id": round_id, "flag": flag.strip(), "raised": int(raised), "coach": coach,
                 "created_at": utc_now()}
            )  # fmt: skip
            return int(flags.last_rowid or 0)

    def _require_session(self, session_id: str, round_id: str | None) -> None:
        if not self._table("sessions").count_where("id = ?", [session_id]):
            raise SessionNotFound(f"no session {session_id}")
        if round_id is not None and not self._table("rounds").count_where(
            "session_id = ? AND round_id = ?", [session_id, round_id]
        ):
            raise StoreError(f"session {session_id[:8]} has no round {round_id!r}")

    # ----------------------------------------------------------------- import

    def import_session(self, record: SessionRecord) -> bool:
        """Restore an exported session with its ids and timestamps. False when the id is already here."""
        with self._write() as db:
            if self._table("sessions").count_where("id = ?", [record.id]):
                return False
            self._table("sessions").insert(
                {"id": record.id, "candidate_id": self._candidate_id(db, record.candidate), "loop": record.loop,
                 "level": record.level, "model": record.model, "mode": record.mode,
                 "config_json": json.dumps(strip_secrets(record.config), sort_keys=True, ensure_ascii=False),
                 "status": record.status, "started_at": record.started_at, "ended_at": record.ended_at}
            )  # fmt: skip
            for rnd in record.rounds:
                rounds = self._table("rounds").insert(
                    {"session_id": record.id, "position": rnd.position, "round_id": rnd.round_id, "persona": rnd.persona,
                     "seed": rnd.seed, "status": rnd.status, "started_at": rnd.started_at, "ended_at": rnd.ended_at}
                )  # fmt: skip
                round_row = int(rounds.last_rowid or 0)
                self._table("turns").insert_all([turn_row(round_row, t, rnd.started_at) for t in rnd.turns], ignore=True)
                for stored in rnd.scores:
                    self._insert_score(round_row, stored.score, stored.stored_at)
            self._table("coach_notes").insert_all(
                {"session_id": record.id, "round_id": n.round_id, "turn_index": n.turn_index, "coach": n.coach,
                 "text": n.text, "created_at": n.created_at}
                for n in record.notes
            )  # fmt: skip
            self._table("coach_overrides").insert_all(
                {"session_id": record.id, "round_id": o.round_id, "criterion": o.criterion, "level": o.level,
                 "reason": o.reason, "coach": o.coach, "created_at": o.created_at}
                for o in record.overrides
            )  # fmt: skip
            self._table("coach_flags").insert_all(
                {"session_id": record.id, "round_id": f.round_id, "flag": f.flag, "raised": int(f.raised), "coach": f.coach,
                 "created_at": f.created_at}
                for f in record.coach_flags
            )  # fmt: skip
        return True

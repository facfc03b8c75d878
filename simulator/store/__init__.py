"""The store: SQLite persistence for sessions, turns, scores and coach review (issue 6).

A run, as the engine records it:

    store = Store(settings.db_path)                      # creates/migrates; WAL; thread-safe
    sid = store.create_session(candidate=..., loop=..., level=..., model=..., mode="text",
                               config=settings.redacted())   # secrets stripped again here
    row = store.start_round(sid, round_id="coding", persona="friendly", seed=7)
    store.add_turn(row, turn)                             # committed before it returns; idempotent on index
    store.end_round(row, "completed"); store.save_score(row, round_score); store.end_session(sid, "completed")

Resume: `store.unfinished_sessions()` lists sessions left "running" (killed) or "interrupted";
`rec = store.load_session(sid)` gives each round's `row`, `status`, `turns` and `next_index`;
`store.start_round(sid, round_id=...)` on an existing round returns its row and reopens it.

Review: list_sessions / search_turns / search_notes / load_session (SessionRecord with every
score, notes, overrides; `effective_level()`), add_note, override_level, resolve_session_id.

Modules: schema (migrations), store (Store), records (pydantic records), redact (secret
stripping), exchange (export/import files), render (md/html/rich), progress (levels over
sessions), browse (Datasette). Its benchmark is simulator/bench/store.py.
"""

from .records import (
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
from .schema import LATEST_VERSION, MIGRATIONS, SchemaError
from .store import SessionNotFound, Store, StoreError

__all__ = [
    "CoachFlagRecord",
    "LATEST_VERSION",
    "MIGRATIONS",
    "NoteHit",
    "NoteRecord",
    "OverrideRecord",
    "RoundRecord",
    "SchemaError",
    "ScoreRecord",
    "SessionNotFound",
    "SessionRecord",
    "SessionSummary",
    "Store",
    "StoreError",
    "TurnHit",
]

"""The store: SQLite persistence for sessions, turns, scores and coach review (issue 6).

Import `Store` and the records from here; the modules are:
schema (migrations), store (the Store class), records (pydantic records it returns),
redact (secret stripping), exchange (JSON export/import), render (md/html/rich),
progress (per-criterion levels over sessions), browse (Datasette), bench (benchmark).
"""

from .records import (
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

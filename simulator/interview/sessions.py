"""The past sessions as the app's home, review and report screens see them: a narrow read model over the store.

Why not the Store itself: the screens need eight questions and three coach actions,
not the store's whole API (and not its connection); keeping them here keeps the
UI's use of the database in one reviewable place. Every method blocks on SQLite:
the app calls them from thread workers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..store import SessionRecord, SessionSummary, Store
from ..store.exchange import export_session


class SessionDesk:
    def __init__(self, store: Store, data_dir: Path) -> None:
        self.store = store
        self.exports_dir = data_dir / "exports"

    def recent(self, limit: int = 20) -> list[SessionSummary]:
        return self.store.list_sessions(limit=limit)

    def search(self, text: str | None, limit: int = 200) -> list[SessionSummary]:
        """Newest first; with `text`, only sessions with all its words in one turn or note."""
        return self.store.list_sessions(search=text or None, limit=limit)

    def load(self, session_id: str) -> SessionRecord:
        return self.store.load_session(session_id)

    def levels(self, candidate: str) -> list[dict[str, Any]]:
        """Per session, round and criterion: the machine level and the coach's override (progress charts)."""
        return self.store.criterion_levels(candidate)

    def add_note(self, session_id: str, text: str) -> None:
        self.store.add_note(session_id, text)

    def mark_flags(self, session_id: str, marks: list[tuple[str, str, bool]]) -> None:
        """Coach-only red flags ticked or cleared in review: (round id, flag id, raised)."""
        for round_id, flag, raised in marks:
            self.store.mark_flag(session_id, round_id, flag, raised=raised)

    def override(self, session_id: str, round_id: str, criterion: str, level: int, reason: str) -> None:
        self.store.override_level(session_id, round_id, criterion, level, reason)

    def export(self, session_id: str, fmt: str) -> Path:
        """Write the session as md, html or json under <data dir>/exports; returns the file."""
        target = self.exports_dir / f"session-{session_id[:8]}.{fmt}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(export_session(self.store, session_id, fmt), encoding="utf-8")
        return target

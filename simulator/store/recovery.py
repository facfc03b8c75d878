"""Turns the database will not take are kept, not lost: retried, and journalled to a recovery file.

Why this exists: the store commits each turn as it is spoken, but the database can
refuse a write: another program holds the write lock past the busy timeout, the
data dir is (or became) read-only, or the disk is full. The candidate must be able
to keep answering. So the round's `on_turn` goes through a TurnRecorder:

- a turn the store refuses is appended to a recovery journal (JSON lines, fsync'd)
  in the first writable place of: <data dir>/recovery, $TMPDIR/interview-sim-recovery,
  ~/.interview-sim-recovery, and kept in memory as pending;
- later turns retry the pending ones first, in order (at most every `retry_after_s`:
  a locked database costs the busy timeout per try, and the candidate must not wait
  on it turn after turn), so they land in the database soon after it accepts writes again (add_turn is idempotent on the turn
  index, so a retry never duplicates); the journal is deleted once all are saved;
- `replay_recovery` (run by `interview-sim resume`) imports a journal left by a run
  that ended while the database was still refusing writes.

A notice says what happened, once per failure episode and once on recovery.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ..engine.turns import Turn
from .store import Store, StoreError

JOURNAL_SUFFIX = ".recovery.jsonl"


class UnsavedTurnsError(StoreError):
    """The round ended with turns the database never took; the message says where they are."""


FULL_BELOW_BYTES = 64 * 1024


def describe_write_error(exc: BaseException, path: Path | None = None) -> str:
    """One plain line for why the database refused a write.

    SQLite often says only "disk I/O error" (e.g. when the WAL index cannot be mapped on
    a full disk), so when the database path is known its file system is asked directly.
    """
    text = str(exc)
    lowered = text.lower()
    if path is not None:
        try:
            directory = Path(path) if Path(path).is_dir() else Path(path).parent
            fs = os.statvfs(directory)
        except OSError:
            fs = None
        if fs is not None and fs.f_flag & os.ST_RDONLY:
            return f"the data dir is read-only ({text})"
        if fs is not None and fs.f_bavail * fs.f_frsize < FULL_BELOW_BYTES:
            return f"the disk is full ({text})"
    if "disk is full" in lowered or getattr(exc, "errno", None) == 28:
        return f"the disk is full ({text})"
    if "locked" in lowered or "busy" in lowered:
        return f"the database is locked by another program ({text})"
    if "readonly" in lowered or "read-only" in lowered or getattr(exc, "errno", None) in (13, 30):
        return f"the data dir is read-only ({text})"
    return text


def recovery_dirs(data_dir: Path) -> list[Path]:
    """Where journals go, best first: beside the database, then places on other file systems."""
    return [
        Path(data_dir) / "recovery",
        Path(tempfile.gettempdir()) / "interview-sim-recovery",
        Path.home() / ".interview-sim-recovery",
    ]


def journal_name(session_id: str, round_row: int) -> str:
    return f"{session_id}-r{round_row}{JOURNAL_SUFFIX}"


class TurnRecorder:
    """The `on_turn` sink of a round: store each turn now, or keep it and store it when the database is back."""

    def __init__(
        self,
        store: Store,
        round_row: int,
        *,
        session_id: str,
        data_dir: Path,
        on_notice: Callable[[str], None] | None = None,
        retry_after_s: float = 10.0,
    ) -> None:
        self.store = store
        self.retry_after_s = retry_after_s
        self._retry_at = 0.0
        self.round_row = round_row
        self.session_id = session_id
        self.dirs = recovery_dirs(data_dir)
        self.on_notice = on_notice
        self.pending: list[Turn] = []
        self.journal: Path | None = None
        self.notices: list[str] = []
        self.last_error: str | None = None

    def __call__(self, turn: Turn) -> None:
        if self.pending and (time.monotonic() < self._retry_at or not self.flush()):
            self._defer(turn, None)
            return
        try:
            self.store.add_turn(self.round_row, turn)
        except (sqlite3.Error, StoreError, OSError) as exc:
            self._defer(turn, exc)

    def flush(self) -> bool:
        """Retry pending turns in order; True when none is left. The journal goes once all are saved."""
        saved = 0
        while self.pending:
            try:
                self.store.add_turn(self.round_row, self.pending[0])
            except (sqlite3.Error, StoreError, OSError) as exc:
                self.last_error = describe_write_error(exc, self.store.path)
                self._retry_at = time.monotonic() + self.retry_after_s
                return False
            self.pending.pop(0)
            saved += 1
        if saved:
            self._notice(f"The database accepts writes again: saved {saved} turn(s) that had been kept aside.")
        if self.journal is not None:
            self.journal.unlink(missing_ok=True)
            self.journal = None
        return True

    def require_saved(self) -> None:
        """At the end of a round: raise UnsavedTurnsError if the database still refuses the pending turns."""
        if self.flush():
            return
        where = f"they are in {self.journal}" if self.journal else "no recovery file could be written either"
        raise UnsavedTurnsError(
            f"{len(self.pending)} turn(s) could not be saved because {self.last_error}; {where}. "
            f"Fix the problem, then run `interview-sim resume {self.session_id[:12]}` to save them and finish the round."
        )

    def _defer(self, turn: Turn, exc: BaseException | None) -> None:
        first = not self.pending
        if exc is not None:
            self.last_error = describe_write_error(exc, self.store.path)
            self._retry_at = time.monotonic() + self.retry_after_s
        self.pending.append(turn)
        written = self._journal(turn)
        if first:
            where = f"kept in {written}" if written else "kept in memory only (no writable place for a recovery file)"
            self._notice(
                f"Could not save turn {turn.index} because {self.last_error}; the interview goes on, "
                f"and turns are {where} until the database accepts them."
            )

    def _journal(self, turn: Turn) -> Path | None:
        line = json.dumps({"session_id": self.session_id, "round_row": self.round_row, "turn": turn.model_dump(mode="json")})
        candidates = [self.journal] if self.journal else [d / journal_name(self.session_id, self.round_row) for d in self.dirs]
        for path in candidates:
            assert path is not None
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                with path.open("a", encoding="utf-8") as handle:
                    handle.write(line + "\n")
                    handle.flush()
                    os.fsync(handle.fileno())
            except OSError:
                continue
            self.journal = path
            return path
        return None

    def _notice(self, message: str) -> None:
        self.notices.append(message)
        if self.on_notice is not None:
            self.on_notice(message)


def find_journals(session_id: str, data_dir: Path) -> list[Path]:
    found: list[Path] = []
    for directory in recovery_dirs(data_dir):
        try:
            found += sorted(directory.glob(f"{session_id}-r*{JOURNAL_SUFFIX}"))
        except OSError:
            continue
    return found


def replay_recovery(store: Store, session_id: str, data_dir: Path) -> int:
    """Store the turns of every recovery journal of this session; returns how many were new.

    Idempotent: a turn already in the database is left as it was. A journal is deleted
    only after all its turns are in; a torn last line (killed mid-write) is skipped.
    """
    added = 0
    for path in find_journals(session_id, data_dir):
        for raw in path.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(raw)
                turn = Turn.model_validate(entry["turn"])
                round_row = int(entry["round_row"])
            except (ValueError, KeyError, TypeError):
                continue
            added += store.add_turn(round_row, turn)
        path.unlink()
    return added

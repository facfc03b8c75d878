"""One open SQLite database: the connection, its settings, migrations, and the two ways in (a write, a read).

Why it is built this way:
- WAL journal + `synchronous=NORMAL`: a reader (the TUI's review screen, Datasette,
  a coach's `show`) never blocks the interview writing turns, and each commit is
  durable against a killed process (`kill -9`) without an fsync per turn. Only a
  power cut can lose the last few commits.
- One connection per Store, guarded by a lock, usable from worker threads; sqlite-utils
  (`self._db`) works on that same connection, inside the same transactions.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlite_utils import Database
from sqlite_utils.db import Table

from .schema import LATEST_VERSION, SchemaError, database, migrate, schema_version

BUSY_TIMEOUT_MS = 5000


class StoreError(Exception):
    """A request the store cannot satisfy; the message is fit to show a user."""


class SessionNotFound(StoreError):
    pass


def utc_now() -> str:
    """ISO-8601 UTC with microseconds, so sessions started in the same second still sort."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


class Connection:
    """The open database; Store adds what it reads and writes."""

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
            self._db: Database = database(conn)
            # Table handles made once: sqlite-utils looks the table up each time one is made.
            self._tables: dict[str, Table] = {}
            self._statements: dict[tuple[str, tuple[str, ...]], str] = {}
        except BaseException:
            conn.close()
            raise

    def _table(self, name: str) -> Table:
        table = self._tables.get(name)
        if table is None:
            table = self._tables[name] = self._db.table(name)
        return table

    def _insert_or_ignore(self, table: str, record: dict[str, Any]) -> sqlite3.Cursor:
        """Insert `record` unless its unique key is there already, with the statement sqlite-utils writes for it.

        The statement is built once per table and column set: `Table.insert()` re-checks the
        table and rebuilds it on every call, which is most of the cost of a turn insert
        (0.38 ms against 0.14 ms, measured), and a turn is inserted each time anyone speaks.
        """
        key = (table, tuple(record))
        statement = self._statements.get(key)
        if statement is None:
            ((statement, _),) = self._table(table).build_insert_queries_and_params(
                extracts={}, chunk=[record], all_columns=list(record), hash_id=None, hash_id_columns=None,
                upsert=False, pk=None, not_null=None, conversions={}, num_records_processed=1, replace=False, ignore=True,
            )  # fmt: skip
            self._statements[key] = statement
        return self._conn.execute(statement, list(record.values()))

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Any:
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
    def _write(self) -> Iterator[Database]:
        """One IMMEDIATE transaction: takes the write lock up front so it cannot deadlock on upgrade."""
        if self.readonly:
            raise StoreError("this store was opened read-only")
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        """One read transaction: every query inside sees the same committed state."""
        with self._lock:
            self._conn.execute("BEGIN")
            try:
                yield
            finally:
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

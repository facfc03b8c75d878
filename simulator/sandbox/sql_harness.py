"""Runs one SQL query on a small read-only in-memory SQLite database and compares its result set.

Standard library only, on purpose: this file's source is the head of the
`solution.py` the sandbox writes for a SQL problem (the candidate's query and the
check data follow it as constants), so the hidden checks run inside the same
confined subprocess as Python solutions. The app imports it too, to run a
problem's reference query when `rubric validate` checks the YAML.

Safety inside the sandbox: the database lives in memory; once loaded it is
`query_only` and an authorizer allows reading only (no ATTACH, no PRAGMA, no
writes); one statement at most (sqlite3 refuses more); a progress handler stops
a query at its time limit; at most MAX_ROWS rows are read.
"""

from __future__ import annotations

import sqlite3
import time
from collections import Counter
from typing import Any

MAX_ROWS = 10_000
DIGITS = 6
"""Numbers are compared rounded to 6 decimals: 2 and 2.0 and 0.6666666667 vs 0.666667 are the same answer."""

_ALLOWED = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION, sqlite3.SQLITE_RECURSIVE}


class QueryError(Exception):
    """The query could not produce a result (SQL error, time limit, too many rows, not a SELECT)."""


def _read_only(action: int, *_: Any) -> int:
    return sqlite3.SQLITE_OK if action in _ALLOWED else sqlite3.SQLITE_DENY


def load_database(tables: list[dict[str, Any]], replaced: dict[str, list[list[Any]]] | None = None) -> sqlite3.Connection:
    """An in-memory database with the problem's tables; `replaced` swaps a table's rows (a hidden check's data)."""
    conn = sqlite3.connect(":memory:")
    for table in tables:
        name, columns = table["name"], table["columns"]
        conn.execute(f'CREATE TABLE "{name}" ({", ".join(columns)})')  # names and types were validated by the catalog
        rows = (replaced or {}).get(name, table["rows"])
        if rows:
            conn.executemany(f'INSERT INTO "{name}" VALUES ({", ".join("?" for _ in columns)})', rows)
    conn.commit()
    conn.execute("PRAGMA query_only = ON")
    conn.set_authorizer(_read_only)
    return conn


def run_query(conn: sqlite3.Connection, query: str, time_limit_s: float) -> tuple[list[str], list[tuple[Any, ...]]]:
    """(column names, rows) of one SELECT, or QueryError saying in plain words what went wrong."""
    if not query.strip():
        raise QueryError("the query is empty")
    deadline = time.monotonic() + time_limit_s
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 1000)
    try:
        cursor = conn.execute(query)
        if cursor.description is None:
            raise QueryError("the statement returns no rows: write one SELECT query")
        rows = cursor.fetchmany(MAX_ROWS + 1)
    except sqlite3.OperationalError as exc:
        if time.monotonic() > deadline:
            raise QueryError(f"the query ran past the {time_limit_s:g} s time limit") from None
        raise QueryError(f"SQL error: {exc}") from None
    except (sqlite3.DatabaseError, sqlite3.ProgrammingError, sqlite3.Warning) as exc:
        raise QueryError(f"SQL error: {exc}") from None
    finally:
        conn.set_progress_handler(None, 0)
    if len(rows) > MAX_ROWS:
        raise QueryError(f"the query returns more than {MAX_ROWS} rows")
    return [d[0] for d in cursor.description], rows


def normalise(value: Any) -> Any:
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, (int, float)):
        return round(float(value), DIGITS) + 0.0  # + 0.0 folds -0.0 into 0.0
    if isinstance(value, bytes):
        return value.hex()
    return value


def _show(row: tuple[Any, ...]) -> str:
    return "(" + ", ".join("NULL" if v is None else repr(v) for v in row) + ")"


def compare(expected: list[list[Any]], got: list[tuple[Any, ...]], *, ordered: bool) -> str | None:
    """None when the result matches; else what differs, without revealing the expected rows."""
    want = [tuple(normalise(v) for v in row) for row in expected]
    have = [tuple(normalise(v) for v in row) for row in got]
    if want and have and len(want[0]) != len(have[0]):
        return f"expected {len(want[0])} columns, got {len(have[0])}"
    if len(want) != len(have):
        return f"expected {len(want)} rows, got {len(have)}"
    if ordered and want != have:
        if Counter(want) == Counter(have):
            return "the right rows in the wrong order: the problem asks for an ORDER BY"
        first = next(i for i, (w, h) in enumerate(zip(want, have, strict=True)) if w != h)
        return f"row {first + 1} differs from the expected result: {_show(got[first])}"
    if not ordered and Counter(want) != Counter(have):
        extra = list((Counter(have) - Counter(want)).elements())
        index = have.index(extra[0])
        return f"{len(extra)} of {len(have)} rows differ from the expected result, e.g. {_show(got[index])}"
    return None


def check(exercise: dict[str, Any], name: str, query: str, time_limit_s: float) -> str | None:
    """Run `query` on check `name`'s data: None when its result set is the expected one, else why not."""
    spec = next(c for c in exercise["checks"] if c["name"] == name)
    conn = load_database(exercise["tables"], spec.get("rows") or {})
    try:
        _, rows = run_query(conn, query, time_limit_s)
    except QueryError as exc:
        return str(exc)
    finally:
        conn.close()
    return compare(spec["expected"], rows, ordered=bool(exercise.get("order_matters")))


def check_sql_result(name: str) -> None:
    """The hidden test's body: compare the module's QUERY on check `name`'s data (pytest reports the message)."""
    problem = check(globals()["EXERCISE"], name, globals()["QUERY"], globals()["TIME_LIMIT_S"])
    if problem is not None:
        raise AssertionError(problem)

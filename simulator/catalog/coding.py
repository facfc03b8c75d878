"""Coding problems of a rubric: hidden Python tests, or a SQL exercise on a small SQLite database.

Part of the catalog models (re-exported by catalog.models); kept apart so each module reads in one sitting.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from .base import SNAKE, Strict

class TestCase(Strict):
    """A hidden pytest test of a coding problem, run against the candidate's code."""

    name: str = Field(pattern=r"^test_[a-z0-9_]+$")
    code: str


SqlValue = int | float | str | None
SQL_COLUMN = re.compile(r"^(?P<name>[a-z][a-z0-9_]*) (?P<type>INTEGER|REAL|TEXT)$")
SQL_CHECK_FUNCTION = "check_sql_result"
"""What each generated hidden test of a SQL problem calls; the sandbox's SQL harness defines it."""
SQL_ENTRYPOINT = "QUERY"
"""The name the candidate's query has inside the sandbox (a string constant of the harness module)."""


class SqlTable(Strict):
    """A table of the small SQLite database a SQL problem defines: what the candidate queries."""

    name: str = Field(pattern=SNAKE)
    columns: list[str] = Field(min_length=1, description='"name TYPE" with TYPE one of INTEGER, REAL, TEXT')
    rows: list[list[SqlValue]] = Field(default_factory=list, description="the rows the candidate sees (YAML null = SQL NULL)")

    @field_validator("columns")
    @classmethod
    def _columns(cls, columns: list[str]) -> list[str]:
        bad = [c for c in columns if not SQL_COLUMN.match(c)]
        if bad:
            raise ValueError(f'columns must read "name INTEGER|REAL|TEXT" (lowercase name), got {bad}')
        names = [c.split()[0] for c in columns]
        if len(set(names)) != len(names):
            raise ValueError(f"column names must be unique: {names}")
        return columns

    @model_validator(mode="after")
    def _row_widths(self) -> SqlTable:
        for i, row in enumerate(self.rows):
            if len(row) != len(self.columns):
                raise ValueError(f"row {i} has {len(row)} values for {len(self.columns)} columns")
        return self


class SqlCheck(Strict):
    """A hidden check: the candidate's result on (possibly changed) data must equal `expected`.

    `rows` replaces whole tables for this check only: hidden edge cases (ties,
    NULLs, an empty group, a duplicate) the candidate never saw.
    """

    name: str = Field(pattern=r"^test_[a-z0-9_]+$")
    description: str = Field(description="what the check covers (shown to coaches, never to the candidate)")
    rows: dict[str, list[list[SqlValue]]] = Field(default_factory=dict, description="table name -> the rows for this check")
    expected: list[list[SqlValue]] = Field(description="the expected result rows, columns in the order the problem states")


class SqlExercise(Strict):
    """A SQL problem: a small SQLite database, hidden checks, and a reference query `rubric validate` runs."""

    tables: list[SqlTable] = Field(min_length=1)
    checks: list[SqlCheck] = Field(min_length=1)
    order_matters: bool = Field(False, description="compare rows in order (the problem asks for an ORDER BY); else as multisets")
    reference: str = Field(description="a query that gives every check's expected result (hidden; validates the YAML)")

    @model_validator(mode="after")
    def _consistent(self) -> SqlExercise:
        names = [t.name for t in self.tables]
        if len(set(names)) != len(names):
            raise ValueError(f"table names must be unique: {names}")
        checks = [c.name for c in self.checks]
        if len(set(checks)) != len(checks):
            raise ValueError(f"check names must be unique: {checks}")
        widths = {t.name: len(t.columns) for t in self.tables}
        for check in self.checks:
            for table, rows in check.rows.items():
                if table not in widths:
                    raise ValueError(f"check {check.name} replaces rows of unknown table {table!r}; tables: {names}")
                if any(len(row) != widths[table] for row in rows):
                    raise ValueError(f"check {check.name}: every row of {table!r} needs {widths[table]} values")
            if len({len(row) for row in check.expected}) > 1:
                raise ValueError(f"check {check.name}: expected rows must all have the same number of columns")
        return self

    def schema_comment(self, sample_rows: int = 3) -> str:
        """The tables as SQL comments (columns and a few rows): the head of the candidate's editor."""
        lines = ["-- SQLite database (read-only). Tables, with a few of their rows:"]
        for table in self.tables:
            lines.append(f"--   {table.name}({', '.join(table.columns)})")
            for row in table.rows[:sample_rows]:
                lines.append("--     " + " | ".join("NULL" if v is None else repr(v) for v in row))
            if len(table.rows) > sample_rows:
                lines.append(f"--     ... {len(table.rows) - sample_rows} more")
        return "\n".join(lines)


class CodingProblem(Strict):
    entrypoint: str = Field(description="the function the candidate must write")
    starter: str
    tests: list[TestCase] = Field(min_length=1)
    time_limit_s: float = Field(10.0, gt=0, le=120)
    sql: SqlExercise | None = Field(
        None, description="a SQL problem: the candidate writes one query; its hidden tests are `sql.checks` (no `tests`)"
    )

    @model_validator(mode="before")
    @classmethod
    def _sql_tests(cls, data: Any) -> Any:
        """A SQL problem's hidden tests are generated from its checks, so scoring reads them like any other.

        Each calls the sandbox's SQL harness with the check's name; the harness
        compares the query's result set with the check's hidden expected rows.
        """
        if not isinstance(data, dict) or not isinstance(data.get("sql"), dict):
            return data
        if "tests" in data:
            raise ValueError("a SQL problem's hidden tests are its sql.checks: remove `tests`")
        checks = data["sql"].get("checks")
        names = [c["name"] for c in checks if isinstance(c, dict) and isinstance(c.get("name"), str)] if isinstance(checks, list) else []
        return {
            "entrypoint": SQL_ENTRYPOINT,
            **data,
            "tests": [{"name": name, "code": f"def {name}():\n    {SQL_CHECK_FUNCTION}({name!r})\n"} for name in names],
        }

    @property
    def language(self) -> Literal["python", "sql"]:
        return "sql" if self.sql is not None else "python"

    def brief(self) -> str:
        """Under the problem statement: what to write and how it is checked (and, for SQL, the tables)."""
        if self.sql is not None:
            order = "in the stated order" if self.sql.order_matters else "in any order"
            return (f"Write one SQLite SELECT query. {len(self.tests)} hidden checks compare its rows ({order}) "
                    f"with the expected result, {self.time_limit_s:g} s limit.\n\n{self.sql.schema_comment()}")  # fmt: skip
        return f"Write `{self.entrypoint}`. {len(self.tests)} hidden tests, {self.time_limit_s:g} s limit."

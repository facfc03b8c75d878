"""Run a candidate's answer to a coding problem, Python or SQL, against its hidden tests in the sandbox.

Why one entry point: the app and the take-home runner must not care which kind
a problem is. A SQL answer becomes a `solution.py` made of the SQL harness, the
query (a string constant) and the checks' data; the problem's generated tests
call the harness. Both kinds come back as the same `SandboxResult`, so the
notice the round records, and the correctness scoring that reads it, are the
same for both.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..catalog.models import SQL_ENTRYPOINT, CodingProblem, SqlExercise
from .runner import SandboxLimits, SandboxResult, run_tests

HARNESS_SOURCE = Path(__file__).with_name("sql_harness.py")


def sql_solution_module(query: str, exercise: SqlExercise, query_limit_s: float) -> str:
    """The harness, then the candidate's query and the checks' data as constants (never the reference query)."""
    data = exercise.model_dump(mode="json", exclude={"reference"})
    return "\n".join([
        HARNESS_SOURCE.read_text(encoding="utf-8"),
        "",
        f"{SQL_ENTRYPOINT} = {query!r}",
        f"EXERCISE = __import__('json').loads({json.dumps(data)!r})",
        f"TIME_LIMIT_S = {query_limit_s!r}",
        "",
    ])  # fmt: skip


def run_problem(code: str, problem: CodingProblem, *, limits: SandboxLimits | None = None, python: str | None = None) -> SandboxResult:
    """Blocking (pytest in a confined subprocess): call from a thread worker, as `run_tests`."""
    limits = limits or SandboxLimits(wall_s=problem.time_limit_s)
    if problem.sql is None:
        return run_tests(code, problem.tests, entrypoint=problem.entrypoint, limits=limits, python=python)
    per_query = limits.wall_s / max(1, len(problem.sql.checks))
    solution = sql_solution_module(code, problem.sql, per_query)
    return run_tests(solution, problem.tests, entrypoint=SQL_ENTRYPOINT, limits=limits, python=python)

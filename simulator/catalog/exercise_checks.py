"""Cross-checks of a rubric's exercises that need more than one model: take-homes, and SQL reference queries.

Part of `rubric validate` (loader._check_loop calls these); kept apart so each module reads in one sitting.
"""

from __future__ import annotations

from typing import Any

from .models import Round, SqlExercise

WEIGHT_TOLERANCE = 1e-6
REFERENCE_LIMIT_S = 5.0
"""A SQL problem's reference query on its tiny tables; a slower one is itself a mistake worth reporting."""


def check_take_homes(
    rnd: Round,
    base: tuple[str | int, ...],
    report: Any,
    *,
    source_ids: set[str],
    known_criteria: set[str],
    broken: Any,
    loop_question_ids: set[str],
) -> None:
    """A round's take-homes: known sources and criteria, weights that sum to 1, review questions of their own."""
    for ti, take_home in enumerate(rnd.take_homes):
        tpath = (*base, "take_homes", ti)
        if take_home.source not in source_ids:
            report((*tpath, "source"), f"unknown source {take_home.source!r}; sources: {', '.join(sorted(source_ids))}")
        weights = sum(c.weight for c in take_home.criteria)
        if abs(weights - 1.0) > WEIGHT_TOLERANCE:
            report((*tpath, "criteria"), f"criterion weights sum to {weights:g}, must sum to 1")
        scored = {c.id for c in take_home.criteria}
        for ci, crit in enumerate(take_home.criteria):
            if crit.id not in known_criteria and ("criterion", crit.id) not in broken:
                report((*tpath, "criteria", ci, "id"), f"unknown criterion {crit.id!r} (not in criteria.yaml or the loop)")
        for qi, question in enumerate(take_home.review):
            qpath = (*tpath, "review", qi)
            if question.source not in source_ids:
                report((*qpath, "source"), f"unknown source {question.source!r}; sources: {', '.join(sorted(source_ids))}")
            if question.id in loop_question_ids or question.id == take_home.hand_in_question_id:
                report((*qpath, "id"), f"id {question.id!r} is already a question of the loop")
            for k, crit_id in enumerate(question.criteria):
                if crit_id not in scored:
                    report((*qpath, "criteria", k), f"criterion {crit_id!r} is not scored by take-home {take_home.id!r}")


def check_sql_reference(exercise: SqlExercise) -> list[tuple[tuple[str | int, ...], str]]:
    """Run the problem's reference query on every check's data: a check it fails has a mistake in the YAML.

    The reference is the team's own SQL (trusted), run in-process on an in-memory
    database with the same read-only harness the sandbox uses, so an expected
    result typed wrong is found at `rubric validate`, not by a candidate.
    """
    from ..sandbox.sql_harness import check

    data = exercise.model_dump(mode="json")
    problems: list[tuple[tuple[str | int, ...], str]] = []
    for ci, spec in enumerate(exercise.checks):
        mismatch = check(data, spec.name, exercise.reference, REFERENCE_LIMIT_S)
        if mismatch is not None:
            problems.append((("checks", ci, "expected"), f"the reference query does not give this result: {mismatch}"))
    return problems

"""Turns the fourth blind player's rounds (2026-12-07, `/tmp/h9`) and the fifth's (`/tmp/h10`) showed answered wrong, on
the real rubrics: each assertion fails on the main before the fix."""

from __future__ import annotations

import pytest

from simulator.catalog import Catalog, load_catalog
from simulator.catalog.models import Question
from simulator.config import PROJECT_ROOT
from simulator.interview.assumptions import NOT_QUITE, THAT_IS_RIGHT, opener
from simulator.interview.clarify import read_turn


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


def _question(catalog: Catalog, question_id: str) -> Question:
    return next(q for loop in catalog.loops.values() for r in loop.rounds for q in r.questions if q.id == question_id)


@pytest.mark.parametrize(("turn", "opens"), [
    ("So designs has about 30 million rows in total, right?", NOT_QUITE),
    ("so the designs table is like 30 million rows overall, right", NOT_QUITE),
    ("So designs grows by about 30 million rows a day, right?", THAT_IS_RIGHT),
])
def test_a_total_is_not_the_rate_the_facts_state(catalog: Catalog, turn: str, opens: str) -> None:
    """ "30 million designs in total" was told "That's right." before "designs grows by about 30 million rows a day"."""
    read = read_turn(turn, _question(catalog, "sql-template-export-rate"), glossary=catalog.glossary)
    assert read is not None and opener(read) == opens, read

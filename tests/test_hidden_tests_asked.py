"""Asked why the hidden tests fail, the interviewer points at the last run's failures (interview/hidden_tests.py)."""

from __future__ import annotations

import pytest
from test_round_session import answer, round_on

from simulator.catalog import Catalog, Question, load_catalog
from simulator.config import PROJECT_ROOT
from simulator.engine.turns import Turn, TurnKind
from simulator.interview.hidden_tests import ALL_PASSED, NO_RUN, run_asked_about
from simulator.sandbox import NOTICE_SOURCE

FAILED = ("Hidden test results: 1/3 hidden tests passed. test_given_table: failed (AssertionError: 1 of 3 rows differ from "
          "the expected result, e.g. [2, 10]); test_successful_attempts_do_not_count: passed; "
          "test_window_is_ten_minutes_wide: failed (AssertionError: expected 1 rows, got 2).")
PASSED = ("Hidden test results: 3/3 hidden tests passed. test_given_table: passed; test_successful_attempts_do_not_count: "
          "passed; test_window_is_ten_minutes_wide: passed.")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


def _question(catalog: Catalog, question_id: str) -> Question:
    return next(q for loop in catalog.loops.values() for r in loop.rounds for q in r.questions if q.id == question_id)


async def test_asked_why_the_tests_fail_the_failing_ones_are_named(catalog: Catalog) -> None:
    """Played (2026-12-06, Shopify coding): "Why do the tests fail? I think my SQL is right." drew "That's your call —
    state your assumption and go on." after a run that failed two of three hidden tests."""
    turns: list[Turn] = []
    session, clock = round_on(catalog, "shopify-mle", "coding", "sql-failed-payment-bursts", turns)
    [e async for e in session.open()]
    await answer(session, clock, "I'd count failed attempts per account over a RANGE window of the last 10 minutes.")
    session.notice(FAILED, source=NOTICE_SOURCE)
    await answer(session, clock, "Why do the tests fail? I think my SQL is right.")
    reply = session.turns[-1]
    assert reply.kind is TurnKind.CLARIFICATION, reply
    assert "test_given_table: failed" in reply.text and "test_window_is_ten_minutes_wide: failed (AssertionError: expected 1 rows, got 2)" \
        in reply.text and "test_successful_attempts_do_not_count" not in reply.text, reply.text
    assert reply.text.endswith("?") and "your call" not in reply.text


@pytest.mark.parametrize(("notice", "reply"), [(None, NO_RUN), (PASSED, ALL_PASSED)])
def test_before_a_run_or_after_a_clean_one_it_says_so(catalog: Catalog, notice: str | None, reply: str) -> None:
    turns = [] if notice is None else [Turn(speaker="interviewer", kind=TurnKind.NOTICE, text=notice, index=0, t_start=0.0, t_end=0.0,
                                            source=NOTICE_SOURCE)]
    read = run_asked_about("which tests are failing?", _question(catalog, "sql-failed-payment-bursts"), turns)
    assert read is not None and read.reply == reply and not read.also_answer


@pytest.mark.parametrize("said", ["I'd test the empty table and a failure at minute 10.",
                                  "The tests should cover an account that qualifies twice."])
def test_talk_of_tests_is_no_question_about_the_run(catalog: Catalog, said: str) -> None:
    assert run_asked_about(said, _question(catalog, "sql-failed-payment-bursts"), []) is None


def test_outside_a_coding_question_it_is_a_question_like_any_other(catalog: Catalog) -> None:
    """A design has no hidden tests: "what's wrong with my solution?" is not answered with "Nothing has run yet"."""
    assert run_asked_about("what's wrong with my solution?", _question(catalog, "sd-gpu-k8s-availability"), []) is None

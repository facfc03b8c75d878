"""Turns the fourth blind player's rounds (2026-12-07, `/tmp/h9`) and the fifth's (`/tmp/h10`) showed answered wrong, on
the real rubrics: each assertion fails on the main before the fix."""

from __future__ import annotations

import json

import pytest
from test_round_session import played

from simulator.catalog import Catalog, load_catalog
from simulator.catalog.models import Question
from simulator.config import PROJECT_ROOT
from simulator.engine.turns import TurnKind
from simulator.interview.arithmetic import _AT_RATE, _RATE_AGAIN, CHECK, slips
from simulator.interview.assumptions import NOT_QUITE, THAT_IS_RIGHT, opener
from simulator.interview.clarify import read_turn
from simulator.scoring.meaning.spoken import normalise_spoken


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


@pytest.mark.parametrize(("question_id", "turn", "opens"), [
    ("sd-latency-spike-triage", "Thanks. So roughly 300 requests per day on the flag - that's small, is that right?", NOT_QUITE),
    ("sd-latency-spike-triage", "So roughly 300 requests a second on the flag, is that right?", THAT_IS_RIGHT),
    ("sd-llm-gateway-serverless", "OK, so 300 ms for the whole generated answer, end to end, right? That's very tight for an LLM.",
     NOT_QUITE),
    ("sd-llm-gateway-serverless", "OK, so 300 ms to the first token, right?", THAT_IS_RIGHT),
])
def test_a_figure_put_per_another_stretch_or_of_the_whole_is_not_right(catalog: Catalog, question_id: str, turn: str,
                                                                        opens: str) -> None:
    """ "300 requests per day..., is that right?" against "about 300 requests a second" drew "Here's what we have:"; "300 ms
    for the whole generated answer, end to end, right?" against "The 300 ms is to the first streamed token" drew "That's
    right." (the fifth player, r03 t5 and r08 t5)."""
    read = read_turn(turn, _question(catalog, question_id), glossary=catalog.glossary)
    assert read is not None and opener(read) == opens, read


@pytest.mark.parametrize(("turn", "said"), [
    ("With 10,000 new merchants a day, that's about 300,000 a year, so plenty for an experiment.",
     "10,000 a day is about 3.6 million a year, not 300,000."),
    ("Hmm, 5,000 audits a month at 1 in 10,000 gives about 5 harmful per month, right?", "5,000 at 1 in 10,000 is about 0.5, not 5."),
    ("2 million orders a day at 0.15% fraud gives about 30,000 fraud orders a day.", "2 million at 0.15% is about 3,000, not 30,000."),
])
def test_a_sum_worked_out_wrong_is_checked(turn: str, said: str) -> None:
    """Both went unremarked (r06 t7, r05 t13), the second with "That's right.", and the plan was built on the slip."""
    assert slips(turn) == [said]


@pytest.mark.parametrize("turn", [
    "10,000 merchants a day, so about 500 orders a second",  # two things counted
    "2 million orders a day at 0.15% fraud gives about 3,000 fraud orders a day.",
    "Emails: 2 per week per store is around 70,000 per day.",  # a rate per store, not a sum
    "binomial standard error of top-1 at 91.5% on 50,000 images is about 0.12 points",  # "top-1" is a name
    "10,000 a day is about 3.6 million a year",
])
def test_a_sum_worked_out_right_or_no_sum_is_left_alone(turn: str) -> None:
    assert slips(turn) == []


async def test_the_check_comes_before_the_follow_up_in_a_round(catalog: Catalog) -> None:
    rnd = catalog.loop("shopify-mle").round("case-study")
    turns = await played(catalog, "shopify-mle", "case-study", rnd.questions[0].id,
                         "I'd start from signups: with 10,000 new merchants a day, that's about 300,000 a year, so plenty of "
                         "merchants for an experiment. I'd randomise new merchants at signup and read first sale within 30 days.")
    check = next(t for t in turns if t.kind is TurnKind.CLARIFICATION)
    assert check.text == CHECK + "10,000 a day is about 3.6 million a year, not 300,000.", check.text
    assert turns[-1].kind is TurnKind.FOLLOW_UP  # the turn still counts as the answer it is


def test_no_sum_of_the_written_answers_is_flagged() -> None:
    """The scoring corpus's answers and the labelled sets hold 12 sums worked out aloud (measured 2026-12-07; 27 with the YAML sets), each right
    or within a rounding: none is a slip to check."""
    texts: list[str] = []
    for path in [*(PROJECT_ROOT / "simulator" / "scoring" / "corpus").glob("*.jsonl"), *(PROJECT_ROOT / "tests" / "data").glob("*.jsonl")]:
        texts += [json.loads(line).get("answer", "") for line in path.read_text().splitlines() if line.strip()]
    read = [t for t in texts if _RATE_AGAIN.search(normalise_spoken(t)) or _AT_RATE.search(normalise_spoken(t))]
    assert len(read) >= 10 and [t for t in read if slips(t)] == []

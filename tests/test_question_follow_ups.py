"""A question's own follow-up words the probe of the criterion the planner chose (engine/question_follow_ups.py).

Played (2026-12-05): 28 of 100 interviewer turns were the rubric's probe for a criterion, the same on every question
("What path does a single request take?" after a design that told it; "Where would you cut inference cost first?"
after a latency diagnosis). Now a follow-up written for the question in the rubric YAML comes first: one whose `said`
the answer says, led by what was said; else one that fits any answer.
"""

from __future__ import annotations

import re

import pytest
from test_round_session import answer, round_on

from simulator.bench.llm_compare import KIND_PATTERNS
from simulator.catalog import Catalog, load_catalog
from simulator.catalog.models import Question
from simulator.config import PROJECT_ROOT
from simulator.engine.question_follow_ups import question_follow_up
from simulator.engine.turns import TurnKind

QUESTION = Question(
    id="q", text="Design an online background remover with a 200 ms p95.", source="written",
    criteria=["architecture", "monitoring"],
    follow_ups=[
        {"criterion": "architecture", "said": [r"\bbatch(?:ing|es)?\b"], "heard": [r"max(?:imum)? wait"],
         "ask": "How do you size a batch so each request still makes the 200 ms p95?"},
        {"criterion": "architecture", "heard": [r"\bfallback"], "ask": "What serves a frame when the GPU pool is saturated?"},
        {"criterion": "monitoring", "said": [r"\bdrift"], "heard": [r"\bpsi\b"], "ask": "Which drift signal pages someone?"},
    ],
)  # fmt: skip


def _ask(answers: list[str], criterion: str = "architecture", asked: tuple[str, ...] = ()) -> tuple[str, tuple | None] | None:
    pick = question_follow_up(QUESTION, criterion, answers, lambda ask: ask not in asked)
    return None if pick is None else (pick.ask, pick.said_at)


def test_what_the_answer_said_is_picked_up_where_it_was_said() -> None:
    answer = "Triton on the A10G pool with dynamic batching."
    ask, at = _ask([answer])
    assert ask.startswith("How do you size a batch") and at == (0, answer.index("batching"), answer.index("batching") + 8)


def test_without_the_thing_said_the_follow_up_for_any_answer() -> None:
    assert _ask(["One model per GPU, behind a load balancer."])[0].startswith("What serves a frame")


def test_a_denied_or_asked_mention_is_no_thread_and_an_answered_one_is_not_asked() -> None:
    assert _ask(["We wouldn't do any batching here; one frame per call."])[0].startswith("What serves a frame")
    assert _ask(["Would batching be allowed? One frame per call for now."])[0].startswith("What serves a frame")
    assert _ask(["Dynamic batching with a maximum wait of 10 ms."])[0].startswith("What serves a frame")  # answered
    assert _ask(["Batching with a maximum wait of 10 ms, and a fallback to the lighter model."]) is None  # the rubric's probe


def test_a_follow_up_is_asked_once_and_only_for_its_criterion() -> None:
    assert _ask(["batching"], asked=("How do you size a batch so each request still makes the 200 ms p95?",))[0].startswith("What serves")
    assert _ask(["batching, and no drift checks yet"], criterion="monitoring") is None  # the drift mention is denied
    assert _ask(["batching, and a drift check"], criterion="monitoring")[0] == "Which drift signal pages someone?"


def test_the_latest_answer_is_picked_up_first() -> None:
    ask, at = _ask(["We watch drift weekly.", "Batching in the server."])
    assert at[0] == 1 and "batch" in ask
    assert _ask(["Batching in the server.", "And drift."], criterion="monitoring")[1][0] == 1


def test_a_follow_up_must_name_one_of_its_questions_criteria() -> None:
    with pytest.raises(ValueError, match="names criterion 'rollout'"):
        Question(id="q", text="t", source="written", criteria=["architecture"],
                 follow_ups=[{"criterion": "rollout", "ask": "How?", "heard": ["x"]}])
    with pytest.raises(ValueError):
        Question(id="q", text="t", source="written", criteria=["architecture"],
                 follow_ups=[{"criterion": "architecture", "ask": "How? Why?", "heard": ["x"]}])
    with pytest.raises(ValueError, match="invalid regex"):
        Question(id="q", text="t", source="written", criteria=["architecture"],
                 follow_ups=[{"criterion": "architecture", "said": ["(batch"], "ask": "How?", "heard": ["x"]}])


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


async def test_in_a_round_the_follow_up_picks_up_what_was_said_in_the_scenarios_terms(catalog: Catalog) -> None:
    """The design left out alternatives: the rubric's probe was "What alternative did you consider, and why did you not
    choose it?" after the 150 ms budget; the question's own asks about the index the candidate chose."""
    session, clock = round_on(catalog, "canva-em-recsys", "recsys-system-design", "sd-template-recs", [])
    [e async for e in session.open()]
    await answer(session, clock, "For over a hundred million monthly users with a 150 ms budget on the home page, success is "
                                 "designs started from a recommended template. Two-tower retrieval from user history into a "
                                 "ScaNN index, then a DCN ranker with freshness features. Offline I'd use recall at 100 and "
                                 "NDCG on the next template opened; online, an A/B test on designs started per user.")
    turn = session.turns[-1]
    assert turn.kind is TurnKind.FOLLOW_UP and turn.criterion == "tradeoffs", turn
    assert turn.text.startswith("You mentioned the ScaNN index: would you apply the locale and licensing filters"), turn.text


def test_every_follow_up_in_the_rubrics_reads_as_its_criterion(catalog: Catalog) -> None:
    """What `rubric validate` cannot know: a follow-up on rollout that asks about rollout (the same words the follow-up
    bench reads a follow-up's kind by), so the planner's choice of criterion survives the question's wording."""
    wrong = [f"{loop.id}/{q.id}: {f.criterion}: {f.ask}" for loop in catalog.loops.values() for r in loop.rounds
             for q in r.questions for f in q.follow_ups if f.criterion in KIND_PATTERNS
             and not re.search(KIND_PATTERNS[f.criterion], f.ask, re.IGNORECASE)]
    assert wrong == []
    assert sum(len(q.follow_ups) > 0 for loop in catalog.loops.values() for r in loop.rounds for q in r.questions) >= 100

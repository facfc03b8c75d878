"""A candidate who asks to move on, or says there is nothing more on the question, gets the next question.

Played (2026-12-05, `interview-sim run`, Canva System Design): after an answer and one follow-up, "Can we move on to
another question?" drew "That's fine. What signals would you watch in production...?", and "That's all I've got on
this one." a third follow-up on the same design.
"""

from __future__ import annotations

import pytest
from followup_cases import Case, make_session
from test_engine import engine
from test_followups import say

from simulator.catalog import Catalog, load_catalog
from simulator.config import PROJECT_ROOT
from simulator.engine.turns import TurnKind
from simulator.interview.evidence_probe import MeaningEvidence
from simulator.interview.follow_up_text import NARROWER
from simulator.interview.moving_on import MOVING_ON, asks_to_move_on
from simulator.interview.passing import passes

ANSWER = ("I'd log the model version, data snapshot and serving build on every request, then canary each weekly model "
          "on five percent of traffic for two days with exports per user as the main metric and latency as a guardrail, "
          "and roll back by flipping traffic to the old version, which stays warm.")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


@pytest.mark.parametrize("said", [
    "Can we move on to another question?", "That's all I've got on this one.", "I think that's all I have on this one.",
    "Nothing more to add.", "That's it.", "So yeah, that's about it.", "Next question, please.", "I think that covers it.",
    "I'm done with this one.", "That's everything from me on this one, honestly.", "um i think thats all i have",
    "Could we maybe try a different question?", "I think we're done, thanks.",  # played, 2026-12-05
    "Can we move to the next problem?",  # played, 2026-12-06: "That's your call — state your assumption and go on."
    "I guess that's it, yeah.", "done", "I think I said everything already",  # played, 2026-12-06: a clarification
    "Can we stop here? I think I've said what I know.",  # played, 2026-12-06: "That's your call"
])  # fmt: skip
def test_ways_of_asking_to_move_on(said: str) -> None:
    assert asks_to_move_on(said) and passes(said)


@pytest.mark.parametrize("said", [
    "That's all I have on monitoring, but for the rollout I'd use a canary on five percent of traffic for two days and "
    "roll back on a one percent drop in exports.",
    "That's it: the cache was stale, so I pinned the feature snapshot to the model version.",
    "Is that it?", "I don't know.", "We moved on to a two-tower model after the first quarter.",
    "We were done with the migration by March, and the on-call load halved.",
    "For the next problem I would reuse the heap, since the same window applies.",
    "Can we stop the cache from growing without bound?", "Can we end the experiment early if it looks bad?",
])  # fmt: skip
def test_an_answer_or_a_plain_pass_is_not_asking_to_move_on(said: str) -> None:
    assert not asks_to_move_on(said)


def test_the_engine_moves_on_once_the_question_was_answered() -> None:
    eng, clock = engine()
    first = eng.start()
    clock.advance(30)
    assert eng.record_answer(ANSWER).action == "follow_up"
    clock.advance(10)
    plan = eng.record_answer("", passed=True, moving_on=True)
    assert plan.action == "next_question" and plan.question is not None and plan.question.id != first.id, plan


def test_a_first_reply_asking_to_skip_is_offered_a_smaller_piece_once_as_a_pass_is() -> None:
    eng, clock = engine()
    first = eng.start()
    clock.advance(10)
    plan = eng.record_answer("", passed=True, moving_on=True)
    assert plan.action == "follow_up" and eng.current_question == first, plan
    clock.advance(10)
    assert eng.record_answer("", passed=True, moving_on=True).action == "next_question"


async def test_asking_to_move_on_after_a_follow_up_gets_the_next_question(catalog: Catalog) -> None:
    case = Case(id="t", loop="canva-mle", round="system-design", question="sd-prompt-enhancer-attribution", expect="",
                missing="", answer="")
    session, clock = make_session(catalog, case, None, MeaningEvidence())
    [e async for e in session.open()]
    question = session.engine.current_question
    await say(session, clock, ANSWER)
    assert session.turns[-1].kind is TurnKind.FOLLOW_UP
    await say(session, clock, "Can we move on to another question?")
    notice, asked = session.turns[-2:]
    assert notice.kind is TurnKind.NOTICE and notice.text == MOVING_ON, notice
    assert asked.kind is TurnKind.QUESTION and session.engine.current_question != question
    assert session.engine.answers(question.id)[-1] == ""  # the request is no evidence
    await say(session, clock, "That's all I've got on this one.")  # a first reply: a smaller piece, as a pass gets
    assert session.turns[-1].kind is TurnKind.FOLLOW_UP and session.turns[-1].text.startswith(NARROWER)
    for crash in (-4, -3):  # after the request, or after "Sure, let's move on.": the next question is said on resuming
        resumed, _ = make_session(catalog, case, None, MeaningEvidence())
        [e async for e in resumed.restore(session.turns[:crash])]
        assert resumed.turns[-1].kind is TurnKind.QUESTION and resumed.turns[-1].text == asked.text, resumed.turns[-2:]

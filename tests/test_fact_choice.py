"""Which facts the interviewer tells for a clarifying question, against facts labelled as answering each ask.

tests/data/fact_answers.yaml holds 185 asking turns whose asks were matched to the facts that answer them by
people who did not see the replies. The floors hold the line at what was measured when the labels were made
(2026-12-02: 60% of the facts told answer an ask, 77% of the asks a fact answers get one; 60% and 80% once a fact its
YAML keyword chose stays chosen); README, "Which fact is told". A fact whose text was edited since it was labelled no
longer counts as the labelled one: relabel it.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel

from simulator.catalog import load_catalog
from simulator.interview.clarify import read_turn

REPO = Path(__file__).resolve().parent.parent
LABELS = REPO / "tests" / "data" / "fact_answers.yaml"
TOLD_RIGHT_FLOOR = 0.57
ASKS_ANSWERED_FLOOR = 0.77


class LabelledAsk(BaseModel):
    ask: str
    facts: list[str]


class LabelledTurn(BaseModel):
    set: int
    loop: str
    question_id: str
    turn: str
    asks: list[LabelledAsk]


class FactChoice(BaseModel):
    told: int = 0
    told_right: int = 0
    answerable: int = 0
    answered: int = 0

    def line(self) -> str:
        return (f"{self.told_right} of {self.told} facts told answer an ask ({self.told_right / self.told:.0%}); "
                f"{self.answered} of {self.answerable} answerable asks get a fact that answers ({self.answered / self.answerable:.0%})")


def _norm(text: str) -> str:
    return " ".join(text.split())


def measure() -> FactChoice:
    catalog = load_catalog(REPO / "rubrics", REPO / "personas")
    questions = {(loop.id, q.id): q for loop in catalog.loops.values() for r in loop.rounds for q in r.questions}
    turns = [LabelledTurn.model_validate(t) for t in yaml.safe_load(LABELS.read_text(encoding="utf-8"))]
    result = FactChoice()
    for turn in turns:
        question = questions[(turn.loop, turn.question_id)]
        known = {_norm(f.text) for f in question.facts}
        assert all(f in known for a in turn.asks for f in a.facts), f"a labelled fact of {turn.question_id} was edited: relabel it"
        read = read_turn(turn.turn, question)
        told = {_norm(f.text) for f in read.facts} if read is not None else set()
        right = {f for a in turn.asks for f in a.facts}
        result.told += len(told)
        result.told_right += len(told & right)
        for ask in turn.asks:
            if ask.facts:
                result.answerable += 1
                result.answered += bool(told & set(ask.facts))
    return result


def test_the_facts_told_answer_what_was_asked() -> None:
    choice = measure()
    print("\n" + choice.line())
    assert choice.answerable >= 200
    assert choice.told_right / choice.told >= TOLD_RIGHT_FLOOR, choice.line()
    assert choice.answered / choice.answerable >= ASKS_ANSWERED_FLOOR, choice.line()

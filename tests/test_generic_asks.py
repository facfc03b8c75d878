"""A round opens with a question the candidate could not know in advance, so an evaluator's first turn asks generic
things (traffic, latency, users, budget, deadline, privacy...): on every design and case-study question, each such
turn is read as a question about the problem, and nearly every topic it asks about is answered from the facts."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from simulator.catalog import Question, load_catalog
from simulator.config import PROJECT_ROOT
from simulator.interview.clarify import Clarification, read_turn

ASKS = yaml.safe_load((Path(__file__).parent / "data" / "generic_asks.yaml").read_text())
ROUNDS = ("system-design", "case-study", "recsys-system-design")
CATALOG = load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")
QUESTIONS = [(loop.id, q) for loop in CATALOG.loops.values() for r in loop.rounds if r.id in ROUNDS for q in r.questions]
PER_ASK = 6  # questions each ask is put to, spread over all of them (all 4,410 pairs take minutes)


@cache
def _reads() -> list[tuple[dict[str, object], str, Question, Clarification | None]]:
    """Each ask put to PER_ASK questions spread over all of them, read once for both tests."""
    step = max(1, len(QUESTIONS) // PER_ASK)
    pairs = [(ask, *QUESTIONS[(i + k * step) % len(QUESTIONS)]) for i, ask in enumerate(ASKS) for k in range(PER_ASK)]
    return [(ask, loop, q, read_turn(str(ask["turn"]), q)) for ask, loop, q in pairs]


def test_the_set_covers_every_style_and_topic() -> None:
    assert len(ASKS) == 90
    assert {a["style"] for a in ASKS} == {"plain", "terse", "spoken", "non_native", "compound", "indirect", "polite_long"}
    assert len({t for a in ASKS for t in a["asks"]}) == 15


def test_generic_first_turns_are_read_as_questions_about_the_problem() -> None:
    missed = [f"{loop}/{q.id}: {ask['turn']}" for ask, loop, q, read in _reads()
              if read is None or read.also_answer or not read.about_problem]  # fmt: skip
    assert not missed, "\n".join(missed[:20])


def test_nearly_every_topic_a_generic_turn_asks_about_gets_a_fact() -> None:
    asked = answered = 0
    for ask, _, _, read in _reads():
        told = {f.topic for f in (read.facts if read is not None else [])}
        for topic in ask["asks"]:
            asked += 1
            answered += topic in told or (topic == "constraints" and bool(told & {"privacy", "budget", "latency", "platform"}))
    assert answered / asked >= 0.90, f"{answered} of {asked} asked topics answered from the facts"

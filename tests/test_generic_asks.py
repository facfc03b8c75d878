"""A round opens with a question the candidate could not know in advance, so an evaluator's first turn asks generic
things (traffic, latency, users, budget, deadline, privacy...): on every design and case-study question, each such
turn is read as a question about the problem, and nearly every topic it asks about is answered from the facts."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from simulator.catalog import load_catalog
from simulator.config import PROJECT_ROOT
from simulator.interview.clarify import read_turn

ASKS = yaml.safe_load((Path(__file__).parent / "data" / "generic_asks.yaml").read_text())
ROUNDS = ("system-design", "case-study", "recsys-system-design")
CATALOG = load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")
QUESTIONS = [(loop.id, q) for loop in CATALOG.loops.values() for r in loop.rounds if r.id in ROUNDS for q in r.questions]
PER_ASK = 6  # questions each ask is put to, spread over all of them (all 4,410 pairs take minutes)


def _pairs() -> list[tuple[dict[str, object], str, object]]:
    step = max(1, len(QUESTIONS) // PER_ASK)
    return [(ask, loop, q) for i, ask in enumerate(ASKS)
            for loop, q in (QUESTIONS[(i + k * step) % len(QUESTIONS)] for k in range(PER_ASK))]  # fmt: skip


def test_the_set_covers_every_style_and_topic() -> None:
    assert len(ASKS) == 90
    assert {a["style"] for a in ASKS} == {"plain", "terse", "spoken", "non_native", "compound", "indirect", "polite_long"}
    assert len({t for a in ASKS for t in a["asks"]}) == 15


@pytest.mark.parametrize("kind", ["read", "answered"])
def test_generic_first_turns_are_questions_and_get_facts(kind: str) -> None:
    pairs = _pairs()
    missed: list[str] = []
    asked = answered = 0
    for ask, loop, question in pairs:
        read = read_turn(str(ask["turn"]), question)
        if kind == "read":
            if read is None or read.also_answer or not read.about_problem:
                missed.append(f"{loop}/{question.id}: {ask['turn']}")
            continue
        told = {f.topic for f in (read.facts if read is not None else [])}
        for topic in ask["asks"]:
            asked += 1
            answered += topic in told or (topic == "constraints" and bool(told & {"privacy", "budget", "latency", "platform"}))
    if kind == "read":
        assert not missed, "\n".join(missed[:20])
    else:
        assert answered / asked >= 0.90, f"{answered} of {asked} asked topics answered from the facts"

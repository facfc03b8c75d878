"""The clarification reader over 1,671 written candidate turns (tests/data/candidate_turns.yaml).

Each turn is read against its real bank question, as a round reads it, and what the reader makes of it is
compared with what the turn does. It is a development set (see the file's header), so the bar is high: a class
of phrasing that reads right must keep reading right.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import yaml

from simulator.catalog import load_catalog
from simulator.catalog.glossary import GlossaryTerm
from simulator.catalog.models import Question
from simulator.interview.clarify import (
    AFTER_THE_ROUND,
    BREAK_GRANTED,
    CALL_FIXED,
    HEAR_YOU,
    PASSED_ON,
    TAKE_YOUR_TIME,
    TIME_CHECK,
    read_turn,
)
from simulator.interview.turn_phrases import ANOTHER_STORY, ANY_STORY, GO_AHEAD, GO_ON, YOUR_CALL, YOUR_CALL_STORY, YOUR_TAKE
from simulator.interview.passing import passes

REPO = Path(__file__).resolve().parent.parent
TURNS = REPO / "tests" / "data" / "candidate_turns.yaml"
# What the reader may make of each kind of turn: a question about the problem gets a fact (or, for leave to
# choose, the choice handed back, the fact that settles it, or which story is fine); a term may be explained by a fact.
ACCEPTED = {
    "clarify": {"fact"}, "term": {"term", "fact"}, "repeat": {"repeat"}, "mixed": {"mixed"},
    "answer": {"answer", "mixed"}, "permission": {"your_call", "fact", "story", "go_ahead"}, "not_problem": {"not_problem"},
}  # fmt: skip
NOT_THE_PROBLEM = {PASSED_ON, AFTER_THE_ROUND, TAKE_YOUR_TIME, BREAK_GRANTED, HEAR_YOU, CALL_FIXED, TIME_CHECK, YOUR_TAKE}


GOING_AHEAD = {GO_ON, GO_AHEAD, ANOTHER_STORY}  # "should I keep going?", "can I start with the data?", "can we do another one?"


def reading(text: str, question: Question, glossary: Sequence[GlossaryTerm] = ()) -> str:
    if passes(text):
        return "not_problem"
    read = read_turn(text, question, glossary=glossary)
    if read is None:
        return "answer"
    if read.also_answer:
        return "mixed"
    if read.hint or read.reply in NOT_THE_PROBLEM or any(a.said in NOT_THE_PROBLEM for a in read.asks):
        return "not_problem"
    if any(a.repeat for a in read.asks):
        return "repeat"
    if any(a.term is not None for a in read.asks):
        return "term"
    if read.facts:
        return "fact"
    if read.reply == ANY_STORY:  # "could I talk about an internal write-up?": which story is the candidate's choice
        return "story"
    if read.reply in GOING_AHEAD:
        return "go_ahead"
    return "your_call" if YOUR_CALL in read.reply or YOUR_CALL_STORY in read.reply else "other"


def test_the_reader_reads_written_candidate_turns_as_they_are_meant() -> None:
    catalog = load_catalog(REPO / "rubrics", REPO / "personas")
    questions = {(loop.id, q.id): q for loop in catalog.loops.values() for r in loop.rounds for q in r.questions}
    turns = yaml.safe_load(TURNS.read_text(encoding="utf-8"))
    assert len(turns) >= 300
    right: Counter[str] = Counter()
    wrong: list[str] = []
    for turn in turns:
        got = reading(turn["turn"], questions[(turn["loop"], turn["question_id"])], catalog.glossary)
        if got in ACCEPTED[turn["expect"]]:
            right[turn["expect"]] += 1
        else:
            wrong.append(f"{turn['expect']} read as {got}: {turn['turn'][:90]}")
    share = 1 - len(wrong) / len(turns)
    assert share >= 0.95, f"{share:.1%} read right; misread:\n" + "\n".join(wrong)
    # No kind may be left behind by a high total: each is read right at least 80% of the time.
    kinds = Counter(t["expect"] for t in turns)
    assert all(right[k] >= 0.8 * n for k, n in kinds.items()), (dict(right), dict(kinds))

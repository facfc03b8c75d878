"""Shared by the grounded follow-up tests: the development cases, one session per case, and the rates.

A case (tests/data/followup_cases.yaml) is a bank question, an answer with
specific content that lacks one kind of evidence, and the criterion a real
interviewer would probe first. `first_follow_up` plays the question and the
answer through a real RoundSession and returns the interviewer's next turn.
Whether that turn "names something the answer said" is judged here, apart from
the anchor chooser: a number or term of the answer, or two adjacent content
words of it, that the bank question and the canned probes do not already hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from simulator.catalog import Catalog
from simulator.engine.clock import SimulatedClock
from simulator.engine.turns import Turn, TurnKind
from simulator.interview.evidence_probe import MeaningEvidence
from simulator.interview.round_session import RoundSession, speaking_seconds
from simulator.llm.client import LLMClient

CASES_FILE = Path(__file__).parent / "data" / "followup_cases.yaml"
_WORD = re.compile(r"\$?\d+(?:[.,]\d+)*%?[a-z]{0,3}|[a-z][a-z0-9]*(?:'[a-z]+)?(?:[-/@][a-z0-9]+)*")
_STOP = frozenset(
    "a an and or the of to in on at for with by from as is are was were be been it its this that these those what which "
    "who when where why how do does did you your we our i me my they them their there here can could would should will "
    "not no so if then than about into over under up out more most much many any some such very just also i'd we'd it's "
    "one two three first then after before each every all both".split()
)


@dataclass(frozen=True)
class Case:
    id: str
    loop: str
    round: str
    question: str
    expect: str
    missing: str
    answer: str


def load_cases() -> list[Case]:
    return [Case(**item) for item in yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))["cases"]]


def without_follow_ups(catalog: Catalog, loop_id: str, question_id: str) -> Catalog:
    """The catalog with one question's own follow-ups taken out: for what the rubric's probes do (a probe of two halves)."""
    loop = catalog.loop(loop_id)
    rounds = [r.model_copy(update={"questions": [q.model_copy(update={"follow_ups": []}) if q.id == question_id else q
                                                 for q in r.questions]}) for r in loop.rounds]
    return replace(catalog, loops={**catalog.loops, loop_id: loop.model_copy(update={"rounds": rounds})})


def make_session(catalog: Catalog, case: Case, llm: LLMClient | object | None, evidence: MeaningEvidence) -> tuple[RoundSession, SimulatedClock]:
    loop = catalog.loop(case.loop)
    round_ = loop.round(case.round)
    clock = SimulatedClock()
    session = RoundSession(
        catalog=catalog, loop=loop, round_=round_, persona=catalog.personas[round_.persona],
        llm=llm, clock=clock, candidate="Alex", seed=3, evidence=evidence,  # type: ignore[arg-type]
    )  # fmt: skip
    session.engine.fix_order([case.question])
    return session, clock


async def first_follow_up(catalog: Catalog, case: Case, llm: LLMClient | object | None, evidence: MeaningEvidence) -> Turn | None:
    session, clock = make_session(catalog, case, llm, evidence)
    [e async for e in session.open()]
    assert session.engine.current_question is not None and session.engine.current_question.id == case.question
    start = session.engine.elapsed()
    clock.advance(speaking_seconds(case.answer))
    [e async for e in session.answer(case.answer, t_start=start, t_end=session.engine.elapsed())]
    last = session.turns[-1]
    return last if last.kind is TurnKind.FOLLOW_UP else None


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def names_something_said(follow_up: str, answer: str, already_said: str) -> bool:
    """Does `follow_up` name a number, a term or a two-word phrase of `answer` that `already_said` does not hold?"""
    known = set(_words(already_said))
    said = _words(follow_up)
    said_pairs = set(zip(said, said[1:], strict=False))
    words = _words(answer)
    for word in words:
        if word not in known and word not in _STOP and (any(ch.isdigit() for ch in word) or re.search(r"[-/@]", word)) and word in said:
            return True
    for pair in zip(words, words[1:], strict=False):
        if pair in said_pairs and not set(pair) & _STOP and not set(pair) <= known:
            return True
    return False


def one_question(text: str) -> bool:
    return text.count("?") == 1 and text.rstrip().endswith("?")


@dataclass
class Rates:
    cases: int
    grounded: int
    on_target: int
    from_model: int
    misses: list[str]

    def line(self) -> str:
        return (
            f"{self.cases} cases: grounded + one '?' {self.grounded}/{self.cases} ({self.grounded / self.cases:.0%}), "
            f"probes the missing kind {self.on_target}/{self.cases} ({self.on_target / self.cases:.0%}), "
            f"worded by the model (guard passed) {self.from_model}/{self.cases}"
        )


async def measure(catalog: Catalog, llm: LLMClient | object | None, evidence: MeaningEvidence) -> tuple[Rates, list[tuple[Case, Turn | None]]]:
    cases = load_cases()
    played: list[tuple[Case, Turn | None]] = []
    rates = Rates(cases=len(cases), grounded=0, on_target=0, from_model=0, misses=[])
    for case in cases:
        turn = await first_follow_up(catalog, case, llm, evidence)
        played.append((case, turn))
        if turn is None:
            rates.misses.append(f"{case.id}: no follow-up")
            continue
        loop = catalog.loop(case.loop)
        question = next(q for q in loop.round(case.round).questions if q.id == case.question)
        probes = " ".join(p for c in question.criteria for p in catalog.criterion(loop, c).probes)
        round_probes = " ".join(p for c in loop.round(case.round).criteria for p in c.probes)
        grounded = names_something_said(turn.text, case.answer, f"{question.text} {probes} {round_probes}") and one_question(turn.text)
        rates.grounded += grounded
        rates.on_target += turn.criterion == case.expect
        rates.from_model += (turn.source or "").startswith("llm:")
        if not grounded or turn.criterion != case.expect:
            rates.misses.append(f"{case.id}: expected {case.expect}, probed {turn.criterion}: {turn.text!r} ({turn.source})")
    return rates, played

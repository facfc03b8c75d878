"""A bank question as the rubric YAML writes it: its text and criteria, the scenario's facts told to a candidate who
asks, the parts it asks, and the follow-ups a real interviewer asks after what the candidate said."""

from __future__ import annotations

import re
from typing import ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from .base import KEBAB, SNAKE, Strict, compiled_or_error
from .coding import CodingProblem

FactTopic = Literal[
    "scale", "latency", "data", "users", "team", "success_metric", "scope", "constraints", "budget",
    "timeline", "current_system", "quality", "platform", "privacy", "languages", "input", "output", "term",
]


def one_question(ask: str, *, capitalised: bool) -> str:
    """`ask` unchanged, or a ValueError a team can act on: it is said as one question, so it ends in its only "?"."""
    if not re.fullmatch(r"[^?]+\?", ask):
        raise ValueError(f"{ask!r} must be one question, ending in its only question mark")
    if capitalised and ask[0].islower():
        raise ValueError(f"{ask!r} must start with a capital letter: it may be said on its own (\"X, got it. How...?\")")
    return ask


class Fact(Strict):
    """Something true about a question's scenario that the interviewer tells a candidate who asks.

    Numbers come from the seeds where they state them (`source` names the seed);
    otherwise they were written for the exercise (`source: written`) and the
    interviewer may still give them, as a real interviewer would invent them.
    """

    topic: FactTopic
    text: str = Field(description="what the interviewer says, in a sentence or two")
    source: str = Field("written", description='a source id of the loop, or "written"')
    term: str | None = Field(None, description='for topic "term": the term this explains')
    keywords: list[str] = Field(default_factory=list, description="extra words that identify a question about it")

    @model_validator(mode="after")
    def _term_named(self) -> Fact:
        if (self.topic == "term") != (self.term is not None):
            raise ValueError('a fact of topic "term" names its term, and only such a fact does')
        return self


class _Ask(Strict):
    """One question the interviewer may ask of a bank question, on one of its criteria, and the words that show an
    answer already gave it."""

    capitalised: ClassVar[bool] = False  # said on its own, not only after "One part of the question you haven't touched: "

    ask: str = Field(description="one question, ending in its only question mark")
    heard: list[str] = Field(min_length=1, description="regexes (case-insensitive): any of them in an answer addressed it")
    criterion: str = Field(pattern=SNAKE, description="the question's criterion it gives evidence for")

    @field_validator("heard")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        return compiled_or_error(patterns)

    @field_validator("ask")
    @classmethod
    def _one_question(cls, ask: str) -> str:
        return one_question(ask, capitalised=cls.capitalised)


class QuestionPart(_Ask):
    """One of the things a question asks ("...choose a threshold and report its performance?"), asked on its own when
    the answers say none of its `heard` words: a real interviewer notices the part of the question left out."""


class QuestionFollowUp(_Ask):
    """What a real interviewer asks next on this question about a criterion the engine chose to probe, in the
    scenario's own terms: "You mentioned dynamic batching: how do you size a batch and its wait so each request still
    makes the 200 ms p95?" where the rubric's probe for the criterion would ask "What path does a single request take?"
    of any design (played, 2026-12-05: 28 of 100 interviewer turns were such probes, the same across loops). One with
    `said` is asked only after an answer that says it, led by what was said; one without fits any answer."""

    capitalised = True  # "X, got it. How...?"

    said: list[str] = Field(default_factory=list, description="regexes (case-insensitive): asked only after an answer saying one")

    @field_validator("said")
    @classmethod
    def _said_compiles(cls, patterns: list[str]) -> list[str]:
        return compiled_or_error(patterns)


class QuestionPitfall(Strict):
    """A wrong claim a candidate may say on this question, and the interviewer's challenge to it: "most_common breaks
    ties alphabetically" draws "What does most_common return for two queries with equal counts, 'b' seen before 'a'?"
    (played blind, 2026-12-07: 28 of 111 defects were wrong claims left standing, some endorsed with "X, got it.").
    Whether a claim is wrong is not read from the answer; the rubric's authors know the question's traps."""

    claim: str = Field(min_length=1, description="the wrong claim, in a sentence as a candidate would say it")
    said: list[str] = Field(min_length=1, description="regexes (case-insensitive), each read in one sentence of an answer")
    ask: str = Field(description="the challenge: one question a candidate who had it right could answer well too")

    @field_validator("said")
    @classmethod
    def _said_compiles(cls, patterns: list[str]) -> list[str]:
        return compiled_or_error(patterns)

    @field_validator("ask")
    @classmethod
    def _one_question(cls, ask: str) -> str:
        return one_question(ask, capitalised=True)

    @model_validator(mode="after")
    def _said_reads_its_claim(self) -> QuestionPitfall:
        """A regex that misses the claim it stands for is a typo a team cannot see any other way."""
        if not any(re.search(pattern, self.claim, re.IGNORECASE) for pattern in self.said):
            raise ValueError(f"none of the pitfall's `said` regexes matches its own claim {self.claim!r}")
        return self


class Question(Strict):
    id: str = Field(pattern=KEBAB)
    text: str
    source: str = Field(description='a source id of the loop, or "written"')
    criteria: list[str] = Field(min_length=1, description="criterion ids this question probes")
    levels: list[str] = Field(default_factory=list, description="levels it suits; empty = every level")
    problem: CodingProblem | None = None
    facts: list[Fact] = Field(default_factory=list, description="the scenario's facts, told to a candidate who asks")
    parts: list[QuestionPart] = Field(default_factory=list, description="what it asks, each a part an answer may leave out")
    follow_ups: list[QuestionFollowUp] = Field(default_factory=list, description="what to ask next about one of its criteria")
    hints: list[str] = Field(default_factory=list, description="what a stuck candidate who asks for a hint is told, gentlest "
                                                               "first: a way in, never the answer")
    pitfalls: list[QuestionPitfall] = Field(default_factory=list, description="wrong claims a candidate may make, challenged")

    @field_validator("hints")
    @classmethod
    def _hints_are_said(cls, hints: list[str]) -> list[str]:
        """A hint is told, not asked: one ending in a question would be another probe (played: "could I get a hint?"
        drew "Here's a nudge: how would you structure this as a class...?")."""
        for hint in hints:
            if not hint.strip() or hint.rstrip().endswith("?"):
                raise ValueError(f"hint {hint!r} must say something, and not end in a question mark")
        if len(set(hints)) != len(hints):
            raise ValueError("hints must differ from each other")
        return hints

    @model_validator(mode="after")
    def _parts_on_its_criteria(self) -> Question:
        for kind, asks in (("part", self.parts), ("follow-up", self.follow_ups)):
            for ask in asks:
                if ask.criterion not in self.criteria:
                    raise ValueError(f"{kind} {ask.ask!r} names criterion {ask.criterion!r}, not one of the question's {self.criteria}")
        return self

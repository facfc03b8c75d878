"""The interview catalog as pydantic models: what a rubric or persona YAML file may say.

Every model forbids unknown keys so a typo in a team's rubric is an error with a
line number, never a silently ignored setting.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

KEBAB = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SNAKE = r"^[a-z][a-z0-9_]*$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def compiled_or_error(patterns: list[str]) -> list[str]:
    """The patterns unchanged, or a ValueError naming the first one that does not compile."""
    for pattern in patterns:
        try:
            re.compile(pattern)
        except (re.error, OverflowError, RecursionError) as exc:  # huge {n} or deep nesting raise the latter two
            raise ValueError(f"invalid regex {pattern!r}: {exc}") from exc
    return patterns


class Signal(Strict):
    """A deterministic evidence check: regexes looked for in an answer.

    Teams tune scoring by editing these in YAML. `patterns` are Python regexes,
    matched case-insensitively against the candidate's words.
    """

    id: str = Field(pattern=SNAKE)
    description: str
    patterns: list[str] = Field(min_length=1)
    # How the evidence scorer counts a signal (all optional; the defaults keep the
    # original meaning "one point when any pattern matches").
    points: float = Field(1.0, ge=-4, le=4, description="added to the criterion's evidence points per counted match; negative = counter-indicator")
    max_count: int = Field(1, ge=1, le=20, description="distinct matches that count at most")
    actor: Literal["any", "self", "team"] = Field(
        "any", description='"self": only where the candidate ("I") is the clause subject; "team": only where "we"/the team is'
    )
    near: list[str] = Field(default_factory=list, description="regexes of which one must occur in the same sentence")
    before: list[str] = Field(
        default_factory=list, description="the match counts only before the first match of these regexes in the answer"
    )
    novel: bool = Field(False, description="a match that repeats words of the interviewer's question does not count")

    @field_validator("patterns", "near", "before")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        return compiled_or_error(patterns)


class LevelRule(Strict):
    """Turns a criterion's signal points into a level 1-4 (the evidence scorer's ladder).

    A level is reached when the points reach its threshold and every signal group
    required at that level or below passed. A group is "a|b": either signal will do.
    """

    thresholds: dict[int, float] = Field(
        default_factory=lambda: {2: 1.0, 3: 2.0, 4: 3.0}, description="points needed for levels 2, 3 and 4"
    )
    requires: dict[int, list[str]] = Field(default_factory=dict, description="signal groups a level needs")
    hidden_tests: dict[int, float] | None = Field(
        None,
        description=(
            "share of a coding problem's hidden tests the recorded sandbox run must pass for levels 2, 3 and 4; "
            "when set, the level comes from the run (what the candidate says cannot raise it) and `requires` can only cap it"
        ),
    )

    @field_validator("thresholds")
    @classmethod
    def _ascending(cls, thresholds: dict[int, float]) -> dict[int, float]:
        if sorted(thresholds) != [2, 3, 4]:
            raise ValueError(f"needs thresholds for levels 2, 3 and 4, got {sorted(thresholds)}")
        if not thresholds[2] <= thresholds[3] <= thresholds[4]:
            raise ValueError("thresholds must not decrease from level 2 to level 4")
        return thresholds

    @field_validator("hidden_tests")
    @classmethod
    def _shares(cls, shares: dict[int, float] | None) -> dict[int, float] | None:
        if shares is None:
            return None
        if sorted(shares) != [2, 3, 4]:
            raise ValueError(f"hidden_tests needs shares for levels 2, 3 and 4, got {sorted(shares)}")
        if not all(0.0 < shares[level] <= 1.0 for level in shares):
            raise ValueError("hidden_tests shares must be in (0, 1]")
        if not shares[2] <= shares[3] <= shares[4]:
            raise ValueError("hidden_tests shares must not decrease from level 2 to level 4")
        return shares

    @field_validator("requires")
    @classmethod
    def _levels(cls, requires: dict[int, list[str]]) -> dict[int, list[str]]:
        bad = [level for level in requires if level not in (2, 3, 4)]
        if bad:
            raise ValueError(f"requires may name levels 2, 3 and 4 only, got {bad}")
        return requires


class Facet(Strict):
    """One kind of content the level guide asks for, recognised by meaning (see simulator/scoring/meaning).

    `examples` are short statements that show it, in any wording a candidate might
    use: an answer clause close in meaning to one of them shows the facet, unless
    the clause denies it ("we never had alerts") or only wishes for it. `cues` are
    optional regexes that show it outright (a term of art that needs no context).
    """

    id: str = Field(pattern=SNAKE)
    level: Literal[2, 3, 4] = Field(description="the level of the guide this content belongs to")
    description: str
    examples: list[str] = Field(min_length=3)
    cues: list[str] = Field(default_factory=list)
    quantified: bool = Field(False, description="the content needs a figure (a number, a before/after) to count fully")
    actor: Literal["any", "self"] = Field("any", description='"self": only clauses whose subject is the candidate count')

    @field_validator("cues")
    @classmethod
    def _cues_compile(cls, patterns: list[str]) -> list[str]:
        return compiled_or_error(patterns)


class Meaning(Strict):
    """How the evidence model reads a criterion: the facets of its level guide."""

    facets: list[Facet] = Field(min_length=2)
    questions_count: bool = Field(
        False, description="a question the candidate asks the interviewer (scale, latency, users) is evidence for it"
    )

    @model_validator(mode="after")
    def _facets_cover_levels(self) -> Meaning:
        ids = [f.id for f in self.facets]
        if len(set(ids)) != len(ids):
            raise ValueError(f"facet ids must be unique within a criterion: {ids}")
        missing = sorted({2, 3, 4} - {f.level for f in self.facets})
        if missing:
            raise ValueError(f"facets must cover levels 2, 3 and 4; none for level(s) {missing}")
        return self


class Criterion(Strict):
    """A scoring criterion. Ids are canonical across loops where the meaning is shared."""

    id: str = Field(pattern=SNAKE)
    title: str
    description: str
    levels: dict[int, str] = Field(description="anchored description of each level 1-4")
    signals: list[Signal] = Field(default_factory=list)
    scoring: LevelRule | None = Field(None, description="how signal points become a level; None = LevelRule defaults")
    probes: list[str] = Field(default_factory=list, description="canned follow-up questions for this criterion")
    meaning: Meaning | None = Field(None, description="facets the evidence model reads; None = scored from signals only")

    @field_validator("levels")
    @classmethod
    def _four_levels(cls, levels: dict[int, str]) -> dict[int, str]:
        if sorted(levels) != [1, 2, 3, 4]:
            raise ValueError(f"needs exactly levels 1, 2, 3 and 4, got {sorted(levels)}")
        return levels

    @model_validator(mode="after")
    def _scoring_names_known_signals(self) -> Criterion:
        ids = [s.id for s in self.signals]
        if len(set(ids)) != len(ids):
            raise ValueError(f"signal ids must be unique within a criterion: {ids}")
        if self.scoring is not None:
            for level, groups in self.scoring.requires.items():
                for group in groups:
                    unknown = [name for name in group.split("|") if name.strip() not in ids]
                    if unknown:
                        raise ValueError(f"scoring.requires.{level} names unknown signal(s) {unknown}; signals: {ids}")
        return self


class CriteriaLibrary(Strict):
    """rubrics/criteria.yaml: the shared criterion definitions every loop draws from."""

    kind: Literal["criteria"]
    criteria: list[Criterion] = Field(min_length=1)


class Source(Strict):
    """Where the loop's facts come from (files in the seeds folder, postings, ...)."""

    id: str = Field(pattern=KEBAB)
    title: str
    ref: str


class CompanyValue(Strict):
    id: str = Field(pattern=KEBAB)
    name: str
    description: str


class Stage(Strict):
    id: str = Field(pattern=KEBAB)
    title: str


class RoundCriterion(Strict):
    """A criterion as one round weighs it, with round-specific probes added to the shared ones."""

    id: str = Field(pattern=SNAKE)
    weight: float = Field(gt=0, le=1)
    probes: list[str] = Field(default_factory=list)


class RedFlag(Strict):
    id: str = Field(pattern=KEBAB)
    text: str
    signals: list[Signal] = Field(default_factory=list)


class TestCase(Strict):
    """A hidden pytest test of a coding problem, run against the candidate's code."""

    name: str = Field(pattern=r"^test_[a-z0-9_]+$")
    code: str


class CodingProblem(Strict):
    entrypoint: str = Field(description="the function the candidate must write")
    starter: str
    tests: list[TestCase] = Field(min_length=1)
    time_limit_s: float = Field(10.0, gt=0, le=120)


FactTopic = Literal[
    "scale", "latency", "data", "users", "team", "success_metric", "scope", "constraints", "budget",
    "timeline", "current_system", "quality", "platform", "privacy", "languages", "input", "output", "term",
]


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


class Question(Strict):
    id: str = Field(pattern=KEBAB)
    text: str
    source: str = Field(description='a source id of the loop, or "written"')
    criteria: list[str] = Field(min_length=1, description="criterion ids this question probes")
    levels: list[str] = Field(default_factory=list, description="levels it suits; empty = every level")
    problem: CodingProblem | None = None
    facts: list[Fact] = Field(default_factory=list, description="the scenario's facts, told to a candidate who asks")


class Round(Strict):
    id: str = Field(pattern=KEBAB)
    title: str
    stage: str = Field(pattern=KEBAB)
    minutes: int = Field(gt=0, le=240)
    kind: Literal["conversation", "coding"] = "conversation"
    assesses: str
    persona: str = Field(pattern=KEBAB)
    answer_guidance_s: tuple[int, int] = Field((60, 180), description="ideal answer length range in seconds")
    questions: list[Question] = Field(min_length=1)
    criteria: list[RoundCriterion] = Field(min_length=1)
    red_flags: list[RedFlag] = Field(default_factory=list)
    tips: list[str] = Field(default_factory=list)
    vocabulary: list[str] = Field(default_factory=list, description="jargon for speech recognition")
    scenario: bool = Field(
        False, description="questions are scenarios a strong candidate asks about first: each needs `facts`"
    )


class Loop(Strict):
    """rubrics/<loop-id>.yaml: one company's interview loop."""

    kind: Literal["loop"]
    id: str = Field(pattern=KEBAB)
    company: str
    role: str
    levels: list[str] = Field(default_factory=list)
    derived: bool = False
    derived_reason: str | None = None
    sources: list[Source] = Field(min_length=1)
    values: list[CompanyValue] = Field(default_factory=list)
    stages: list[Stage] = Field(min_length=1)
    tips: list[str] = Field(default_factory=list, description="loop-wide tips to stand out")
    criteria: list[Criterion] = Field(default_factory=list, description="criteria only this loop uses")
    rounds: list[Round] = Field(min_length=1)

    def round(self, round_id: str) -> Round:
        for rnd in self.rounds:
            if rnd.id == round_id:
                return rnd
        raise KeyError(f"loop {self.id!r} has no round {round_id!r}; rounds: {', '.join(r.id for r in self.rounds)}")


class Persona(Strict):
    """personas/<id>.yaml: who the interviewer is and what they never do."""

    kind: Literal["persona"]
    id: str = Field(pattern=KEBAB)
    name: str
    role: str
    tone: str
    pacing: str
    voice: str = Field(description="how their sentences sound: a few words on phrasing")
    max_follow_ups: int = Field(2, ge=0, le=5, description="follow-ups per question at most")
    opening: str = Field(description="first words of the round; may use {{ candidate }} and {{ round }}")
    closing: str
    never: list[str] = Field(min_length=1)
    template: str = Field("interviewer.j2", description="Jinja2 system-prompt template in personas/templates/")

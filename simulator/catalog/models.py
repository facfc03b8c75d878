"""The interview catalog as pydantic models: what a rubric or persona YAML file may say.

Every model forbids unknown keys so a typo in a team's rubric is an error with a
line number, never a silently ignored setting.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from .base import KEBAB, SNAKE, Strict, compiled_or_error
# Coding problems live in coding.py; imported from here as they always were.
from .coding import (
    SQL_CHECK_FUNCTION,
    SQL_COLUMN,
    SQL_ENTRYPOINT,
    CodingProblem,
    SqlCheck,
    SqlExercise,
    SqlTable,
    SqlValue,
    TestCase,
)
# Signals and red flags live in flags.py; imported from here as they always were.
from .flags import RedFlag, Signal
# How the evidence model reads a criterion lives in meaning.py; imported from here as it always was.
from .meaning import Facet, Meaning
# Bank questions, their facts, parts and follow-ups live in question.py; imported from here as they always were.
from .question import Fact, Question, QuestionPart


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


class Criterion(Strict):
    """A scoring criterion. Ids are canonical across loops where the meaning is shared."""

    id: str = Field(pattern=SNAKE)
    title: str
    description: str
    levels: dict[int, str] = Field(description="anchored description of each level 1-4")
    signals: list[Signal] = Field(default_factory=list)
    scoring: LevelRule | None = Field(None, description="how signal points become a level; None = LevelRule defaults")
    probes: list[str] = Field(default_factory=list, description="canned follow-up questions for this criterion")
    probe_point: str | None = Field(
        None, description="regex a follow-up for this criterion must match: a model's rewording of a probe that matches it "
                          "must match it too (the guard's check that the probe's point survived)")
    meaning: Meaning | None = Field(None, description="facets the evidence model reads; None = scored from signals only")
    probed_last: bool = Field(
        False, description="heard in how every answer is told (communication), not in what it says: a follow-up probes it "
                           "only when no other criterion of the question needs one")
    looking_back: str | None = Field(
        None, description="the follow-up when the answers say the practice was not done (\"we never A/B tested it\"): what "
                          "the candidate would do now; the canned probes would ask for results that do not exist")
    after_failing_run: str | None = Field(
        None, description="asked first, once a question, after a hidden-test run with failures, whatever the words "
                          "read (a criterion whose ladder reads `hidden_tests`)")

    @field_validator("looking_back", "after_failing_run")
    @classmethod
    def _one_question(cls, text: str | None) -> str | None:
        if text is not None and (not text.rstrip().endswith("?") or text.count("?") != 1):
            raise ValueError(f"must be one question, ending in its only '?': {text!r}")
        return text

    @field_validator("probe_point")
    @classmethod
    def _point_compiles(cls, point: str | None) -> str | None:
        return None if point is None else compiled_or_error([point])[0]

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
        if self.after_failing_run is not None and (self.scoring is None or self.scoring.hidden_tests is None):
            raise ValueError("after_failing_run needs scoring.hidden_tests: only a criterion read from the code's runs sees them fail")
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
    examples: list[str] = Field(
        default_factory=list, description="concrete things a candidate did that show it: how the scorer recognises it in a story"
    )


class AboutEntry(Strict):
    """One thing the company's interviewers tell a candidate who asks about the job, the team, the process or the
    culture. No question's facts hold it, and "I'll make sure you get the details in writing" to "is the role hybrid?"
    withheld what the seed guides say in a sentence (played blind, 2026-12-07: most of 52 unanswered asks)."""

    topic: str = Field(pattern=KEBAB)
    text: str | None = Field(description="what the interviewer says, as said: one or two spoken sentences; null for questions "
                             "passed on (pay, visas, team size), which read close to the answered ones")
    asked: list[str] = Field(min_length=1, description="ways a candidate asks it: a question is compared with these by meaning")
    source: str = Field(description='where it comes from: a source id of the loop, or "written"')
    rounds: list[str] = Field([], description="the round ids whose interviewer says it (a recruiter gives the pay band, a "
                              "coding interviewer passes it on); empty: every round")
    said: list[str] = Field([], description="regexes (case-insensitive) of what a candidate tells, without asking, that the "
                            "interviewer answers with `text` all the same: \"Two other loops. Offer expected in three weeks.\"")

    @field_validator("said")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        return compiled_or_error(patterns)

    def told_in(self, round_id: str) -> bool:
        return self.text is not None and (not self.rounds or round_id in self.rounds)


WRITTEN = "written"
"""The source id of a value no seed gives: written for the exercise, shown as "assumed" in the app."""


class Stage(Strict):
    id: str = Field(pattern=KEBAB)
    title: str
    source: str | None = Field(None, description='where the stage title comes from: a source id of the loop, or "written"')

    @property
    def assumed(self) -> bool:
        return self.source == WRITTEN


class Provenance(Strict):
    """Where a round's own values come from: a source id of the loop, or "written" when no seed gives them.

    Why it exists: the seeds leave gaps (Shopify's guide gives no round lengths, the
    Canva EM loop is derived from a posting) and the product must not present a
    value it made up as if a company published it. A field left out says nothing;
    "written" makes the app show "assumed" beside the value.
    """

    round: str | None = Field(None, description="the round itself (a derived loop's rounds are written)")
    minutes: str | None = Field(None, description="the round's time box")
    persona: str | None = Field(None, description="who interviews: the persona's title for this round")
    answer_guidance_s: str | None = Field(None, description="the ideal answer length range")

    def assumed(self, name: str) -> bool:
        """True when `name` (a field of this model) is marked written."""
        return getattr(self, name) == WRITTEN

    def named_sources(self) -> dict[str, str]:
        """The fields that name a source, for cross-checking against the loop's sources."""
        return {name: value for name, value in self.model_dump().items() if value is not None}


class RoundCriterion(Strict):
    """A criterion as one round weighs it, with round-specific probes added to the shared ones."""

    id: str = Field(pattern=SNAKE)
    weight: float = Field(gt=0, le=1)
    probes: list[str] = Field(default_factory=list)


REPO_PATH = r"^(?:[A-Za-z0-9_][A-Za-z0-9_.-]*/)*[A-Za-z0-9_][A-Za-z0-9_.-]*$"


class TakeHomeFile(Strict):
    """A file of the repository the candidate is given (relative path; no `..`, no leading dot)."""

    path: str = Field(pattern=REPO_PATH)
    content: str


class PlantedIssue(Strict):
    """Something the take-home hides on purpose: a bug in the module, an ambiguous point in the brief, a wrong test.

    `patterns` (regexes, case-insensitive) find the issue mentioned in the
    candidate's ASSUMPTIONS.md: a spec or test issue is scored on whether it was
    flagged, a bug on whether the hidden tests pass.
    """

    id: str = Field(pattern=KEBAB)
    kind: Literal["bug", "spec", "test"]
    description: str = Field(description="what is planted (shown in the report after hand-in, never before)")
    patterns: list[str] = Field(default_factory=list)

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        return compiled_or_error(patterns)

    @model_validator(mode="after")
    def _flaggable(self) -> PlantedIssue:
        if self.kind != "bug" and not self.patterns:
            raise ValueError(f"a {self.kind} issue needs patterns that find it flagged in ASSUMPTIONS.md")
        return self


class TakeHome(Strict):
    """A take-home assignment: a small repository the app writes out, hidden tests run at hand-in, a review.

    Scored on the hidden tests (correctness), the handed-in code (code quality),
    the candidate's own added tests, and whether ASSUMPTIONS.md flags the planted
    spec and test issues; then a review conversation on what they found, assumed
    and would test next.
    """

    id: str = Field(pattern=KEBAB)
    title: str
    source: str = Field(description='the source id of the loop its theme comes from, or "written"')
    module: str = Field(pattern=REPO_PATH, description="the file the candidate works on (one of `files`)")
    files: list[TakeHomeFile] = Field(min_length=1, description="the repository as given: README.md, the module, tests/")
    assumptions_file: str = Field("ASSUMPTIONS.md", pattern=REPO_PATH, description="where the candidate writes assumptions")
    solution: str = Field(description="a reference version of the module: the hidden tests pass on it (hidden)")
    hidden_tests: list[TestCase] = Field(min_length=1, description="run against the handed-in module at hand-in")
    issues: list[PlantedIssue] = Field(min_length=3)
    review: list[Question] = Field(min_length=1, description="the review conversation after hand-in, asked in order")
    criteria: list[RoundCriterion] = Field(min_length=1, description="how the hand-in and the review are weighed")
    review_minutes: int = Field(40, gt=0, le=120, description="the review conversation's time box")
    time_limit_s: float = Field(20.0, gt=0, le=120, description="each test run's limit in the sandbox")

    @model_validator(mode="after")
    def _consistent(self) -> TakeHome:
        paths = [f.path for f in self.files]
        if len(set(paths)) != len(paths):
            raise ValueError(f"file paths must be unique: {paths}")
        for required, why in ((self.module, "the module"), ("README.md", "the instructions")):
            if required not in paths:
                raise ValueError(f"files need {required} ({why})")
        if not any(p.startswith("tests/test_") and p.endswith(".py") for p in paths):
            raise ValueError("files need a provided test suite: tests/test_*.py")
        kinds = [i.kind for i in self.issues]
        for kind in ("bug", "spec", "test"):
            if kind not in kinds:
                raise ValueError(f"issues need at least one {kind!r} issue (planted bugs, an ambiguous spec point, a questionable test)")
        for label, ids in (("issue", [i.id for i in self.issues]), ("hidden test", [t.name for t in self.hidden_tests]),
                           ("review question", [q.id for q in self.review])):  # fmt: skip
            if len(set(ids)) != len(ids):
                raise ValueError(f"{label} ids must be unique: {ids}")
        return self

    @property
    def hand_in_question_id(self) -> str:
        return f"{self.id}-hand-in"


class Round(Strict):
    id: str = Field(pattern=KEBAB)
    title: str
    stage: str = Field(pattern=KEBAB)
    minutes: int = Field(gt=0, le=240)
    kind: Literal["conversation", "coding"] = "conversation"
    assesses: str
    persona: str = Field(pattern=KEBAB)
    answer_guidance_s: tuple[int, int] = Field((60, 180), description="ideal answer length range in seconds")
    planned_questions: int | None = Field(
        None, ge=1, description="bank questions a round asks (one design for the hour); None = one per 10 minutes of "
                                "conversation, one per 25 of coding")
    questions: list[Question] = Field(min_length=1)
    criteria: list[RoundCriterion] = Field(min_length=1)
    red_flags: list[RedFlag] = Field(default_factory=list)
    tips: list[str] = Field(default_factory=list)
    vocabulary: list[str] = Field(default_factory=list, description="jargon for speech recognition")
    scenario: bool = Field(
        False, description="questions are scenarios a strong candidate asks about first: each needs `facts`"
    )
    provenance: Provenance = Field(default_factory=Provenance, description="where the round's values come from")
    take_homes: list[TakeHome] = Field(
        default_factory=list, description="assignments played as a real take-home (a repository, then a review)"
    )

    def take_home(self, take_home_id: str) -> TakeHome:
        for assignment in self.take_homes:
            if assignment.id == take_home_id:
                return assignment
        known = ", ".join(t.id for t in self.take_homes) or "none"
        raise KeyError(f"round {self.id!r} has no take-home {take_home_id!r}; take-homes: {known}")


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
    about: list[AboutEntry] = Field(default_factory=list, description="what interviewers tell a candidate who asks about the job")
    criteria: list[Criterion] = Field(default_factory=list, description="criteria only this loop uses")
    rounds: list[Round] = Field(min_length=1)

    def assumed(self, rnd: Round, name: str) -> bool:
        """Whether a round's value (a `Provenance` field) was written for the exercise; every round of a derived loop is."""
        return rnd.provenance.assumed(name) or (name == "round" and self.derived)

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
    acknowledgements: list[str] = Field(
        default_factory=lambda: ["Good question."], min_length=1,
        description='said before the facts that answer a candidate\'s question, one after another ("" says none)',
    )
    anchor_leads: list[str] = Field(
        default_factory=lambda: ["You mentioned {anchor}:"], min_length=1,
        description='what goes before a follow-up that names something said ("Going back to {anchor}:"), one after another',
    )
    passes_on: str | None = Field(
        None, description="said to a question about the job, pay or process that the round does not answer (none: it is "
        "taken to the recruiter after the round, which a recruiter cannot say)")
    opening: str = Field(description="first words of the round; may use {{ candidate }} and {{ round }}")
    closing: str
    never: list[str] = Field(min_length=1)
    template: str = Field("interviewer.j2", description="Jinja2 system-prompt template in personas/templates/")

    @field_validator("anchor_leads")
    @classmethod
    def _leads_name_the_anchor(cls, leads: list[str]) -> list[str]:
        for lead in leads:
            if lead.count("{anchor}") != 1 or not lead.endswith(":"):
                raise ValueError(f'{lead!r}: a lead holds "{{anchor}}" once and ends with ":" (the question follows it)')
        return leads

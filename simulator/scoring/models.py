"""What a score is: per-criterion levels with verified quotes, and the round's verdict."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Band = Literal["strong yes", "lean yes", "lean no", "no"]
VALUE_SIGNAL = "value:"
UNANSWERED = "the candidate did not answer the questions that probe it"  # a CriterionResult note
"""Prefix of a check's signal that reads one of the loop's values (`value:<value-id>`, company_values.py);
a red flag's `no_company_value` condition looks for these checks."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_Model):
    """An exact quote from a candidate turn; `verified` means it was found verbatim."""

    quote: str
    turn_index: int = Field(ge=0)
    t_start: float = Field(ge=0)
    verified: bool = True
    signal: str | None = Field(None, description="the check (rubric signal) this quote supports, if any")
    char_start: int | None = Field(None, ge=0, description="offset of the quote in the turn text, for highlighting")


class Check(_Model):
    """One deterministic indicator (a rubric signal) and whether the answer showed it."""

    signal: str
    description: str
    passed: bool
    evidence: Evidence | None = None
    count: int = Field(0, ge=0, description="distinct matches that counted")
    points: float = Field(0.0, description="what it added to the criterion's evidence points (negative = against)")


class Agreement(_Model):
    """How far the scorer's levels agree with reviewers' on answers it was never fitted on."""

    answers: int
    labels: int
    spearman: float
    pairwise_order: float
    exact: float
    within1: float

    def line(self) -> str:
        return (f"agrees with reviewers on {self.labels} held-out levels: Spearman {self.spearman:.2f}, "
                f"exact {self.exact:.0%}, within one level {self.within1:.0%}")


class ScorerIdentity(_Model):
    """Who produced a score, so a stored score can be compared with a re-score."""

    scorer: Literal["evidence", "signals", "llm", "combined"]
    version: str
    model: str | None = None
    rubric_hash: str = Field(description="sha256 of the rubric file(s) the score was computed with")
    agreement: Agreement | None = Field(None, description="the evidence model's measured validation agreement")


class CriterionResult(_Model):
    criterion: str
    weight: float = Field(ge=0, le=1)
    level: int | None = Field(None, ge=1, le=4, description="None = insufficient evidence")
    evidence: list[Evidence] = Field(default_factory=list)
    checks: list[Check] = Field(default_factory=list)
    missing: str = Field("", description="what would have earned the next level")
    decided_by: Literal["evidence", "llm"] = "evidence"
    unverified: bool = Field(False, description="the judge's level rested on quotes that did not verify")
    note: str = Field("", description="why the level is what it is when it is not the plain ladder (None, downgrade, ...)")


class RedFlagHit(_Model):
    id: str
    text: str
    evidence: Evidence | None = None
    because: str | None = Field(None, description="the levels that raised it, for a flag read from the scores")


class RoundScore(_Model):
    loop: str
    round: str
    criteria: list[CriterionResult]
    weighted: float | None = Field(None, ge=1, le=4, description="weighted mean level of scored criteria")
    band: Band
    rationale: str
    red_flags: list[RedFlagHit] = Field(default_factory=list)
    scorer: ScorerIdentity
    created_at: str = Field(description="ISO-8601 UTC")
    grader_addressed: list[Evidence] = Field(
        default_factory=list, description="candidate text that addressed the grader; ignored by every scorer"
    )


class RoundSummaryLine(_Model):
    round: str
    weighted: float | None
    band: Band


class LoopSummary(_Model):
    """Across the rounds of one loop: where the candidate stands and what to work on first."""

    loop: str
    rounds: list[RoundSummaryLine]
    weighted: float | None = Field(None, ge=1, le=4, description="mean of the rounds' weighted scores")
    band: Band
    criteria: dict[str, float] = Field(default_factory=dict, description="mean level per criterion over the rounds")
    focus: list[str] = Field(default_factory=list, description="lowest-scoring criteria, weakest first")
    red_flags: list[str] = Field(default_factory=list)
    rationale: str

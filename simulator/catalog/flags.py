"""What a rubric looks for in the candidate's words: signals (regexes) and red flags (signals, levels, or the coach)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from .base import KEBAB, SNAKE, Strict, compiled_or_error


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


class FlagCondition(Strict):
    """One reading of the round's score a red flag needs, on one criterion: scored at `at_most` or lower, and/or
    (`no_company_value`) read against the loop's values with none of them shown. A level alone cannot tell a
    story any company would hear from a Canva one (seed 000: "Vague STAR answers that could apply to any company
    get flagged"): generic stories score 2-3. Given both, both must hold."""

    criterion: str = Field(pattern=SNAKE)
    at_most: int | None = Field(None, ge=1, le=3)
    no_company_value: bool = Field(
        False, description="the criterion is read against the loop's values (meaning.company_values) and shows none"
    )

    @model_validator(mode="after")
    def _reads_something(self) -> FlagCondition:
        if self.at_most is None and not self.no_company_value:
            raise ValueError(
                f"a `when` condition on {self.criterion!r} needs at_most (a level, 1-3) or no_company_value: true, or both"
            )
        return self


class RedFlag(Strict):
    """A reason candidates get cut. It fires on its `signals` (words said), on `when` (levels the evidence model
    gave, or company values not shown, all of them holding) or, `answered_as_plan`, where a question about past work
    was answered only with what the candidate would do; one no machine can read is `coach_only`, a box the coach
    ticks in review. `rubric validate` refuses a flag with none of these."""

    id: str = Field(pattern=KEBAB)
    text: str
    signals: list[Signal] = Field(default_factory=list)
    when: list[FlagCondition] = Field(default_factory=list)
    answered_as_plan: bool = Field(
        False, description="fires where a question about past work was answered only as what the candidate would do"
    )
    coach_only: bool = False

    @model_validator(mode="after")
    def _detected_or_coached(self) -> RedFlag:
        detected = bool(self.signals or self.when or self.answered_as_plan)
        if self.coach_only and detected:
            raise ValueError("a coach_only flag has no signals, when or answered_as_plan: the coach decides it")
        if not (self.coach_only or detected):
            raise ValueError("give the flag signals, when (criterion levels) or answered_as_plan: true to detect it, "
                             "or mark it coach_only: true")
        return self

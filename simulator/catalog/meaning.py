"""How the evidence model reads a criterion: the facets of its level guide, as a rubric YAML may write them."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from .base import SNAKE, Strict, compiled_or_error


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
    needs: list[str] = Field(
        default_factory=list,
        description="facets of the criterion of which one must be said as done in the same answer: it counts no more than their best",
    )

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
    company_values: bool = Field(
        False, description="read against the loop's own values: one shown in what the candidate did is at least level 3"
    )

    @model_validator(mode="after")
    def _facets_cover_levels(self) -> Meaning:
        ids = [f.id for f in self.facets]
        if len(set(ids)) != len(ids):
            raise ValueError(f"facet ids must be unique within a criterion: {ids}")
        unknown = sorted({n for f in self.facets for n in f.needs} - set(ids))
        if unknown:
            raise ValueError(f"needs names facets this criterion does not have: {unknown}; its facets: {ids}")
        missing = sorted({2, 3, 4} - {f.level for f in self.facets})
        if missing:
            raise ValueError(f"facets must cover levels 2, 3 and 4; none for level(s) {missing}")
        return self

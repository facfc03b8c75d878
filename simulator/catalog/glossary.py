"""Words the interviewer explains in any round ("what's an ANN index?"), kept in rubrics/glossary.yaml.

A question's own facts explain the words its scenario gives a meaning of its own (topic "term"); the glossary
holds the field's words (training-serving skew, kill switch, NDCG) and the companies' products (Sidekick,
Magic Recommendations), so a candidate who asks about one hears it explained, as a real interviewer would,
rather than "say what you take it to mean". A definition states no figure that is not part of the term:
a scenario's numbers live in its facts, where the reply's guard looks for them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Literal

from pydantic import Field, model_validator

from .base import Strict

MIN_ASKED_CHARS = 3  # "ml" asked alone names no entry it is part of ("ml platform", "html")


def normal_name(text: str) -> str:
    """Lower case, hyphens and slashes as spaces, no quotes, leading article or closing mark: "the Kill-Switch?" is
    "kill switch"."""
    text = re.sub(r"[-_/]+", " ", text.lower())
    text = re.sub(r"[\"'“”‘’`]", "", text)
    text = re.sub(r"^(?:the|a|an)\s+(?=\w\w)", "", text.strip().rstrip("?!.,;:"))  # "a b test" keeps its "a"
    return " ".join(text.split())


class GlossaryTerm(Strict):
    term: str = Field(min_length=1, description="the word as questions write it")
    aliases: list[str] = Field(default_factory=list, description="other forms a candidate says: plural, acronym, spoken")
    text: str = Field(min_length=1, description="what the interviewer says to explain it, in a sentence or two")

    @property
    def names(self) -> list[str]:
        return [self.term, *self.aliases]

    @model_validator(mode="after")
    def _no_figures(self) -> GlossaryTerm:
        allowed = set(re.findall(r"\d+", " ".join(self.names)))
        stray = [n for n in re.findall(r"\d+", self.text) if n not in allowed]
        if stray:
            raise ValueError(f"the explanation of {self.term!r} states {', '.join(stray)}: figures belong in a question's facts")
        return self


class Glossary(Strict):
    """rubrics/glossary.yaml: terms any round's interviewer explains."""

    kind: Literal["glossary"]
    terms: list[GlossaryTerm] = Field(min_length=1)

    @model_validator(mode="after")
    def _each_name_once(self) -> Glossary:
        seen: dict[str, str] = {}
        for entry in self.terms:
            for name in entry.names:
                key = normal_name(name)
                if key in seen and seen[key] != entry.term:
                    raise ValueError(f"{name!r} names both {seen[key]!r} and {entry.term!r}")
                seen[key] = entry.term
        return self


@lru_cache(maxsize=4096)
def name_pattern(name: str) -> re.Pattern[str]:
    """The name, plural or not, as a whole phrase of text already made a `normal_name`."""
    return re.compile(rf"(?<!\w){re.escape(normal_name(name))}(?:e?s)?(?!\w)")


def lookup(asked: str, glossary: Sequence[GlossaryTerm], *, within: bool = True) -> GlossaryTerm | None:
    """The entry the words asked about name: the one with the longest name said in them ("kill switch rollout plan"
    names "kill switch"), or, for an acronym that is part of a name ("ANN" of "ANN index"), the shortest such name.

    `within=False`: only a name that is all of the words ("what's the total p99 budget?" asks about the budget, not
    about what p99 means).
    """
    said = normal_name(asked)
    if not said:
        return None
    found = [(len(normal_name(n)), e) for e in glossary for n in e.names
             if (name_pattern(n).search(said) if within else name_pattern(n).fullmatch(said))]
    if found:
        return max(found, key=lambda pair: pair[0])[1]
    if len(said) < MIN_ASKED_CHARS or not asked.strip().isupper():
        return None  # only an acronym stands for a longer name: "ANN" for "ANN index", not "model" for "model registry"
    part_of = [(len(normal_name(n)), e) for e in glossary for n in e.names if re.search(rf"(?<!\w){re.escape(said)}(?!\w)", normal_name(n))]
    return min(part_of, key=lambda pair: pair[0])[1] if part_of else None

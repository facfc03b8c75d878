"""A criterion's facets ready to read with: example vectors and compiled cues.

Built from the rubric YAML (`meaning:` of each criterion) and embedded once per
process; an edited rubric gives a new criterion object and so new facets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ...catalog.models import Criterion, Facet
from .embedder import Embedder

_QUANTITY = re.compile(
    r"\d|\b(?:doubled|halved|tripled|twice|half|a third|a quarter|two thirds|tenfold|\w+fold)\b", re.IGNORECASE
)


def has_quantity(text: str) -> bool:
    return bool(_QUANTITY.search(text))


@dataclass(frozen=True)
class FacetVectors:
    facet: Facet
    vectors: np.ndarray  # (examples, 384)
    cues: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class CriterionFacets:
    criterion: Criterion
    facets: tuple[FacetVectors, ...]
    questions_count: bool

    def levels(self, level: int) -> list[int]:
        return [i for i, f in enumerate(self.facets) if f.facet.level == level]


@lru_cache(maxsize=4096)
def _cue(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def criterion_facets(criterion: Criterion, embedder: Embedder) -> CriterionFacets | None:
    """The criterion's facets with their example vectors, or None when its rubric defines none."""
    if criterion.meaning is None:
        return None
    facets = []
    for facet in criterion.meaning.facets:
        facets.append(FacetVectors(facet=facet, vectors=embedder.embed(list(facet.examples)),
                                   cues=tuple(_cue(p) for p in facet.cues)))
    return CriterionFacets(criterion=criterion, facets=tuple(facets), questions_count=criterion.meaning.questions_count)

"""From clauses to the evidence model's features for one criterion.

Each clause is compared with each facet's examples (cosine of sentence
vectors) and checked for the facet's cues; what a clause shows counts as
evidence only when the clause affirms it (said as done or proposed, by the
right actor). Denied and wished-for content is kept apart: it is what tells a
"we had no alerts" answer from a "we alerted on p99" one, whose words are
nearly the same. The features summarise that per level of the guide, so one
small ordinal model can map them to a level for any criterion.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .clauses import Clause, Polarity, listness
from .facets import CriterionFacets, has_quantity

SIM_CENTRE = 0.50
SIM_SCALE = 0.06
CUE_STRENGTH = 0.9
UNQUANTIFIED = 0.5

FEATURES = (
    "any_content",  # strongest affirmed facet of any level
    "level3_best",
    "level4_best",
    "level3_cover",  # share of level-3 facets shown
    "level4_cover",
    "cover",  # share of all facets shown
    "denied",  # strongest facet content in negated clauses
    "wished",  # ... in unrealised clauses (wished for, read about)
    "list",  # share of words in verbless list fragments
    "length",
    "figures",  # affirmed on-topic clauses holding a figure
    "topic",  # raw closeness to the facets, whatever the polarity
    "self_share",  # of affirmed clauses with a personal or team subject, the share said as "I"
)


@dataclass(frozen=True)
class Finding:
    """The best clause for one facet in one polarity."""

    facet: int
    strength: float
    clause: int  # index into the clause list, -1 when none


@dataclass(frozen=True)
class Reading:
    features: np.ndarray
    affirmed: list[Finding]
    denied: list[Finding]
    wished: list[Finding]


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def clause_strengths(facets: CriterionFacets, clauses: list[Clause], vectors: np.ndarray) -> np.ndarray:
    """(clauses, facets) detection strength in [0, 1], polarity not yet applied."""
    out = np.zeros((len(clauses), len(facets.facets)), dtype=np.float64)
    if not clauses:
        return out
    quantity = np.array([has_quantity(c.norm) for c in clauses])
    for j, fv in enumerate(facets.facets):
        sims = (vectors @ fv.vectors.T).max(axis=1)
        strength = _sigmoid((sims - SIM_CENTRE) / SIM_SCALE)
        if fv.cues:
            cued = np.array([any(p.search(c.norm) for p in fv.cues) for c in clauses])
            strength = np.maximum(strength, cued * CUE_STRENGTH)
        if fv.facet.quantified:
            strength = strength * np.where(quantity, 1.0, UNQUANTIFIED)
        if fv.facet.actor == "self":
            strength = strength * np.array([c.subject == "self" for c in clauses])
        out[:, j] = strength
    return out


def _best(strengths: np.ndarray, mask: np.ndarray) -> list[Finding]:
    findings = []
    for j in range(strengths.shape[1]):
        column = np.where(mask, strengths[:, j], 0.0)
        i = int(column.argmax()) if len(column) else -1
        value = float(column[i]) if i >= 0 else 0.0
        findings.append(Finding(facet=j, strength=value, clause=i if value > 0 else -1))
    return findings


def read(facets: CriterionFacets, clauses: list[Clause], vectors: np.ndarray, answers: list[str]) -> Reading:
    """Features and per-facet findings for the clauses of the answers that address the criterion."""
    strengths = clause_strengths(facets, clauses, vectors)
    counts = np.array([not c.question or facets.questions_count for c in clauses], dtype=bool)
    polarity = np.array([c.polarity for c in clauses], dtype=object)
    affirmed = _best(strengths, counts & (polarity == Polarity.AFFIRMED))
    denied = _best(strengths, counts & (polarity == Polarity.NEGATED))
    wished = _best(strengths, counts & (polarity == Polarity.UNREALISED))
    a = np.array([f.strength for f in affirmed])
    levels = np.array([fv.facet.level for fv in facets.facets])

    def best(mask: np.ndarray) -> float:
        return float(a[mask].max()) if mask.any() else 0.0

    def cover(mask: np.ndarray) -> float:
        return float(a[mask].mean()) if mask.any() else 0.0

    topical = strengths.max(axis=1) if len(clauses) else np.zeros(0)
    affirmed_rows = counts & (polarity == Polarity.AFFIRMED)
    figures = sum(1 for i, c in enumerate(clauses) if affirmed_rows[i] and topical[i] > 0.5 and has_quantity(c.norm))
    subjects = [c.subject for i, c in enumerate(clauses) if affirmed_rows[i] and c.subject in ("self", "team")]
    words = sum(len(t.split()) for t in answers)
    raw_topic = 0.0
    if len(clauses):
        raw_topic = max(float((vectors @ fv.vectors.T).max()) for fv in facets.facets)
    features = np.array([
        best(levels >= 2),
        best(levels >= 3),
        best(levels == 4),
        cover(levels == 3),
        cover(levels == 4),
        cover(levels >= 2),
        max((f.strength for f in denied), default=0.0),
        max((f.strength for f in wished), default=0.0),
        listness("\n".join(answers)),
        math.log1p(words) / 6.0,
        min(figures, 3) / 3.0,
        raw_topic,
        (subjects.count("self") / len(subjects)) if subjects else 0.0,
    ])
    return Reading(features=features, affirmed=affirmed, denied=denied, wished=wished)

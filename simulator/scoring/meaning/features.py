"""From clauses to the evidence model's features for one criterion.

Each clause's sentence vector is read by each facet's detector (or, for a
facet with no trained detector, compared with its YAML examples) and checked
for the facet's cues; what a clause shows counts as
evidence only when the clause affirms it (said as done or proposed, by the
right actor). Denied and wished-for content is kept apart: it is what tells a
"we had no alerts" answer from a "we alerted on p99" one, whose words are
nearly the same. The features summarise that per level of the guide, so one
small ordinal model can map them to a level for any criterion.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from .clauses import ABOUT_THE_INTERVIEW, Clause, Polarity, hedged_share, listness
from .facets import CriterionFacets, has_quantity

SIM_CENTRE = 0.50
SIM_SCALE = 0.06
CUE_STRENGTH = 0.9
UNQUANTIFIED = 0.5
_WORD = re.compile(r"\w")  # a token without one ("...", "-") says nothing, so it adds no length
_LETTERS = re.compile(r"\b[a-z]{2,}\b", re.IGNORECASE)
MIN_LEVEL4_WORDS = 3  # "Maybe 500." shows no level-4 step of the guide, whatever its detector reads
_SHARE = re.compile(r"\d+(?:\.\d+)?\s?%")

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
    "hedged",  # share of clauses said with a hedge
    "precedent",  # the level train answers that read like this one got (precedent.py), centred
    "words",  # the level train answers using these words got (words_precedent.py), centred
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


def clause_strengths(facets: CriterionFacets, texts: list[str], vectors: np.ndarray, subjects: list[str | None]) -> np.ndarray:
    """(texts, facets) detection strength in [0, 1]: the facet's detector (or closeness to its examples), its cues, figures and actor."""
    out = np.zeros((len(texts), len(facets.facets)), dtype=np.float64)
    if not texts:
        return out
    quantity = np.array([has_quantity(t) for t in texts])
    # a share of traffic counts as a word: "Ramp 1%, 10%, 50%, 100%" tells its steps in figures
    wordy = np.array([len(_LETTERS.findall(t)) + len(_SHARE.findall(t)) >= MIN_LEVEL4_WORDS for t in texts])
    for j, fv in enumerate(facets.facets):
        if fv.detector is not None:
            strength = _sigmoid(np.clip(vectors @ fv.detector[:-1] + fv.detector[-1], -30, 30))
        else:
            strength = _sigmoid(((vectors @ fv.vectors.T).max(axis=1) - SIM_CENTRE) / SIM_SCALE)
        if fv.cues:
            cued = np.array([any(p.search(t) for p in fv.cues) for t in texts])
            strength = np.maximum(strength, cued * CUE_STRENGTH)
        if fv.facet.quantified:
            strength = strength * np.where(quantity, 1.0, UNQUANTIFIED)
        if fv.facet.actor == "self":
            strength = strength * np.array([s == "self" for s in subjects])
        if fv.facet.level == 4:
            strength = strength * wordy
        out[:, j] = strength
    return out


def _capped_by_needs(facets: CriterionFacets, clauses: list[Clause], kept: np.ndarray) -> np.ndarray:
    """A facet that `needs` others counts no more than the best of them said as done in the answer.

    Telling one's own part apart from the team's needs an own part: "the tech lead designed the
    pipeline and chose the model" reads close to the contrast, and alone it tells only someone else's part.
    """
    ids = [fv.facet.id for fv in facets.facets]
    done = np.array([c.polarity == Polarity.AFFIRMED for c in clauses], dtype=bool)
    for j, fv in enumerate(facets.facets):
        if fv.facet.needs:
            needed = kept[:, [ids.index(n) for n in fv.facet.needs]][done]
            kept[:, j] = np.minimum(kept[:, j], float(needed.max()) if needed.size else 0.0)
    return kept


def facet_strengths(facets: CriterionFacets, clauses: list[Clause], kept_vectors: np.ndarray,
                    denied_vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(clauses, facets) strengths of what each clause says as true, and of what it denies (zeros where nothing)."""
    subjects = [c.subject for c in clauses]
    kept = _capped_by_needs(facets, clauses, clause_strengths(facets, [c.kept for c in clauses], kept_vectors, subjects))
    denied = np.zeros_like(kept)
    rows = [i for i, c in enumerate(clauses) if c.denied]
    if rows:
        denied[rows] = clause_strengths(facets, [clauses[i].denied or "" for i in rows], denied_vectors[rows],
                                        [subjects[i] for i in rows])
    return kept, denied


def _best(strengths: np.ndarray, mask: np.ndarray) -> list[Finding]:
    findings = []
    for j in range(strengths.shape[1]):
        column = np.where(mask, strengths[:, j], 0.0)
        i = int(column.argmax()) if len(column) else -1
        value = float(column[i]) if i >= 0 else 0.0
        findings.append(Finding(facet=j, strength=value, clause=i if value > 0 else -1))
    return findings


def read(facets: CriterionFacets, clauses: list[Clause], kept: np.ndarray, denied: np.ndarray, answers: list[str],
         precedent: float, words_level: float) -> Reading:
    """Features and per-facet findings for the clauses of the answers that address the criterion.

    `kept` holds each clause's strengths on what it says as true, `denied` on what
    it denies (zeros where it denies nothing); both (clauses, facets).
    """
    counts = np.array([not c.question or facets.questions_count and not ABOUT_THE_INTERVIEW.search(c.norm) for c in clauses], dtype=bool)
    polarity = np.array([c.polarity for c in clauses], dtype=object)
    said = counts & (polarity != Polarity.UNREALISED)
    affirmed = _best(kept, said & (polarity == Polarity.AFFIRMED))
    denied_best = _best(denied, said)
    wished = _best(kept, counts & (polarity == Polarity.UNREALISED))
    a = np.array([f.strength for f in affirmed])
    levels = np.array([fv.facet.level for fv in facets.facets])

    def best(mask: np.ndarray) -> float:
        return float(a[mask].max()) if mask.any() else 0.0

    def cover(mask: np.ndarray) -> float:
        return float(a[mask].mean()) if mask.any() else 0.0

    topical = np.maximum(kept, denied).max(axis=1) if len(clauses) else np.zeros(0)
    affirmed_rows = said & (polarity == Polarity.AFFIRMED)
    figures = sum(1 for i, c in enumerate(clauses) if affirmed_rows[i] and kept[i].max() > 0.5 and has_quantity(c.kept))
    subjects = [c.subject for i, c in enumerate(clauses) if affirmed_rows[i] and c.subject in ("self", "team")]
    words = sum(1 for t in answers for w in t.split() if _WORD.search(w))
    features = np.array([
        best(levels >= 2),
        best(levels >= 3),
        best(levels == 4),
        cover(levels == 3),
        cover(levels == 4),
        cover(levels >= 2),
        max((f.strength for f in denied_best), default=0.0),
        max((f.strength for f in wished), default=0.0),
        listness("\n".join(answers)),
        math.log1p(words) / 6.0,
        min(figures, 3) / 3.0,
        float(topical.max()) if len(topical) else 0.0,
        (subjects.count("self") / len(subjects)) if subjects else 0.0,
        hedged_share(clauses),
        precedent,
        words_level,
    ])
    return Reading(features=features, affirmed=affirmed, denied=denied_best, wished=wished)

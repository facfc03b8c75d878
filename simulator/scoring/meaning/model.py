"""The evidence model: what an answer shows for a criterion, read by meaning, as a level and findings.

One model serves the scorer (the level and its quotes) and the interviewer's
planner (which criterion is weakest, so which probe comes first), so a
follow-up and the report can never disagree about what was missing.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from pydantic import BaseModel

from ...catalog.models import Criterion, Facet
from .clauses import Clause, keyword_list, split_clauses, story_question
from .detectors import Detectors
from .embedder import Embedder
from .facets import CriterionFacets, criterion_facets
from .features import FEATURES, Finding, Reading, facet_strengths, read
from .ordinal import LEVELS, OrdinalParams
from .precedent import precedent

WEIGHTS_PATH = Path(__file__).with_name("weights.json")
SHOWN = 0.5  # a facet finding at least this strong counts as shown


class ModelWeights(BaseModel):
    """What `interview-sim train-scorer` fitted on the corpus's train split (never on validation)."""

    features: list[str]
    mean: list[float]
    scale: list[float]
    shared: OrdinalParams
    criteria: dict[str, OrdinalParams]
    trained_on: str  # sha256 of the train split file it was fitted on

    def params(self, criterion_id: str) -> OrdinalParams:
        return self.criteria.get(criterion_id, self.shared)

    def standardise(self, x: np.ndarray) -> np.ndarray:
        return (x - np.asarray(self.mean)) / np.asarray(self.scale)


@dataclass(frozen=True)
class FacetFinding:
    facet: Facet
    strength: float
    clause: Clause | None


@dataclass(frozen=True)
class Assessment:
    """What the answers show for one criterion."""

    criterion: str
    level: int
    probabilities: list[float]  # levels 1-4
    shown: list[FacetFinding]  # affirmed facets, strongest first
    denied: list[FacetFinding]  # facets the candidate said were not there
    wished: list[FacetFinding]  # facets only wished for or read about
    missing: list[Facet]  # facets of the next level not shown
    # Affirmed facets below the shown line, strongest first: what a level read from the answer as a whole
    # (its precedent, how specific it is) quotes when no clause shows a facet on its own.
    nearest: list[FacetFinding]

    @property
    def strength(self) -> float:
        """Expected level mapped to [0, 1]: 0 = level 1 for sure, 1 = level 4 for sure."""
        expected = sum((i + 1) * p for i, p in enumerate(self.probabilities))
        return (expected - 1) / (LEVELS - 1)


@dataclass(frozen=True)
class AnswerText:
    """One candidate turn as the model reads it."""

    text: str
    index: int = 0


class EvidenceModel:
    def __init__(self, embedder: Embedder, weights: ModelWeights | None, detectors: Detectors | None = None) -> None:
        self.embedder = embedder
        self.weights = weights
        self.detectors = detectors if detectors is not None else Detectors({})
        self._facets: dict[tuple[str, str], CriterionFacets | None] = {}
        self._lock = threading.Lock()

    def facets(self, criterion: Criterion) -> CriterionFacets | None:
        # Keyed by content: catalogs build new Criterion objects (per loop, per reload), and an edited YAML
        # facet must be read afresh while an unchanged one is not embedded again.
        key = (criterion.id, criterion.meaning.model_dump_json() if criterion.meaning is not None else "")
        with self._lock:
            if key not in self._facets:
                self._facets[key] = criterion_facets(criterion, self.embedder, self.detectors)
            return self._facets[key]

    def clauses(self, question: str, answers: list[AnswerText]) -> list[Clause]:
        story = story_question(question)
        return [c for a in answers for c in split_clauses(a.text, story=story, answer_index=a.index, spoken_breaks=True)]

    def reading(self, criterion: Criterion, question: str, answers: list[AnswerText]) -> tuple[Reading, list[Clause]] | None:
        facets = self.facets(criterion)
        if facets is None:
            return None
        clauses = self.clauses(question, answers)
        kept_vectors, denied_vectors = self.vectors(clauses)
        kept, denied = facet_strengths(facets, clauses, kept_vectors, denied_vectors)
        like = precedent(self.detectors.precedents.get(criterion.id), kept_vectors)
        texts = [a.text for a in answers]
        words = self.detectors.words_level("\n".join(texts), criterion.id)
        return read(facets, clauses, kept, denied, texts, like, words), clauses

    def vectors(self, clauses: list[Clause]) -> tuple[np.ndarray, np.ndarray]:
        """Sentence vectors of what each clause keeps and of what it denies (zeros where it denies nothing)."""
        kept = self.embedder.embed([c.kept for c in clauses])
        denied = np.zeros_like(kept)
        rows = [i for i, c in enumerate(clauses) if c.denied]
        if rows:
            denied[rows] = self.embedder.embed([clauses[i].denied or "" for i in rows])
        return kept, denied

    def assess(self, criterion: Criterion, question: str, answers: list[AnswerText]) -> Assessment | None:
        """None when the rubric gives the criterion no facets or no model is trained."""
        if self.weights is None:
            return None
        got = self.reading(criterion, question, answers)
        if got is None:
            return None
        reading, clauses = got
        facets = self.facets(criterion)
        assert facets is not None
        x = self.weights.standardise(reading.features[None, :])
        probs = list_capped(self.weights.params(criterion.id).probabilities(x)[0], [a.text for a in answers])
        level = int(probs.argmax()) + 1

        def findings(items: list[Finding], shown: bool = True) -> list[FacetFinding]:
            kept = [f for f in items if (f.strength >= SHOWN) == shown and f.clause >= 0]
            kept.sort(key=lambda f: -f.strength)
            return [FacetFinding(facets.facets[f.facet].facet, f.strength, clauses[f.clause]) for f in kept]

        shown = findings(reading.affirmed)
        shown_ids = {f.facet.id for f in shown}
        missing = [fv.facet for fv in facets.facets if fv.facet.level == min(level + 1, LEVELS) and fv.facet.id not in shown_ids]
        if level == LEVELS:
            missing = []
        return Assessment(criterion=criterion.id, level=level, probabilities=[round(float(p), 4) for p in probs],
                          shown=shown, denied=findings(reading.denied), wished=findings(reading.wished), missing=missing,
                          nearest=findings(reading.affirmed, shown=False))


LIST_CAP = 2


def list_capped(probs: np.ndarray, answers: list[str]) -> np.ndarray:
    """Levels above 2 taken out for a list of terms (clauses.keyword_list): whatever facets its words sit near, it
    claims nothing and reasons about nothing, and a feature the model weighs can be outweighed."""
    if not keyword_list("\n".join(answers)):
        return probs
    kept = np.where(np.arange(1, len(probs) + 1) <= LIST_CAP, probs, 0.0)
    return kept / kept.sum()


def load_weights(path: Path = WEIGHTS_PATH) -> ModelWeights | None:
    if not path.is_file():
        return None
    weights = ModelWeights.model_validate(json.loads(path.read_text(encoding="utf-8")))
    if weights.features != list(FEATURES):
        raise ValueError(f"{path} was trained on other features ({weights.features}); retrain: interview-sim train-scorer")
    return weights



"""Per-facet detectors: small logistic models over clause vectors, learned from annotated evidence.

Cosine closeness to a handful of YAML examples misses what a facet looks like in
other words; a detector trained on the clauses annotators marked as showing the
facet (train split only, plus the facet's own YAML examples as positives) reads
paraphrase much better. A facet with too little data keeps the example
similarity, so a team's new facet in YAML works at once, and gets a detector
the next time `interview-sim train-scorer` runs on annotations that use it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from pydantic import BaseModel

from ...catalog.models import Facet
from .words_precedent import WordsPrecedent

DETECTORS_PATH = Path(__file__).with_name("detectors.npz")
EVIDENCE_PATH = Path(__file__).resolve().parent.parent / "corpus" / "evidence.jsonl"
PENALTY = 0.3  # chosen by group 5-fold CV on train (0.3: Spearman +0.01 over 1.0; 3.0: -0.01)
MIN_POSITIVES = 3
OVERLAP = 0.5  # an annotated quote marks a clause when it covers half of either


class EvidenceNote(BaseModel):
    facet: str
    quote: str
    status: str  # shown | denied | wished


class AnnotatedAnswer(BaseModel):
    id: str
    criterion: str
    evidence: list[EvidenceNote]


def load_annotations(path: Path = EVIDENCE_PATH) -> dict[tuple[str, str], list[EvidenceNote]]:
    """(corpus item id, criterion id) -> the evidence annotators marked in that answer."""
    notes: dict[tuple[str, str], list[EvidenceNote]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = AnnotatedAnswer.model_validate_json(line)
            notes[(row.id, row.criterion)] = row.evidence
    return notes


def clause_labels(answer: str, spans: list[tuple[int, int]], facet_ids: list[str],
                  notes: Iterable[EvidenceNote]) -> np.ndarray:
    """(clauses, facets): 1 where a clause shows the facet, -1 where it only denies or wishes it, 0 elsewhere.

    Denied and wished clauses are left out of a detector's training rather than
    taught as negatives: their words are the facet's words, and polarity is the
    clause reader's job, not the detector's.
    """
    labels = np.zeros((len(spans), len(facet_ids)), dtype=np.int8)
    for note in notes:
        start = answer.find(note.quote)
        if start < 0 or note.facet not in facet_ids:
            continue
        end, j = start + len(note.quote), facet_ids.index(note.facet)
        for i, (c_start, c_end) in enumerate(spans):
            overlap = min(end, c_end) - max(start, c_start)
            if overlap > 0 and (overlap >= OVERLAP * (end - start) or overlap >= OVERLAP * (c_end - c_start)):
                if note.status == "shown":
                    labels[i, j] = 1
                elif labels[i, j] == 0:
                    labels[i, j] = -1
    return labels


def fit_logistic(x: np.ndarray, y: np.ndarray, penalty: float = PENALTY, iterations: int = 30) -> np.ndarray:
    """L2 logistic regression by Newton steps; the bias (last weight) is not penalised."""
    n, d = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    ridge = penalty * np.eye(d + 1)
    ridge[-1, -1] = 1e-6
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ w, -30, 30)))
        gradient = xb.T @ (p - y) + ridge @ w
        hessian = (xb * (p * (1 - p))[:, None]).T @ xb + ridge
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w


def fingerprint(facet: Facet) -> str:
    """What a detector was trained against: the facet's level, description and examples as the YAML had them.

    A team that rewrites a facet in YAML gets its new examples read at once (a
    stale detector no longer matches and the examples take over) until
    `interview-sim train-scorer` learns the facet again.
    """
    text = json.dumps([facet.level, facet.description, list(facet.examples)], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def detector_key(criterion_id: str, facet: Facet) -> str:
    return f"{criterion_id}/{facet.id}/{fingerprint(facet)}"


PRECEDENT_KEY = "precedent:"  # detector keys are criterion/facet/fingerprint, so these prefixes cannot collide
WORDS_KEY = "words:"
WORDS_OWN_KEY = "words-own:"  # + criterion id: that criterion's deviation from the shared words weights


@dataclass(frozen=True)
class Detectors:
    """What train-scorer learned besides the ordinal weights, kept in one file.

    `weights`: per detector_key, (385,) = 384 vector weights and a bias.
    `precedents`: per criterion id, the answer-level ridge of precedent.py (385,).
    `words`: the ridge over the answer's words of words_precedent.py, shared by all criteria with each one's deviation.
    """

    weights: dict[str, np.ndarray]
    precedents: dict[str, np.ndarray] = field(default_factory=dict)
    words: WordsPrecedent | None = None

    def get(self, criterion_id: str, facet: Facet) -> np.ndarray | None:
        return self.weights.get(detector_key(criterion_id, facet))

    def words_level(self, text: str, criterion_id: str) -> float:
        """The words precedent of an answer for a criterion; 0 (neutral) before train-scorer has fitted one."""
        return self.words(text, criterion_id) if self.words is not None else 0.0

    def save(self, path: Path) -> None:
        arrays = self.weights | {PRECEDENT_KEY + cid: w for cid, w in self.precedents.items()}
        if self.words is not None:
            arrays |= {WORDS_KEY + "buckets": self.words.buckets, WORDS_KEY + "idf": self.words.idf,
                       WORDS_KEY + "weights": self.words.weights,
                       WORDS_KEY + "scalars": np.array([self.words.unseen_idf, self.words.intercept])}
            arrays |= {WORDS_OWN_KEY + cid: own for cid, own in self.words.own.items()}
        ordered = {key: np.round(arrays[key], 5).astype(np.float32) for key in sorted(arrays)}
        with path.open("wb") as handle:
            np.savez_compressed(handle, **ordered)


def load_detectors(path: Path = DETECTORS_PATH) -> Detectors:
    if not path.is_file():
        return Detectors({})
    with np.load(path) as data:
        arrays = {key: data[key].astype(np.float64) for key in data.files}
    words = None
    if WORDS_KEY + "weights" in arrays:
        unseen_idf, intercept = arrays[WORDS_KEY + "scalars"]
        own = {k.removeprefix(WORDS_OWN_KEY): v for k, v in arrays.items() if k.startswith(WORDS_OWN_KEY)}
        words = WordsPrecedent(arrays[WORDS_KEY + "buckets"].astype(np.int64), arrays[WORDS_KEY + "idf"],
                               arrays[WORDS_KEY + "weights"], own, float(unseen_idf), float(intercept))
    return Detectors({k: v for k, v in arrays.items() if not k.startswith((PRECEDENT_KEY, WORDS_KEY, WORDS_OWN_KEY))},
                     {k.removeprefix(PRECEDENT_KEY): v for k, v in arrays.items() if k.startswith(PRECEDENT_KEY)},
                     words)


@dataclass
class DetectorData:
    """Clause vectors and labels gathered for one criterion's facets."""

    facets: list[Facet]
    vectors: list[np.ndarray]
    labels: list[np.ndarray]

    def add(self, vectors: np.ndarray, labels: np.ndarray) -> None:
        if len(vectors):
            self.vectors.append(vectors)
            self.labels.append(labels)


def fit_detectors(data: dict[str, DetectorData], examples: dict[str, dict[str, np.ndarray]]) -> Detectors:
    """One detector per facet with at least MIN_POSITIVES positives (annotated clauses plus YAML examples)."""
    weights: dict[str, np.ndarray] = {}
    for criterion_id in sorted(data):
        gathered = data[criterion_id]
        if not gathered.vectors:
            continue
        x = np.vstack(gathered.vectors)
        labels = np.vstack(gathered.labels)
        for j, facet in enumerate(gathered.facets):
            keep = labels[:, j] >= 0
            xj, yj = x[keep], (labels[keep, j] == 1).astype(np.float64)
            own = examples.get(criterion_id, {}).get(facet.id)
            if own is not None and len(own):
                xj = np.vstack([xj, own])
                yj = np.concatenate([yj, np.ones(len(own))])
            if yj.sum() < MIN_POSITIVES or yj.sum() == len(yj):
                continue
            weights[detector_key(criterion_id, facet)] = fit_logistic(xj, yj)
    return Detectors(weights)

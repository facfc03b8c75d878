"""Fitting the evidence model's ordinal weights on the corpus's train split, never on validation.

`interview-sim train-scorer` calls `train()` and writes weights.json (the
ordinal model) and detectors.npz (the facet detectors, learned from the
annotated evidence of train answers in corpus/evidence.jsonl) beside the model;
`--check` refits and compares, so a test can prove the committed weights are
what the train split gives (no hand edits, no validation data). The corpus is split by story group (a story and its spoken or negated
twins are on one side), fixed by the files themselves.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict

from ...catalog import Catalog
from ...catalog.models import Criterion
from ..metrics import pairwise_order, spearman
from . import ordinal
from .clauses import Clause
from .detectors import EVIDENCE_PATH, DetectorData, Detectors, EvidenceNote, clause_labels, fit_detectors, load_annotations
from .features import FEATURES, facet_strengths, read
from .model import AnswerText, EvidenceModel, ModelWeights, list_capped
from .precedent import MIN_ANSWERS, answer_vector, fit_precedent, precedent
from .words_precedent import WordsPrecedent, fit_words

CORPUS_DIR = Path(__file__).resolve().parent.parent / "corpus"
SPLITS = ("train", "validation")
SHARED_PENALTY = 0.003
CRITERION_PENALTY = 0.03
OWN_WEIGHTS_FROM = 60  # labels a criterion needs before it gets weights of its own


class CorpusItem(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str
    group: str
    kind: str
    loop: str
    round: str
    question: str
    answer: str
    labels: dict[str, int]


def split_path(split: str) -> Path:
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; splits: {', '.join(SPLITS)}")
    return CORPUS_DIR / f"{split}.jsonl"


def load_split(split: str) -> list[CorpusItem]:
    path = split_path(split)
    return [CorpusItem.model_validate_json(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def criterion_for(catalog: Catalog, loop_id: str, criterion_id: str) -> Criterion:
    loop = catalog.loops.get(loop_id)
    return catalog.criterion(loop, criterion_id) if loop is not None else catalog.criteria[criterion_id]


FOLDS = 4  # detectors for the ordinal model's training rows are fitted on the other folds' groups


@dataclass
class LabelledReading:
    """One (answer, criterion) label with what the model needs to read it again under other detectors."""

    item: CorpusItem
    criterion: Criterion
    clauses: list[Clause]
    kept_vectors: np.ndarray
    denied_vectors: np.ndarray
    labels: np.ndarray | None  # annotated facet evidence per clause, None when not annotated
    level: int


def fold_of(group: str) -> int:
    return int(hashlib.sha256(group.encode()).hexdigest(), 16) % FOLDS


def prepare(model: EvidenceModel, catalog: Catalog, items: list[CorpusItem],
            notes: dict[tuple[str, str], list[EvidenceNote]],
            progress: Callable[[int, int], None] | None = None) -> list[LabelledReading]:
    rows: list[LabelledReading] = []
    for n, item in enumerate(items):
        clauses = model.clauses(item.question, [AnswerText(item.answer)])
        vectors: tuple[np.ndarray, np.ndarray] | None = None
        for criterion_id, level in item.labels.items():
            criterion = criterion_for(catalog, item.loop, criterion_id)
            facets = model.facets(criterion)
            if facets is None:
                continue
            if vectors is None:
                vectors = model.vectors(clauses)
            annotated = notes.get((item.id, criterion_id))
            labels = None if annotated is None else clause_labels(
                item.answer, [(c.span.start, c.span.end) for c in clauses], [f.facet.id for f in facets.facets], annotated)
            rows.append(LabelledReading(item, criterion, clauses, vectors[0], vectors[1], labels, level))
        if progress is not None:
            progress(n + 1, len(items))
    return rows


def _detectors(model: EvidenceModel, rows: list[LabelledReading]) -> Detectors:
    data: dict[str, DetectorData] = {}
    examples: dict[str, dict[str, np.ndarray]] = {}
    for row in rows:
        facets = model.facets(row.criterion)
        assert facets is not None
        cid = row.criterion.id
        if cid not in data:
            data[cid] = DetectorData([f.facet for f in facets.facets], [], [])
            examples[cid] = {f.facet.id: f.vectors for f in facets.facets}
        if row.labels is not None:
            data[cid].add(row.kept_vectors, row.labels)
    detectors = fit_detectors(data, examples)
    words = fit_words([r.item.answer for r in rows], [r.criterion.id for r in rows],
                      np.array([r.level for r in rows], dtype=np.float64)) if rows else None
    return replace(detectors, precedents=_precedents(rows), words=words)


def _precedents(rows: list[LabelledReading]) -> dict[str, np.ndarray]:
    by_criterion: dict[str, list[LabelledReading]] = {}
    for row in rows:
        by_criterion.setdefault(row.criterion.id, []).append(row)
    return {cid: fit_precedent(np.array([answer_vector(r.kept_vectors) for r in group]),
                               np.array([r.level for r in group], dtype=np.float64))
            for cid, group in sorted(by_criterion.items()) if len(group) >= MIN_ANSWERS}


def _features(model: EvidenceModel, row: LabelledReading, detectors: Detectors) -> np.ndarray:
    base = model.facets(row.criterion)
    assert base is not None
    facets = replace(base, facets=tuple(replace(f, detector=detectors.get(row.criterion.id, f.facet))
                                        for f in base.facets))
    kept, denied = facet_strengths(facets, row.clauses, row.kept_vectors, row.denied_vectors)
    like = precedent(detectors.precedents.get(row.criterion.id), row.kept_vectors)
    words = detectors.words_level(row.item.answer, row.criterion.id)
    return read(facets, row.clauses, kept, denied, [row.item.answer], like, words).features


def fit_weights(x: np.ndarray, y: np.ndarray, criteria: list[str], trained_on: str) -> ModelWeights:
    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-6
    z = (x - mean) / scale
    shared = ordinal.fit(z, y, lam=SHARED_PENALTY)
    own: dict[str, ordinal.OrdinalParams] = {}
    names = np.array(criteria)
    for criterion_id in sorted(set(criteria)):
        rows = names == criterion_id
        if rows.sum() >= OWN_WEIGHTS_FROM:
            own[criterion_id] = ordinal.fit(z[rows], y[rows], prior=shared, lam=CRITERION_PENALTY)
    return ModelWeights(features=list(FEATURES), mean=[round(float(v), 6) for v in mean],
                        scale=[round(float(v), 6) for v in scale], shared=shared, criteria=own, trained_on=trained_on)


def fit(model: EvidenceModel, rows: list[LabelledReading], trained_on: str) -> tuple[ModelWeights, Detectors]:
    """Detectors on all rows; the ordinal model on features each row gets from detectors that never saw its group.

    Fitting the ordinal model on in-sample detector outputs would teach it to
    trust detectors more than they deserve on answers they have not seen.
    """
    folds = np.array([fold_of(row.item.group) for row in rows])
    x = np.zeros((len(rows), len(FEATURES)))
    for fold in range(FOLDS):
        held = np.where(folds == fold)[0]
        detectors = _detectors(model, [rows[i] for i in np.where(folds != fold)[0]])
        for i in held:
            x[i] = _features(model, rows[i], detectors)
    weights = fit_weights(x, np.array([row.level for row in rows]), [row.criterion.id for row in rows], trained_on)
    return weights, _detectors(model, rows)


def prepare_train(model: EvidenceModel, catalog: Catalog,
                  progress: Callable[[int, int], None] | None = None) -> list[LabelledReading]:
    return prepare(model, catalog, load_split("train"), load_annotations(), progress)


def train(model: EvidenceModel, catalog: Catalog,
          progress: Callable[[int, int], None] | None = None) -> tuple[ModelWeights, Detectors]:
    """Weights and detectors fitted on the train split and its annotations only."""
    rows = prepare_train(model, catalog, progress)
    trained_on = hashlib.sha256(split_path("train").read_bytes() + EVIDENCE_PATH.read_bytes()).hexdigest()
    return fit(model, rows, trained_on)


CV_FOLDS = 5


class CrossValidation(BaseModel):
    """Group k-fold agreement on the train split: the figure to tune against (validation stays unseen)."""

    folds: int
    labels: int
    spearman: float
    pairwise_order: float
    exact: float
    within1: float


def predict(model: EvidenceModel, rows: list[LabelledReading], weights: ModelWeights, detectors: Detectors) -> list[int]:
    levels = []
    for row in rows:
        x = weights.standardise(_features(model, row, detectors)[None, :])
        levels.append(int(list_capped(weights.params(row.criterion.id).probabilities(x)[0], [row.item.answer]).argmax()) + 1)
    return levels


def cross_validate(model: EvidenceModel, rows: list[LabelledReading], folds: int = CV_FOLDS) -> CrossValidation:
    """Each fold's groups scored by a model (detectors and ordinal weights) fitted on the other folds only."""
    fold = np.array([int(hashlib.sha256(("cv" + row.item.group).encode()).hexdigest(), 16) % folds for row in rows])
    predicted = np.zeros(len(rows), dtype=int)
    for k in range(folds):
        held = np.where(fold == k)[0]
        weights, detectors = fit(model, [rows[i] for i in np.where(fold != k)[0]], trained_on="cv")
        predicted[held] = predict(model, [rows[i] for i in held], weights, detectors)
    reference = [row.level for row in rows]
    groups: dict[str, list[tuple[int, int | None]]] = {}
    for row, level in zip(rows, predicted, strict=True):
        groups.setdefault(row.criterion.id, []).append((row.level, int(level)))
    pairs = list(zip(reference, predicted.tolist(), strict=True))
    return CrossValidation(folds=folds, labels=len(rows), spearman=round(spearman(reference, predicted.tolist()), 4),
                           pairwise_order=round(pairwise_order(groups), 4),
                           exact=round(sum(r == p for r, p in pairs) / len(pairs), 4),
                           within1=round(sum(abs(r - p) <= 1 for r, p in pairs) / len(pairs), 4))


def same_fit(weights: ModelWeights, detectors: Detectors, fresh: ModelWeights, fresh_detectors: Detectors,
             tolerance: float = 0.02) -> bool:
    """Whether committed weights are a fit of the same data: equal up to the float noise of another CPU's embeddings."""
    if weights.trained_on != fresh.trained_on or set(detectors.weights) != set(fresh_detectors.weights):
        return False
    if set(detectors.precedents) != set(fresh_detectors.precedents):
        return False
    if not _same_words(detectors.words, fresh_detectors.words, tolerance):
        return False
    if set(weights.criteria) != set(fresh.criteria):
        return False

    def close(a: object, b: object) -> bool:
        return bool(np.allclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float), atol=tolerance, rtol=tolerance))

    pairs = [(weights.mean, fresh.mean), (weights.scale, fresh.scale)]
    params = [(weights.shared, fresh.shared)] + [(weights.criteria[c], fresh.criteria[c]) for c in weights.criteria]
    return (all(close(a, b) for a, b in pairs)
            and all(close(a.weights, b.weights) and close(a.cuts, b.cuts) for a, b in params)
            and all(close(detectors.weights[k], fresh_detectors.weights[k]) for k in detectors.weights)
            and all(close(detectors.precedents[k], fresh_detectors.precedents[k]) for k in detectors.precedents))


def _same_words(a: WordsPrecedent | None, b: WordsPrecedent | None, tolerance: float) -> bool:
    if a is None or b is None:
        return a is b
    if (not np.array_equal(a.buckets, b.buckets) or set(a.own) != set(b.own)
            or any(a.own[c].shape != b.own[c].shape for c in a.own)):
        return False
    pairs = [(a.idf, b.idf), (a.weights, b.weights), (a.intercept, b.intercept)] + [(a.own[c], b.own[c]) for c in a.own]
    return all(np.allclose(x, y, atol=tolerance, rtol=tolerance) for x, y in pairs)


def write_weights(weights: ModelWeights, path: Path) -> None:
    path.write_text(json.dumps(weights.model_dump(mode="json"), indent=1) + "\n", encoding="utf-8")

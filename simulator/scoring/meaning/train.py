"""Fitting the evidence model's ordinal weights on the corpus's train split, never on validation.

`interview-sim train-scorer` calls `train()` and writes weights.json beside the
model; `--check` refits and compares, so a test can prove the committed
weights are exactly what the train split gives (no hand edits, no validation
data). The corpus is split by story group (a story and its spoken or negated
twins are on one side), fixed by the files themselves.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict

from ...catalog import Catalog
from ...catalog.models import Criterion
from . import ordinal
from .features import FEATURES
from .model import AnswerText, EvidenceModel, ModelWeights

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


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def criterion_for(catalog: Catalog, loop_id: str, criterion_id: str) -> Criterion:
    loop = catalog.loops.get(loop_id)
    return catalog.criterion(loop, criterion_id) if loop is not None else catalog.criteria[criterion_id]


def feature_rows(model: EvidenceModel, catalog: Catalog, items: list[CorpusItem],
                 progress: Callable[[int, int], None] | None = None) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(features, levels, criterion ids) for every label of `items` whose criterion has facets."""
    xs: list[np.ndarray] = []
    ys: list[int] = []
    ids: list[str] = []
    for n, item in enumerate(items):
        for criterion_id, level in item.labels.items():
            criterion = criterion_for(catalog, item.loop, criterion_id)
            got = model.reading(criterion, item.question, [AnswerText(item.answer)])
            if got is None:
                continue
            xs.append(got[0].features)
            ys.append(level)
            ids.append(criterion_id)
        if progress is not None:
            progress(n + 1, len(items))
    return np.array(xs), np.array(ys), ids


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


def train(model: EvidenceModel, catalog: Catalog, progress: Callable[[int, int], None] | None = None) -> ModelWeights:
    """Weights fitted on the train split only."""
    items = load_split("train")
    x, y, criteria = feature_rows(model, catalog, items, progress)
    return fit_weights(x, y, criteria, trained_on=file_sha256(split_path("train")))


def write_weights(weights: ModelWeights, path: Path) -> None:
    path.write_text(json.dumps(weights.model_dump(mode="json"), indent=1) + "\n", encoding="utf-8")

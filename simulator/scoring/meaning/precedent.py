"""Precedent: the level train answers that read like this one were given, per criterion.

Facet detectors read one clause at a time, so a strong answer told in plain
words, whose clauses each fall a little short of a facet, reads weak, and a
rambling one full of on-topic clauses reads strong. A ridge regression from the
whole answer's mean clause vector to its labelled level sees what no single
clause shows: register, how much of the answer is on the criterion, how it is
told. It is one feature of the ordinal model, fitted like the detectors (train
split only; the ordinal model's own rows get precedents fitted on other groups).
Measured by group 5-fold CV on train (`interview-sim train-scorer --cv`):
Spearman 0.759 without it, 0.784 with it (ridge 1.0; 3.0 gave 0.781).
"""

from __future__ import annotations

import numpy as np

MIN_ANSWERS = 15  # a criterion with fewer labelled answers gets no precedent (the feature stays neutral)
RIDGE = 1.0
CENTRE = 2.5  # the feature is the expected level minus the middle of the scale: 0 means "no precedent"


def answer_vector(clause_vectors: np.ndarray) -> np.ndarray:
    """The answer as one unit vector: the mean of its clauses' vectors."""
    if not len(clause_vectors):
        return np.zeros(clause_vectors.shape[-1])
    mean = clause_vectors.mean(axis=0)
    return mean / (np.linalg.norm(mean) + 1e-9)


def fit_precedent(vectors: np.ndarray, levels: np.ndarray) -> np.ndarray:
    """Ridge weights over answer vectors, the mean level last (the intercept, not penalised)."""
    intercept = float(levels.mean())
    weights = np.linalg.solve(vectors.T @ vectors + RIDGE * np.eye(vectors.shape[1]), vectors.T @ (levels - intercept))
    return np.concatenate([weights, [intercept]])


def precedent(weights: np.ndarray | None, clause_vectors: np.ndarray) -> float:
    """Expected level of an answer like this one, minus CENTRE; 0 for a criterion with no precedent."""
    if weights is None or not len(clause_vectors):
        return 0.0
    return float(answer_vector(clause_vectors) @ weights[:-1] + weights[-1] - CENTRE)

"""Words precedent: the level train answers using these words were given, over all criteria.

The sentence vectors behind the facet detectors and precedent.py blur the
words that set a level-4 answer apart from a level-3 one ("against the
baseline", "p99 of 0 ms", "I chose", "rolled back at"): similar sentences
land close whatever their specifics. A ridge regression from the answer's own
words and word pairs (hashed tf-idf, every figure folded to one token, so a
number is a sign of specifics and never a memorised value) to its labelled
level sees them. It is one more feature of the ordinal model, fitted like the
precedent (train split only; the ordinal model's own rows get it fitted on
other groups), one ridge over every criterion's labels, since a criterion has
too few answers for its own vocabulary.
Measured by group 5-fold CV on train (`interview-sim train-scorer --cv`):
Spearman 0.799 without it, 0.814 with it; a ridge per criterion gave 0.817 on
train but less on the outside sets (`../shared/calibration/answers.jsonl` 0.872
against 0.890), so one ridge it is.
"""

from __future__ import annotations

import math
import re
import zlib
from dataclasses import dataclass

import numpy as np

BITS = 16  # hashed buckets: 2**16 keeps collisions rare for a corpus of a few thousand answers
RIDGE = 3.0  # CV on train: 1.0 and 10.0 both lower
CENTRE = 2.5  # as precedent.py: the feature is the expected level minus the middle of the scale
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[a-z0]+(?:'[a-z]+)?")


def word_counts(text: str) -> dict[int, int]:
    """Bucket -> count of the answer's words and adjacent word pairs, lowercased, figures as "0"."""
    words = _WORD.findall(_FIGURE.sub("0", text.lower()))
    counts: dict[int, int] = {}
    for term in words + [f"{a} {b}" for a, b in zip(words, words[1:])]:
        bucket = zlib.crc32(term.encode()) % (1 << BITS)
        counts[bucket] = counts.get(bucket, 0) + 1
    return counts


@dataclass(frozen=True)
class WordsPrecedent:
    """The fitted ridge, kept only over the buckets train answers used (the rest weigh nothing)."""

    buckets: np.ndarray  # sorted bucket ids
    idf: np.ndarray  # per bucket
    weights: np.ndarray  # per bucket
    unseen_idf: float  # a bucket no train answer used still counts in the answer's length
    intercept: float  # the mean train level

    def __call__(self, text: str) -> float:
        """Expected level of an answer with these words, minus CENTRE."""
        counts = word_counts(text)
        if not counts:
            return self.intercept - CENTRE
        keys = np.fromiter(counts, dtype=np.int64)
        tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64))
        at = np.minimum(np.searchsorted(self.buckets, keys), len(self.buckets) - 1)
        known = self.buckets[at] == keys
        values = tf * np.where(known, self.idf[at], self.unseen_idf)
        norm = float(np.linalg.norm(values)) + 1e-9
        return float(values[known] @ self.weights[at[known]] / norm + self.intercept - CENTRE)


def fit_words(texts: list[str], levels: np.ndarray, ridge: float = RIDGE) -> WordsPrecedent:
    """Ridge from each (answer, criterion) label's words to its level, solved over answers (kernel form).

    An answer labelled for several criteria is one row per label, so its words
    learn the level it earns on average; document frequencies count it once.
    """
    unique = sorted(set(texts))
    counts = [word_counts(t) for t in unique]
    buckets = np.array(sorted({b for c in counts for b in c}), dtype=np.int64)
    column = {int(b): j for j, b in enumerate(buckets)}
    df = np.zeros(len(buckets))
    for c in counts:
        df[[column[b] for b in c]] += 1
    idf = np.log((1 + len(unique)) / (1 + df)) + 1
    x = np.zeros((len(unique), len(buckets)))
    for i, c in enumerate(counts):
        cols = [column[b] for b in c]
        x[i, cols] = (1.0 + np.log(np.fromiter(c.values(), dtype=np.float64))) * idf[cols]
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
    index = {t: i for i, t in enumerate(unique)}
    rows = np.array([index[t] for t in texts])
    kernel = (x @ x.T)[np.ix_(rows, rows)]
    intercept = float(levels.mean())
    alpha = np.linalg.solve(kernel + ridge * np.eye(len(rows)), levels - intercept)
    weights = x.T @ np.bincount(rows, weights=alpha, minlength=len(unique))
    return WordsPrecedent(buckets, idf, weights, math.log(1 + len(unique)) + 1, intercept)

"""A small cumulative-logit (proportional odds) model: features -> level 1-4, fitted in numpy.

P(level <= k) = sigmoid(theta_k - w . x). One model is fitted on every
criterion's labels together (shared), then each criterion with enough labels
gets its own weights, pulled towards the shared ones by an L2 penalty: a
criterion with few examples stays close to what all criteria taught.
"""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, Field

LEVELS = 4


class OrdinalParams(BaseModel):
    weights: list[float]
    cuts: list[float] = Field(min_length=LEVELS - 1, max_length=LEVELS - 1, description="increasing thresholds")

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """(n, 4) level probabilities for standardised features x (n, d)."""
        score = x @ np.asarray(self.weights)
        cum = _sigmoid(np.asarray(self.cuts)[None, :] - score[:, None])
        cum = np.concatenate([np.zeros((len(x), 1)), cum, np.ones((len(x), 1))], axis=1)
        return np.clip(np.diff(cum, axis=1), 1e-9, 1.0)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -40, 40)))


def _unpack(theta: np.ndarray, d: int) -> tuple[np.ndarray, np.ndarray]:
    w = theta[:d]
    first, gaps = theta[d], theta[d + 1:]
    cuts = np.concatenate([[first], first + np.cumsum(np.exp(gaps))])
    return w, cuts


def _pack(params: OrdinalParams) -> np.ndarray:
    cuts = np.asarray(params.cuts)
    return np.concatenate([params.weights, [cuts[0]], np.log(np.maximum(np.diff(cuts), 1e-6))])


def _loss_and_grad(theta: np.ndarray, x: np.ndarray, y: np.ndarray, prior: np.ndarray, lam: float) -> tuple[float, np.ndarray]:
    n, d = x.shape
    w, cuts = _unpack(theta, d)
    s = x @ w
    ext = np.concatenate([[-40.0], cuts, [40.0]])
    a = ext[y] - s  # upper cut of each label (y in 1..4)
    b = ext[y - 1] - s
    sa, sb = _sigmoid(a), _sigmoid(b)
    p = np.clip(sa - sb, 1e-12, 1.0)
    da, db = sa * (1 - sa), sb * (1 - sb)
    loss = -np.log(p).sum() / n
    g_s = (da - db) / p / n  # d loss / d s
    grad_w = x.T @ g_s
    g_cut = np.zeros(LEVELS - 1)
    for k in range(1, LEVELS):
        g_cut[k - 1] += (-(da / p) * (y == k)).sum() / n + ((db / p) * (y == k + 1)).sum() / n
    # cuts = first + cumsum(exp(gaps)): chain rule to (first, gaps)
    gaps = theta[d + 1:]
    g_first = g_cut.sum()
    g_gaps = np.array([g_cut[i:].sum() * np.exp(gaps[i - 1]) for i in range(1, LEVELS - 1)])
    grad = np.concatenate([grad_w, [g_first], g_gaps])
    diff = theta - prior
    diff[d:] *= 0.1  # thresholds may move more freely than weights
    loss += lam * float(diff @ diff)
    grad += 2 * lam * diff
    return loss, grad


def fit(x: np.ndarray, y: np.ndarray, *, prior: OrdinalParams | None = None, lam: float = 0.01,
        steps: int = 3000, rate: float = 0.05) -> OrdinalParams:
    """Adam on the penalised negative log-likelihood; deterministic (no randomness anywhere)."""
    d = x.shape[1]
    start = prior or OrdinalParams(weights=[0.0] * d, cuts=[-1.0, 0.0, 1.0])
    anchor = _pack(start) if prior is not None else np.zeros(d + LEVELS - 1)
    theta = _pack(start)
    m = np.zeros_like(theta)
    v = np.zeros_like(theta)
    for t in range(1, steps + 1):
        _, g = _loss_and_grad(theta, x, y, anchor, lam)
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        theta -= rate * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    w, cuts = _unpack(theta, d)
    return OrdinalParams(weights=[round(float(v), 6) for v in w], cuts=[round(float(c), 6) for c in cuts])


def predict(params: OrdinalParams, x: np.ndarray) -> np.ndarray:
    """Most probable level (1-4) per row."""
    return params.probabilities(x).argmax(axis=1) + 1

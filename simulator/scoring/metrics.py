"""Agreement metrics between predicted and reference levels (no scipy needed)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations


def _ranks(values: Sequence[float]) -> list[float]:
    """Average ranks (1-based), ties sharing the mean of their positions."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def pearson(x: Sequence[float], y: Sequence[float]) -> float:
    n = len(x)
    if n < 2:
        return 0.0
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    if sxx == 0 or syy == 0:
        return 0.0
    return sxy / (sxx * syy) ** 0.5


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    """Spearman's rho with tie-averaged ranks; 0 when either side is constant."""
    return pearson(_ranks(x), _ranks(y))


def pairwise_order(groups: dict[str, list[tuple[int, int | None]]]) -> float:
    """Among pairs on the same criterion with different reference levels, the share ordered the same way.

    `groups` maps a criterion to (reference, predicted) pairs. A tie or a missing
    prediction counts as not ordered.
    """
    agree = total = 0
    for pairs in groups.values():
        for (ra, pa), (rb, pb) in combinations(pairs, 2):
            if ra == rb:
                continue
            total += 1
            if pa is not None and pb is not None and (pa - pb) * (ra - rb) > 0:
                agree += 1
    return agree / total if total else 0.0

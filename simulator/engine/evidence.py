"""How much evidence an answer shows for a criterion, from the rubric's own signals.

The planner uses this to decide what a follow-up should probe. It reads the
same YAML signals the evidence scorer reads, so a team that tunes a signal tunes
both; it is a coarse strength (share of signals seen), not a score.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..catalog import Criterion


@lru_cache(maxsize=4096)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def signals_seen(criterion: Criterion, text: str) -> set[str]:
    return {
        signal.id
        for signal in criterion.signals
        if any(_compiled(pattern).search(text) for pattern in signal.patterns)
    }


def strength(criterion: Criterion, text: str) -> float:
    """Share of the criterion's signals present in `text` (0 when it defines none)."""
    if not criterion.signals:
        return 0.0
    return len(signals_seen(criterion, text)) / len(criterion.signals)

"""Each way an answer can fool a keyword scorer, measured on the corpus's validation split (never fitted on).

Negated answers, things only read about or wished for, keyword lists, spoken
and Whisper transcripts, rambling, terse, non-native and plain-word answers,
and answers to a different question: each kind must stay close to its
reference levels and, where the trap is over-scoring, must not over-score.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

import pytest

from scoring_helpers import repo_catalog
from simulator.scoring.calibration import CalibrationReport, calibrate
from simulator.scoring.meaning.clauses import keyword_list
from simulator.scoring.meaning.train import load_split, split_path

# The traps where a keyword scorer gives too much: the evidence model must not be two levels above the reference.
OVER_SCORING_KINDS = ("negated", "read_about", "hypothetical", "stuffed", "off_topic")
ALL_KINDS = ("written", "spoken", "whisper", "terse", "rambling", "non_native", "paraphrase", "vague",
             *OVER_SCORING_KINDS)


@lru_cache(maxsize=1)
def _report() -> CalibrationReport:
    return calibrate(split_path("validation"), repo_catalog(), "evidence")


@lru_cache(maxsize=1)
def _by_kind() -> dict[str, list[tuple[int, int]]]:
    """kind -> (reference, predicted) for every label of the validation split."""
    items = {i.id: i for i in load_split("validation")}
    pairs: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for predicted in _report().items:
        item = items[predicted.id]
        for criterion, level in predicted.predicted.items():
            assert level is not None, (item.id, criterion)
            pairs[item.kind].append((item.labels[criterion], level))
    return pairs


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_each_kind_stays_within_a_level(kind: str) -> None:
    pairs = _by_kind()[kind]
    assert len(pairs) >= 5
    within = sum(abs(r - p) <= 1 for r, p in pairs) / len(pairs)
    assert within >= 0.80, (kind, within, pairs)


@pytest.mark.parametrize("kind", OVER_SCORING_KINDS)
def test_traps_do_not_over_score(kind: str) -> None:
    pairs = _by_kind()[kind]
    over = [(r, p) for r, p in pairs if p - r >= 2]
    assert len(over) <= 0.05 * len(pairs), (kind, over)


def test_keyword_lists_stay_at_two_or_below_mostly() -> None:
    """A comma list of the right words, with no claim or reasoning, is at most level 2 by the guide."""
    pairs = _by_kind()["stuffed"]
    high = [(r, p) for r, p in pairs if p > 2]
    assert len(high) <= 0.10 * len(pairs), high


def test_a_list_of_terms_is_never_above_level_two_and_code_is_no_list() -> None:
    """Read as a list of terms (clauses.keyword_list), whatever its kind, an answer is capped at 2 (evidence-2.15):
    before, a list of the right coding words ("sort by score, argsort descending, IoU, vectorised NumPy, ...") read 3."""
    items = {i.id: i for i in load_split("validation")}
    lists = [p for p in _report().items if keyword_list(items[p.id].answer)]
    assert len(lists) >= 10
    assert all(level is not None and level <= 2 for p in lists for level in p.predicted.values()), lists
    code = "class FeatureCache:\n    def __init__(self, capacity):\n        self.capacity = capacity\n        self.items = {}"
    assert not keyword_list(code) and keyword_list("latency, p99, drift, Datadog, dashboards, alerts, on-call")


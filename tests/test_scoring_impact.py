"""Measured impact read in the words results are told in: latency and cost cut, money saved, not only product metrics."""

from __future__ import annotations

import pytest

from scoring_helpers import repo_catalog
from simulator.scoring.meaning import default_model
from simulator.scoring.meaning.model import AnswerText

QUESTION = "Tell me about a project you're proud of."


def _shown(answer: str) -> set[str]:
    assessment = default_model().assess(repo_catalog().criteria["impact"], QUESTION, [AnswerText(answer)])
    assert assessment is not None
    return {f.facet.id for f in assessment.shown}


@pytest.mark.parametrize("answer", [
    "It reduced latency from 300 ms to 120 ms.",  # a YAML example of the facet, said with "it reduced": read 0.11 before
    # played: 0.15 before
    "I migrated search first, then recommendations, and we cut GPU spend on embeddings by about 40% and got new models "
    "into all three products in a week instead of a month.",
    "We saved about $12k a month on GPUs.",
])
def test_a_measured_result_in_plain_words_is_shown(answer: str) -> None:
    assert "measured_result" in _shown(answer)


@pytest.mark.parametrize("answer", [
    "I worked on the ranking team from 2019 to 2021.",  # years are no before/after
    "We hoped to cut latency by 50%.",  # a target, not a result
    "We never reduced latency by 50%.",
])
def test_no_measured_result_where_none_was_reached(answer: str) -> None:
    assert "measured_result" not in _shown(answer)


def test_a_comparison_named_in_plain_words_is_shown() -> None:
    assert "comparison" in _shown("Compared with the old rules, it caught twice as much fraud.")

"""Each facet of the level guides, said in one plain sentence by someone who never saw its examples.

A floor, not a goal: the detectors read single plain-word sentences poorly (the level model leans on the
whole answer), and this keeps a later change from reading them worse unseen. Figures in the README (Scoring).
"""

from __future__ import annotations

from functools import lru_cache

import yaml

from scoring_helpers import repo_catalog
from simulator.config import PROJECT_ROOT
from simulator.scoring.meaning import default_model
from simulator.scoring.meaning.model import AnswerText

CATALOG = repo_catalog()
STATEMENTS = yaml.safe_load((PROJECT_ROOT / "tests" / "data" / "facet_statements_blind.yaml").read_text(encoding="utf-8"))


def _shown(criterion_id: str, text: str) -> set[str]:
    assessment = default_model().assess(CATALOG.criteria[criterion_id], "Tell me about it.", [AnswerText(text)])
    assert assessment is not None
    return {f.facet.id for f in assessment.shown}


@lru_cache(maxsize=1)
def _readings() -> tuple[int, int, int, int]:
    shown = plain = false = other = 0
    for row in STATEMENTS:
        for text in row["plain"]:
            plain += 1
            shown += row["facet"] in _shown(row["criterion"], text)
        other += 1
        false += row["facet"] in _shown(row["criterion"], row["not_shown"])
    return shown, plain, false, other


def test_the_set_covers_every_facet() -> None:
    facets = {(c.id, f.id) for c in CATALOG.criteria.values() if c.meaning is not None for f in c.meaning.facets}
    assert {(r["criterion"], r["facet"]) for r in STATEMENTS} == facets


def test_plain_statements_show_their_facet_at_least_as_often_as_first_read() -> None:
    shown, plain, _, _ = _readings()
    assert shown / plain >= 0.35, (shown, plain)  # first read: 82 of 220 (37%)


def test_statements_that_do_not_show_a_facet_are_seldom_read_as_showing_it() -> None:
    _, _, false, other = _readings()
    assert false / other <= 0.08, (false, other)  # first read: 5 of 110

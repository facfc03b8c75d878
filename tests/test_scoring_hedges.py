"""Hedged clauses: how a rambling answer says what a strong one states."""

from __future__ import annotations

from simulator.scoring.meaning.clauses import hedged_share, split_clauses

STATED = ("I switched us to a smaller model fine-tuned on the reviewers' descriptions. Reviewers approved 90 percent of "
          "its outputs, against 60 percent with the big one.")
HEDGED = ("I think eventually the team switched to a smaller model, something like that. I remember the reviewers "
          "approved maybe ninety percent, but I'm not sure where it ended up.")


def test_a_hedged_telling_of_the_same_facts_reads_as_hedged() -> None:
    assert hedged_share(split_clauses(STATED)) == 0.0
    assert hedged_share(split_clauses(HEDGED)) >= 0.75


def test_no_clauses_no_hedges() -> None:
    assert hedged_share([]) == 0.0

"""Which negations deny something done: "we never A/B tested it" does, "we chose not to fine-tune" does not.

Two labelled sets were written by helpers who saw neither the code nor each other's set: an answer, the clause in it
holding a negation word, and whether that clause says something in the candidate's work was not done. Both were read
while the rules were written (the first throughout, the second after one blind run: 48% -> 63%), so their floors
guard against regressions; they are not blind figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from simulator.scoring.meaning.clauses import Polarity, split_clauses

DATA = Path(__file__).parent / "data"


def _reads_as_denial(answer: str, quote: str) -> tuple[bool, bool]:
    """(denied, credited as done) for the clauses that overlap `quote` in `answer`."""
    start = answer.index(quote)
    end = start + len(quote)
    clauses = [c for c in split_clauses(answer) if min(end, c.span.end) > max(start, c.span.start)]
    denied = any(c.polarity is Polarity.NEGATED or (c.denied and c.polarity is not Polarity.UNREALISED) for c in clauses)
    credited = not denied and any(c.polarity is Polarity.AFFIRMED and not c.denied for c in clauses)
    return denied, credited


@pytest.mark.parametrize(("name", "floor", "before"), [("negation_blind.yaml", 0.94, 0.49), ("negation_blind2.yaml", 0.85, 0.48)])
def test_the_labelled_sets_read_right(name: str, floor: float, before: float) -> None:
    items = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    right = 0
    for item in items:
        denied, credited = _reads_as_denial(item["answer"], item["quote"])
        right += (not credited) if item["label"] == "denial" else (not denied)
    assert right / len(items) >= floor, (name, right, len(items), f"before evidence-2.8: {before:.0%}")


@pytest.mark.parametrize(("answer", "quote"), [
    # Played (2026-12-03): each was listed in the report as "said not done".
    ("I didn't pick it first because distillation takes weeks and usually gives back part of the IoU gain.",
     "I didn't pick it first"),
    ("We route the uncertain 2% to a reviewer, so the human loop doesn't back up.", "so the human loop doesn't back up"),
    ("You didn't give me traffic or latency, so I'll assume 2,000 requests a second.", "You didn't give me traffic or latency"),
    ("There's a whole debate about offline metrics not matching online results, so I'd run an A/B test.",
     "There's a whole debate about offline metrics not matching online results"),
    ("if the ranker doesn't answer in 50 ms the service returns the candidates in retrieval order, so search never breaks.",
     "so search never breaks"),
])
def test_a_negation_that_denies_nothing_done(answer: str, quote: str) -> None:
    assert _reads_as_denial(answer, quote) == (False, True)


@pytest.mark.parametrize(("answer", "quote"), [
    ("To be honest, we never A/B tested it; we just switched it on for everyone.", "we never A/B tested it"),
    ("The launch date was fixed, so we didn't run a holdout.", "so we didn't run a holdout"),
    ("For monitoring, I wouldn't set up alerts or dashboards in the first version.", "I wouldn't set up alerts"),
    ("um we didnt version the training data at all", "we didnt version the training data"),
    ("The training data wasn't versioned anywhere.", "The training data wasn't versioned anywhere"),
    ("There was no canary or anything like that.", "There was no canary"),
])
def test_a_denial_is_still_one(answer: str, quote: str) -> None:
    denied, credited = _reads_as_denial(answer, quote)
    assert denied and not credited


def test_what_a_passive_denial_names_is_not_said_as_true() -> None:
    """Played (2026-12-05): "conversion and merchant satisfaction weren't tracked." was quoted for product sense, as if
    it tied the work to a user metric: the clause kept its subject as said. A practice denied in the passive denies
    the whole clause; a harm denied in the passive ("p99 wasn't affected") is no denial of a practice."""
    clause = split_clauses("conversion and merchant satisfaction weren't tracked.")[0]
    assert clause.polarity is Polarity.NEGATED and not clause.kept.strip()
    assert split_clauses("The training data wasn't versioned anywhere.")[0].kept == ""
    assert split_clauses("Our p99 latency wasn't affected.")[0].kept == "Our p99 latency"


def test_a_metric_named_zero_results_denies_nothing() -> None:
    """Played (2026-12-03): "...and zero result rate with two weeks of traffic" was listed as "said not done"."""
    answer = "we watch the zero result rate with two weeks of traffic and we'd slice it by language"
    assert _reads_as_denial(answer, "zero result rate") == (False, True)

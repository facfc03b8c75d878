"""A wrong claim the rubric knows a question invites is challenged, once, with the rubric's own question.

Played blind (2026-12-07, the seventh player, `/tmp/h14`): "most_common already sorts by count and breaks ties
alphabetically", "union-find with path compression is O(n squared) in the worst case", "temperature 0 makes it fully
deterministic on any hardware and batch size", "KS's p-value doesn't depend on sample size" were each left standing,
some with "X, got it." (28 of 111 defects were wrong claims left standing). Main 976db69 had no `pitfalls`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from test_catalog_validation import CatalogDirs, assert_problems, cat, isolated_config, validate  # noqa: F401
from test_round_session import played

from simulator.catalog import Catalog, load_catalog
from simulator.catalog.models import Question
from simulator.config import PROJECT_ROOT
from simulator.engine.turns import Speaker, TurnKind
from simulator.interview.pitfalls import said_in

TIES = [r"\bmost.?common\b[^.]{0,40}\bties\b[^.,]{0,20}\b(?:alphabetic|lexicographic)"]
DETERMINISTIC = [r"\btemperature (?:of )?0\b.{0,80}\bdeterministic"]
NO_RANDOMNESS = [r"\beval\w*\b.{0,60}\bno (?:randomness|nondeterminism)"]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


def _question(catalog: Catalog, question_id: str) -> Question:
    return next(q for loop in catalog.loops.values() for r in loop.rounds for q in r.questions if q.id == question_id)


@pytest.mark.parametrize(("text", "patterns"), [
    ("most_common already sorts by count and breaks ties alphabetically, so that's the required order.", TIES),
    ("so temperature zero makes it fully deterministic on any hardware and batch size", DETERMINISTIC),
    ("Well, in eval mode there's no randomness anyway, because model.eval() turns off dropout.", NO_RANDOMNESS),
])
def test_a_claim_said_is_read(text: str, patterns: list[str]) -> None:
    assert said_in(text, patterns) is not None


@pytest.mark.parametrize(("text", "patterns"), [
    ("Is temperature 0 deterministic on any hardware?", DETERMINISTIC),  # asked, not claimed
    ("Temperature 0 isn't deterministic across batch sizes, because the kernels change.", DETERMINISTIC),
    ("I don't think temperature 0 is deterministic on a GPU.", DETERMINISTIC),
    ("A common mistake is assuming temperature 0 is deterministic.", DETERMINISTIC),
    ("most_common breaks ties by insertion order, so I sort by (-count, query) for the alphabetical order.", TIES),
    ("Even in eval mode there can be randomness from nondeterministic kernels.", NO_RANDOMNESS),
])
def test_a_claim_denied_asked_or_set_apart_is_not(text: str, patterns: list[str]) -> None:
    assert said_in(text, patterns) is None


def test_a_pitfall_whose_regex_misses_its_claim_is_refused_with_its_file_line_and_field(cat: CatalogDirs) -> None:  # noqa: F811
    pitfall = "        pitfalls: [{claim: 'Sorting is O(n).', said: ['\\bsort\\w* is o\\(1\\)'], ask: 'What does a sort cost?'}]"
    text = cat.loop.read_text(encoding="utf-8").replace("        criteria: [correctness]\n", f"        criteria: [correctness]\n{pitfall}\n", 1)
    cat.loop.write_text(text, encoding="utf-8")
    line = text.splitlines().index(pitfall) + 1
    assert_problems(validate(cat), [f"{cat.loop}:{line}: rounds.1.questions.0.pitfalls.0: none of the pitfall's `said` regexes "
                                    "matches its own claim 'Sorting is O(n).'"])


def test_a_pitfall_challenge_that_is_no_one_question_is_refused(cat: CatalogDirs) -> None:  # noqa: F811
    pitfall = "        pitfalls: [{claim: 'Sorting is O(n).', said: ['\\bsort\\w* is o\\(n\\)'], ask: 'Sorting is O(n log n).'}]"
    text = cat.loop.read_text(encoding="utf-8").replace("        criteria: [correctness]\n", f"        criteria: [correctness]\n{pitfall}\n", 1)
    cat.loop.write_text(text, encoding="utf-8")
    line = text.splitlines().index(pitfall) + 1
    assert_problems(validate(cat), [f"{cat.loop}:{line}: rounds.1.questions.0.pitfalls.0.ask: 'Sorting is O(n log n).' must be "
                                    "one question, ending in its only question mark"])

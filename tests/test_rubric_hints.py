"""A hint asked for is the question's own, from the rubric's `hints` (gentlest first), not another probe.

Played blind (2026-12-07, the sixth player, `/tmp/h13`): "For the last problem, the fraud rings, I am not sure how to
start. Can you give me a hint please?" drew "Here's a nudge: how would you structure this as a class another team could
reuse?", and "Now, for optimising, could I get a hint?" another follow-up. Each assertion on a hint below failed on
main 36139f2, which had no `hints` and said a rubric probe; the nudge after the last hint is what main said first.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_catalog_validation import CatalogDirs, assert_problems, cat, isolated_config, validate  # noqa: F401
from test_round_session import answer, played, round_on

from simulator.catalog import Catalog, load_catalog
from simulator.catalog.models import Question
from simulator.config import PROJECT_ROOT
from simulator.engine.turns import Turn, TurnKind
from simulator.interview.hints import HINT_LEAD, NUDGE_LEAD

STUCK = "For the last problem, the fraud rings, I am not sure how to start. Can you give me a hint please?"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


def _question(catalog: Catalog, question_id: str) -> Question:
    return next(q for loop in catalog.loops.values() for r in loop.rounds for q in r.questions if q.id == question_id)


async def test_hints_are_said_gentlest_first_then_a_nudge(catalog: Catalog) -> None:
    hints = _question(catalog, "linked-accounts").hints
    turns = await played(catalog, "shopify-mle", "coding", "linked-accounts", STUCK, "Could I get another hint?",
                         "Sorry, one more hint please?")
    said = [t for t in turns if t.kind is TurnKind.CLARIFICATION]
    assert [t.text for t in said[:2]] == [HINT_LEAD + hints[0], HINT_LEAD + hints[1]]
    assert said[2].text.startswith(NUDGE_LEAD) and said[2].text.endswith("?"), said[2].text  # the rubric's probe, as before
    assert all(t.kind is not TurnKind.FOLLOW_UP for t in turns)  # asking for a hint is no answer to follow up


async def test_a_hint_on_a_part_is_the_gentlest_hint_about_it(catalog: Catalog) -> None:
    """"How to group the accounts" reads close to both hints (cosine 0.49 and 0.58): the gentler is said. A part no hint
    is about ("a tricky test case") still gets the probe on it, as `hints.hint_on` chose before."""
    hints = _question(catalog, "linked-accounts").hints
    grouped = await played(catalog, "shopify-mle", "coding", "linked-accounts", "Can I get a hint on how to group the accounts?")
    assert grouped[-1].text == HINT_LEAD + hints[0]
    tricky = await played(catalog, "shopify-mle", "coding", "linked-accounts", "Can you give me a hint on a tricky test case?")
    assert tricky[-1].text.startswith(NUDGE_LEAD) and "transitive chain" in tricky[-1].text, tricky[-1].text


async def test_a_resumed_round_goes_on_to_the_next_hint(catalog: Catalog) -> None:
    """The hints said are read from the stored turns: after a crash the first is not said again."""
    hints = _question(catalog, "linked-accounts").hints
    stored: list[Turn] = []
    session, clock = round_on(catalog, "shopify-mle", "coding", "linked-accounts", stored)
    [e async for e in session.open()]
    await answer(session, clock, STUCK)
    assert stored[-1].text == HINT_LEAD + hints[0]

    resumed_store = list(stored)
    resumed, clock2 = round_on(catalog, "shopify-mle", "coding", "linked-accounts", resumed_store)
    [e async for e in resumed.restore(list(stored))]
    await answer(resumed, clock2, "Could I get another hint?")
    assert resumed_store[-1].text == HINT_LEAD + hints[1]


def test_every_question_a_stuck_candidate_meets_has_hints(catalog: Catalog) -> None:
    """Every round but the recruiter's screen (no problem to be stuck on) and the take-home (no one to ask) has two."""
    missing = [f"{loop.id}/{r.id}/{q.id}" for loop in catalog.loops.values() for r in loop.rounds
               if r.id not in ("recruiter-screen", "take-home") for q in r.questions if len(q.hints) < 2]
    assert missing == []


def test_a_hint_that_asks_is_refused_with_its_file_line_and_field(cat: CatalogDirs) -> None:  # noqa: F811
    text = cat.loop.read_text(encoding="utf-8").replace(
        "        criteria: [correctness]\n",
        "        criteria: [correctness]\n        hints: ['What would a dictionary of seen numbers give you?']\n", 1)
    cat.loop.write_text(text, encoding="utf-8")
    line = text.splitlines().index("        hints: ['What would a dictionary of seen numbers give you?']") + 1
    assert_problems(validate(cat), [
        f"{cat.loop}:{line}: rounds.1.questions.0.hints: hint 'What would a dictionary of seen numbers give you?' must "
        "say something, and not end in a question mark"])


def test_a_hint_said_twice_is_refused(cat: CatalogDirs, tmp_path: Path) -> None:  # noqa: F811
    hint = "Start from the brute force: every pair."
    text = cat.loop.read_text(encoding="utf-8").replace(
        "        criteria: [correctness]\n", f"        criteria: [correctness]\n        hints: ['{hint}', '{hint}']\n", 1)
    cat.loop.write_text(text, encoding="utf-8")
    line = text.splitlines().index(f"        hints: ['{hint}', '{hint}']") + 1
    assert_problems(validate(cat), [f"{cat.loop}:{line}: rounds.1.questions.0.hints: hints must differ from each other"])


async def test_asked_what_else_to_say_the_interviewer_still_probes(catalog: Catalog) -> None:
    """"What else do you want to know?" asks what to talk about, not for a way in: the probe, as before the hints."""
    question = catalog.loop("canva-mle").round("behavioral").questions[0]
    turns = await played(catalog, "canva-mle", "behavioral", question.id, "What else do you want to know?")
    assert turns[-1].text.startswith(NUDGE_LEAD) and turns[-1].text.endswith("?"), turns[-1].text
    assert question.hints and not any(hint in turns[-1].text for hint in question.hints)


async def test_a_hint_on_the_algorithm_is_a_way_into_the_whole_problem(catalog: Catalog) -> None:
    """"Can I get a hint on which algorithm? I was thinking nested loops..." (played blind, 2026-12-07, the seventh
    player) drew "Here's a nudge: which test would catch a transitive chain being split into two groups?"."""
    hints = _question(catalog, "linked-accounts").hints
    turns = await played(catalog, "shopify-mle", "coding", "linked-accounts",
                         "Okay. Can I get a hint on which algorithm? I was thinking nested loops comparing every pair of accounts.")
    assert turns[-1].text == HINT_LEAD + hints[0]

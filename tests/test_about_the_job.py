"""Questions about the job, the team, the process or the culture are answered from the loop's `about` entries, which
the seed guides give; one no entry answers (pay, visas, team size) is still passed on, and a question about the problem
is not told a job entry. Played blind (2026-12-07): most of 52 unanswered asks in 35 rounds were such questions, passed on
with "I'll make sure you get the details in writing" or answered "That's your call"."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
import yaml
from test_catalog_validation import LOOP, CatalogDirs, assert_problems, cat, edit, validate  # noqa: F401 - the fixture
from test_round_session import played

from simulator.catalog import Catalog, load_catalog
from simulator.catalog.models import Loop
from simulator.config import PROJECT_ROOT
from simulator.engine.turns import TurnKind
from simulator.interview.clarify import read_turn
from simulator.interview.job_phrases import AFTER_THE_ROUND, PASSED_ON

DATA = Path(__file__).parent / "data"
ROUNDS = ("system-design", "hiring-manager", "recruiter-screen")  # each item is asked in one, by its id


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


def _entry(loop: Loop, topic: str) -> str:
    return next(e.text for e in loop.about if e.topic == topic and e.text)


@pytest.mark.parametrize(("loop_id", "round_id", "turn", "topic"), [
    ("canva-mle", "recruiter-screen", "Is this role hybrid, or would I be in the Sydney office every day?", "location"),
    ("shopify-mle", "system-design", "Before I start, quick one: what does a normal week look like for an ML engineer at "
                                     "Shopify, more modelling or more data work?", "week"),
    ("canva-em-recsys", "recruiter-screen", "What would the team I'd be leading actually work on day to day?", "teams"),
    ("shopify-mle", "hiring-manager", "How do promotions work for ML engineers there, is there an IC track to staff?", "growth"),
])
async def test_a_job_question_is_answered_from_the_loop(catalog: Catalog, loop_id: str, round_id: str, turn: str, topic: str) -> None:
    rnd = catalog.loop(loop_id).round(round_id)
    turns = await played(catalog, loop_id, round_id, rnd.questions[0].id, turn)
    assert turns[-1].kind is TurnKind.CLARIFICATION and turns[-1].text == _entry(catalog.loop(loop_id), topic), turns[-1].text
    assert turns[-1].question_id == rnd.questions[0].id  # the question stays open: the candidate goes on with it


@pytest.mark.parametrize("turn", ["What's the salary band for this level?", "Do you sponsor work visas?",
                                  "How big is the team I'd be joining?"])
async def test_a_job_question_no_entry_answers_is_passed_on(catalog: Catalog, turn: str) -> None:
    rnd = catalog.loop("canva-mle").round("system-design")
    turns = await played(catalog, "canva-mle", "system-design", rnd.questions[0].id, turn)
    assert turns[-1].kind is TurnKind.CLARIFICATION and turns[-1].text in (PASSED_ON, AFTER_THE_ROUND), turns[-1].text


def _told(catalog: Catalog, item: dict[str, str]) -> tuple[str, list[str]]:
    """(the item's expected topic, or "none" / "problem"; the topics of the entries its reply told)."""
    loop = catalog.loop("shopify-mle" if item["company"] == "shopify" else "canva-mle")
    rnd = loop.round(ROUNDS[zlib.crc32(item["id"].encode()) // 2 % len(ROUNDS)])
    read = read_turn(item["turn"], rnd.questions[0], glossary=catalog.glossary, loop=loop)
    reply = "" if read is None else read.reply_at(1800.0, None, loop, rnd.id)
    told = [e.topic for e in loop.about if e.text and e.text in reply]
    topics = {e.topic for e in loop.about if e.told_in(rnd.id)}  # the pay band is the recruiter's to tell
    return (item["label"] if item["label"] in topics | {"problem"} else "none"), told


def _tally(catalog: Catalog, items: list[dict[str, str]]) -> tuple[int, int, int, int]:
    """(job questions told their entry, job questions, look-alikes about the problem told a job entry, job questions no
    entry answers told one)."""
    right = jobs = problem_told = none_told = 0
    for item in items:
        expected, told = _told(catalog, item)
        if expected == "problem":
            problem_told += bool(told)
        elif expected == "none":
            none_told += bool(told)
        else:
            jobs += 1
            right += expected in told or item.get("also") in told
    return right, jobs, problem_told, none_told


@pytest.mark.parametrize(("name", "half", "floor", "problems", "nones"), [
    # measured 2026-12-07 (README, "About the job"; main then told none): the tuning half 32 of 50 job questions told
    # their entry, 2 of 17 look-alikes about the problem told a job entry, 1 of 12 questions no entry answers told one;
    # the half read once after tuning 28 of 58, 2 of 11, 1 of 12; the second set 37 of 77, 2 of 24, 0 of 19 (with the
    # forty-fifth session's entries and examples, 33, 28 and 38 job questions). (Before
    # a question in a round that sets a problem had to name the job, 38, 33 and 39 were told their entry; a case study's
    # "what does success look like?" was then told what success after a year looks like.) The forty-eighth session gave the
    # recruiter the pay band and a competing offer's reply (`pay`, `offers`, said in the recruiter screen only): the 9
    # items about pay or a deadline, labelled "none" or "process" when no entry held them, are labelled so, and a label a
    # round does not tell counts as "none" there; 34 of 50, 30 of 60 and 44 of 78 told their entry (main with these
    # labels: 34, 28 and 41), with the same 2, 1 / 2, 0 / 2, 0 look-alikes and unanswerable questions told one. The
    # forty-ninth gave each loop a `first-90-days` entry; the two items asking for it, labelled "success", are labelled
    # so, and the figures are the same.
    ("job_questions_blind.yaml", 0, 32, 2, 1),
    ("job_questions_blind.yaml", 1, 28, 2, 1),
    ("job_questions_blind2.yaml", None, 42, 2, 0),
])
def test_blind_job_questions(catalog: Catalog, name: str, half: int | None, floor: int, problems: int, nones: int) -> None:
    items = [i for i in yaml.safe_load((DATA / name).read_text()) if half is None or zlib.crc32(i["id"].encode()) % 2 == half]
    right, jobs, problem_told, none_told = _tally(catalog, items)
    assert right >= floor and problem_told <= problems and none_told <= nones, (right, jobs, problem_told, none_told)


def test_an_entry_from_an_unknown_source_is_named_with_its_line(cat: CatalogDirs) -> None:  # noqa: F811 - the fixture
    about = "about:\n  - topic: location\n    text: It's remote.\n    asked: [Is it remote?]\n    source: blog\nstages:"
    cat.loop.write_text(edit(LOOP, 9, "stages:", about))
    assert_problems(validate(cat), [f"{cat.loop}:13: about.0.source: unknown source 'blog'; sources: guide, written"])


@pytest.mark.parametrize(("loop_id", "turn", "topic"), [
    ("canva-mle", "Happy to share my expectations, but first, roughly what does total comp look like at this level, is "
                  "there a bonus?", "pay"),
    ("shopify-mle", "Quick one on money: how is the package split between base and stock?", "pay"),
    ("canva-mle", "Full disclosure, I'm in final rounds elsewhere and expect an answer in ten days. Is that an issue?",
     "offers"),
    ("shopify-mle", "I've got an offer on the table that expires Friday, is there any way to go faster?", "offers"),
    ("canva-mle", "im in wellington and id want to stay here is that okay for this role", "location"),
])
async def test_the_recruiter_answers_pay_and_deadlines(catalog: Catalog, loop_id: str, turn: str, topic: str) -> None:
    """Played blind (2026-12-07, /tmp/h14): "What's the salary band for this level, roughly?", "what does the comp look
    like... is there equity", "I'm in another process that might give me an offer next week. Is that a problem?" and
    "remote from new zealand would be ideal is that okay for this team" were passed on, or told "That works for this
    question". A recruiter answers them; the turns here are written in other words."""
    rnd = catalog.loop(loop_id).round("recruiter-screen")
    turns = await played(catalog, loop_id, "recruiter-screen", rnd.questions[0].id, turn)
    assert turns[-1].kind is TurnKind.CLARIFICATION and _entry(catalog.loop(loop_id), topic) in turns[-1].text, turns[-1].text


@pytest.mark.parametrize("round_id", ["system-design", "hiring-manager"])
async def test_only_the_recruiter_tells_the_pay_band(catalog: Catalog, round_id: str) -> None:
    rnd = catalog.loop("shopify-mle").round(round_id)
    turns = await played(catalog, "shopify-mle", round_id, rnd.questions[0].id, "Sorry, unrelated: how much equity comes with this level?")
    assert turns[-1].kind is TurnKind.CLARIFICATION and _entry(catalog.loop("shopify-mle"), "pay") not in turns[-1].text, turns[-1].text


def test_an_entry_for_an_unknown_round_is_named_with_its_line(cat: CatalogDirs) -> None:  # noqa: F811 - the fixture
    about = "about:\n  - topic: pay\n    text: Ask me.\n    asked: [What's the band?]\n    source: guide\n    rounds: [recruiter]\nstages:"
    cat.loop.write_text(edit(LOOP, 9, "stages:", about))
    result = validate(cat)
    [problem] = result.stdout.splitlines()
    assert result.exit_code == 1 and problem.startswith(f"{cat.loop}:14: about.0.rounds.0: unknown round 'recruiter'; rounds: "), problem


@pytest.mark.parametrize(("loop_id", "round_id", "turn"), [
    ("canva-mle", "hiring-manager", "That's my story. If you don't mind me asking, what's the hardest thing your team is dealing with at the moment?"),
    ("shopify-mle", "recruiter-screen", "What's the hardest part of the job for the people on this team?"),
])
async def test_the_teams_challenge_is_said_not_the_list_of_teams(catalog: Catalog, loop_id: str, round_id: str, turn: str) -> None:
    """"What's the biggest delivery challenge your team has right now?" and "...what the team's biggest challenge is right
    now?" were told the list of teams ML engineers work on (played blind, 2026-12-07, r27 t9 and r01 t17). Still missed:
    "Could you tell me what the ML folks at Shopify find toughest about their work right now?" reads closest to "What's it
    like working at Shopify?" and is told the culture."""
    rnd = catalog.loop(loop_id).round(round_id)
    turns = await played(catalog, loop_id, round_id, rnd.questions[0].id, turn)
    said = turns[-1].text
    assert _entry(catalog.loop(loop_id), "challenge") in said and _entry(catalog.loop(loop_id), "teams") not in said, said


async def test_what_then_i_meant_says_the_ask_again(catalog: Catalog) -> None:
    """"Um, what? Sorry, I meant, uh, the other offer, can you speed things up?" drew "Sure, again: <the question>" (played
    blind, 2026-12-07, r21 t10): the candidate restates their own ask; the question is not asked for again."""
    rnd = catalog.loop("shopify-mle").round("recruiter-screen")
    turns = await played(catalog, "shopify-mle", "recruiter-screen", rnd.questions[0].id,
                         "Huh, what? No, I mean my other offer. Is there any way to speed the remaining interviews up?")
    said = turns[-1].text
    assert _entry(catalog.loop("shopify-mle"), "offers") in said and "again" not in said, said

"""Turns an eighth blind player's rounds (2026-12-07, `/tmp/h16`, played on main 8ec80dd) showed answered wrong, on the
real rubrics. Each played turn below drew the reply its test's docstring quotes on 8ec80dd; the guards hold what must
not change."""

from __future__ import annotations

import pytest
from test_round_session import played

from simulator.catalog import Catalog, load_catalog
from simulator.config import PROJECT_ROOT
from simulator.engine.turns import TurnKind
from simulator.interview.arithmetic import slips
from simulator.interview.assumptions import contradicted
from simulator.interview.call_phrases import GREETED
from simulator.interview.check_ins import WANTED
from simulator.interview.clarify import read_turn
from simulator.interview.fact_context import told_first
from simulator.interview.moving_on import MOVING_ON, ends_the_session
from simulator.interview.question_phrases import STORY_FITS


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


def _question(catalog: Catalog, question_id: str):  # noqa: ANN202 - a catalog Question
    return next(q for loop in catalog.loops.values() for r in loop.rounds for q in r.questions if q.id == question_id)


SLOWER = "Hello. My English is not so good, sorry. I try my best. Can you say question more slow please?"
UNDEFINED_SPACE = ["Ok I think I understand. In my last company nobody know how to detect the fake reviews, there was no data, no label, nothing. I take two junior engineer, we make small label tool, we label 3000 reviews in two weeks, then we train first model. After, the product team use it and fake reviews go down maybe 40 percent.", "First I decide we need the labels before any model. My manager want model in one month, I say no, first labels. He was not happy. Is this answer ok? I am not sure it is what you want."]  # on "Tell me about a time you led others into a problem space nobody had defined yet."
SAME_STORY = "For conflict, I can use same story? The manager who want model in one month, we talk, I show him that without labels we cannot measure, and he agree to give six weeks."
TIRED = "test_linked_transitive_ring, it already passed. I'm pretty tired, I think that's all I have for today, can we stop here?"
GOTTA_GO = "you didnt answer me about how im doing but ok. um i guess one failed export is worth like ten mask fixes cuz a failed export means they lose the whole thing. anyway thats all i have for today sorry i gotta go"
NEXT_ONE = "I'd assume maybe 20% are signed-in Shop buyers; the rest get session-based features only. Can we move to the next question? I want to make sure I get to the feature-library one."


def test_a_greeting_with_fillers_is_greeted(catalog: Catalog) -> None:
    """ "um hi yeah so im ready i guess" drew 'You said "hi yeah so im ready i guess": what's the reasoning behind that,
    and how would you go about it in this case?' (r03 t3). "Okay, I'm ready." with no greeting word greets no one."""
    question = _question(catalog, "ml-diffusion-mode-collapse")
    read = read_turn("um hi yeah so im ready i guess", question)
    assert read is not None and read.reply == GREETED
    read = read_turn("Okay, I'm ready.", question)
    assert read is None or read.reply != GREETED


async def test_asked_to_say_it_more_slowly_the_question_is_said_again(catalog: Catalog) -> None:
    """ "Can you say question more slow please?" drew "That's your call — tell it the way that shows your own part best."
    (r05 t3)."""
    turns = await played(catalog, "canva-mle", "behavioral", "bh-lead-ambiguous-space", SLOWER)
    assert turns[-1].kind is TurnKind.CLARIFICATION and turns[-1].text.startswith("Sure, again:"), turns[-1].text


def test_asking_to_use_the_same_story_is_answered(catalog: Catalog) -> None:
    """ "For conflict, I can use same story? The manager who want model..." went on to the next follow-up with no yes
    (r05 t15)."""
    read = read_turn(SAME_STORY, _question(catalog, "bh-conflict"))
    assert read is not None and STORY_FITS in read.reply, read


async def test_a_check_in_in_other_words_is_answered(catalog: Catalog) -> None:
    """ "...He was not happy. Is this answer ok? I am not sure it is what you want." drew the next follow-up with no word
    on it (r05 t9)."""
    turns = await played(catalog, "canva-mle", "behavioral", "bh-lead-ambiguous-space", *UNDEFINED_SPACE)
    assert (turns[-2].kind, turns[-2].text) == (TurnKind.NOTICE, WANTED), [t.text for t in turns[-3:]]


@pytest.mark.parametrize("turn", [TIRED, GOTTA_GO])
def test_stopping_for_the_day_is_read_before_a_last_clause(turn: str) -> None:
    """ "...I think that's all I have for today, can we stop here?" drew "Sure, let's move on." and another problem
    (r02 t37); "...anyway thats all i have for today sorry i gotta go" a new detail and question (r03 t23)."""
    assert ends_the_session(turn)


async def test_asking_to_move_on_with_a_reason_after_it_moves_on(catalog: Catalog) -> None:
    """ "...Can we move to the next question? I want to make sure I get to the feature-library one." drew "That's your
    call — state your assumption and go on." (r04 t21); and its "I'd assume maybe 20% are signed-in Shop buyers", that
    reply gone, was corrected with the one fact stating a share ("...about 70% mobile")."""
    turns = await played(catalog, "shopify-mle", "system-design", "sd-storefront-recs", NEXT_ONE)
    said = [t.text for t in turns[-3:]]
    assert MOVING_ON in said and not any("your call" in t or "correct that" in t for t in said), said
    assert turns[-1].kind is TurnKind.QUESTION


def test_a_share_is_corrected_only_against_a_fact_about_the_same_thing(catalog: Catalog) -> None:
    question = _question(catalog, "sd-storefront-recs")
    assert contradicted("I'd assume maybe 20% are signed-in Shop buyers; the rest get session-based features only.", question) == []
    wrong = contradicted("I'll assume only 10% of views are on mobile.", question)  # a guard: the same thing, told otherwise
    assert [f.topic for f in wrong] == ["platform"]


def test_a_detail_the_question_opens_with_is_not_told_first() -> None:
    """ "The guidance scale, got it. One detail to add: Two MLEs and a designer who can rate about 500 samples a week.
    With one designer rating 500 samples a week, how would you...?" said it twice (r03 t5)."""
    asked = "The guidance scale, got it. With one designer rating 500 samples a week, how would you measure layout diversity?"
    assert told_first(["Two MLEs and a designer who can rate about 500 samples a week."], asked) == asked
    # a guard: a figure the question only quotes is still told first
    asked = "The guidance scale, got it. How would you measure diversity between the 500 weekly ratings?"
    assert told_first(["A designer can rate about 500 samples a week."], asked).startswith(
        "The guidance scale, got it. One detail to add: A designer can rate about 500 samples a week. How")


@pytest.mark.parametrize(("turn", "line"), [
    ("50,000 views times 300 candidates is 1.5 million scores a second. A GBDT with a few hundred trees is about 10 microseconds per candidate on one core, so 1.5 million times 10 microseconds is 15 core-seconds per second, so roughly 15 cores, call it 30 with headroom.", "50,000 times 300 is about 15 million, not 1.5 million."),
    ("You asked about the safety filters twice now, I answered: prompt classifier before generation. For reviewers: 30 people, maybe 200 reviews each per hour, 8 hour shifts, so 30 x 200 x 8 = 4,800 a day.", "30 times 200 times 8 is about 48,000, not 4,800."),
    ("Something like 30 ms for candidate lookup, 40 ms for feature fetch, and 50 ms for ranking, so exactly 100 ms total, with nothing left for network.", "30 + 40 + 50 ms is 120 ms, not 100 ms."),
])  # fmt: skip
def test_a_product_or_a_sum_worked_out_wrong_is_checked(turn: str, line: str) -> None:
    """Three slips went unremarked, and the design was sized on each (r04 t12, r07 t13, r04 t19)."""
    assert slips(turn) == [line]


@pytest.mark.parametrize("turn", [
    "50,000 views times 300 candidates is 15 million scores a second.",
    "1.5 million times 10 microseconds is 15 core-seconds per second, so roughly 15 cores.",  # a conversion, not a product
    "so a hundred million items times five hundred twelve numbers times four bytes each gives about two hundred gigabytes",
    "30 ms lookup, 40 ms features, 30 ms ranking, so 100 ms total.",
    "The budget is 100 ms total, so 30 ms for lookup and 40 ms for features.",
    "It's 10 times faster, so 3 ms is fine.",
])  # fmt: skip
def test_a_product_or_sum_worked_out_right_or_converted_is_left_alone(turn: str) -> None:
    assert slips(turn) == []


async def test_the_slip_is_checked_in_the_round(catalog: Catalog) -> None:
    turns = await played(catalog, "shopify-mle", "system-design", "sd-storefront-recs", "50,000 views times 300 candidates is 1.5 million scores a second. A GBDT with a few hundred trees is about 10 microseconds per candidate on one core, so 1.5 million times 10 microseconds is 15 core-seconds per second, so roughly 15 cores, call it 30 with headroom.")
    assert any(t.kind is TurnKind.CLARIFICATION and t.text == "Let me check that: 50,000 times 300 is about 15 million, not 1.5 "
               "million." for t in turns), [t.text for t in turns[-3:]]

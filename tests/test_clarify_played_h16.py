"""Turns an eighth blind player's rounds (2026-12-07, `/tmp/h16`, played on main 8ec80dd) showed answered wrong, on the
real rubrics. Each played turn below drew the reply its test's docstring quotes on 8ec80dd; the guards hold what must
not change."""

from __future__ import annotations

import pytest
from test_round_session import played

from simulator.catalog import Catalog, load_catalog
from simulator.config import PROJECT_ROOT
from simulator.engine.turns import Speaker, Turn, TurnKind
from simulator.interview.arithmetic import slips
from simulator.interview.assumptions import contradicted
from simulator.interview.call_phrases import GREETED
from simulator.interview.check_ins import WANTED
from simulator.interview.clarify import read_turn
from simulator.interview.fact_context import told_first
from simulator.interview.moving_on import MOVING_ON, asks_to_move_on, ends_the_session
from simulator.interview.question_phrases import FEEDBACK_AT_THE_END, STORY_FITS
from simulator.interview.turn_history import last_asked


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
    # one product of a longer expression (replayed, 2026-12-07: "3 times 0.9 is about 2.7, not 0.3667", r14 t10)
    "bin 1 has n=1, gap 0.9; ECE = 2/3*0.1 + 1/3*0.9 = 0.3667.",
])  # fmt: skip
def test_a_product_or_sum_worked_out_right_or_converted_is_left_alone(turn: str) -> None:
    assert slips(turn) == []


async def test_the_slip_is_checked_in_the_round(catalog: Catalog) -> None:
    turns = await played(catalog, "shopify-mle", "system-design", "sd-storefront-recs", "50,000 views times 300 candidates is 1.5 million scores a second. A GBDT with a few hundred trees is about 10 microseconds per candidate on one core, so 1.5 million times 10 microseconds is 15 core-seconds per second, so roughly 15 cores, call it 30 with headroom.")
    assert any(t.kind is TurnKind.CLARIFICATION and t.text == "Let me check that: 50,000 times 300 is about 15 million, not 1.5 "
               "million." for t in turns), [t.text for t in turns[-3:]]


def test_a_bare_hint_is_a_hint_and_did_i_get_it_right_hears_the_feedback_comes_later(catalog: Catalog) -> None:
    """ "Lost customer. Not sure how to measure it though. Hint?" drew "That's your call — state your assumption and go
    on." (r06 t15); "Not a list. It's the estimate. Did I get it right?" a timeline fact (r06 t9); "Sure, ready when you
    are." "What's the reasoning behind that...?" (r09 t3)."""
    question = _question(catalog, "cs-shop-pay-false-positives")
    read = read_turn("Lost customer. Not sure how to measure it though. Hint?", question)
    assert read is not None and read.hint, read
    read = read_turn("Not a list. It's the estimate. Did I get it right?", question)
    assert read is not None and read.reply == FEEDBACK_AT_THE_END, read
    read = read_turn("Sure, ready when you are.", question)
    assert read is not None and read.reply == GREETED, read
    assert read_turn("Hint: the drop is on tail queries only, so I'd start there.", question) is None or not read_turn(
        "Hint: the drop is on tail queries only, so I'd start there.", question).hint  # a guard: a word, not a request


def test_a_change_said_as_a_relative_share_is_checked_without_from() -> None:
    """ "So tail CTR went 9.0 to 8.1, only a 0.9 percent relative drop" drew "The 0.9 percent relative drop, got it."
    (r09 t13)."""
    assert slips("So tail CTR went 9.0 to 8.1, only a 0.9 percent relative drop, small but real. In-batch negatives over-sample popular products as negatives, so two changes: (1) logQ correction, subtract log of each item's sampling probability from the logit, and (2) mix in uniformly sampled negatives from the catalog, say 1,024 per batch. Offline I'd measure recall@100 sliced by query frequency bucket; online an A/B with tail CTR as the primary metric and head CTR as a guardrail.") == ["from 9.0 to 8.1 is about 10%, not 0.9%."]
    assert slips("CTR went 9.0 to 8.1, a 10% relative drop.") == []


def test_asking_to_go_to_a_named_question_moves_on() -> None:
    """ "Can we go to the content safety question now?" drew who owns the system (r07 t21)."""
    assert asks_to_move_on("Can we go to the content safety question now?")
    assert not asks_to_move_on("Can we go to the database now?")  # a guard: a step of the design, not a question


def _turn(index: int, kind: TurnKind, text: str, question_id: str) -> Turn:
    speaker = Speaker.CANDIDATE if kind is TurnKind.ANSWER else Speaker.INTERVIEWER
    return Turn(index=index, speaker=speaker, kind=kind, text=text, t_start=index, t_end=index, question_id=question_id)


def test_the_question_before_this_one_is_the_bank_question_before() -> None:
    """ "...Quick question, what was the question before this one? I want to add something to it." heard the current
    question again (r11 t16)."""
    turns = [_turn(0, TurnKind.QUESTION, "Tell me about a time you drove impact without formal authority.", "a"),
             _turn(1, TurnKind.ANSWER, "...", "a"),
             _turn(2, TurnKind.QUESTION, "Tell me about a data quality problem you fixed yourself.", "b"),
             _turn(3, TurnKind.ANSWER, "...", "b"),
             _turn(4, TurnKind.FOLLOW_UP, "How did you personally find the root cause of the bad data?", "b")]
    before = last_asked(turns, "I compared order counts per hour against the payments ledger, saw spikes exactly during producer retries in the logs, and reproduced it by killing the broker mid-write. Quick question, what was the question before this one? I want to add something to it.")
    assert before is not None and before.text.startswith("Tell me about a time you drove impact")
    assert last_asked(turns, "Could you repeat that?") == turns[-1]  # a guard: the question being answered


@pytest.mark.parametrize(("loop_id", "turn", "topic"), [
    ("canva-mle", "Probably the same thing honestly. Can I ask, does your team do on-call, and how tight are the deadlines usually? I had a rough time with crunch at my last job.", "hours"),
    ("shopify-mle", "Hey! Before anything, I want to say I'm really excited, Shopify is my dream company. What would the first 90 days look like in this role?", "first-90-days"),
    ("shopify-mle", "Me personally: I wrote the labelling guideline and ran the first calibration session where both teams labelled the same 200 queries; agreement went from 55% to 85% after two rounds. Out of curiosity, how does Shopify usually handle that kind of cross-team metric disagreement?", "culture"),
])  # fmt: skip
def test_a_hiring_manager_answers_about_the_team_pace_and_the_first_months(catalog: Catalog, loop_id: str, turn: str,
                                                                           topic: str) -> None:
    """ "...does your team do on-call, and how tight are the deadlines usually?" (r10 t9), "What would the first 90 days
    look like in this role?" (r12 t3) and "how does Shopify usually handle that kind of cross-team metric disagreement?"
    (r11 t7) each drew "I'll make sure you get the details in writing after this round; let's stay with the question."
    Shopify's first 90 days are the hiring manager's own question later: the entry leaves its answer to the candidate."""
    loop = catalog.loop(loop_id)
    rnd = loop.round("hiring-manager")
    read = read_turn(turn, rnd.questions[0], glossary=catalog.glossary, loop=loop)
    entry = next(e for e in loop.about if e.topic == topic)
    assert read is not None and entry.text and entry.text in read.reply_at(1800.0, None, loop, rnd.id), read
    assert "hierarchy of needs" not in (entry.text or "")


def test_a_bare_go_after_hello_is_a_greeting_and_time_to_think_is_granted(catalog: Catalog) -> None:
    """ "hello. ok, go." drew 'You said "hello. ok, go": what's the reasoning behind that...?' (r15 t3); "...Could I have
    30 seconds to think before I start?" drew "That's your call — state your assumption and go on." (r16 t3, asked here
    without the long lead-in, which keeps the turn an answer)."""
    question = _question(catalog, "cs-shop-pay-false-positives")
    read = read_turn("hello. ok, go.", question)
    assert read is not None and read.reply == GREETED
    read = read_turn("Could I have 30 seconds to think before I start?", question)
    assert read is not None and "take a moment" in read.reply, read

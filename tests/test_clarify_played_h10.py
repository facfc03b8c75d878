"""Turns the fifth blind player's rounds (2026-12-07, `/tmp/h10`) showed answered wrong and the forty-fourth session left
as they were, on the real rubrics: each played turn was answered wrong on main 91021a3; the cases beside them (a choice
of approach, "when is a chargeback label final?", a word the question did say) guard what must not change."""

from __future__ import annotations

import pytest
from test_clarify_played_h8 import _question, catalog  # noqa: F401 - the module-scoped catalog fixture
from test_round_session import played

from simulator.catalog import Catalog
from simulator.engine.turns import TurnKind
from simulator.interview.anchor import phrases
from simulator.interview.asks import WHY_SO
from simulator.interview.readings import EITHER, THAT_READING
from simulator.interview.round_lines import question_again
from simulator.interview.assumptions import CORRECTION, NOT_QUITE, opener
from simulator.interview.clarify import read_turn
from simulator.interview.premises import wrong_premises
from simulator.interview.question_phrases import STORY_FITS


def _reply(catalog: Catalog, question_id: str, turn: str, round_id: str = "") -> str:
    loop = next(loop for loop in catalog.loops.values() for r in loop.rounds for q in r.questions if q.id == question_id)
    read = read_turn(turn, _question(catalog, question_id), glossary=catalog.glossary, loop=loop)
    assert read is not None, turn
    return read.reply_at(1800, None, loop, round_id)


@pytest.mark.parametrize("turn", [
    "At 300 requests a second that's about a million requests an hour, so a few hours at 1 percent would be enough to "
    "detect a half-percent drop.",
    "With 300 requests a second, which is about 26 million requests a day, a day at 1 percent is plenty.",
])
def test_a_sum_worked_out_from_the_fact_is_no_wrong_premise(catalog: Catalog, turn: str) -> None:
    """r24 t7: "about a million requests an hour" worked out from the 300 a second drew "Let me correct that." (the sum is
    right; a wrong one is arithmetic.py's to check, as "Let me check that")."""
    assert wrong_premises(turn, _question(catalog, "sd-prompt-enhancer-attribution")) == []


def test_a_wrong_figure_before_the_sum_is_still_corrected(catalog: Catalog) -> None:
    turn = "At 3,000 requests a second that's about 11 million requests an hour, so a few hours would do."
    assert wrong_premises(turn, _question(catalog, "sd-prompt-enhancer-attribution")), turn


@pytest.mark.parametrize(("question_id", "turn"), [
    ("bh-value-simplify", "Oh, uh, making what simple? Sorry, I think I lost the thread. What was the question again?"),
    ("ml-bias-variance", "Uh, wait, fraud model? I think, um, I missed something. What was the original question again?"),
])
def test_a_candidate_who_lost_the_thread_hears_the_question_and_nothing_else(catalog: Catalog, question_id: str, turn: str) -> None:
    """r09 t5 heard the last follow-up again and "The rest is your call"; r25 t5 a fact about the fraud model first."""
    assert _reply(catalog, question_id, turn) == question_again(_question(catalog, question_id))


@pytest.mark.parametrize(("question_id", "turn"), [
    ("bh-life-story", "Oh sorry, I think I answered a different question - did you want my career story from the start, or "
                      "decisions within this project?"),
    ("bh-life-story", "Yes, so in my last company I work on search ranking. Sorry, the question is about failure or about "
                      "success? I am not sure I understand."),
])
def test_which_of_two_things_the_question_asks_is_told_by_the_question(catalog: Catalog, question_id: str, turn: str) -> None:
    """r20 t5 was sent to the recruiter; r30 t3 told "On success metric, that's your call"."""
    assert _reply(catalog, question_id, turn) == question_again(_question(catalog, question_id))


def test_a_choice_of_approach_in_a_problem_round_is_not_read_as_one_about_the_question(catalog: Catalog) -> None:
    reply = _reply(catalog, "sd-shared-library-versioning", "Do you want me to start with the versioning policy or with the CI setup?")
    assert not reply.startswith("Sure. The question was"), reply


def test_a_sorry_before_what_the_candidate_says_is_no_request_to_repeat(catalog: Catalog) -> None:
    """r29 t5: "Sorry? I only said hello. I was asking what the role involves day to day." heard the question again."""
    reply = _reply(catalog, "rs-stakeholders", "Sorry? I only said hello. I was asking what the role involves day to day.",
                   "recruiter-screen")
    assert "Sure, again" not in reply and "Coding and infrastructure take most of the week" in reply, reply


def test_a_request_to_hear_about_the_role_first_is_answered(catalog: Catalog) -> None:
    """r29 t3: "I'd like to first hear what the role involves day to day" was read as an answer, and followed up on as
    "You mentioned Hi Maya"."""
    turn = ("Hi Maya. Before I answer - can we come back to this question at the end? I'd like to first hear what the role "
            "involves day to day, then I can answer better.")
    reply = _reply(catalog, "rs-stakeholders", turn, "recruiter-screen")
    assert "Coding and infrastructure take most of the week" in reply, reply
    assert not any(p.text.lower().startswith(("hi", "maya")) for p in phrases(turn))


def test_a_term_the_question_never_said_is_said_so(catalog: Catalog) -> None:
    """r26 t3: 'what you mean by "moved a metric"' to "Walk me through your most impactful work." drew "I haven't pinned
    down "moved a metric""."""
    reply = _reply(catalog, "hm-most-impactful-work", 'Sure. Can I first check what you mean by "moved a metric" - do you '
                   "mean an online A/B result, or is an offline improvement also okay?")
    assert reply == 'I didn\'t say "moved a metric". The question is: Walk me through your most impactful work.', reply
    said = _reply(catalog, "hm-most-impactful-work", 'What do you mean by "impactful"?')
    assert "I didn't say" not in said, said


@pytest.mark.parametrize(("question_id", "turn", "said"), [
    ("rs-ai-baseline", "I just told you. 250k, senior. Do you mean base or total comp? USD or CAD?", EITHER),
    ("sd-storefront-recs", "Do you mean the widget or the whole page?", EITHER),
])
def test_readings_offered_of_the_question_are_either_fair(catalog: Catalog, question_id: str, turn: str, said: str) -> None:
    """r10 t13: "Do you mean base or total comp? USD or CAD?" drew "That's your call — state your assumption"."""
    assert _reply(catalog, question_id, turn) == said


def test_asked_again_in_other_words_and_asked_to_confirm(catalog: Catalog) -> None:
    """r19 t7: "I ask how many milliseconds we have for this service. And please confirm the 4 million per day." was read
    as an answer ("The 4 million per day, got it.")."""
    question = _question(catalog, "sd-storefront-recs")
    read = read_turn("I know what is latency budget. I ask how many milliseconds we have for this service. And please "
                     "confirm the 4 million per day.", question, glossary=catalog.glossary)
    assert read is not None and "100 ms" in read.reply and opener(read) in (NOT_QUITE, CORRECTION), read


async def test_the_lost_thread_played(catalog: Catalog) -> None:
    """Played through the round: the bank question comes back, and the same question stays open."""
    turns = await played(catalog, "canva-mle", "behavioral", "bh-value-simplify",
                         "So, yeah, um, that reminds me of, like, when I was at my last company we had this huge offsite "
                         "in Bali, which was amazing honestly. Anyway, yeah, I think culture is really important.",
                         "Oh, uh, making what simple? Sorry, I think I lost the thread. What was the question again?")
    assert turns[-1].kind is TurnKind.CLARIFICATION, turns[-1]
    assert turns[-1].text == question_again(_question(catalog, "bh-value-simplify")), turns[-1].text


@pytest.mark.parametrize(("question_id", "round_id", "turn", "told"), [
    ("rs-stakeholders", "recruiter-screen", "Stakeholders were marketing people. We had meetings. Is this going to be a technical "
     "interview later? Should I prepare coding?", "There's no live coding round"),
    ("rs-stakeholders", "recruiter-screen", "Sorry, I meant, what are the next rounds, and do they include live coding?",
     "There's no live coding round"),
    ("rs-ai-baseline", "recruiter-screen", "Will there be a coding interview?", "live pair programming in your own IDE"),
])
def test_whether_the_loop_has_live_coding_is_told(catalog: Catalog, question_id: str, round_id: str, turn: str, told: str) -> None:
    """r13 t5 and t7: "Should I prepare coding?" and "do they include live coding?" were passed on; the seed guides say
    (Canva's coding is the take-home; Shopify's coding round is live pair programming)."""
    assert told in _reply(catalog, question_id, turn, round_id)


def test_how_many_is_told_by_a_fact_that_counts(catalog: Catalog) -> None:
    """r11 t7: "how many labelled chargebacks do we actually have?" was told "A chargeback label is final after 120 days"
    (its keyword "labels"); the fact counting them is the data's."""
    read = read_turn("How many labelled chargebacks do we actually have?", _question(catalog, "ml-leakage"), glossary=catalog.glossary)
    assert read is not None and "30 million orders" in read.reply and "120 days" not in read.reply, read
    when = read_turn("When is a chargeback label final?", _question(catalog, "ml-leakage"), glossary=catalog.glossary)
    assert when is not None and "120 days" in when.reply, when


@pytest.mark.parametrize(("question_id", "turn"), [
    ("hm-flaky-ci-job", "Uh, I haven't really had a flaky CI job. But once our model's accuracy dropped in production because the "
     "input distribution changed after a UI redesign, and we retrained it on new data. Is that close enough?"),
    ("bh-tech-vs-product-goal", "Honestly there wasn't really a negotiation - the PM just accepted the 1 point recall loss once "
     "I showed that the launch date mattered more. So nobody really gave anything up. Is that a problem for this question?"),
])
def test_a_story_put_to_the_interviewer_as_close_enough_is_taken(catalog: Catalog, question_id: str, turn: str) -> None:
    """r07 t14 and r22 t8 drew "That's your call — tell it the way that shows your own part best"."""
    assert _reply(catalog, question_id, turn) == STORY_FITS


def test_a_question_followed_by_nobody_mentioned_that_is_asked(catalog: Catalog) -> None:
    """r08 t9: "What six weeks - is that the delivery deadline? Nobody mentioned that." was read as answering itself."""
    reply = _reply(catalog, "sd-llm-gateway-serverless", "What six weeks - is that the delivery deadline? Nobody mentioned that. "
                   "Assuming it is, the bursts drove it most; $8,000 a month is plenty for a handful of Fargate tasks.")
    assert "six weeks" in reply, reply


def test_a_job_question_on_what_the_question_itself_asks_about_is_answered(catalog: Catalog) -> None:
    """r01 t13: "Hybrid in Sydney means I must be in the office five days a week, is that right?" to "...are you able to
    work from Sydney hybrid or remotely...?" was read as an answer: the question read as close to the location entry as
    the ask, where it is no problem to tell apart."""
    reply = _reply(catalog, "rs-location-timeline", "I can start in about two months. For location, I live in Melbourne. "
                   "Hybrid in Sydney means I must be in the office five days a week, is that right? If so I would need to relocate.",
                   "recruiter-screen")
    assert "Tuesday to Thursday" in reply, reply


def test_a_reading_offered_in_the_next_question_is_taken(catalog: Catalog) -> None:
    """r05 t7: "What do you mean by in-line threshold? Is that the threshold used at serving time...?" was told a fact
    about the review team and 'I haven't pinned down "in-line threshold"'."""
    reply = _reply(catalog, "ml-content-safety-imbalance", "What do you mean by in-line threshold? Is that the threshold used "
                   "at serving time when the user clicks share, as opposed to an offline batch review?")
    assert reply.endswith(THAT_READING) and "pinned down" not in reply, reply


def test_a_complexity_put_in_doubt_beside_a_hint_request_is_asked_for_its_reasoning(catalog: Catalog) -> None:
    """r02 t12: "Is nlargest really O(k), or is it more? Can you give me a hint?" drew "That's your call — state your
    assumption and go on."."""
    reply = _reply(catalog, "risk-score-top-k", "Um, for decay, I'd, uh, store a last-updated timestamp per account and apply "
                   "exponential decay lazily when I read it. But wait, actually, sorry, I'm not sure about my complexity now. Is "
                   "nlargest really O(k), or is it more? Can you give me a hint?")
    assert reply == WHY_SO, reply

"""Turns the sixth blind player's rounds (2026-12-07, `/tmp/h13`) showed answered wrong, on the real rubrics: each played
turn was answered wrong on main 91021a3 (the first twelve tests were run against fb3e71f and failed there); the cases
beside them guard what must not change."""

from __future__ import annotations

import pytest
from test_clarify_played_h8 import _question, catalog  # noqa: F401 - the module-scoped catalog fixture
from test_clarify_played_h10 import _reply

from simulator.catalog import Catalog
from simulator.interview.anchor import phrases
from simulator.interview.arithmetic import slips
from simulator.interview.clarify import read_turn
from simulator.interview.moving_on import asks_to_move_on
from simulator.interview.question_phrases import STORY_FITS
from simulator.interview.round_lines import SIMPLE_FIRST, question_again
from simulator.interview.terms import term_asked
from simulator.interview.turn_asks import SAID_ALREADY
from simulator.interview.turn_phrases import ANOTHER_STORY


def test_how_long_the_call_is_is_told_from_the_clock(catalog: Catalog) -> None:
    """r01 t3: "could you tell me how long this call is and what we'll cover?" drew "On timeline, that's your call"."""
    reply = _reply(catalog, "rs-ml-scope", "Hi, thanks for having me. Before I start, sorry, could you tell me how long this "
                   "call is and what we'll cover?", "recruiter-screen")
    assert reply.startswith("About 30 minutes left"), reply


def test_asking_whether_to_keep_it_higher_level_after_an_answer_checks_in(catalog: Catalog) -> None:
    """r01 t7: "...is this the kind of depth you want for a recruiter call, or should I keep it higher level?" drew "On
    latency and timeline, that's your call": at the end of an answer it checks in, and the answer counts."""
    turn = ("Compared against the previous logistic regression ranker, we saw booking conversion go up 3.2 percent relative "
            "in a two-week A/B test, and NDCG at 10 offline went from 0.41 to 0.47. Sorry, is this the kind of depth you want "
            "for a recruiter call, or should I keep it higher level?")
    assert read_turn(turn, _question(catalog, "rs-ml-scope"), glossary=catalog.glossary) is None


def test_a_specific_part_wanted_more_on_is_taken_as_answered(catalog: Catalog) -> None:
    """r01 t15: "I think I covered that just now? ... Is there a specific part you want more on?" drew "That's your call".
    It was then heard as a request for the question again ("Sure, again: Walk me through your background..."), which the
    candidate had just said they answered; the seventh player's like turns (`test_clarify_played_h14.py`) showed the
    reply they wanted: the answer taken, and the round goes on."""
    reply = _reply(catalog, "rs-background-narrative", "I think I covered that just now? Masters in stats, bank churn models, "
                   "then search ranking. Is there a specific part you want more on?")
    assert reply == SAID_ALREADY


@pytest.mark.parametrize(("question_id", "round_id", "turn", "told"), [
    ("rs-background-interest", "recruiter-screen", "Hi! Quick question first: is this role remote-friendly, or based in "
     "Toronto or Ottawa?", "Shopify is remote-first"),
    ("rs-target-level", "recruiter-screen", "Okay. Um, what happens next after this call?", "six rounds"),
])
def test_recruiter_basics_are_answered_from_the_loop(catalog: Catalog, question_id: str, round_id: str, turn: str, told: str) -> None:
    """r06 t3 and r12 t11 were passed on ("I'll follow up in writing"), though the loop's `about` says each."""
    assert told in _reply(catalog, question_id, turn, round_id)


def test_whether_a_team_is_hiring_is_passed_on_not_your_call(catalog: Catalog) -> None:
    """r01 t26: "Is Content Safety hiring for this specific role, or is team matching done later?" drew "That's your call —
    tell it the way that shows your own part best"."""
    reply = _reply(catalog, "rs-proudest-result", "I'd probably say Content Safety, since my dedup work is close to "
                   "classification at scale. Is Content Safety hiring for this specific role, or is team matching done later?")
    assert "your call" not in reply and "in writing" in reply, reply


@pytest.mark.parametrize(("question_id", "turn", "said"), [
    ("bh-pm-pushback-rollout", "There was no product manager in that story, it was an engineer. Should I tell a different one?",
     ANOTHER_STORY),
    ("bh-shipped-for-merchants", "I'd guess fewer angry calls from customers to them, but I don't know. Is that a problem that I "
     "didn't measure it?", STORY_FITS),
])
def test_story_round_questions_about_the_story_itself(catalog: Catalog, question_id: str, turn: str, said: str) -> None:
    """r05 t17 and r13 t7 drew "That's your call — tell it the way that shows your own part best"."""
    assert _reply(catalog, question_id, turn) == said


def test_a_story_question_misread_is_put_again(catalog: Catalog) -> None:
    """r28 t5: "Maybe I did not understand the question - you want a mistake that I made myself?" drew "That's your call"."""
    turn = ("Causing it? Sorry, I did not cause it, it was a disagreement between teams. Maybe I did not understand the "
            "question - you want a mistake that I made myself?")
    assert _reply(catalog, "bh-mistake-in-prod", turn) == question_again(_question(catalog, "bh-mistake-in-prod"))


def test_a_library_of_the_language_is_no_question_about_the_language(catalog: Catalog) -> None:
    """r27 t13: "can I use Python's OrderedDict, or do you want me to implement the doubly linked list myself?" drew "It's
    Python: implement FeatureCache, starting from the starter code."."""
    reply = _reply(catalog, "lru-feature-cache", "For the LRU cache, can I use Python's OrderedDict, or do you want me to "
                   "implement the doubly linked list myself?")
    assert not reply.startswith("It's Python"), reply


def test_a_word_the_interviewer_used_that_the_glossary_explains_is_explained(catalog: Catalog) -> None:
    """r08 t7: "what's a guardrail exactly in this context?" after a follow-up about the guardrail heard the follow-up again
    ("I'm asking about product sense: ..."); "exactly in this context" was read as part of the word."""
    assert term_asked("sorry, what's a guardrail exactly in this context?") == "guardrail"
    read = read_turn("Um, guardrail... sorry, what's a guardrail exactly in this context?", _question(catalog, "hm-ab-result"),
                     "Which guardrail did you watch so the win did not come at users' expense?", glossary=catalog.glossary)
    assert read is not None and "A guardrail metric is one you do not optimise but watch" in read.reply, read


def test_what_is_next_after_asking_to_come_back_moves_on() -> None:
    """r14 t13: "Can I come back to that one later? ... Meanwhile, what's next?" was told "The next release window is
    Thursday"."""
    assert asks_to_move_on("What's next?")
    assert not asks_to_move_on("What's next for the model after the release window?")


def test_a_figure_asked_for_on_a_question_with_facts_is_no_job_question(catalog: Catalog) -> None:
    """r04 t3 and r14 t5: "what does success look like - which metric?" on a design and "what's the baseline success
    rate?" on an ML question were told what success after a year in the job looks like (an ML question's criteria do
    not all set a problem, but its facts do)."""
    reply = _reply(catalog, "sd-library-regression", "Before designing, a few clarifying questions: how many requests per "
                   "second at peak, what's the latency budget, and what does success look like - which metric?")
    assert "after year one" not in reply and "150,000" in reply, reply
    reply = _reply(catalog, "ml-ab-iou-vs-exports", "Is the 0.3 percent drop absolute or relative? And what's the baseline "
                   "success rate?")
    assert "after year one" not in reply and "97.1%" in reply, reply


@pytest.mark.parametrize(("turn", "said"), [
    ("so I suspect training-serving skew: the library changed.", "training-serving skew"),
    ("I help juniors sometimes, and I mentor two of them.", "juniors"),
])
def test_no_verb_or_adverb_in_a_phrase_named_back(turn: str, said: str) -> None:
    """r04 t9 "You mentioned suspect training-serving skew" and r12 t7 "Thanks for walking me through juniors sometimes"."""
    assert said in [p.text for p in phrases(turn)], [p.text for p in phrases(turn)]


@pytest.mark.parametrize(("question_id", "round_id", "turn", "told"), [
    ("rs-target-level", "recruiter-screen", "Hey! Before we start - how many people are on the ML team at Canva, roughly?",
     "in writing"),
    ("hm-influenced-roadmap", "hiring-manager", "Before I answer - what does your team own at Canva? It'd help me pick a "
     "relevant example.", "Magic Studio"),
])
def test_questions_about_the_team_are_not_told_the_culture(catalog: Catalog, question_id: str, round_id: str, turn: str,
                                                           told: str) -> None:
    """r26 t3 and r18 t9 were told "It's a ship-and-measure culture..."."""
    reply = _reply(catalog, question_id, turn, round_id)
    assert told in reply and "ship-and-measure" not in reply, reply


def test_leave_to_start_with_brute_force_is_given(catalog: Catalog) -> None:
    """r27 t3: "I'd like to start with a brute force..., is that OK with you?" drew "On success metric, that's your call"."""
    reply = _reply(catalog, "rolling-window-flag", "I'd like to start with a brute force to get something working, then "
                   "optimise. Is that OK with you, or do you want the optimal solution straight away?")
    assert reply == SIMPLE_FIRST, reply


def test_a_rate_said_again_in_qps_is_checked() -> None:
    """r04 t7: "I'll assume peak is 5,000 requests per day, so about 5,000 QPS" went unremarked."""
    assert slips("OK, I'll assume peak is 5,000 requests per day, so about 5,000 QPS, and a 50 ms p99 budget.") == [
        "5,000 a day is about 0.06 a second, not 5,000."]
    assert slips("At 300 requests a second, so about a million requests an hour, we're fine.") == []

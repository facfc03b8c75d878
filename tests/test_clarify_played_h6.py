"""Turns a blind player's sixteen rounds (2026-12-06) showed read wrong by the clarification reader, on the real rubrics:
a heading read as a question, a question the candidate answered in the next breath, a term asked in words the reader
did not parse, a question about the job that silenced the problem's questions beside it, "what else do you want to
know?" told "your call", and an assumption put to check answered with the fact its keyword names, not the one it is
about; and a follow-up right after a correction credited what the candidate built on the wrong given.
"""

from __future__ import annotations

import pytest
from test_round_session import played

from simulator.catalog import Catalog, load_catalog
from simulator.catalog.models import Question
from simulator.config import PROJECT_ROOT
from simulator.engine.turns import TurnKind
from simulator.interview.assumptions import NOT_QUITE, opener
from simulator.interview.clarify import read_turn
from simulator.interview.rephrase import what_it_is_after
from simulator.interview.turn_phrases import YOUR_TAKE
from simulator.interview.job_phrases import AFTER_THE_ROUND, PASSED_ON


QUEUE = "ml-llm-triage-eval"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


def _question(catalog: Catalog, question_id: str) -> Question:
    return next(q for loop in catalog.loops.values() for r in loop.rounds for q in r.questions if q.id == question_id)


def test_a_heading_before_a_colon_is_said_not_asked(catalog: Catalog) -> None:
    """ "What interleaving can't tell you: it gives you a preference, ..." was answered with the scope fact ("When
    interleaving fits and what it can't tell you..."); a question before a colon still asks."""
    question = _question(catalog, "ml-interleaving-vs-ab")
    heading = ("What interleaving can't tell you: it gives you a preference, not the size of the effect on the top-line "
               "metric, so you can't read any long-term effect like retention; and it can't measure latency.")
    assert read_turn(heading, question) is None
    assert read_turn("How it works: you merge the two lists and credit each click to its ranker", question) is None
    asked = read_turn("so what's the latency budget: is it per request", question)
    assert asked is not None and "50 ms" in asked.reply, asked


@pytest.mark.parametrize("said", ["What happened to the people? Nothing really, everyone moved on to other things.",
                                  "Who pushed back? Nobody, in the end: the PM agreed once she saw the numbers."])
def test_a_question_the_story_answers_at_once_asks_nothing(catalog: Catalog, said: str) -> None:
    """Told "That's your call — tell it the way that shows your own part best." in a hiring-manager round."""
    assert read_turn(said, _question(catalog, "hm-killed-project")) is None


@pytest.mark.parametrize("said", ["Sorry, before I answer, could you explain what exactly you mean by interleaving here?",
                                  "what's interleaving again, sorry"])
def test_a_term_asked_with_exactly_or_sorry_is_explained(catalog: Catalog, said: str) -> None:
    """ "could you explain what exactly you mean by interleaving here?" was read as asking about "exactly you mean by
    interleaving" and got the scope fact; the term fact explains it."""
    read = read_turn(said, _question(catalog, "ml-interleaving-vs-ab"))
    assert read is not None and "merges two rankers' lists" in read.reply, read


def test_asked_what_else_to_say_the_interviewer_nudges(catalog: Catalog) -> None:
    """ "It's a pretty typical story, everybody has one of those. What else do you want to know?" got "That's your
    call"; a hint is what it asks for (the round adds a nudge from the rubric's probes). An either-or about what to
    cover stays the candidate's call."""
    question = _question(catalog, "hm-wrong-call")
    read = read_turn("It's a pretty typical story, everybody has one of those. What else do you want to know?", question)
    assert read is not None and read.hint, read
    design = _question(catalog, "sd-gpu-k8s-availability")
    either = read_turn("what do you need: the architecture or the rollout?", design)
    assert either is not None and not either.hint, either


def test_the_job_asked_as_an_opinion_is_for_after_the_round(catalog: Catalog) -> None:
    """ "What do you think is the hardest part of working at Shopify as an ML engineer?" drew "I'd rather hear your
    take: talk me through how you'd approach it."; "what would you do?" about the problem still turns it back."""
    question = _question(catalog, "cs-sidekick-adoption")
    read = read_turn("What do you think is the hardest part of working at Shopify as an ML engineer?", question)
    assert read is not None and read.reply == AFTER_THE_ROUND, read
    turned = read_turn("What would you do with the merchants who never open Sidekick?", question)
    assert turned is not None and YOUR_TAKE in turned.reply, turned


def test_questions_about_the_problem_beside_one_about_the_job_are_answered(catalog: Catalog) -> None:
    """ "...how many GPUs is Magic Expand on today, and what actually changed last quarter? And also, out of curiosity,
    how big is the on-call rotation for it?" got only the recruiter line. A question in the job's own sentence ("Is
    this role remote? And how big is the team?") is still about the job."""
    question = _question(catalog, "sd-magic-expand-cost")
    read = read_turn("Quick couple of questions before I dive in: how many GPUs is Magic Expand on today, and what actually "
                     "changed last quarter? And also, out of curiosity, how big is the on-call rotation for it?", question)
    assert read is not None and "200 A100" in read.reply and "larger model version" in read.reply, read
    assert AFTER_THE_ROUND in read.reply
    job = read_turn("Is this role remote? And how big is the team?", question)
    assert job is not None and job.reply == PASSED_ON, job


@pytest.mark.parametrize(("question_id", "said", "told"), [
    ("sd-gpu-k8s-availability", "I'd assume new GPU nodes come up in about 30 seconds, is that right? Then I'd just rely on "
                                "the HPA to absorb the 10x spike.", "6 to 8 minutes"),
    ("sd-video-bg-remover-serving", "i'd assume we can just buy more gpus if we run out is that right then i'd uh autoscale "
                                    "the export pool on queue depth", "60 more GPUs"),
])  # fmt: skip
def test_an_assumption_put_to_check_gets_the_fact_it_is_about(catalog: Catalog, question_id: str, said: str, told: str) -> None:
    """Both were told the cluster's or pool's shape, the fact the word "nodes" / "gpus" is a keyword of; each states
    what it assumes, and meaning finds the fact about that (fact_match.CLAIM_NEAREST_MIN)."""
    read = read_turn(said, _question(catalog, question_id))
    assert read is not None and read.also_answer and told in read.reply, read
    assert [f.topic for f in read.facts] in (["constraints"], ["budget"]), read.facts
    if question_id == "sd-gpu-k8s-availability":
        assert opener(read) == NOT_QUITE  # 30 seconds against 6 to 8 minutes


def test_a_question_keyed_by_its_words_keeps_its_fact(catalog: Catalog) -> None:
    """Meaning overrides keywords only for an assumption put to check: asked plainly, "how many GPU nodes are there?"
    is the cluster's shape, as its keywords say."""
    read = read_turn("How many GPU nodes are there today?", _question(catalog, "sd-gpu-k8s-availability"))
    assert read is not None and "12 GPU nodes" in read.reply, read


@pytest.mark.parametrize(("question_id", "said"), [
    ("sd-gpu-k8s-availability", "I'd assume new GPU nodes come up in about 30 seconds, is that right? Then I'd just rely on "
                                "the HPA to absorb the 10x spike."),
    ("sd-ato-latency", "Since there's no budget issue, I'd stand up a graph-store replica in Europe and Asia-Pacific today "
                       "and point each region at its local copy."),
])  # fmt: skip
async def test_after_a_correction_the_follow_up_credits_nothing_built_on_it(catalog: Catalog, question_id: str, said: str) -> None:
    """ "Not quite. A new GPU node takes about 6 to 8 minutes..." was followed by "You've covered the HPA. One part of
    the question you haven't touched: ..." and a corrected budget by "The graph-store replica, got it. ...": the plan
    rested on the given just corrected. The follow-up now asks on from the correction."""
    loop = next(loop.id for loop in catalog.loops.values() for r in loop.rounds for q in r.questions if q.id == question_id)
    turns = await played(catalog, loop, "system-design", question_id, said)
    correction, follow_up = turns[-2], turns[-1]
    assert correction.kind is TurnKind.CLARIFICATION and correction.text.startswith(("Not quite.", "Let me correct that.")), correction
    assert follow_up.kind is TurnKind.FOLLOW_UP, follow_up
    assert "covered" not in follow_up.text and "got it" not in follow_up.text, follow_up.text


def test_a_fact_does_not_say_again_what_the_fact_before_it_said(catalog: Catalog) -> None:
    """Played (2026-12-06, blind): "About 25,000 tickets a day, in about 15 languages. About 15 languages: English is
    about 60% of tickets..."."""
    read = read_turn("How many tickets a day are we talking about, and in how many languages?", _question(catalog, QUEUE))
    assert read is not None and "25,000 tickets" in read.reply and "60%" in read.reply, read
    assert read.reply.lower().count("about 15 languages") == 1, read.reply


def test_a_question_about_the_job_is_deferred_once(catalog: Catalog) -> None:
    """Played (2026-12-06, blind, hiring manager): "How big is the team I'd be joining, and who would I work with most
    closely?" got the recruiter line and then "I'll make sure you get the details in writing after this round"."""
    read = read_turn("How big is the team I'd be joining, and who would I work with most closely?", _question(catalog, "hm-wrong-call"))
    assert read is not None and read.reply == AFTER_THE_ROUND, read


def test_what_a_follow_up_is_after_is_said_without_its_acknowledgement(catalog: Catalog) -> None:
    """Played (2026-12-06, blind, coding): asked to put it in other words, "I'm asking about code quality: negative deltas,
    got it. How would you structure the class...?"."""
    question = _question(catalog, "sql-failed-payment-bursts")
    said = what_it_is_after("Negative deltas, got it. How would you structure the class so a teammate could add decay?",
                            catalog.criteria["code_quality"], [], question, [])
    assert said == "I'm asking about code quality: how would you structure the class so a teammate could add decay?", said


def test_a_term_asked_to_be_recalled_is_explained(catalog: Catalog) -> None:
    """Played (2026-12-06, blind): "sorry, can you remind me what NDCG is exactly? I always mix it with MRR." got "That's
    your call — state your assumption and go on."; "What is NDCG?" was explained."""
    read = read_turn("sorry, can you remind me what NDCG is exactly? I always mix it with MRR.",
                     _question(catalog, "ml-search-ranking-features"), glossary=catalog.glossary)
    assert read is not None and "discounted cumulative gain" in read.reply, read


def test_how_much_time_for_the_project_is_its_timeline_not_the_clock(catalog: Catalog) -> None:
    """Played (2026-12-06, blind): "...and how much time do we have, like is this a one quarter thing?" got "About 59
    minutes left in this round." and the success-metric question beside it nothing."""
    read = read_turn("ok so before jumping in, can I ask what the success metric is that leadership cares about? and how much "
                     "time do we have, like is this a one quarter thing?", _question(catalog, "cs-sidekick-adoption"))
    assert read is not None and not read.asks_time_left and "One quarter" in read.reply and "Leadership" in read.reply, read
    clock = read_turn("how much time do we have left?", _question(catalog, "cs-sidekick-adoption"))
    assert clock is not None and clock.asks_time_left, clock


def test_the_real_problem_in_an_answer_is_no_question_about_the_interviewer(catalog: Catalog) -> None:
    """Played (2026-12-06, blind): "...hundreds of visits in the first month, so the real problem is conversion on the
    storefront, not getting visitors. Right?" was passed to the recruiter ("real problem" read as "is this a real
    problem you had?"); the fact on visits answers it."""
    read = read_turn("I'd assume most new stores already get plenty of traffic, hundreds of visits in the first month, so the "
                     "real problem is conversion on the storefront, not getting visitors. Right?", _question(catalog, "cs-first-sale"))
    assert read is not None and AFTER_THE_ROUND not in read.reply and "40 visits" in read.reply, read


@pytest.mark.parametrize(("question_id", "said", "told"), [
    ("hm-good-enough-to-ship", "What is the data science hierarchy of needs? I haven't heard that term before.", "a pyramid"),
    ("ml-search-ranking-features", "Sorry, what does off-policy mean, exactly? I've heard it but never used it.", "logs collected"),
    ("cs-first-sale", "sorry, I think I am confusing, what does the uplift mean here exactly?", "compared with not acting"),
    ("ml-search-ranking-features", "What does graded relevance mean here?", "on a scale"),
])  # fmt: skip
def test_a_term_of_the_field_is_explained_on_any_question(catalog: Catalog, question_id: str, said: str, told: str) -> None:
    """Played (2026-12-06, blind): "off-policy", "uplift" and "graded relevance" were refused ("I haven't pinned down
    ... for this one") and the hierarchy of needs, asked on a question that does not name it, got "On data, that's
    your call" ("data" in its name read as the data topic). A short name asked as "what's the X?" still asks for the
    scenario's value ("what's the latency budget?")."""
    read = read_turn(said, _question(catalog, question_id), glossary=catalog.glossary)
    assert read is not None and told in read.reply and "your call" not in read.reply, read
    value = read_turn("what is the latency budget?", _question(catalog, "sd-video-bg-remover-serving"), glossary=catalog.glossary)
    assert value is not None and "200 ms p95" in value.reply, value


def test_a_guess_put_to_check_for_its_range_is_answered(catalog: Catalog) -> None:
    """Played (2026-12-06, blind): "I'd guess the budget is about ten cents per new store..., is that in the right
    range? If so I'd keep LLM-generated tips to the stores the model thinks are at risk." got no answer at all; a bare
    guess ("Maybe CPU preprocessing?") still asks nothing."""
    question = _question(catalog, "cs-first-sale")
    read = read_turn("I'd guess the budget is about ten cents per new store for messages and model calls, is that in the right "
                     "range? If so I'd keep LLM-generated tips to the stores the model thinks are at risk.", question)
    assert read is not None and read.also_answer and "10 cents per new store" in read.reply, read
    assert read_turn("Maybe CPU preprocessing?", question) is None

"""What the interviewer adds to a clarification's facts, played (2026-12-06, fifteen rounds by a helper as the candidate).

"The rest is your call" came after replies that had answered everything (a lead-in like "Before framing it:" or a
continuation the fact already answered counted as a question left open); "Yes, please go on." after "Makes sense."
before the questions; "That's right." before the facts answering "How long does a test need to see a 1% change?".
"""

from __future__ import annotations

import pytest
from test_round_session import played

from simulator.catalog import Catalog, load_catalog
from simulator.config import PROJECT_ROOT
from simulator.engine.turns import TurnKind
from simulator.interview.assumptions import NOT_QUITE, THAT_IS_RIGHT
from simulator.interview.turn_phrases import GO_ON, YOUR_CALL


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


async def _reply(catalog: Catalog, loop: str, round_id: str, question_id: str, said: str) -> str:
    last = (await played(catalog, loop, round_id, question_id, said))[-1]
    assert last.kind is TurnKind.CLARIFICATION, last
    return last.text


@pytest.mark.parametrize(("loop", "round_id", "question_id", "said", "fact"), [
    ("shopify-mle", "case-study", "cs-merchant-churn", "Before framing it: how exactly do we define churn here? Does a "
     "store that stops selling but keeps paying for its plan count?", "doesn't count"),
    ("shopify-mle", "case-study", "cs-merchant-churn", "Makes sense. What's the baseline churn rate today, and what "
     "interventions can the retention team actually run, and for how many merchants?", "2,000 merchants a month"),
    ("shopify-mle", "case-study", "cs-shop-pay-false-positives", "Sorry, one more: the threshold now is one global "
     "threshold for all, or different per country or merchant?", "single global threshold"),
    ("canva-em-recsys", "ml-depth", "ml-interleaving-vs-ab", "Ok. How long normally a A/B test need on this surface to see "
     "a 1% change, and how many experiments are running in same time?", "two weeks"),
])  # fmt: skip
async def test_a_reply_that_answers_everything_adds_nothing(catalog: Catalog, loop: str, round_id: str, question_id: str,
                                                            said: str, fact: str) -> None:
    reply = await _reply(catalog, loop, round_id, question_id, said)
    assert fact in reply and YOUR_CALL not in reply and GO_ON not in reply, reply
    assert not reply.startswith((THAT_IS_RIGHT, NOT_QUITE)), reply


async def test_a_question_the_facts_do_not_answer_beside_one_they_do_is_still_the_candidates_call(catalog: Catalog) -> None:
    reply = await _reply(catalog, "shopify-mle", "case-study", "cs-merchant-churn",
                         "What's the baseline churn rate today, and how late can the cancellation events show up in the warehouse?")
    assert "2%" in reply and YOUR_CALL in reply, reply


@pytest.mark.parametrize(("loop", "round_id", "question_id", "said", "meaning"), [
    ("shopify-mle", "coding", "ndcg-at-k", 'Sorry, can you remind me what NDCG stands for exactly, and what "graded" '
     "relevance means here?", "normalised discounted cumulative gain"),
    ("shopify-mle", "ml-modeling", "ml-review-capacity-threshold", 'Quick one: "expected cost objective" - define it as '
     "you mean it here?", "weighs each kind of error"),
    ("shopify-mle", "case-study", "cs-shop-pay-false-positives", 'Can you explain please what is "false positive" in '
     "this case? It mean the model decline the buyer but the buyer was not fraud?", "flags that turns out fine"),
    # a second helper's rounds: a bare imperative, "what exactly is X at <company>", NDCG where no fact defines it
    ("shopify-mle", "system-design", "sd-shop-search-ranking", "Define NDCG.", "normalised discounted cumulative gain"),
    ("shopify-mle", "system-design", "sd-shop-search-ranking", "What does NDCG stand for?", "normalised discounted"),
    ("canva-em-recsys", "recsys-system-design", "sd-font-recs", "what exactly is a brand kit at canva", "logos, colours"),
])  # fmt: skip
async def test_a_term_asked_about_in_other_words_is_explained(catalog: Catalog, loop: str, round_id: str,
                                                              question_id: str, said: str, meaning: str) -> None:
    """Played: "what NDCG stands for", '"X" - define it as you mean it', "what is "false positive"" drew "your call" or
    "I haven't pinned down" where the scenario or the glossary explains the term."""
    reply = await _reply(catalog, loop, round_id, question_id, said)
    assert meaning in reply and "haven't pinned down" not in reply and YOUR_CALL not in reply, reply


async def test_the_part_left_out_is_not_said_covered_by_what_the_candidate_ruled_out(catalog: Catalog) -> None:
    """Played: "..., not free LLM agent: step one..." drew "You've covered having no free LLM agent. One part of the
    question you haven't touched: ..."."""
    confirmed, follow_up = (await played(catalog, "canva-mle", "system-design", "sd-agentic-brand-workflow", (
        "Ok. I assume the traffic is around 50 runs per second in peak, is correct? Then I will make orchestrator as "
        "simple state machine, not free LLM agent: step one retrieve brand kit by team id, step two generate 10 "
        "candidates in parallel, step three score and pick 3.")))[-2:]
    assert confirmed.kind is TurnKind.CLARIFICATION and confirmed.text.startswith(THAT_IS_RIGHT), confirmed.text
    assert follow_up.kind is TurnKind.FOLLOW_UP and "having no" not in follow_up.text, follow_up.text


@pytest.mark.parametrize(("where", "said", "told"), [
    (("shopify-mle", "system-design", "sd-shop-search-ranking"), "What's the peak traffic, the latency budget, the size of the "
     "team, and is there a compute budget for ranking?", ["3,000 searches", "200 ms p95", "Six engineers", "100 CPU nodes"]),
    (("canva-mle", "system-design", "sd-diffusion-lifecycle"), "Okay, a few clarifications first. What's the traffic, who owns "
     "the safety filters, and what does \"reproducible prompts\" mean here, do support agents need the pixel-exact image?",
     ["400 requests a second", "Content Safety team", "pixel-exact isn't required"]),
    (("shopify-mle", "case-study", "cs-review-capacity"), "okay um a few questions first uh how many orders does the model flag "
     "per day right now how long does one review take what does a missed fraud cost us and um is there any budget for extra "
     "reviewers", ["950 orders a day", "6 minutes", "$150", "$50,000"]),  # spoken: a wh-word and its verb start a question
])  # fmt: skip
async def test_every_part_of_a_comma_list_is_answered(catalog: Catalog, where: tuple[str, str, str], said: str, told: list[str]) -> None:
    """Played (2026-12-06, a third helper): the latency budget and the team of a four-part ask, and "who owns the safety
    filters" of a three-part one, were dropped."""
    reply = await _reply(catalog, *where, said)
    assert all(t in reply for t in told), reply
    assert YOUR_CALL not in reply, reply


@pytest.mark.parametrize(("where", "said"), [
    (("canva-mle", "ml-modeling", "ml-experiment-power"), "Two quick questions before I answer: how many users are in each "
     "arm, and was one week the planned duration or is this an early peek?"),
    (("canva-em-recsys", "ml-depth", "ml-magic-recs-media-types"), "I want to ask first: how big is the catalogue per media "
     "type, and how many people is in the team?"),
])  # fmt: skip
async def test_words_announcing_the_questions_leave_nothing_open(catalog: Catalog, where: tuple[str, str, str], said: str) -> None:
    """Played (2026-12-06): "The rest is your call" after a reply that answered both questions."""
    assert YOUR_CALL not in await _reply(catalog, *where, said)


async def test_the_words_of_a_question_with_no_facts_are_the_interviewers_to_explain(catalog: Catalog) -> None:
    """Played (2026-12-06): "what do you mean by good enough?" got "I haven't pinned down "good enough" for this one": a
    question with no facts has nothing of the scenario to define; its words say what it asks. Offered two readings
    ("good enough for whom, merchants or the business?"), either counts (played blind, 2026-12-07)."""
    reply = await _reply(catalog, "shopify-mle", "hiring-manager", "hm-good-enough-to-ship", "what do you mean by good enough?")
    assert "pinned down" not in reply and "How do you decide a model is good enough to ship?" in reply, reply
    reply = await _reply(catalog, "shopify-mle", "hiring-manager", "hm-good-enough-to-ship",
                         "what do you mean by good enough, good enough for whom, merchants or the business?")
    assert reply == "Either reading is fair for this one: say which you're taking, and go on.", reply


@pytest.mark.parametrize(("where", "said", "told", "not_told"), [
    (("canva-mle", "ml-modeling", "ml-content-safety-imbalance"), "wait what do you mean by audits like who picks the designs "
     "that get audited", "random audits of about 5,000 designs a month", "private by default"),
    (("canva-mle", "ml-modeling", "ml-content-safety-imbalance"), "um okay so before i go in how many labelled examples do we "
     "actually have and uh how many flagged designs can the review team look at in a day", "200,000 labelled designs",
     "moderator decisions"),
    (("canva-mle", "system-design", "sd-clip-template-retrieval"), "I'll assume a licensing takedown can wait for the nightly "
     "index rebuild, so a template might linger for up to a day. Is that acceptable?", "within an hour", "800,000 templates"),
])  # fmt: skip
async def test_the_fact_tied_to_the_word_asked_about_is_told(catalog: Catalog, where: tuple[str, str, str], said: str,
                                                              told: str, not_told: str) -> None:
    """Played (2026-12-06, a fourth helper): a word asked about drew the privacy fact by meaning though the audit fact
    names it; "labelled" did not name the fact keyed "labels"; "templates" keyed the catalogue fact on every ask about a
    template, so a licensing takedown got the catalogue size."""
    reply = await _reply(catalog, *where, said)
    assert told in reply and not_told not in reply, reply


async def test_a_spoken_wh_question_with_a_figure_is_no_assumption_to_confirm(catalog: Catalog) -> None:
    """Played (2026-12-06): "That's right." before the answers to "...what does the trace breakdown look like like where
    are the two hundred and fifty milliseconds going"."""
    reply = await _reply(catalog, "shopify-mle", "system-design", "sd-ato-latency", "ok so um first question how much time does "
                         "checkout actually give us before it times out and uh what does the trace breakdown look like like "
                         "where are the two hundred and fifty milliseconds going")
    assert not reply.startswith(THAT_IS_RIGHT) and "150 ms" in reply and "170 ms" in reply, reply


@pytest.mark.parametrize(("where", "said", "told", "not_told"), [
    (("shopify-mle", "case-study", "cs-shop-pay-false-positives"), "Who needs to approve a threshold change?",
     "payments compliance signs off", "gradient-boosted trees"),
    (("canva-mle", "system-design", "sd-magic-expand-cost"), "wait did you say the latency p95 limit is 6 seconds or 5 "
     "seconds?", "doesn't want it above 6", "Sure, again"),
])  # fmt: skip
async def test_who_decides_and_did_you_say_a_figure(catalog: Catalog, where: tuple[str, str, str], said: str, told: str,
                                                    not_told: str) -> None:
    """Played (2026-12-06, a fifth helper): "who needs to approve...?" got the model fact its keyword "threshold" ties to;
    "did you say ... 6 seconds or 5 seconds?" got the last question again."""
    reply = await _reply(catalog, *where, said)
    assert told in reply and not_told not in reply, reply


async def test_a_second_region_to_fail_over_to_is_no_question_about_languages(catalog: Catalog) -> None:
    """Played (2026-12-06): "...is there a second region we could fail over to?" got "Doesn't apply: it's a backend
    service, the same in every market.", the languages fact, "region" being one of its words."""
    reply = await _reply(catalog, "shopify-mle", "system-design", "sd-gpu-k8s-availability", "What GPU type are the nodes, "
                         "and is there a second region we could fail over to?")
    assert "one region" in reply and "every market" not in reply, reply

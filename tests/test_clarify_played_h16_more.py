"""More turns the eighth blind player's rounds (2026-12-07, `/tmp/h16`, played on main 8ec80dd) showed answered wrong,
still wrong on bf8db90: each played turn below drew the reply its test's docstring quotes there."""

from __future__ import annotations

import pytest
from test_round_session import answer, played, round_on

from simulator.catalog import Catalog, load_catalog
from simulator.config import PROJECT_ROOT
from simulator.engine.turns import Speaker, Turn, TurnKind
from simulator.interview.ahead import answers_ahead
from simulator.interview.anchor import choose_anchor, phrases
from simulator.interview.arithmetic import slips
from simulator.interview.asks import HEARD_NEWS
from simulator.interview.call_phrases import BREAK_GRANTED
from simulator.interview.check_ins import SELF_CORRECTED
from simulator.interview.moving_on import MOVING_ON, STOPPING
from simulator.interview.question_phrases import DEPTH_WHERE_IT_MATTERS, FEEDBACK_LATER

STAKEHOLDERS = ("Stakeholders on my last project: I was at a fintech doing fraud scoring, so the main ones were the risk ops team who "
                "reviewed flagged transactions, the payments PM, and compliance. I had a weekly sync with risk ops where we looked at "
                "false positives together, and we agreed a precision floor of 90% with the PM before any threshold change shipped.")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


def _after_last_answer(turns: list[Turn]) -> list[Turn]:
    last = max(i for i, t in enumerate(turns) if t.speaker is Speaker.CANDIDATE)
    return turns[last + 1:]


async def test_a_recruiter_passes_on_what_the_loop_does_not_say_and_names_no_one_by_their_job(catalog: Catalog) -> None:
    """"But do you actually hire in Portugal? Anyway, about me: I've been an ML engineer for five years..." drew "That's
    your call — state your assumption and go on." then "Thanks for walking me through the ML engineer."."""
    turns = await played(catalog, "shopify-mle", "recruiter-screen", "rs-why-shopify", "But do you actually hire in Portugal? Anyway, "
                         "about me: I've been an ML engineer for five years, mostly recommendation systems at a travel marketplace, "
                         "and I lead a team of three now.")
    said = " ".join(t.text for t in _after_last_answer(turns))
    assert "in writing" in said and "your call" not in said and "ML engineer" not in said, said


async def test_the_recruiter_says_offers_are_in_australian_dollars(catalog: Catalog) -> None:
    """"Is that in Australian dollars? If so, I'm looking for around 250 thousand total." drew "On budget, that's your
    call — state your assumption and go on."."""
    turns = await played(catalog, "canva-mle", "recruiter-screen", "rs-compensation", "What's the salary range for this role?",
                         "Is that in Australian dollars? If so, I'm looking for around 250 thousand total.")
    reply = _after_last_answer(turns)[0]
    assert reply.kind is TurnKind.CLARIFICATION and "Australian dollars" in reply.text and "your call" not in reply.text, reply.text


async def test_how_long_the_call_is_and_who_comes_later_are_both_told(catalog: Catalog) -> None:
    """"...how long is this call and who will I be talking to in the later rounds?" was told the rounds alone."""
    turns = await played(catalog, "canva-mle", "recruiter-screen", "rs-stakeholders", "Hi! Thanks for having me. Before we start, how long "
                         "is this call and who will I be talking to in the later rounds?")
    reply = _after_last_answer(turns)[0].text
    assert "minutes left" in reply and "round 1 of 6" in reply, reply


async def test_breadth_or_depth_and_how_many_questions_are_answered(catalog: Catalog) -> None:
    """"should I aim for breadth or depth on each question? And roughly how many questions do you have?" was told "Any
    scale is fine; just give me your own numbers..."; "How many questions more we have?" drew "That's your call"."""
    turns = await played(catalog, "canva-mle", "ml-modeling", "ml-research-to-product", "Hi Wei. Quick thing: should I aim for breadth or "
                         "depth on each question? And roughly how many questions do you have?")
    reply = _after_last_answer(turns)[0].text
    assert reply.startswith(DEPTH_WHERE_IT_MATTERS) and "This is question 1 of about" in reply and "scale" not in reply, reply
    turns = await played(catalog, "canva-mle", "behavioral", "bh-feedback", "Ok, small one: my tech lead say my code review comments "
                         "are too short and people feel I am rude. After, I write longer comments and I say also what is good. How many "
                         "questions more we have?")
    assert "This is question 1 of about" in _after_last_answer(turns)[0].text


async def test_a_pass_that_asks_how_it_is_going_gets_a_way_in_and_keep_going_with_what_the_question(catalog: Catalog) -> None:
    """"don't know. how am i doing?" drew "You'll get detailed feedback in the report...; for now, keep going.", and "keep
    going with what? you didn't say anything." drew "That's your call — state your assumption and go on."."""
    turns = await played(catalog, "canva-mle", "system-design", "sd-retraining-ci-cd", "don't know. how am i doing?")
    after = _after_last_answer(turns)
    assert after[0].text == FEEDBACK_LATER and after[1].kind is TurnKind.FOLLOW_UP and "smaller piece" in after[1].text, after
    turns = await played(catalog, "canva-mle", "system-design", "sd-retraining-ci-cd", "keep going with what? you didn't say anything.")
    reply = _after_last_answer(turns)[0].text
    assert reply.startswith("Sure, again:") and "CI/CD" in reply, reply


async def test_asking_for_time_to_think_after_a_remark_is_granted(catalog: Catalog) -> None:
    """"Hi Elena. Just so you know, I'm going to structure this like a consulting case, so bear with me. Could I have 30
    seconds to think before I start?" drew "That's your call — state your assumption and go on."."""
    turns = await played(catalog, "shopify-mle", "case-study", "cs-shop-pay-false-positives", "Hi Elena. Just so you know, I'm going to "
                         "structure this like a consulting case, so bear with me. Could I have 30 seconds to think before I start?")
    assert [t.text for t in _after_last_answer(turns)] == [BREAK_GRANTED]


@pytest.mark.parametrize(("round_id", "question_id", "turns"), [
    # "...Done with this one." drew another follow-up on the fraud case
    ("case-study", "cs-shop-pay-false-positives", ["Lost customer. Not sure how to measure it.",
                                                   "Ok. Assume lost customer = 90-day repeat purchase value. Done with this one."]),
    # "Can you ask me something else?" drew a third question about production results the candidate never had
    ("hiring-manager", "hm-most-impactful-work", ["It didn't go to production, it was a research project.",
                                                  "There were no production results, I just said that. Can you ask me something else?"]),
])
async def test_done_with_this_one_and_ask_me_something_else_move_on(catalog: Catalog, round_id: str, question_id: str, turns: list[str]) -> None:
    got = await played(catalog, "shopify-mle", round_id, question_id, *turns)
    after = _after_last_answer(got)
    assert after[0].text == MOVING_ON and after[1].kind is TurnKind.QUESTION and after[1].question_id != question_id, after


async def test_having_to_drop_off_ends_the_round_after_the_next_steps_are_told(catalog: Catalog) -> None:
    """"...Sorry, I have to drop off in two minutes for another call, can we wrap up? What are the next steps?" was told
    the loop's length, then asked the next bank question."""
    turns = await played(catalog, "canva-mle", "hiring-manager", "hm-prototype-to-production", "I don't know, we never measured it live, "
                         "the CRM team just used it. Sorry, I have to drop off in two minutes for another call, can we wrap up? What are "
                         "the next steps?")
    after = _after_last_answer(turns)
    assert after[0].kind is TurnKind.CLARIFICATION and "weeks" in after[0].text
    assert after[1].text == STOPPING and after[2].source == "closing" and len(after) == 3, after


def test_a_person_by_their_job_is_no_anchor() -> None:
    """"You mentioned the payments PM: what were you comparing against?" (a PM is no result)."""
    anchor = choose_anchor([STAKEHOLDERS])
    assert anchor is not None and "PM" not in anchor.text, anchor
    assert "engineer" not in (choose_anchor(["I've been an ML engineer for five years."]) or anchor).text
    reviewers = choose_anchor(["We hired 30 human reviewers to label the borderline cases."])
    assert reviewers is not None and "reviewers" in reviewers.text  # people who did the work are what was said


@pytest.mark.parametrize(("said", "line"), [
    # told as "Co-view/co-purchase item-to-item lists, got it." and the design sized on it
    ("Thanks. So 50k views a second is about 430 million requests a day. Two stages: candidate generation...",
     "50k a second is about 4.3 billion a day, not 430 million."),
    # "...plenty of power to detect a 0.1% change" built on it
    ("With 1 million searches a day, 10% for two weeks is 14 million searches, plenty of power to detect a 0.1% change.",
     "10% of 1 million a day for 2 weeks is about 1.4 million, not 14 million."),
    ("So 40% of 48k = 19.2k good buyers declined. x $85 = $16M/day in GMV. Minus the third who retry.",
     "19.2k times $85 is about $1.6 million, not $16M."),
])
def test_a_rate_said_per_day_a_share_over_weeks_and_a_product_on_the_last_figure_are_checked(said: str, line: str) -> None:
    assert slips(said) == [line]


@pytest.mark.parametrize("said", [
    "10,000 merchants a day, so about 500 orders a second",  # two things counted
    "48k declines a day. All good buyers. x $85 = ~$4M/day lost margin.",  # right
    "With 1 million searches a day, 10% for two weeks is 1.4 million searches.",
    "We serve 50k views a second, which is about 4.3 billion requests a day.",
])
def test_right_sums_and_two_things_counted_are_let_be(said: str) -> None:
    assert slips(said) == []


async def test_the_rate_slip_is_said_in_the_round(catalog: Catalog) -> None:
    turns = await played(catalog, "shopify-mle", "system-design", "sd-storefront-recs", "Thanks. So 50k views a second is about 430 "
                         "million requests a day. Two stages: a two-tower model with an ANN index per shop, then a GBDT ranker.")
    assert _after_last_answer(turns)[0].text == "Let me check that: 50k a second is about 4.3 billion a day, not 430 million."


def test_a_retracted_guess_a_ratio_and_a_plans_verbs_are_named_as_said() -> None:
    """"It's probably the empty list case... Actually wait, no, it fails on all of them." drew "The empty list case, got
    it."; "1 positive per 500 negatives" was named "1 positive"; "bucket each prediction by int(p * B), accumulate
    counts, ..." drew "You mentioned accumulate counts:"."""
    retracted = choose_anchor(["It's probably the empty list case, the ideal is zero there. Actually wait, no, it fails on all of "
                               "them. Oh, log2(i + 1) is log2(1) = 0 at the first position. It should be i + 2."])
    assert retracted is None or "empty list" not in retracted.text, retracted
    ratio = choose_anchor(["Our defect detector for print jobs had 1 positive per 500 negatives; I read the focal loss paper."])
    assert ratio is not None and ratio.text == "1 positive per 500 negatives", ratio
    plan = choose_anchor(["ok, assuming that. Here's my plan: bucket each prediction by int(p * B), accumulate counts, sum of p "
                          "and sum of y per bin, then combine."])
    assert plan is None or "accumulate" not in plan.text, plan
    kept = choose_anchor(["We keep a connection pool per shard and it cut p99 a lot."])
    assert kept is not None and "connection pool" in kept.text, kept  # a noun all the same


def test_an_answer_headed_by_the_next_questions_words_answers_it_ahead(catalog: Catalog) -> None:
    """"Sure. Prototype to production: a churn model for a subscription app..." (said on the data-constraints question)
    was followed by "Tell me about an ML project you took from prototype to production." word for word."""
    questions = {q.id: q for q in catalog.loop("canva-mle").round("hiring-manager").questions}
    churn = ("Sure. Prototype to production: a churn model for a subscription app. Only 2% of users churn each month, and we got "
             "98% accuracy, which is really good, so we shipped it. It ran as a nightly batch job in Airflow writing scores to a "
             "table the CRM team used.")
    later = [questions["hm-prototype-to-production"], questions["hm-ab-result"]]
    assert answers_ahead(churn, questions["hm-data-constraints"], later) is questions["hm-prototype-to-production"]
    # a point of the open question's own answer headed so is no other question's
    point = ("Data constraints: we had 3,000 labelled reviews and no budget for more, so I built a small labelling tool, "
             "and we labelled another 2,000 in two weeks before training the first model.")
    assert answers_ahead(point, questions["hm-data-constraints"], later) is None


async def test_going_to_a_question_named_by_an_acronym_moves_to_it(catalog: Catalog) -> None:
    """"...Ok, I'll assume reformulations. Let's go to the AI shopping question: I'd frame it as the merchant's products
    being retrieved and cited by the assistant..." drew "We'll come to that next. Going back to the A/B test: ..."."""
    session, clock = round_on(catalog, "shopify-mle", "case-study", "cs-semantic-search-decision", [])
    session.engine.fix_order(["cs-semantic-search-decision", "cs-ai-conversations", "cs-first-sale"])
    [e async for e in session.open()]
    for text in ("Blend, not replace: hybrid retrieval, keyword for SKUs and names, semantic for vague queries; KPIs are search "
                 "conversion and zero-result rate, tested with interleaving and then an A/B test on 10% of users for two weeks.",
                 "Ok, I'll assume reformulations. Let's go to the AI shopping question: I'd frame it as the merchant's products being "
                 "retrieved and cited by the assistant; success for merchants is referred sessions and orders from those assistants, "
                 "tracked with UTM-tagged product links."):
        await answer(session, clock, text)
    asked = _after_last_answer(session.turns)
    assert asked[0].text == MOVING_ON and asked[1].question_id == "cs-ai-conversations", [t.text[:80] for t in asked]
    assert asked[1].text.startswith("You've already started on my next question:")


async def test_asked_whether_the_other_offer_was_heard_the_recruiter_says_what_it_does_about_it(catalog: Catalog) -> None:
    """"I just answered that: only as a buyer... Did you catch what I said about my other offer?" drew "Yes, I heard
    that part, thanks.": no word on the timing the candidate flagged."""
    turns = await played(catalog, "shopify-mle", "recruiter-screen", "rs-merchant-product", "I just answered that: only as a buyer, and "
                         "I'd make checkout on small stores feel less sketchy. Did you catch what I said about my other offer?")
    assert _after_last_answer(turns)[0].text == HEARD_NEWS
    turns = await played(catalog, "canva-mle", "recruiter-screen", "rs-stakeholders", "We had three stakeholders. Did you catch that part?")
    assert _after_last_answer(turns)[0].text == "Yes, I heard that part, thanks."


async def test_k8s_is_no_eight_seconds_over_a_limit(catalog: Catalog) -> None:
    """"whatever. k8s: image with the model baked in, 1 GPU per pod..." drew "Let me stop you there: that's over the
    limit." and the promotion rule's 10 ms: "k8s" read as 8 seconds."""
    turns = await played(catalog, "canva-mle", "system-design", "sd-retraining-ci-cd", "whatever. k8s: image with the model baked in, "
                         "1 GPU per pod, autoscale on CPU usage. health check: liveness and readiness are the same thing so one /health "
                         "endpoint. new version: kubectl apply, rollback kubectl rollout undo.")
    assert not any("over the limit" in t.text for t in _after_last_answer(turns))


async def test_a_name_is_not_named_as_the_candidates_approach(catalog: Catalog) -> None:
    """"Going back to PyTorch: how would you explain your approach to a product manager in two sentences?" and "Going back
    to Background Remover: ..." (a framework used, a product admired): a name is no approach; the probe is asked plain."""
    session, clock = round_on(catalog, "shopify-mle", "recruiter-screen", "rs-tech-stack", [])
    [e async for e in session.open()]
    await answer(session, clock, "OK. Stack: PyTorch, mostly, trained on SageMaker.")
    question = session.engine.current_question
    probe = session.engine.nudge().model_copy(update={"criterion": "communication", "kind": "probe",
                                                      "canned": "How would you explain your approach to a product manager in two sentences?"})
    found = session.wording.anchor(question, probe)
    assert found is None or not found.text[:1].isupper(), found
    plain = probe.model_copy(update={"canned": "What did it change for users, in numbers?"})
    assert session.wording.anchor(question, plain) is not None  # a name is fine to pick up for other probes


async def test_a_reply_the_questions_own_follow_up_hears_is_not_pressed(catalog: Catalog) -> None:
    """"Details in writing? It was just a casual question, never mind. The merchant team got fewer escalations landing on
    them, which was their quarterly goal." drew "Let me come back to what I asked. What did the other side get out of
    saying yes to you?"."""
    turns = await played(catalog, "shopify-mle", "behavioral", "bh-impact-without-authority",
                         "Got it, thanks. So we noticed our search ranking team and the merchant-facing team had different definitions of "
                         "a relevant result. We set up a shared eval set, we got both teams to agree on labels, and we cut complaints "
                         "about irrelevant results by about a third over a quarter.",
                         "Me personally: I wrote the labelling guideline and ran the first calibration session where both teams labelled "
                         "the same 200 queries; agreement went from 55% to 85% after two rounds.",
                         "Details in writing? It was just a casual question, never mind. The merchant team got fewer escalations landing "
                         "on them, which was their quarterly goal.")
    asked = [t.text for t in turns if t.speaker is Speaker.INTERVIEWER]
    assert any(a.endswith("What did the other side get out of saying yes to you?") for a in asked), asked
    assert not any(a.startswith("Let me come back") for a in asked), asked


async def test_a_reply_that_says_it_never_went_to_production_is_not_pressed_on_production(catalog: Catalog) -> None:
    """"It didn't go to production, it was a research project. Is that a problem? I've never really shipped anything..."
    drew "Let me come back to what I asked." and the production question again."""
    turns = await played(catalog, "shopify-mle", "hiring-manager", "hm-most-impactful-work",
                         "Sure. I'd rather talk about my research though: I published a paper on contrastive learning for product "
                         "matching at KDD, our method beat the state of the art by 4 points of F1.",
                         "It didn't go to production, it was a research project. Is that a problem? I've never really shipped anything, "
                         "I've been in a research lab for four years.")
    assert not any(t.text.startswith("Let me come back") for t in _after_last_answer(turns)), _after_last_answer(turns)


async def test_a_candidate_correcting_their_own_slip_hears_it_acknowledged(catalog: Catalog) -> None:
    """"...Oh, and correction on my earlier math: 50k a second is about 4.3 billion a day, not 430 million." drew
    "Opted-in merchants, got it." and the next question."""
    turns = await played(catalog, "shopify-mle", "system-design", "sd-storefront-recs",
                         "Thanks. So 50k views a second is about 430 million requests a day. Two stages: a two-tower model with an ANN "
                         "index per shop, co-view lists, then a GBDT ranker scoring in under 30 ms.",
                         "I'd randomize among opted-in merchants only, at the shop level, so treatment and control are both opt-in shops, "
                         "and compare buyer conversion within them. Oh, and correction on my earlier math: 50k a second is about 4.3 "
                         "billion a day, not 430 million.")
    after = _after_last_answer(turns)
    assert after[0].text == SELF_CORRECTED and ", got it." not in after[1].text, after


async def test_liveness_as_readiness_and_gpu_pods_scaled_on_cpu_are_challenged(catalog: Catalog) -> None:
    """"...1 GPU per pod, autoscale on CPU usage. health check: liveness and readiness are the same thing so one /health
    endpoint..." went unremarked (both wrong: a loading model is alive but not ready; CPU says little of a GPU pod's load)."""
    said = ("whatever. k8s: image with the model baked in, 1 GPU per pod, autoscale on CPU usage. health check: liveness and "
            "readiness are the same thing so one /health endpoint. new version: kubectl apply, rollback kubectl rollout undo.")
    turns = await played(catalog, "canva-mle", "system-design", "sd-dockerize-serving", said)
    question = next(q for q in catalog.loop("canva-mle").round("system-design").questions if q.id == "sd-dockerize-serving")
    asks = {p.ask for p in question.pitfalls if "readiness" in p.claim or "CPU usage" in p.claim}
    assert len(asks) == 2 and _after_last_answer(turns)[0].text in asks, _after_last_answer(turns)


async def test_how_it_is_going_and_whether_the_depth_is_right_are_both_heard(catalog: Catalog) -> None:
    """"LogQ first, ... 0.99 AUC screams leakage... How am I doing so far, is this the depth you want?" drew "You'll get
    detailed feedback in the report at the end of the round; for now, keep going." and then a question: nothing on the
    depth, and "keep going" with a question already coming."""
    turns = await played(catalog, "shopify-mle", "ml-modeling", "ml-two-tower-tail-queries", "LogQ first, it's a one-line change with "
                         "no new infrastructure. And since I see a chargeback question coming later, 0.99 AUC screams leakage, probably "
                         "a feature computed after the chargeback like refund status. How am I doing so far, is this the depth you want?")
    after = _after_last_answer(turns)
    assert after[0].text == f"{FEEDBACK_LATER} That's the right level of detail for now.", after[0].text
    assert after[1].speaker is Speaker.INTERVIEWER and after[1].kind in (TurnKind.FOLLOW_UP, TurnKind.QUESTION)


def test_please_and_wait_are_no_part_of_a_phrase() -> None:
    """Replayed (2026-12-08): "Here's my code again for the rings question, please test it this time:" drew "On please
    test: which test would catch...?"."""
    found = [p.text for p in phrases("Wait, you just asked me the question and then a follow-up in the same breath. Here's my code "
                                     "again for the rings question, please test it this time:")]
    assert not any(w in t.lower().split() for t in found for w in ("please", "wait")), found

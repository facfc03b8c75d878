"""A first turn that passes on the question, or answers it in a few words: what the interviewer does next.

A pass ("I don't know.", "Nothing comes to mind.") is offered a smaller piece of the question once; an answer of a
few words ("Leakage, probably.") is asked to unpack it; anything else is followed up as an answer. Measured on
first turns written and labelled by people who never saw this code (tests/data/first_turns_blind*.yaml):

    .venv/bin/python -m pytest tests/test_pass_and_terse.py -s
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from followup_cases import Case, make_session
from test_followups import say

from simulator.catalog import Catalog, Question, load_catalog
from simulator.config import PROJECT_ROOT
from simulator.engine.turns import TurnKind
from simulator.interview.clarify import read_turn
from simulator.interview.passing import passes
from simulator.interview.evidence_probe import MeaningEvidence
from simulator.interview.follow_up_text import EXPLAIN, EXPLAIN_STORY, NARROWER, STORY_WAY_IN
from simulator.interview.terse import terse

DATA = Path(__file__).resolve().parent / "data"
# (file, least share read right): the first was read while writing the rules; the second and third were each run once
# blind, then read and mended: 0.80 (narrow 14 of 36, explain 37 of 37, answer 36 of 36) and 0.81 (narrow 19 of 36,
# explain 33 of 37, answer 35 of 35). Before this reading the round took 7 and 2 of those passes as passes.
SETS = [("first_turns_blind.yaml", 0.95), ("first_turns_blind2.yaml", 0.93), ("first_turns_blind3.yaml", 0.95)]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


@pytest.fixture(scope="module")
def evidence() -> MeaningEvidence:
    return MeaningEvidence()


def next_move(text: str, question: Question) -> str:
    """What the round does with a first turn: "narrow", "clarify" (a question put to the interviewer), "explain" or
    "answer" (round_session.RoundSession.answer, in its order)."""
    if passes(text):
        return "narrow"
    read = read_turn(text, question)
    if read is not None and read.leaves_the_floor:
        return "clarify"
    return "explain" if terse(question.text, text) else "answer"


@pytest.mark.parametrize(("name", "floor"), SETS)
def test_first_turns_written_blind(catalog: Catalog, name: str, floor: float) -> None:
    cases = yaml.safe_load((DATA / name).read_text())
    wrong = []
    for case in cases:
        question = next(q for q in catalog.loop(case["loop"]).round(case["round"]).questions if q.id == case["question"])
        got = next_move(case["turn"], question)
        if got != case["label"]:
            wrong.append((case["id"], case["label"], got, case["turn"]))
    share = 1 - len(wrong) / len(cases)
    print(f"\n{name}: {share:.3f} of {len(cases)}", *wrong, sep="\n  ")
    assert share >= floor
    # An answer read as a pass would throw the candidate's words away: never.
    assert not [w for w in wrong if w[1] == "answer" and w[2] == "narrow"]


def _session(catalog: Catalog, evidence: MeaningEvidence, loop: str, round_: str, question: str):  # noqa: ANN202
    case = Case(id="t", loop=loop, round=round_, question=question, expect="", missing="", answer="")
    return make_session(catalog, case, None, evidence)


async def test_a_pass_gets_a_smaller_piece_of_the_question_then_the_next_question(catalog: Catalog, evidence: MeaningEvidence) -> None:
    """Played (2026-12-03): "I don't know." was followed straight by the next question."""
    session, clock = _session(catalog, evidence, "canva-mle", "ml-modeling", "ml-clip-frame-pooling")
    [e async for e in session.open()]
    question = session.engine.current_question
    await say(session, clock, "I don't know.")
    narrower = session.turns[-1]
    assert narrower.kind is TurnKind.FOLLOW_UP and narrower.text.startswith(NARROWER) and narrower.text.endswith("?")
    assert session.engine.current_question == question and narrower.question_id == question.id
    await say(session, clock, "Sorry, I've never worked with video models.")
    assert session.turns[-1].kind is TurnKind.QUESTION and session.engine.current_question != question
    assert session.engine.answers(question.id) == ["", ""]  # neither pass is evidence


async def test_a_story_question_passed_on_is_offered_a_smaller_story(catalog: Catalog, evidence: MeaningEvidence) -> None:
    session, clock = _session(catalog, evidence, "canva-mle", "behavioral", "bh-conflict")
    [e async for e in session.open()]
    await say(session, clock, "Hmm, nothing comes to mind right now, sorry.")
    assert session.turns[-1].kind is TurnKind.FOLLOW_UP and session.turns[-1].text == STORY_WAY_IN
    story = ("In my last team I disagreed with our PM about shipping a ranking change before the holiday freeze. I asked "
             "for a one-week holdout, showed her the guardrail dip on mobile, and we shipped two weeks later with the fix.")
    await say(session, clock, story)
    follow_up = session.turns[-1]
    assert follow_up.kind is TurnKind.FOLLOW_UP and follow_up.text not in (STORY_WAY_IN,) and not follow_up.text.endswith(EXPLAIN_STORY)


async def test_an_answer_of_a_few_words_is_asked_to_unpack_it(catalog: Catalog, evidence: MeaningEvidence) -> None:
    """Played (2026-12-03): "Leakage, probably a feature computed after the chargeback came in." drew "Why would the
    model fail on this data?"; terse answers were never asked to explain."""
    session, clock = _session(catalog, evidence, "canva-mle", "ml-modeling", "ml-retrieval-recall-vs-saves")
    [e async for e in session.open()]
    question = session.engine.current_question
    await say(session, clock, "Popularity bias, probably.")
    unpack = session.turns[-1]
    assert unpack.kind is TurnKind.FOLLOW_UP and unpack.question_id == question.id
    assert unpack.text == f'You said "popularity bias, probably": {EXPLAIN[0].lower()}{EXPLAIN[1:]}'
    await say(session, clock, "The retriever learned to favour popular templates because in-batch negatives are sampled "
              "by popularity, so I'd add a logQ correction and compare recall on tail queries against the current model.")
    assert session.turns[-1].kind is not TurnKind.FOLLOW_UP or not session.turns[-1].text.endswith(EXPLAIN)


async def test_a_story_question_answered_in_a_line_is_asked_for_the_story(catalog: Catalog, evidence: MeaningEvidence) -> None:
    session, clock = _session(catalog, evidence, "canva-mle", "behavioral", "bh-conflict")
    [e async for e in session.open()]
    await say(session, clock, "I once argued with a PM about a launch date.")
    assert session.turns[-1].text == f'You said "I once argued with a PM about a launch date": {EXPLAIN_STORY[0].lower()}{EXPLAIN_STORY[1:]}'


@pytest.mark.parametrize("said", ["No idea, sorry, I've never trained a two-tower model.", "i dunno tbh", "Sorry, drawing a blank.",
                                  "That never really came up for me. My PMs always agreed with the rollout plan.",
                                  "Hmm, I don't think I've had a situation like that.",
                                  "I don't think I have an example of that."])  # quoted back as a story begun (2026-12-07)
def test_ways_of_passing_heard_in_play(said: str) -> None:
    assert passes(said)


@pytest.mark.parametrize("said", ["I'm not sure, maybe something with the data?", "No.", "I don't know the exact number, but p95 "
                                  "fell from 420 ms to 160 ms.", "I haven't used Kafka, but I'd guess the lag comes from one hot partition."])
def test_an_attempt_beside_not_knowing_is_no_pass(said: str) -> None:
    assert not passes(said)


@pytest.mark.parametrize("said", ["Can you explain what a chargeback is? I haven't worked in payments.",
                                  "Interleaving? Never used it. What is it?"])
def test_a_question_beside_not_knowing_is_no_pass(said: str) -> None:
    """Written blind (2026-12-05): both passed on the question, and the interviewer offered a smaller piece of it
    instead of saying what the word means. "...Could we move to something else?" still passes."""
    assert not passes(said)
    assert passes("Not really my area, I'm more on the data engineering side. Could we move to something else?")


async def test_a_round_resumed_after_a_pass_offers_the_smaller_piece_once(catalog: Catalog, evidence: MeaningEvidence) -> None:
    session, clock = _session(catalog, evidence, "canva-mle", "ml-modeling", "ml-clip-frame-pooling")
    [e async for e in session.open()]
    await say(session, clock, "I don't know.")
    full = list(session.turns)
    resumed, _ = _session(catalog, evidence, "canva-mle", "ml-modeling", "ml-clip-frame-pooling")
    [e async for e in resumed.restore(full[:-1])]  # stopped after the pass, before the interviewer spoke
    assert [t.text for t in resumed.turns] == [t.text for t in full]
    again, clock2 = _session(catalog, evidence, "canva-mle", "ml-modeling", "ml-clip-frame-pooling")
    [e async for e in again.restore(full)]
    await say(again, clock2, "No idea, sorry.")
    assert again.turns[-1].kind is TurnKind.QUESTION  # the way in was offered before the crash: not twice


def test_code_is_never_read_as_a_terse_answer() -> None:
    """A short function is an answer to run, not a claim to unpack (the coding round's hidden-test notice follows it)."""
    from tui_fixtures import LOOPING_PAIR_SUM

    assert not terse("Implement pair_sum.", LOOPING_PAIR_SUM)
    assert not terse("Implement pair_sum.", "return sorted(nums)[:k]")


async def test_a_pass_on_a_follow_up_goes_on_with_the_next_point(catalog: Catalog, evidence: MeaningEvidence) -> None:
    """Played (2026-12-03): "I don't know" to one follow-up moved the round to a new problem."""
    from simulator.engine.plan import AFTER_A_PASS

    session, clock = _session(catalog, evidence, "canva-mle", "ml-modeling", "ml-retrieval-recall-vs-saves")
    [e async for e in session.open()]
    question = session.engine.current_question
    await say(session, clock, "The retriever favours popular templates because in-batch negatives are sampled by "
              "popularity, so I'd add a logQ correction and compare recall on tail queries against the current model.")
    assert session.turns[-1].kind is TurnKind.FOLLOW_UP
    await say(session, clock, "I don't know, honestly.")
    after = session.turns[-1]
    assert after.kind is TurnKind.FOLLOW_UP and after.text.startswith(AFTER_A_PASS) and after.question_id == question.id
    resumed, _ = _session(catalog, evidence, "canva-mle", "ml-modeling", "ml-retrieval-recall-vs-saves")
    [e async for e in resumed.restore(session.turns[:-1])]
    assert resumed.turns[-1].text == after.text  # the same follow-up, after a crash before it was said


async def test_a_short_list_of_terms_is_asked_for_one_case_not_quoted_back(catalog: Catalog) -> None:
    """Played (2026-12-06): "Good enough to ship: offline metrics, AUC, precision, recall, calibration, A/B test,
    guardrails, monitoring, stakeholder sign-off." drew "Stakeholder sign-off, got it." and a hypothetical trade-off."""
    from test_round_session import played

    from simulator.interview.follow_up_text import EXPLAIN_LIST, EXPLAIN_LIST_CASE

    listed = ("Good enough to ship: offline metrics, AUC, precision, recall, calibration, A/B test, guardrails, monitoring, "
              "stakeholder sign-off.")
    assert (await played(catalog, "shopify-mle", "hiring-manager", "hm-good-enough-to-ship", listed))[-1].text == EXPLAIN_LIST_CASE
    design = "Retrieval, ranking, re-ranking, caching, A/B test."
    assert (await played(catalog, "shopify-mle", "system-design", "sd-shop-search-ranking", design))[-1].text == EXPLAIN_LIST
    # a design told as a list at length is an answer, followed up as one
    long_list = ("Two stages. Retrieval: BM25 plus ANN embeddings, top 1,000. Rerank: LambdaMART GBDT on CPU. Label: purchase > "
                 "add-to-cart > click > skip. Features: text match, embedding similarity, price, rating, smoothed CTR.")
    assert not terse("", long_list)


async def test_a_later_vague_answer_is_asked_to_unpack_once_and_an_earlier_anchor_is_no_got_it(catalog: Catalog) -> None:
    """Played (2026-12-06): "Monitoring: drift, retrain. Standard." drew "1,000 capacity, got it." (from the answer
    before) and a probe on something else; "Monitoring, the usual things." likewise."""
    from test_round_session import played

    from simulator.interview.follow_up_text import EXPLAIN_VAGUE

    plan = ("I'd keep the 1,000 capacity as a hard cap and rank the queue by expected cost: probability of fraud times $150 "
            "against $7.50 for review, and review the top 1,000 each day.")
    turns = await played(catalog, "shopify-mle", "ml-modeling", "ml-review-capacity-threshold", plan,
                         "Monitoring: drift, retrain. Standard.", "Monitoring, the usual things.")
    follow_ups = [t.text for t in turns if t.kind is TurnKind.FOLLOW_UP]
    assert follow_ups[1].endswith(EXPLAIN_VAGUE[1:]) and "drift, retrain" in follow_ups[1], follow_ups
    assert not follow_ups[2].endswith(EXPLAIN_VAGUE[1:]), follow_ups  # once on a question
    assert all("got it" not in text or text.startswith("The top 1,000") for text in follow_ups), follow_ups


STORY_SKU = ("ok so at my last company i was an MLE on the search team but the PM owned the roadmap, and i noticed from support "
             "tickets that merchants kept complaining they couldn't find their own products by SKU. so i pulled the query logs, "
             "showed that like twelve percent of queries were SKU-like and had a forty percent zero-result rate, and i built a "
             "small prototype over a weekend that routed SKU-like queries to exact match.")


@pytest.mark.parametrize(("said", "claim"), [
    ("We shipped it and it worked really well, everyone was happy.", "it worked really well"),
    ("We just kind of did it, it was fine.", "it was fine"),
])
async def test_a_result_claimed_in_words_alone_is_asked_for_what_changed(catalog: Catalog, said: str, claim: str) -> None:
    """Played blind (2026-12-06): "We shipped it and it worked really well, everyone was happy." drew a question on what
    the other side wanted, which the story had told; a real interviewer asks what "worked really well" means."""
    from test_round_session import played

    from simulator.interview.follow_up_text import EXPLAIN_CLAIM

    turns = await played(catalog, "shopify-mle", "behavioral", "bh-influence-without-roadmap", STORY_SKU, said)
    assert turns[-1].kind is TurnKind.FOLLOW_UP
    assert turns[-1].text == f'You said "{claim}": {EXPLAIN_CLAIM[0].lower()}{EXPLAIN_CLAIM[1:]}', turns[-1].text


@pytest.mark.parametrize("said", ["It worked well: zero-result searches fell from 40% to 6%.",  # a figure: nothing to ask
                                  "It went well because the PM saw the query logs herself and agreed."])  # a reason
def test_a_claim_with_a_figure_or_a_reason_is_no_vague_answer(said: str) -> None:
    assert not terse("Tell me about a time you influenced a roadmap.", said, first=False)

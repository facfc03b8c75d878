"""A wrong given the candidate assumes is corrected from the scenario's facts, and the turn still counts as an answer."""

from __future__ import annotations

import pytest
import yaml

from simulator.catalog import Catalog, load_catalog
from simulator.config import PROJECT_ROOT
from simulator.engine.turns import TurnKind
from simulator.interview.assumptions import CORRECTION, checked, contradicted
from simulator.interview.clarify import read_turn

from test_round_session import answer, round_on


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


def _question(catalog: Catalog, loop: str, round_id: str, question_id: str):  # noqa: ANN202 - a catalog Question
    return next(q for q in catalog.loop(loop).round(round_id).questions if q.id == question_id)


@pytest.mark.parametrize(("said", "topics"), [
    ("I'll assume about 1,000 requests a second at peak and a 500 ms latency budget. Then two-tower retrieval.",
     ["scale", "latency"]),
    ("so um assuming like a thousand requests per second i would start with retrieval", ["scale"]),
    ("Let's say 5k QPS; I'd cache the candidates per shop.", ["scale"]),
    ("Assuming 20k QPS and 120 ms, I'd go with a two-tower model.", []),  # near enough: an estimate, not a mistake
    ("I'll assume the traffic is high. Then a two-tower model.", []),  # no figure to compare
    ("Last year our recommender served 1,000 requests a second.", []),  # told, not assumed
])
def test_an_assumed_figure_far_from_the_fact_in_the_same_unit_is_contradicted(catalog: Catalog, said: str,
                                                                               topics: list[str]) -> None:
    question = _question(catalog, "shopify-mle", "system-design", "sd-storefront-recs")
    assert [f.topic for f in contradicted(said, question)] == topics


@pytest.mark.parametrize(("said", "topics"), [
    # played (2026-12-06): a node's price against the fleet's budget drew "Let me correct that."
    ("okay so i'll just assume a sixteen core node is about five hundred dollars a month, so sixty thousand buys like a "
     "hundred and twenty nodes", []),
    ("I'll assume the fleet budget is about five hundred dollars a month.", ["budget"]),
])
def test_money_said_for_one_thing_is_compared_only_with_a_fact_pricing_it(catalog: Catalog, said: str, topics: list[str]) -> None:
    question = _question(catalog, "shopify-mle", "system-design", "sd-realtime-fraud-e2e")
    assert [f.topic for f in contradicted(said, question)] == topics


async def test_the_interviewer_corrects_a_wrong_given_and_the_turn_counts_as_the_answer(catalog: Catalog) -> None:
    """Played (2026-12-03): givens assumed against the facts were built on and never corrected; a real interviewer
    says the given at once, then follows up on the answer as it stands."""
    session, clock = round_on(catalog, "shopify-mle", "system-design", "sd-storefront-recs", [])
    [e async for e in session.open()]
    await answer(session, clock, "I'll assume about 1,000 requests a second at peak. Then I'd start with two-tower "
                                 "retrieval into an approximate nearest neighbour index and a gradient-boosted ranker.")
    reply, follow_up = session.turns[-2], session.turns[-1]
    assert reply.kind is TurnKind.CLARIFICATION and reply.text.startswith(CORRECTION) and "50,000" in reply.text, reply
    assert follow_up.kind is TurnKind.FOLLOW_UP, follow_up
    assert "per second" not in follow_up.text and "traffic" not in follow_up.text, follow_up.text  # the scale was told


@pytest.mark.parametrize(("said", "opens"), [
    ("I'll assume the average order is about one hundred dollars and merchants keep around forty percent of that as "
     "margin, is that right? Then I'd size it like this.", "Not quite."),
    ("I'll assume the average order is about $85, is that right? Then I'd size it.", "That's right."),
])
async def test_a_figure_put_to_the_interviewer_is_said_right_or_not(catalog: Catalog, said: str, opens: str) -> None:
    """Played (2026-12-03): "Sure. Average order value is about $85" confirmed an assumed $100."""
    session, clock = round_on(catalog, "shopify-mle", "case-study", "cs-shop-pay-false-positives", [])
    [e async for e in session.open()]
    await answer(session, clock, said)
    reply = next(t for t in session.turns if t.kind is TurnKind.CLARIFICATION)
    assert reply.text.startswith(opens) and "$85" in reply.text, reply.text


@pytest.mark.parametrize(("said", "opens", "told"), [
    ("I'd assume we have around 5k orders per second. Is that roughly right?", "Not quite.", "3,500 checkouts a second"),
    ("I'll assume 20k checkouts a second at peak, right?", "That's right.", "3,500 checkouts a second"),
    ("Okay. I'll assume we need to answer within 50 ms. Is that fair?", "Not quite.", "200 ms p99"),
])  # fmt: skip
async def test_a_figure_checked_in_a_sentence_of_its_own_is_put_to_the_fact_in_its_unit(catalog: Catalog, said: str,
                                                                                     opens: str, told: str) -> None:
    """Played (2026-12-05): "5k orders per second. Is that roughly right?" got the reviewers' "5,000 orders a day"
    (the same figure, another unit) and no verdict (the figure was in the sentence before the question); "50 ms, is
    that fair?" got the two facts that state 200 ms and no verdict (two facts state milliseconds)."""
    session, clock = round_on(catalog, "shopify-mle", "system-design", "sd-checkout-risk-scoring", [])
    [e async for e in session.open()]
    await answer(session, clock, said)
    reply = next(t for t in session.turns if t.kind is TurnKind.CLARIFICATION)
    assert reply.text.startswith(opens) and told in reply.text, reply.text
    assert "orders a day" not in reply.text, reply.text


def test_assumptions_of_non_numeric_givens_written_blind_are_never_corrected_wrongly(catalog: Catalog) -> None:
    """A correction interrupts the candidate to say they are wrong: it must not come where they are right. Said inside
    an answer, only figures are compared: of the 35 non-numeric givens the set's turns get wrong ("I'll assume the
    timestamps come sorted" against "unsorted"), none is corrected yet (README); a word said with the opposite
    polarity in a fact caught 21 of them but corrected 22 of the 55 turns that were right or about something else,
    and the reading of assumptions put to the interviewer (test_assumption_words.py) 10 of 35 and 14 of 55 here."""
    import yaml

    cases = yaml.safe_load((PROJECT_ROOT / "tests" / "data" / "assumptions_blind.yaml").read_text(encoding="utf-8"))
    wrongly = [c["id"] for c in cases if c["label"] != "contradicts"
               and contradicted(c["turn"], _question(catalog, c["loop"], c["round"], c["question"]))]
    assert len(cases) == 90 and wrongly == []


@pytest.mark.parametrize(("said", "verdict"), [
    ("I'll assume users are the randomisation unit, not sessions, and the test ran for two weeks with about 50,000 users "
     "per arm. Is that right?", "Not quite."),
    ("So roughly 800k users per arm, right?", "That's right."),
])  # fmt: skip
def test_a_figure_without_a_unit_is_checked_against_the_fact_counting_the_same_thing(catalog: Catalog, said: str, verdict: str) -> None:
    """Written blind (2026-12-05): "about 50,000 users per arm. Is that right?" got only the randomisation fact, and no
    verdict on the 800,000 users per arm the scenario holds."""
    from simulator.interview.assumptions import checked
    from simulator.interview.clarify import read_turn

    read = read_turn(said, _question(catalog, "canva-mle", "ml-modeling", "ml-ab-caption-clustering"))
    assert read is not None and "800,000 users per arm" in read.reply and checked(read) == verdict, read


@pytest.mark.parametrize(("loop", "round_id", "question_id", "said", "opens", "told"), [
    ("canva-mle", "ml-modeling", "ml-content-safety-imbalance",
     "So roughly 3,000 harmful designs a day out of 30 million, is that right?", "That's right.", "30 million designs a day"),
    ("canva-mle", "ml-modeling", "ml-content-safety-imbalance",
     "So about 3 million designs a day are screened, right?", "Not quite.", "30 million designs a day"),
    ("shopify-mle", "case-study", "cs-first-sale",
     "So about 40% of new stores make a first sale within 90 days today, right?", "That's right.", "about 40% today"),
    ("shopify-mle", "case-study", "cs-first-sale", "So only 20% of new stores make a sale, right?", "Not quite.", "60% make no sale"),
    # the share and the "30 days" beside it are two figures, each read in its own unit
    ("shopify-mle", "case-study", "cs-ai-storefronts",
     "I'll assume about 30% of new merchants make a first sale within 30 days today, is that right?", "Not quite.", "25%"),
    ("shopify-mle", "case-study", "cs-ai-storefronts",
     "I'll assume about 25% of new merchants make a first sale within 30 days today, is that right?", "That's right.", "25%"),
    # money is money whatever else the fact's stretch counts ("$100,000 a month at 50,000 views a second")
    ("shopify-mle", "system-design", "sd-storefront-recs",
     "I'd assume the serving budget is around a million dollars a month, yeah?", "Not quite.", "$100,000 a month"),
    # a share under 10% is a figure all the same, put to the fact told for it
    ("shopify-mle", "case-study", "cs-shop-pay-false-positives",
     "I'll assume fraud is around 1% of transactions, correct?", "Not quite.", "about 0.1% of transactions"),
    ("shopify-mle", "case-study", "cs-shop-pay-false-positives", "fraud is about 0.1% right", "That's right.", "0.1%"),
    # a stretch of time is one unit whatever it is counted in
    ("canva-mle", "system-design", "sd-batch-streaming-features",
     "so usage can be 30 seconds stale, right?", "Not quite.", "about 5 minutes stale"),
    ("canva-mle", "system-design", "sd-batch-streaming-features",
     "I'll assume features can be up to 5 minutes stale, right?", "That's right.", "about 5 minutes stale"),
])  # fmt: skip
async def test_a_figure_worked_out_from_the_facts_or_said_as_a_share_is_checked_as_such(
        catalog: Catalog, loop: str, round_id: str, question_id: str, said: str, opens: str, told: str) -> None:
    """Played (2026-12-05): "3,000 harmful designs a day out of 30 million, is that right?" (1 in 10,000 of the 30
    million screened) heard "Not quite." for its 3,000; "30% ... within 30 days, is that right?" heard "That's right."
    against "today about 25% do", and "around a million dollars a month, yeah?" "Sure." against $100,000; "about 40% make a first sale, right?" heard "Not quite." and
    "60% make no sale" (40% was read as the "40 visits" of another fact, so the fact stating it was not told); "fraud is
    around 1% of transactions, correct?" got "Fair question. Fraud is about 0.1%..." (a share under 10 was no figure),
    and "30 seconds" put beside "5 minutes stale" no verdict."""
    session, clock = round_on(catalog, loop, round_id, question_id, [])
    [e async for e in session.open()]
    await answer(session, clock, said)
    reply = next(t for t in session.turns if t.kind is TurnKind.CLARIFICATION)
    assert reply.text.startswith(opens) and told in reply.text, reply.text


def test_an_either_or_question_gets_no_yes_or_no(catalog: Catalog) -> None:
    """Played (2026-12-05): "Is 200 ms p99 the budget for the whole checkout or just for scoring?" got "That's right."."""
    question = _question(catalog, "shopify-mle", "system-design", "sd-realtime-fraud-e2e")
    read = read_turn("Is 200 ms p99 the budget for the whole checkout or just for scoring?", question, glossary=catalog.glossary)
    assert read is not None and "200 ms p99" in read.reply and checked(read) is None, read
    read = read_turn("So 50 ms p99 for the decision, right?", question, glossary=catalog.glossary)
    assert read is not None and checked(read) == "Not quite."


async def test_an_assumption_the_facts_do_not_settle_gets_the_facts_without_praise(catalog: Catalog) -> None:
    """Played (2026-12-05): "I'll assume the frame-level annotations are human-labelled ground truth, right?" got "Good
    question. Frame masks come from the current segmentation model...": the facts say otherwise in words no rule here
    reads as a denial, and praising the guess told the candidate it was sound."""
    session, clock = round_on(catalog, "canva-mle", "ml-modeling", "ml-training-dataset-leakage", [])
    [e async for e in session.open()]
    await answer(session, clock, "I'll assume the frame-level annotations are human-labelled ground truth, right?")
    reply = next(t for t in session.turns if t.kind is TurnKind.CLARIFICATION)
    assert reply.text.startswith("Here's what we have: ") and "segmentation model" in reply.text, reply.text

"""A candidate still asking after the interviewer's reply: a bare list of topics asks for more of the same.

Played (2026-12-06, Shopify system design): "Scale? QPS and catalog size." was answered; "Latency budget. And
compute." was then followed up as an answer ("what's the reasoning behind that...?"), though the facts hold both.
"""

from __future__ import annotations

import pytest
from test_round_session import answer, played, round_on

from simulator.catalog import Catalog, load_catalog
from simulator.config import PROJECT_ROOT
from simulator.engine.turns import Turn, TurnKind
from simulator.interview.clarify import read_turn

SEARCH = ("shopify-mle", "system-design", "sd-shop-search-ranking")
ASKED = "Scale? QPS and catalog size."
MORE = "Latency budget. And compute."


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


async def test_topics_listed_after_a_reply_get_their_facts(catalog: Catalog) -> None:
    turns = await played(catalog, *SEARCH, ASKED, MORE)
    reply = turns[-1]
    assert reply.kind is TurnKind.CLARIFICATION, reply
    assert "200 ms p95" in reply.text and "100 CPU nodes" in reply.text, reply.text


async def test_a_resumed_round_reads_the_list_as_the_live_one_did(catalog: Catalog) -> None:
    """Replayed, each turn is read against the turns before it: the crash came after the list, before the reply."""
    full: list[Turn] = []
    session, clock = round_on(catalog, *SEARCH, full)
    [e async for e in session.open()]
    for said in (ASKED, MORE):
        await answer(session, clock, said)
    prefix = full[:-1]
    resumed_store = list(prefix)
    resumed, _ = round_on(catalog, *SEARCH, resumed_store)
    [e async for e in resumed.restore(prefix)]
    assert resumed_store[-1].kind is TurnKind.CLARIFICATION and resumed_store[-1].text == full[-1].text


def test_the_same_words_answering_a_question_are_an_answer(catalog: Catalog) -> None:
    """After a question ("What would you watch first?"), "Latency. And cost." names what the candidate would watch."""
    question = next(q for q in catalog.loop("shopify-mle").round("system-design").questions if q.id == SEARCH[2])
    assert read_turn("Latency. And cost.", question, last_asked="What would you watch first?") is None
    assert read_turn("Latency. And cost.", question, last_asked="What would you watch first?", asking_time=True) is not None
    # A plan in a few words is not a list of topics, even after a reply.
    assert read_turn("Two stages. Retrieval, then rerank.", question, asking_time=True) is None


async def test_topics_listed_as_the_first_words_on_a_design_get_their_facts(catalog: Catalog) -> None:
    """Played (2026-12-06, a fourth helper): "Latency budget. And team size." as the first turn on a design drew "what's
    the reasoning behind that"; "team size" is the team, not the scale."""
    reply = (await played(catalog, "shopify-mle", "system-design", "sd-checkout-risk-scoring", "Latency budget. And team size."))[-1]
    assert reply.kind is TurnKind.CLARIFICATION and "200 ms p99" in reply.text and "Four MLEs" in reply.text, reply.text
    assert "Black Friday" not in reply.text  # the traffic was not asked
    story = await played(catalog, "shopify-mle", "hiring-manager", "hm-good-enough-to-ship", "Latency. And cost.")
    assert story[-1].kind is not TurnKind.CLARIFICATION  # a question that sets no problem: the words answer it


async def test_a_serving_budget_is_money_not_the_platform(catalog: Catalog) -> None:
    """Played (2026-12-06): "Serving budget. And team size." was answered with the stack and the platform besides."""
    reply = (await played(catalog, "canva-em-recsys", "recsys-system-design", "sd-template-recs", "Serving budget. And team size."))[-1]
    assert reply.kind is TurnKind.CLARIFICATION and "$80,000 a month" in reply.text and "Six MLEs" in reply.text, reply.text
    assert "Terraform" not in reply.text, reply.text

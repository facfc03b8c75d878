"""A follow-up quoting a scenario figure the candidate was never told says the fact first (interview/fact_context.py)."""

from __future__ import annotations

import pytest
from test_round_session import played

from simulator.catalog import Catalog, load_catalog
from simulator.config import PROJECT_ROOT
from simulator.engine.turns import TurnKind
from simulator.interview.anchor_words import gerund
from simulator.interview.fact_context import GIVEN, told_first, untold
from simulator.interview.verb_phrase import done_to

CACHE_ASK = "What hit rate would it need for serving to fit the $150,000 a month budget at peak?"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


def _question(catalog: Catalog, loop: str, round_id: str, question_id: str):  # type: ignore[no-untyped-def]
    return next(q for q in catalog.loop(loop).round(round_id).questions if q.id == question_id)


def test_an_untold_figure_is_given_first_with_its_fact(catalog: Catalog) -> None:
    question = _question(catalog, "canva-em-recsys", "recsys-system-design", "sd-magic-recommendations")
    details = untold(question, CACHE_ASK, [question.text])
    assert list(details) == ["Serving has about $150,000 a month at 30,000 requests a second, so a GPU model on every "
                             "edit won't fit."]
    said = told_first(list(details), CACHE_ASK)
    assert said.startswith(GIVEN[0] + "Serving has about $150,000") and said.endswith(CACHE_ASK)


@pytest.mark.parametrize("earlier", [
    "Good question. Serving has about $150,000 a month at 30,000 requests a second.",  # told in a clarification
    "with about 150k dollars a month for serving i'd cache per design",  # said by the candidate, as speech writes it
])  # fmt: skip
def test_a_figure_already_said_in_the_round_needs_no_detail(catalog: Catalog, earlier: str) -> None:
    question = _question(catalog, "canva-em-recsys", "recsys-system-design", "sd-magic-recommendations")
    assert untold(question, CACHE_ASK, [question.text, earlier]) == {}


def test_money_is_matched_with_money_and_a_coincidence_with_nothing(catalog: Catalog) -> None:
    fonts = _question(catalog, "canva-em-recsys", "recsys-system-design", "sd-font-recs")
    ask = "What CPU cost per request does the $5,000 a month budget leave at 5,000 menu opens a second?"
    details = untold(fonts, ask, [fonts.text])
    assert {fact.topic for fact in details.values()} >= {"budget", "scale"}, details
    assert untold(fonts, "Which of the top 10 fonts would you show first?", [fonts.text]) == {}  # "10" states nothing here


@pytest.mark.parametrize(("word", "form"), [("cache", "caching"), ("cached", "caching"), ("batches", "batching"),
                                            ("embed", "embedding"), ("logged", "logging"), ("mean", None), ("data", None)])
def test_a_verb_in_any_regular_form_is_said_in_its_ing_form(word: str, form: str | None) -> None:
    assert gerund(word) == form


def test_a_verb_a_trigger_matched_is_named_with_what_it_acted_on() -> None:
    said = "Then cache the results per design so repeated edits are cheap, and cache them again later."
    at = said.index("cache")
    phrase = done_to(said, at, at + 5)
    assert phrase is not None and phrase.spoken == "caching the results per design"
    again = said.rindex("cache")
    assert done_to(said, again, again + 5) is None  # "caching them" names nothing


async def test_a_follow_up_gives_the_budget_it_quotes_once_and_names_the_cache(catalog: Catalog) -> None:
    """Played (2026-12-06): "What hit rate would it need for serving to fit the $150,000 a month budget at peak?" after a
    design that never heard the budget, led by "Request time retrieve 200 candidates, got it."."""
    follow_up = (await played(catalog, "canva-em-recsys", "recsys-system-design", "sd-magic-recommendations", (
        "I'd embed every design and every library asset offline with a two-tower model, store the vectors in an ANN "
        "index, and at request time retrieve 200 candidates, rerank them with a small GBDT on features like recency and "
        "the user's history, and cache the results per design so repeated edits are cheap. We'd canary it on 5% of "
        "traffic and watch click-through and latency.")))[-1]
    assert follow_up.kind is TurnKind.FOLLOW_UP and follow_up.text.startswith(GIVEN[0] + "Serving has about $150,000"), follow_up.text
    assert "caching the results per design" in follow_up.text and "got it" not in follow_up.text, follow_up.text


def test_what_is_said_back_comes_before_the_detail() -> None:
    """Played (2026-12-06): "One detail to add: The carousel's serving budget is... NDCG, got it. At what point...?"."""
    from simulator.interview.fact_context import told_first

    said = told_first(["The budget is $80,000 a month."], "NDCG, got it. At what point would a GPU ranker be worth it?")
    assert said.startswith("NDCG, got it. ") and "$80,000" in said and said.endswith("worth it?"), said


@pytest.mark.parametrize("lead", ["That's fine. ", "Let me come back to what I asked. ",
                                  "That's all right; let's take a smaller piece of it first. "])
def test_what_the_follow_up_says_to_the_answer_comes_before_the_detail(lead: str) -> None:
    """Played (2026-12-06, blind): after "i don't know how i'd design the experiment honestly", "One detail to add:
    Leadership wants monthly churn down from 2% to 1.8%. That's fine. How much of the goal...?"."""
    said = told_first(["Leadership wants monthly churn down from 2% to 1.8%."], lead + "How much of the goal can 2,000 deliver?")
    assert said == lead + GIVEN[0] + "Leadership wants monthly churn down from 2% to 1.8%. How much of the goal can 2,000 deliver?"

"""What a candidate tells without asking, and a candidate stopping for the day (interview/news.py, moving_on.py).

Played blind (2026-12-07, /tmp/h14): "Two other loops. Offer expected in three weeks." drew the recruiter's next
product question as if nothing had been said, and "yeah i think thats all i have for today" drew "Sure, let's move on."
and a question the candidate had already answered. The turns below are written for these tests in other words than the
played ones, with guards: the same news in a round whose interviewer does not react to it, a story that mentions an
offer or a deadline, and "that's all I have" said of the question, not the day."""

from __future__ import annotations

import re

import pytest
from test_round_session import answer, played, round_on

from simulator.catalog import Catalog, load_catalog
from simulator.catalog.loader import CatalogError
from simulator.config import PROJECT_ROOT
from simulator.engine.turns import Speaker, TurnKind
from simulator.interview.moving_on import MOVING_ON, STOPPING, ends_the_session


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


def offers_text(catalog: Catalog, loop_id: str) -> str:
    entry = next(e for e in catalog.loop(loop_id).about if e.said)
    assert entry.text
    return entry.text


NEWS = [
    "Just so you know, I'm holding an offer from a bank that expires in ten days.",
    "Three other processes going on. One offer should land next week.",
    "i'm in final rounds with two companies and i need to decide by the end of the month",
]


@pytest.mark.parametrize(("loop_id", "question_id"), [("shopify-mle", "rs-background-interest"), ("canva-mle", "rs-why-canva")])
@pytest.mark.parametrize("news", NEWS)
async def test_a_recruiter_reacts_to_a_competing_offer_told_without_a_question(catalog: Catalog, loop_id: str, question_id: str,
                                                                             news: str) -> None:
    turns = await played(catalog, loop_id, "recruiter-screen", question_id, news)
    at = max(i for i, t in enumerate(turns) if t.speaker is Speaker.CANDIDATE)
    reply = turns[at + 1]
    assert reply.kind is TurnKind.CLARIFICATION and reply.text == offers_text(catalog, loop_id)
    # the turn is an answer all the same: the round goes on at once, it does not wait on the candidate
    assert len(turns) > at + 2 and turns[at + 2].kind in (TurnKind.FOLLOW_UP, TurnKind.QUESTION), [t.text for t in turns[at:]]


async def test_a_hiring_manager_hears_it_as_part_of_the_answer(catalog: Catalog) -> None:
    turns = await played(catalog, "canva-mle", "hiring-manager", "hm-prototype-to-production", NEWS[0])
    assert offers_text(catalog, "canva-mle") not in [t.text for t in turns]


@pytest.mark.parametrize(
    "story",
    [
        "I got an offer to lead the ranking team last year and turned it down to stay hands-on.",
        "The deadline for the launch was tight, so I cut the reranker and shipped the two-tower model alone.",
        "We had to decide by Friday whether to ship, so I ran the holdout over the weekend.",
        "Our offer page converted at two percent, and I moved it to four with a ranking change.",
        "I turned down two other offers to join my current company in 2019, because it let me own a model end to end.",
    ],
)
def test_a_story_that_mentions_an_offer_or_a_deadline_is_no_news(catalog: Catalog, story: str) -> None:
    for loop_id in ("canva-mle", "shopify-mle"):
        for entry in catalog.loop(loop_id).about:
            assert not any(re.search(p, story, re.IGNORECASE) for p in entry.said), (loop_id, entry.topic, story)


def test_a_said_pattern_that_does_not_compile_names_the_file_and_field(tmp_path) -> None:
    rubrics = tmp_path / "rubrics"
    rubrics.mkdir()
    for f in (PROJECT_ROOT / "rubrics").glob("*.yaml"):
        text = f.read_text()
        if f.name == "canva-mle.yaml":
            text = re.sub(r"(\n    said: \[)'", r"\1'(unclosed', '", text, count=1)
        (rubrics / f.name).write_text(text)
    with pytest.raises(CatalogError) as caught:
        load_catalog(rubrics, PROJECT_ROOT / "personas")
    assert "canva-mle.yaml" in str(caught.value) and "said" in str(caught.value)


@pytest.mark.parametrize(
    "text",
    [
        "yeah i think thats all i have for today",
        "Okay, that's about it from me for today, thanks.",
        "Honestly I'm done for the day. Can we stop the interview here?",
        "I'd like to end the session now.",
        "Sorry, something came up at home, I have to go now",
    ],
)
def test_stopping_for_the_day_is_read(text: str) -> None:
    assert ends_the_session(text)


@pytest.mark.parametrize(
    "text",
    [
        "That's all I have on this one.",
        "Can we stop here? I think I've said what I know.",
        "We shipped it that day and I was done for the day by six, so the on-call took the rollback.",
        "I think that's all for today's agenda in my old team's standup, we kept it short.",
    ],
)
def test_leaving_the_question_is_not_stopping(text: str) -> None:
    assert not ends_the_session(text)


async def test_stopping_for_the_day_closes_the_round_and_keeps_what_was_said(catalog: Catalog) -> None:
    stored: list = []
    session, clock = round_on(catalog, "canva-mle", "behavioral", "bh-feedback", stored)
    [e async for e in session.open()]
    story = ("My manager told me my design docs were too long for the partner teams to read, so I started writing a "
             "one-page summary on top; reviews came back in two days instead of two weeks. Anyway, that's all I have for today.")
    await answer(session, clock, story)
    assert session.closed
    assert [(t.kind, t.source) for t in session.turns[-3:]] == [(TurnKind.ANSWER, "candidate"), (TurnKind.NOTICE, "stopping"),
                                                                 (TurnKind.NOTICE, "closing")]
    assert session.turns[-2].text == STOPPING and session.turns[-3].text == story  # the answer is kept as said

    # resumed after a crash between the two lines: the closing comes, nothing is said twice
    resumed_store = list(stored[:-1])
    resumed, _ = round_on(catalog, "canva-mle", "behavioral", "bh-feedback", resumed_store)
    [e async for e in resumed.restore(list(resumed_store))]
    assert [t.text for t in resumed_store] == [t.text for t in stored] and resumed.closed


async def test_leaving_the_question_still_moves_on(catalog: Catalog) -> None:
    story = ("My tech lead said my estimates kept slipping, so I started breaking work into two-day tickets and "
             "logging each one; my next three projects landed within a week of the plan.")
    turns = await played(catalog, "canva-mle", "behavioral", "bh-feedback", story, "That's all I have on this one.")
    assert MOVING_ON in [t.text for t in turns] and STOPPING not in [t.text for t in turns]

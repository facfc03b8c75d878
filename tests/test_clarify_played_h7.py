"""Turns a blind player's eighteen rounds (2026-12-06, the second player) showed read wrong by the clarification reader,
on the real rubrics."""

from __future__ import annotations

import pytest
from test_round_session import played

from simulator.catalog import Catalog, load_catalog
from simulator.catalog.models import Question
from simulator.config import PROJECT_ROOT
from simulator.engine.turns import TurnKind
from simulator.interview.assumptions import NO, NOT_QUITE, THAT_IS_RIGHT, WHAT_WE_HAVE, opener
from simulator.interview.clarify import read_turn


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


def _question(catalog: Catalog, question_id: str) -> Question:
    return next(q for loop in catalog.loops.values() for r in loop.rounds for q in r.questions if q.id == question_id)


def test_explain_that_after_a_term_asks_for_the_term_not_the_question_again(catalog: Catalog) -> None:
    """ "What do you mean by point-in-time correct, exactly? Can you explain that?" drew the last follow-up put another
    way, then the term's explanation after it; "Can you repeat the question? And what does ... mean?" still asks both."""
    question = _question(catalog, "sd-batch-streaming-features")
    read = read_turn("What do you mean by point-in-time correct, exactly? Can you explain that?", question,
                     glossary=catalog.glossary)
    assert read is not None and read.reply.startswith("Good question. Point-in-time correct training data uses"), read.reply
    both = read_turn("Can you repeat the question? And what does point-in-time correct mean?", question,
                     glossary=catalog.glossary)
    assert both is not None and both.reply.startswith("Sure, again:") and "Point-in-time correct" in both.reply


@pytest.mark.parametrize(("question_id", "turn", "opens"), [
    ("sd-latency-spike-triage", "Can I pull a few of the affected users' videos to reproduce the spike locally?", NO),
    # the fact refuses the conversations, not seeing the orders they lead to: longer than a request is read
    ("cs-ai-conversations", "Can we even see when a conversation leads to a purchase, like a referral parameter or a "
                            "checkout handoff?", WHAT_WE_HAVE),
    ("cs-first-sale", "Can we use the buyers' browsing data from other stores to personalise the advice?", WHAT_WE_HAVE),
    ("cs-first-sale", "Can I ask how many new stores start a day?", None),  # asks leave to ask: a plain question
])
def test_a_request_the_facts_refuse_is_told_no(catalog: Catalog, question_id: str, turn: str, opens: str | None) -> None:
    """ "Can I pull a few of the affected users' videos...?" drew "Sure. ...you can't pull users' videos to reproduce
    it"; a request the facts neither grant nor refuse hears them without "Sure."."""
    read = read_turn(turn, _question(catalog, question_id), glossary=catalog.glossary)
    assert read is not None and opener(read) == opens, read


@pytest.mark.parametrize("asked", ["What's the interview process from here, how many rounds?", "Is this the last round?"])
async def test_the_rounds_of_the_loop_are_named_from_the_loop(catalog: Catalog, asked: str) -> None:
    """ "What's the interview process from here, how many rounds?" drew "I'll make sure you get the details in writing";
    the loop's YAML says which rounds come next, and the last round says it is the last."""
    loop = catalog.loop("canva-em-recsys")
    turns = await played(catalog, loop.id, "recruiter-screen", loop.round("recruiter-screen").questions[0].id, asked)
    after = [r.title for r in loop.rounds[1:]]
    assert turns[-1].kind is TurnKind.CLARIFICATION and turns[-1].text == (
        f"This is round 1 of {len(loop.rounds)}; after it come {', '.join(after[:-1])} and {after[-1]}.")
    last = loop.rounds[-1]
    turns = await played(catalog, loop.id, last.id, last.questions[0].id, asked)
    assert turns[-1].kind is TurnKind.CLARIFICATION and turns[-1].text == f"This is the last of the loop's {len(loop.rounds)} rounds."


@pytest.mark.parametrize(("question_id", "turn", "opens"), [
    # the facts give 170 ms to the graph fetch and 30 ms to the forward pass
    ("sd-ato-latency", "So the forward pass is the bulk of it, around 170 ms, right? Then I'd quantise the model first.",
     NOT_QUITE),
    ("sd-ato-latency", "So the graph fetch is the bulk of it, around 170 ms, right?", THAT_IS_RIGHT),
])
def test_a_figure_the_facts_give_to_another_thing_is_not_confirmed(catalog: Catalog, question_id: str, turn: str,
                                                                  opens: str) -> None:
    """Played blind (2026-12-07, the third player): "the forward pass is the bulk of it, around 170 ms, right?" was told
    "That's right." before the trace that gives 170 ms to the graph fetch and 30 ms to the forward pass."""
    read = read_turn(turn, _question(catalog, question_id), glossary=catalog.glossary)
    assert read is not None and opener(read) == opens, read

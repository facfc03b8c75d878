"""Sums with shares the seventh blind player (2026-12-07, `/tmp/h14`) worked out wrong aloud and heard nothing about:
a share of a count, a change said as a share, a share said as one in so many, a cost per many said per one. Each
played line fails on main 976db69; the right sums beside them guard against checking what is right."""

from __future__ import annotations

import pytest
from test_clarify_played_h8 import catalog  # noqa: F401 - the module-scoped catalog fixture
from test_round_session import played

from simulator.catalog import Catalog
from simulator.engine.turns import Speaker, TurnKind
from simulator.interview.arithmetic import slips
from simulator.interview.assumptions import CHECK

PLAYED = [
    # r24 t5: "got it" to a 25% drop said as 35%
    ("yeah and the classifier then cut average handling time from six minutes to four and a half which is like a thirty "
     "five percent drop", "from 6 to 4.5 is about 25%, not 35%."),
    # r24 t3: the figure that won legal over, ten times off
    ("i built a small eval showing the redactor caught ninety nine point five percent of emails and phone numbers on a "
     "sample of two thousand chats so only about one in two thousand would slip through",
     "99.5% leaves 0.5%, about 1 in 200, not 1 in 2,000."),
    # r17 t7 and r17 t5: ten and a hundred times off, in a case study on cost
    ("The 35 percent with under 20 words first. So that's 35 percent of 40 million, about 1.4 million products a month.",
     "35% of 40 million is about 14 million, not 1.4 million."),
    ("At 1 dollar per million tokens that's 200 dollars per million descriptions, so basically 2 cents per description.",
     "$200 per million descriptions is about $0.0002 each, not 2 cents."),
    # r04 t8: a bare rate said again as requests a second
    ("Okay so with 2 million per day, it is around 2000 request per second.", "2 million a day is about 23 a second, not 2,000."),
]

RIGHT = [
    "Recall went from sixty one to seventy four percent, a thirteen percent lift.",  # points said as a share
    "Recall went from 61 to 74%, a 21% relative lift.",
    "p95 went from 200 ms to 150 ms, a 25% drop.",
    "About 95% of traffic is cached, so one in 20 requests reaches the model.",
    "That's 10% of 2 million, about 200,000 orders a day.",
    "At $2 per thousand images, that is $0.002 per image.",
    "With 2 million requests a day, that's about 23 requests per second.",
    "10,000 merchants a day, so about 500 orders a second.",  # two different things: no sum of one from the other
]


@pytest.mark.parametrize(("turn", "line"), PLAYED)
def test_a_share_worked_out_wrong_is_checked(turn: str, line: str) -> None:
    assert slips(turn) == [line]


@pytest.mark.parametrize("turn", RIGHT)
def test_a_share_worked_out_right_is_left_alone(turn: str) -> None:
    assert slips(turn) == []


async def test_the_check_is_said_in_the_round_and_the_answer_counts(catalog: Catalog) -> None:  # noqa: F811
    """In a behavioral round, r24 t5 heard "Average handling time, got it." and its next probe; now the check comes
    first, and the probe after it."""
    turns = await played(catalog, "shopify-mle", "behavioral", "bh-cross-functional",
                         "yeah and the classifier then cut average handling time from six minutes to four and a half "
                         "which is like a thirty five percent drop")
    check, probe = [t for t in turns if t.speaker is Speaker.INTERVIEWER][-2:]
    assert check.kind is TurnKind.CLARIFICATION and check.text == f"{CHECK}from 6 to 4.5 is about 25%, not 35%.", check.text
    assert probe.kind is TurnKind.FOLLOW_UP

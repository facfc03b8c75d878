"""An answer that ends by checking in ("...Is that what you wanted?") gets a few words back before the next turn
(interview/check_ins.py). Played blind (2026-12-07, /tmp/h14): four such answers drew the next follow-up as if nothing
had been asked, or "That's your call — state your assumption and go on.". The answers below are written for these tests
in other words than the played ones, and the last ones are guards: a check-in mid-answer, one that checks an
assumption, one that is the whole turn."""

from __future__ import annotations

import pytest
from test_round_session import played

from simulator.catalog import Catalog, load_catalog
from simulator.config import PROJECT_ROOT
from simulator.engine.plan import Plan
from simulator.engine.turns import TurnKind
from simulator.interview.check_ins import DETAIL, ENOUGH, FOLLOWED, WANTED, check_in_line


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


FOLLOW_UP = Plan(action="follow_up", reason="test")
NEXT = Plan(action="next_question", reason="test")
WRAP_UP = Plan(action="wrap_up", reason="test")
STORY = ("I owned the ranking model for the template search, rewrote the candidate generation as a two-tower model and ran "
         "the A/B test myself; saves went up four percent over two weeks")


@pytest.mark.parametrize(
    ("ending", "plan", "line"),
    [
        ("Is that what you were looking for?", FOLLOW_UP, WANTED),
        ("does that answer your question", NEXT, WANTED),
        ("Is that the sort of story you had in mind?", FOLLOW_UP, WANTED),
        ("Does that make sense?", FOLLOW_UP, FOLLOWED),
        ("Am I on the right track?", NEXT, FOLLOWED),
        ("Is that enough detail, or should I go deeper on the serving side?", FOLLOW_UP, DETAIL),
        ("Is this too high-level?", NEXT, DETAIL),
        ("Is this the depth you want?", FOLLOW_UP, DETAIL),
        ("Should I keep going?", FOLLOW_UP, ENOUGH),
        ("Should I keep going?", NEXT, None),  # the next question says it
        ("Is that what you were looking for?", WRAP_UP, None),  # the closing says it
    ],
)
def test_the_line_fits_what_the_check_in_asks(ending: str, plan: Plan, line: str | None) -> None:
    assert check_in_line(f"{STORY}. {ending}", plan) == line


@pytest.mark.parametrize(
    "text",
    [
        "Does that make sense?",  # the whole turn: the clarification reader's "Yes, please go on."
        f"{STORY}. Does that make sense so far? Then for the rollout I would start with five percent of users and watch "
        "the save rate and the latency for a week before going wider.",  # mid-answer: the answer goes on after it
        f"{STORY}.",
    ],
)
def test_no_line_where_the_answer_does_not_end_by_checking_in(text: str) -> None:
    assert check_in_line(text, FOLLOW_UP) is None


@pytest.mark.parametrize(
    ("loop_id", "round_id", "question_id", "turn", "line"),
    [
        ("canva-mle", "behavioral", "bh-conflict",
         "A designer and I disagreed on whether to ship auto-cropping before the accessibility review. I set up a call, we "
         "listed the risks together and agreed to ship to five percent with a screen-reader check first. Is that the kind "
         "of example you wanted?", WANTED),
        ("shopify-mle", "system-design", "sd-storefront-recs",
         "I'd precompute candidates per product nightly with a two-tower model, keep them in a key-value store, and rerank "
         "the top two hundred online with a small gradient-boosted model using session features. Does that make sense?",
         FOLLOWED),
        ("canva-mle", "ml-modeling", "ml-noisy-tags",
         "I'd estimate the noise rate per tag from a small relabelled sample, train with a noise-robust loss such as "
         "generalised cross entropy, and drop tags whose agreement stays under sixty percent. Is that deep enough, or do "
         "you want the maths of the loss?", DETAIL),
    ],
)
async def test_a_played_answer_that_checks_in_is_answered_before_the_next_turn(
        catalog: Catalog, loop_id: str, round_id: str, question_id: str, turn: str, line: str) -> None:
    turns = await played(catalog, loop_id, round_id, question_id, turn)
    answer = max(i for i, t in enumerate(turns) if t.kind is TurnKind.ANSWER)
    said = turns[answer + 1:]
    assert [t.kind for t in said[:1]] == [TurnKind.NOTICE] and said[0].text == line, [t.text for t in said]
    assert len(said) == 2 and said[1].kind in (TurnKind.FOLLOW_UP, TurnKind.QUESTION), [t.text for t in said]


async def test_an_assumption_checked_is_answered_not_acknowledged(catalog: Catalog) -> None:
    """"I'll assume..., does that sound right?" puts the assumption to the interviewer: the facts answer it."""
    turns = await played(catalog, "shopify-mle", "system-design", "sd-storefront-recs",
                         "I'll assume around fifty thousand product page views a second at peak, does that sound right?")
    assert turns[-1].kind is TurnKind.CLARIFICATION and FOLLOWED not in turns[-1].text, turns[-1].text


@pytest.mark.parametrize("text", [
    "Here's the code: parent = {}; def find(x): while parent[x] != x: x = parent[x]; return x. Then I group by find. Is "
    "this what you wanted?",
    "I'd sort once and then scan with two pointers, so it's O(n log n) overall and linear after the sort. Does that make sense?",
    "We kept one shared backbone. By the way, how am I doing so far? Is this the depth you want?",
])
def test_no_line_after_code_a_complexity_or_asking_how_it_goes(text: str) -> None:
    """"Yes, that's the kind of thing I'm after." after buggy code reads as "it's right" (replayed h14 r16 t11), and after
    "how am I doing?" was told the feedback comes in the report, it would be a verdict (h14 r18 t5)."""
    assert check_in_line(text, FOLLOW_UP) is None

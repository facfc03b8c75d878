"""A part of the question no answer addressed is asked for before any rubric probe, once (engine/question_parts.py).

Played (2026-12-05): "How would you train it, choose a threshold and report its performance?" answered without the
threshold drew "what must not get worse?" three times and never "how would you choose the threshold?".
"""

from __future__ import annotations

import pytest
from test_round_session import answer, round_on

from simulator.catalog import Catalog, Criterion, load_catalog
from simulator.catalog.models import Question
from simulator.config import PROJECT_ROOT
from simulator.engine.question_parts import LeftOutParts
from simulator.engine.turns import TurnKind
from simulator.interview.follow_up_text import PART_FURTHER, PART_LEFT_OUT

QUESTION = Question(
    id="q", text="How would you train it, choose a threshold and report its performance?", source="written",
    criteria=["ml_fundamentals", "evaluation"],
    parts=[{"ask": "How would you choose the threshold?", "heard": [r"\bthreshold", r"cut-?off"], "criterion": "ml_fundamentals"},
           {"ask": "How would you report its performance?", "heard": [r"\breport", "precision", "recall"], "criterion": "evaluation"}],
)  # fmt: skip


def _criterion(crit_id: str) -> Criterion:
    return Criterion(id=crit_id, title=crit_id.title(), description="d", levels={1: "a", 2: "b", 3: "c", 4: "d"})


def test_the_first_part_no_answer_addressed_is_asked_once() -> None:
    parts = LeftOutParts()
    said = ["I'd fine-tune a CLIP model with class weights and report precision at the review budget."]
    probe = parts.next_probe(QUESTION, said, _criterion)
    assert probe is not None and probe.kind == "part" and probe.canned == "How would you choose the threshold?"
    assert probe.criterion == "ml_fundamentals"
    assert parts.next_probe(QUESTION, said, _criterion) is None  # asked once; the report part was addressed
    fresh = LeftOutParts()
    assert fresh.next_probe(QUESTION, [*said, "The CUTOFF sits where review capacity runs out."], _criterion) is None


def test_a_part_must_name_one_of_its_questions_criteria() -> None:
    with pytest.raises(ValueError, match="names criterion 'tradeoffs'"):
        Question(id="q", text="t", source="written", criteria=["evaluation"],
                 parts=[{"ask": "How?", "heard": ["x"], "criterion": "tradeoffs"}])
    with pytest.raises(ValueError):
        Question(id="q", text="t", source="written", criteria=["evaluation"],
                 parts=[{"ask": "How? And why?", "heard": ["x"], "criterion": "evaluation"}])  # one question


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


async def test_the_left_out_part_is_the_first_follow_up_in_a_round(catalog: Catalog) -> None:
    session, clock = round_on(catalog, "canva-mle", "ml-modeling", "ml-content-safety-imbalance", [])
    [e async for e in session.open()]
    await answer(session, clock, "I will train a gradient boosted tree on CLIP embedding plus OCR text features, with positive "
                                 "class weight, and for report I give PR-AUC on the random audit set because ROC-AUC looks "
                                 "too good when negatives are so many.")  # fmt: skip
    follow_up = session.turns[-1]
    assert follow_up.kind is TurnKind.FOLLOW_UP, follow_up
    assert follow_up.text.endswith(PART_LEFT_OUT + "how would you choose the classifier's threshold?"), follow_up.text
    assert follow_up.text.startswith("You've covered "), follow_up.text  # what was said, then what was not
    await answer(session, clock, "At the score where the flags fill the review team's 20,000 a day, checked on the audit set.")
    # Asked once; what comes next may go deeper on the threshold ("how would you weigh a harmful design going public
    # against blocking a paying customer's share, when picking the in-line threshold?"), not ask for it again.
    assert PART_LEFT_OUT not in session.turns[-1].text and "choose the classifier's threshold" not in session.turns[-1].text


async def test_a_story_told_as_the_team_is_asked_for_the_candidates_part_before_a_part(catalog: Catalog) -> None:
    """"What made that collaboration hard?" waits: a real interviewer asks what *you* did first (engine/round.py)."""
    session, clock = round_on(catalog, "shopify-mle", "behavioral", "bh-cross-functional", [])
    [e async for e in session.open()]
    await answer(session, clock, "Our team worked with Trust Ops on a review tool for flagged listings. The team built the "
                                 "queue and the model, we shipped it in the spring and the reviewers were happy with it.")  # fmt: skip
    first = session.turns[-1]
    assert first.kind is TurnKind.FOLLOW_UP and PART_LEFT_OUT not in first.text, first.text
    assert first.criterion == "ownership", first
    await answer(session, clock, "I wrote the ranking of the queue myself and chose to put the oldest high-risk listings first.")
    assert PART_LEFT_OUT in session.turns[-1].text, session.turns[-1].text  # then the part left out


@pytest.mark.parametrize(("question", "answer"), [
    ("bh-cross-functional", "The hardest one was putting reason codes into the review tool: ops wanted the model's reasons on "
                            "every held order, legal wanted no model signals shown at all. I met each side, proposed eight "
                            "plain-language categories, legal signed off and ops trained their people on it."),
    ("bh-cross-functional", "marketing wanted to send it to the whole list every week and i wanted to cap it, we went back and "
                            "forth for three weeks so i took it to my director and she went with my version"),
    ("hm-data-problems", "For me data problem is always first question. In chargeback model the labels come 90 days late, so "
                         "newest data look too clean."),
])  # fmt: skip
def test_a_part_said_in_other_words_is_not_asked(catalog: Catalog, question: str, answer: str) -> None:
    """Held-out follow-up cases whose parts were said ("the hardest one", "took it to my director", a late label) drew
    "What made that collaboration hard?" and the like: telling a candidate they skipped what they said is the worse error."""
    loop = catalog.loop("shopify-mle")
    asked = next(q for r in loop.rounds for q in r.questions if q.id == question)
    part_of = LeftOutParts().next_probe(asked, [answer], lambda crit_id: catalog.criterion(loop, crit_id))
    assert part_of is None or part_of.canned not in {"What made that collaboration hard?", "How did you make it work in the end?",
                                                     "Can you tell me about a specific data problem you ran into?"}, part_of


async def test_a_figure_or_a_vague_phrase_is_not_said_to_be_covered(catalog: Catalog) -> None:
    """Played (2026-12-06, blind): "You've covered the usual metrics." and "You've covered 40%." opened the left-out
    part's question: neither is a part of the answer."""
    turns: list = []
    session, clock = round_on(catalog, "shopify-mle", "ml-modeling", "ml-fraud-precision-drop", turns)
    [e async for e in session.open()]
    for said in ("We'd look at the usual metrics and check for drift. Honestly the team had a similar issue at my last "
                 "place and they retrained the model and it went away, so I'd probably start there.",
                 "Since precision fell from 40% to 20% right at the deploy, it smells like a bug in the deploy rather than drift."):
        await answer(session, clock, said)
        follow_up = session.turns[-1]
        assert follow_up.kind is TurnKind.FOLLOW_UP and PART_LEFT_OUT in follow_up.text, follow_up.text
        assert "covered" not in follow_up.text, follow_up.text


async def test_a_part_whose_words_were_said_is_asked_for_more_not_called_untouched(catalog: Catalog) -> None:
    """The played turn (blind, 2026-12-07, r30 t3) drew "One part of the question you haven't touched: what would you do
    about fraud review capacity as holiday volume doubles?": the part was answered, weakly (the part's words came back:
    reviews, volume, doubles). More is asked; nothing is claimed about what was said."""
    session, clock = round_on(catalog, "shopify-mle", "case-study", "cs-review-capacity", [])
    [e async for e in session.open()]
    await answer(session, clock, "um so if volume doubles and the team can do one thousand a day then we just need to double the "
                                 "team to two thousand reviews, that's the obvious answer. and the precision of the model stays "
                                 "the same when volume doubles so nothing else changes")  # fmt: skip
    follow_up = session.turns[-1]
    assert follow_up.kind is TurnKind.FOLLOW_UP and PART_LEFT_OUT not in follow_up.text, follow_up.text
    assert PART_FURTHER in follow_up.text, follow_up.text

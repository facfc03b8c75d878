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
from simulator.interview.follow_up_text import PART_LEFT_OUT

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
    assert "threshold" not in session.turns[-1].text, session.turns[-1].text  # asked once, then the rubric's probes


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

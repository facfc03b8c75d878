"""An answer about something else, to a question that sets a problem (interview/drift.py), against answers on topic."""

from __future__ import annotations

import json

import pytest

from simulator.catalog import Catalog, load_catalog
from simulator.catalog.models import Question
from simulator.config import PROJECT_ROOT
from simulator.interview.drift import DRIFT_MAX_COSINE, MIN_WORDS, PROBLEM_CRITERIA, closeness, drifted
from simulator.scoring.meaning.clauses import story_question

from test_round_session import CHATBOT

TRAIN = PROJECT_ROOT / "simulator" / "scoring" / "corpus" / "train.jsonl"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


def _question(catalog: Catalog, question_id: str) -> Question:
    return next(q for loop in catalog.loops.values() for r in loop.rounds for q in r.questions if q.id == question_id)


def test_a_chatbot_story_for_a_retrieval_design_drifts(catalog: Catalog) -> None:
    assert drifted(_question(catalog, "sd-clip-template-retrieval"), CHATBOT)


def test_no_on_topic_answer_to_a_problem_question_in_the_train_split_drifts() -> None:
    """Spoken, terse, keyword lists, rambling, negated, answers on another part of the problem: none is sent back
    (read in one batch with the same embedder and threshold `drifted` uses)."""
    items = [json.loads(line) for line in TRAIN.read_text(encoding="utf-8").splitlines()]
    on_topic = [i for i in items if i["kind"] != "off_topic" and PROBLEM_CRITERIA & set(i["labels"])
                and not story_question(i["question"]) and len(i["answer"].split()) >= MIN_WORDS]
    cosines = closeness([(i["question"], i["answer"]) for i in on_topic])
    sent_back = [(i["id"], round(c, 3)) for i, c in zip(on_topic, cosines, strict=True) if c < DRIFT_MAX_COSINE]
    assert len(on_topic) >= 200 and not sent_back, sent_back


def test_a_short_answer_is_never_read_for_drift(catalog: Catalog) -> None:
    assert not drifted(_question(catalog, "sd-clip-template-retrieval"), "We used GPT-4 behind a LangChain agent.")


def test_a_model_that_fails_leaves_the_answer_to_be_followed_up(catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    """No drift is read, and nothing raises: a broken model must never stall a round."""
    from simulator.interview import drift

    def broken() -> None:
        raise RuntimeError("weights file unreadable")

    monkeypatch.setattr(drift, "default_model", broken)
    assert not drifted(_question(catalog, "sd-clip-template-retrieval"), CHATBOT)


MONITORING = ("For monitoring I'd track p50/p95/p99 latency per model version, GPU utilization, queue depth, error rate, and a "
              "quality proxy like the rate users undo or touch up the output; alert if the touch-up rate goes up by more than 2 "
              "points over a 1-hour window compared with the same hour last week.")
SIGNAL = ("Which signal would alert you that tags on new items degraded, say after a model update, before search "
          "click-through shows it?")


def test_an_answer_on_the_follow_ups_thread_is_no_drift(catalog: Catalog) -> None:
    """Played blind (2026-12-06): a monitoring answer to a monitoring follow-up sat at 0.05 to the design question and
    was sent back to it ("Let's come back to the question I asked: Design a content enrichment pipeline..."). Read
    against the follow-up it answers too, it stays; the chatbot story after the same follow-up still drifts."""
    question = _question(catalog, "sd-content-enrichment")
    assert drifted(question, MONITORING) and not drifted(question, MONITORING, SIGNAL)
    assert drifted(_question(catalog, "sd-clip-template-retrieval"), CHATBOT,
                   "How would you keep the index fresh as new templates arrive every day?")

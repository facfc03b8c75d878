"""Every generated interviewer turn is checked: one short in-role question, nothing leaked, no repeats."""

from __future__ import annotations

import pytest

from simulator.engine.guard import check_turn


def test_accepts_a_single_short_question() -> None:
    verdict = check_turn('"How did you measure the lift in click-through?"', [])
    assert verdict.ok and verdict.text == "How did you measure the lift in click-through?"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("What did you build? And how did you test it?", "exactly one question"),
        ("Tell me more about the rollout.", "exactly one question"),
        ("If you have any questions about the recommender or the process, feel free to ask!", "exactly one question"),
        ("Do you have any questions for me about the team?", "out of role"),
        ("That was a strong answer, what score would you give yourself?", "reveals"),
        ("As an AI language model, what would you like me to ask?", "reveals"),
        ("Sure! Here is a follow-up: what was the baseline?", "out of role"),
        ("Why?", "too short"),
        ("Could you " + "please " * 40 + "explain?", "too long"),
        ("", "empty"),
        ("What was the **baseline** you compared against?", "markup"),
    ],
)
def test_rejects_drift(text: str, reason: str) -> None:
    verdict = check_turn(text, [])
    assert not verdict.ok
    assert reason in (verdict.reason or "")


def test_rejects_a_repeat_of_an_earlier_question() -> None:
    earlier = ["What changed in numbers, and against what baseline?"]
    assert not check_turn("What changed in numbers and against what baseline?", earlier).ok
    assert check_turn("Which guardrail metric did you watch during the test?", earlier).ok


def test_strips_a_label_prefix() -> None:
    verdict = check_turn("Follow-up question: Which part did you own yourself?", [])
    assert verdict.ok and verdict.text == "Which part did you own yourself?"


def test_rejects_a_rephrasing_that_drifted_off_the_planned_probe() -> None:
    planned = "What changed in numbers, and what were you comparing against?"
    drifted = check_turn("What did the team do with their data?", [], planned=planned)
    assert not drifted.ok and drifted.reason == "drifted off the planned probe"
    kept = check_turn("Which numbers moved, and against what were you comparing them?", [], planned=planned)
    assert kept.ok
    in_the_criterions_words = check_turn("How did you measure the impact of that launch, in numbers?", [], planned=planned, topic="Measured impact")
    assert in_the_criterions_words.ok
    assert not check_turn("Was the end satisfactory?", [], planned="How did that end, and what would you do differently next time?", topic="Structured answer").ok


def test_rejects_a_question_asked_from_the_candidates_side() -> None:
    verdict = check_turn("How do I handle latency and cost when retrieving templates?", [])
    assert not verdict.ok and verdict.reason == "speaks as the candidate"
    assert check_turn("Can you tell me how you handled latency?", []).ok

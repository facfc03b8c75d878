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
        ("Are you interested in monitoring feature null rates offline and online?", "out of role"),
        ("Would you like to talk about how you rolled the ranker out?", "out of role"),
        ("Why?", "too short"),
        ("Could you " + "please " * 40 + "explain?", "too long"),
        ("", "empty"),
        ("What was the **baseline** you compared against?", "markup"),
        ("20 requests: What signals would you watch in production, and at what threshold would you alert?", "stuck before"),
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


def test_the_question_after_a_framing_goes_on_in_lower_case() -> None:
    verdict = check_turn("On the 20% who act: What single KPI would you put on the dashboard?", [])
    assert verdict.ok and verdict.text == "On the 20% who act: what single KPI would you put on the dashboard?"
    assert check_turn("You mentioned Magic Design: How did you evaluate it?", []).text.endswith(": how did you evaluate it?")
    assert check_turn("You mentioned BM25: I'd like to know which baseline won?", []).text.endswith(": I'd like to know which baseline won?")


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


GARBLED = "How does the model handle latency and mask quality drifts in a single request?"


def test_rejects_the_garbled_mix_quoted_in_issue_13() -> None:
    """The 0.5B model, shown an anchor and a probe, mixed them with words it was never given."""
    planned = "Which signals would you watch in production, and at what threshold would you alert?"
    shown = f'They mentioned: the Triton server\nPlanned follow-up: "{planned}"'
    verdict = check_turn(GARBLED, [], planned=planned, topic="Monitoring", anchors=["the Triton server"], shown=shown)
    assert not verdict.ok
    grounded_but_made_up = "For the Triton server, which signals would you watch in production for mask quality drifts in a single request?"
    verdict = check_turn(grounded_but_made_up, [], planned=planned, topic="Monitoring", anchors=["the Triton server"], shown=shown)
    assert not verdict.ok and "incoherent" in (verdict.reason or "")


def test_the_anchor_must_survive_and_the_probe_point_too() -> None:
    planned = "What changed in numbers, and what were you comparing against?"
    shown = f'They mentioned: the two-tower retrieval model\nPlanned follow-up: "{planned}"'
    kwargs = {"planned": planned, "topic": "Measured impact", "anchors": ["the two-tower retrieval model"], "shown": shown}
    assert check_turn("With the two-tower retrieval model, what changed in numbers, and against what were you comparing?", [], **kwargs).ok
    dropped = check_turn("What changed in numbers, and what were you comparing against?", [], **kwargs)
    assert not dropped.ok and dropped.reason == "does not name what the candidate said"
    point_lost = check_turn("Can you tell me more about the two-tower retrieval model you built?", [], **kwargs)
    assert not point_lost.ok and point_lost.reason == "drifted off the planned probe"
    split = check_turn("What did the two-tower stage change in numbers for the retrieval model?", [], **kwargs)
    assert not split.ok  # the anchor's words scattered are not the anchor


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("What did the the ranker change in numbers?", "a word repeated"),
        ("What did you compare the ranker against and?", "stops mid-phrase"),
    ],
)
def test_rejects_broken_sentences(text: str, reason: str) -> None:
    verdict = check_turn(text, [])
    assert not verdict.ok and reason in (verdict.reason or "")


def test_a_preamble_on_its_own_line_is_wrapping() -> None:
    verdict = check_turn("Sure, here's the follow-up question:\n\nWhat did you compare the ranker against?", [])
    assert verdict.ok and verdict.text == "What did you compare the ranker against?"


def test_rejects_a_name_or_number_the_model_was_not_given() -> None:
    planned = "What changed in numbers, and what were you comparing against?"
    shown = f'They mentioned: Shop app search\nPlanned follow-up: "You mentioned Shop app search: {planned}"'
    kwargs = {"planned": planned, "topic": "Measured impact", "anchors": ["Shop app search"], "shown": shown}
    verdict = check_turn("Did you compare Shop app search to Google's search results, and what changed in numbers?", [], **kwargs)
    assert not verdict.ok and "Google" in (verdict.reason or "")
    assert not check_turn("With Shop app search, what changed in numbers: did conversion rise 12%, against what?", [], **kwargs).ok
    assert check_turn("For Shop app search, what changed in numbers, and what were you comparing against?", [], **kwargs).ok


def test_a_fragment_that_asks_nothing_is_refused() -> None:
    """Played headless on the embedded model (Shopify case study): "Model predicting the first-year cohort?" passed
    the guard: it names the anchor and shares the probe's words, but it asks nothing."""
    from simulator.engine.guard import check_turn

    verdict = check_turn("Model predicting the first-year cohort?", [], planned="What would the model predict, and from which inputs?",
                         anchors=["the first-year cohort"])  # fmt: skip
    assert not verdict.ok and "asks nothing" in (verdict.reason or "")
    fine = check_turn("What would the model predict for the first-year cohort, and from which inputs?", [],
                      planned="What would the model predict, and from which inputs?", anchors=["the first-year cohort"])  # fmt: skip
    assert fine.ok


def test_a_rewording_that_keeps_only_the_answers_own_words_lost_the_point() -> None:
    """Held-out case: the probe asked for the candidate's part; the 0.5B model kept the answer's words (deploy
    pipeline, monitoring) and dropped the part. Those words are shared with the probe but are not its point."""
    planned = "Who built the deploy pipeline and the monitoring, and what was your part?"
    answer = ("We shipped the image upscaler: the team set up the deploy pipeline on our GPU fleet and the "
              "monitoring for latency and alpha-channel errors, and it went to all users in May.")
    kwargs = dict(planned=planned, topic="Ownership the candidate's own part", context=f"Tell me about a launch. {answer}")
    lost = check_turn("What was the deploy pipeline and the monitoring for your image upscaler?", [], **kwargs)
    assert not lost.ok and lost.reason == "drifted off the planned probe"
    assert check_turn("What was your own part in the deploy pipeline and the monitoring?", [], **kwargs).ok
    # Without the context the shared words still count as the point: the check only tightens where it knows more.
    assert check_turn("What was the deploy pipeline and the monitoring for your image upscaler?", [], planned=planned).ok


def test_a_rewording_must_keep_the_criterions_point_from_the_rubric() -> None:
    """The held-out case the context check missed: the probe's own words (deploy pipeline, monitoring) are not in the
    answer, so they looked like its point; ownership's probe_point (rubrics/criteria.yaml) knows the point is the part."""
    from pathlib import Path

    from simulator.catalog import load_catalog

    root = Path(__file__).resolve().parent.parent
    catalog = load_catalog(root / "rubrics", root / "personas")
    ownership = catalog.criteria["ownership"]
    assert ownership.probe_point is not None
    planned = "Who built the deploy pipeline and the monitoring, and what was your part?"
    answer = "Our image upscaler started returning washed-out images; we pinned the library and added a golden set in CI."
    kwargs = dict(planned=planned, topic="Ownership", context=answer, point=ownership.probe_point)
    lost = check_turn("What was the deploy pipeline and the monitoring for your image upscaler?", [], **kwargs)
    assert not lost.ok and lost.reason is not None and "point" in lost.reason
    assert check_turn("Which part of the deploy pipeline and the monitoring did you build yourself?", [], **kwargs).ok
    assert check_turn("What was your own part in the deploy pipeline and the monitoring?", [], **kwargs).ok


@pytest.mark.parametrize(("said", "kept"), [
    ("Tell me about the two-tower retrieval model: what changed in numbers, and what were you comparing against?", True),
    ("You mentioned the A/B test: what changed in numbers, and what were you comparing against?", True),
    ("You mentioned the mid-level MLE: what was their comparison against?", False),
    ("Can you explain how the default taxonomy changed in numbers and what were you comparing against?", False),
])  # fmt: skip
def test_a_small_model_frames_the_probe_and_keeps_its_words(said: str, kept: bool) -> None:
    """Played and measured with the 0.5B model (2026-12-04): every wording that reworded the probe itself came out
    garbled; one that framed it around the anchor and kept its words read as well as the canned probe."""
    planned = "What changed in numbers, and what were you comparing against?"
    verdict = check_turn(said, [], planned=planned, topic="Measured impact", keep_probe=True)
    assert verdict.ok is kept, verdict
    assert check_turn(said, [], planned=planned, topic="Measured impact").ok or not kept  # a capable model words it freely

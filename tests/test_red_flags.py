"""Every red flag in the rubrics can fire (words said, or the levels the evidence model gave) or is the coach's call.

Shallow ownership, the seed's "most common reason candidates get cut", is read from
the ownership level: a story told only as "we" raises it, a clear first-person one
does not. A flag whose `when` names a criterion the round does not score, gives neither
`at_most` nor `no_company_value`, or asks `no_company_value` of a criterion not read
against the company's values is refused by `rubric validate` with its file, line and field.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from simulator.catalog import CatalogError, load_catalog
from simulator.config import PROJECT_ROOT
from simulator.engine.turns import Speaker, Turn, TurnKind
from simulator.scoring import score_round

CATALOG = load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")
QUESTION = "Tell me about an ML project you took from prototype to production."
WE_DID_IT = (
    "We built a new ranking model for the template feed. The team collected the data and we trained a gradient-boosted "
    "model, then we deployed it behind the existing API. We were happy with it and the project went well overall."
)
FIRST_PERSON = (
    "I owned the template-feed ranker end to end. I chose LightGBM over a two-tower model because we had three weeks "
    "and no GPU budget, I wrote the feature pipeline myself, and I decided to ship behind a 10% A/B test. Click-through "
    "went from 3.1% to 3.5% against the popularity baseline, and I wrote the rollback runbook."
)


def _turns(question_id: str, answer: str) -> list[Turn]:
    return [
        Turn(index=0, speaker=Speaker.INTERVIEWER, kind=TurnKind.QUESTION, text=QUESTION, t_start=0, t_end=5, question_id=question_id),
        Turn(index=1, speaker=Speaker.CANDIDATE, kind=TurnKind.ANSWER, text=answer, t_start=5, t_end=60, question_id=question_id),
    ]  # fmt: skip


def _flags(answer: str) -> dict[str, str | None]:
    loop = CATALOG.loop("canva-mle")
    rnd = loop.round("hiring-manager")
    score = score_round(loop, rnd, _turns("hm-prototype-to-production", answer), CATALOG)
    return {f.id: f.because for f in score.red_flags}


def test_shallow_ownership_fires_on_a_we_story_and_not_on_a_first_person_one() -> None:
    flags = _flags(WE_DID_IT)
    assert "shallow-ownership" in flags and "ownership" in (flags["shallow-ownership"] or "")
    assert "shallow-ownership" not in _flags(FIRST_PERSON)


def test_every_flag_is_detected_or_left_to_the_coach() -> None:
    for loop in CATALOG.loops.values():
        for rnd in loop.rounds:
            scored = {c.id for c in rnd.criteria}
            for flag in rnd.red_flags:
                assert flag.signals or flag.when or flag.answered_as_plan or flag.coach_only, (loop.id, rnd.id, flag.id)
                assert {c.criterion for c in flag.when} <= scored, (loop.id, rnd.id, flag.id)
    shallow = [f for loop in CATALOG.loops.values() for r in loop.rounds for f in r.red_flags if f.id == "shallow-ownership"]
    assert shallow and all(f.when for f in shallow)


def _refused(tmp_path: Path, old: str, new: str, also: Callable[[str], str] = str) -> tuple[str, int]:
    """The catalog's refusal after `old` becomes `new` (and `also` is applied) in a copy of canva-mle.yaml, and the
    line `new` is on."""
    rubrics = tmp_path / "rubrics"
    rubrics.mkdir()
    for path in (PROJECT_ROOT / "rubrics").glob("*.yaml"):
        (rubrics / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    target = rubrics / "canva-mle.yaml"
    text = target.read_text(encoding="utf-8")
    broken = also(text.replace(old, new, 1))
    assert new in broken and broken != text
    target.write_text(broken, encoding="utf-8")
    with pytest.raises(CatalogError) as error:
        load_catalog(rubrics, PROJECT_ROOT / "personas")
    return str(error.value), broken[: broken.index(new)].count("\n") + 1


def test_a_condition_on_a_criterion_the_round_does_not_score_names_file_line_and_field(tmp_path: Path) -> None:
    message, line = _refused(tmp_path, "when: [{criterion: ownership, at_most: 1}]", "when: [{criterion: monitoring, at_most: 1}]")
    assert f"canva-mle.yaml:{line}" in message and "red_flags" in message and "'monitoring'" in message


def test_a_condition_with_neither_a_level_nor_no_company_value_is_refused(tmp_path: Path) -> None:
    message, line = _refused(tmp_path, "when: [{criterion: ownership, at_most: 1}]", "when: [{criterion: ownership}]")
    assert f"canva-mle.yaml:{line}" in message and "red_flags" in message
    assert "at_most" in message and "no_company_value" in message


def test_no_company_value_on_a_criterion_not_read_against_the_values_names_file_line_and_field(tmp_path: Path) -> None:
    message, line = _refused(tmp_path, "when: [{criterion: ownership, at_most: 1}]",
                             "when: [{criterion: ownership, no_company_value: true}]")  # fmt: skip
    assert f"canva-mle.yaml:{line}" in message and "when.0.no_company_value" in message
    assert "'ownership' is not read against the company's values" in message


def test_no_company_value_in_a_loop_whose_values_have_no_examples_is_refused(tmp_path: Path) -> None:
    """The scorer reads a value only through its examples: without any, the condition could never hold."""
    generic = "when: [{criterion: values_alignment, at_most: 3, no_company_value: true}]"
    message, line = _refused(tmp_path, generic, generic.replace("at_most: 3, ", ""),
                             also=lambda text: re.sub(r"\n    examples:.*\n(?:      - .*\n)+", "\n", text))  # fmt: skip
    assert f"canva-mle.yaml:{line}" in message and "when.0.no_company_value" in message
    assert "no values with examples" in message


def test_a_flag_read_from_a_level_needs_an_answer_to_read_it_from() -> None:
    """Played (2026-12-03): "I am not sure." to a hiring-manager question raised "Vague about personal contribution
    ("we" throughout, never "I")" and "Metric mismatch", though the candidate said neither "we" nor a metric."""
    assert not {"shallow-ownership", "team-only-we", "metric-mismatch"} & set(_flags("I am not sure."))
    assert "shallow-ownership" in _flags(WE_DID_IT)


PLANS = ("For a project like that I'd start from the product metric. I would prototype a ranker offline against the "
         "current one, and then I'd ship it behind an A/B test with a latency guardrail.")


def test_a_story_answered_only_as_a_plan_raises_the_hypothetical_flag_with_its_quote() -> None:
    """Played (2026-12-03): past-work questions answered only with "I'd... I would..." raised no flag in Shopify's
    hiring-manager round, and Canva's left it to the coach."""
    flags = _flags(PLANS)
    assert "hypothetical-answer" in flags and "answered only with what you would do" in (flags["hypothetical-answer"] or "")
    assert "hypothetical-answer" not in _flags(FIRST_PERSON) and "hypothetical-answer" not in _flags(WE_DID_IT)
    story_rounds = [(loop.id, rnd.id) for loop in CATALOG.loops.values() for rnd in loop.rounds
                    if any(f.answered_as_plan for f in rnd.red_flags)]
    assert {("canva-mle", "behavioral"), ("shopify-mle", "hiring-manager"), ("shopify-mle", "behavioral")} <= set(story_rounds)


def test_a_flag_both_detected_and_left_to_the_coach_is_refused(tmp_path: Path) -> None:
    message, line = _refused(tmp_path, "        answered_as_plan: true\n      - id: shallow-ownership",
                             "        answered_as_plan: true\n        coach_only: true\n      - id: shallow-ownership")
    assert "canva-mle.yaml" in message and "coach decides" in message

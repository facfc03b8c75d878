"""An estimate in an answer over a limit the interviewer gave is pointed out; a target, a figure of the problem's or
the candidate's own catch is not."""

from __future__ import annotations

import pytest

from simulator.catalog import Catalog, load_catalog
from simulator.config import PROJECT_ROOT
from simulator.engine.turns import TurnKind
from simulator.interview.assumptions import CORRECTION, correction
from simulator.interview.over_limit import STOP, broken_limits

from test_round_session import answer, round_on


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


def _question(catalog: Catalog, question_id: str):  # noqa: ANN202 - a catalog Question
    return next(q for loop in catalog.loops.values() for r in loop.rounds for q in r.questions if q.id == question_id)


@pytest.mark.parametrize(("said", "topics"), [
    ("Retrieval is cheap; the diffusion step dominates: 10 candidates at about half a cent each plus the VLM scoring, "
     "so about 6 cents a run.", ["budget"]),
    ("End to end a run takes about 30 seconds, with progress shown.", ["latency"]),
    ("I'd keep it under 4 cents a run by generating 6 candidates.", []),  # a target
    ("That's about 6 cents a run, which is over budget, so I'd cut to 6 candidates.", []),  # caught it themselves
    ("Each diffusion call takes 3 seconds, and we run them in parallel.", []),  # within the limit
    ("How long would 30 seconds feel to a user?", []),  # a question
    ("Training the style scorer takes about 40 seconds per epoch on one GPU.", []),  # about something else
])  # fmt: skip
def test_an_estimate_over_a_stated_limit_is_found(catalog: Catalog, said: str, topics: list[str]) -> None:
    question = _question(catalog, "sd-agentic-brand-workflow")  # at most 4 cents a run; users wait up to 20 seconds
    assert [fact.topic for fact, _ in broken_limits(said, question)] == topics


def test_a_figure_the_problem_states_is_quoted_not_estimated(catalog: Catalog) -> None:
    """Held-out answers (2026-12-05): "find where the extra 190 ms goes" and "to see where the 250 milliseconds is
    going" restate the incident (p99 from 60 to 250 ms), whose limit is "back under about 100 ms"."""
    question = _question(catalog, "sd-ato-latency")
    for said in ("First step is to find where the extra 190 ms goes, so I'd pull traces.",
                 "I look in the tracing to see where the 250 milliseconds is going."):
        assert broken_limits(said, question) == [], said


def test_an_assumed_figure_over_the_limit_is_corrected_and_a_worked_out_one_stopped(catalog: Catalog) -> None:
    rag = _question(catalog, "sd-sidekick-rag")  # the first token within 1.5 seconds
    assumed = correction("I'll assume about two seconds to first token, so I'd stream the answer.", rag)
    assert assumed is not None and assumed.reply.startswith(CORRECTION) and "1.5 seconds" in assumed.reply
    worked = correction("So ten candidates at half a cent plus scoring comes to about 6 cents a run.",
                        _question(catalog, "sd-agentic-brand-workflow"))
    assert worked is not None and worked.reply.startswith(STOP) and "4 cents" in worked.reply and worked.also_answer


async def test_the_interviewer_stops_an_estimate_over_budget_and_still_follows_up(catalog: Catalog) -> None:
    """Played (2026-12-05): told a run may cost at most about 4 cents, "so about 6 cents a run" drew a follow-up on
    where to cut inference cost, as if nothing were wrong."""
    session, clock = round_on(catalog, "canva-mle", "system-design", "sd-agentic-brand-workflow", [])
    [e async for e in session.open()]
    await answer(session, clock, "The loop retrieves the brand kit, generates 10 candidates in one batched diffusion "
                                 "call, scores them for brand style and safety, and keeps 3. Ten candidates at about half "
                                 "a cent each plus the scoring comes to about 6 cents a run.")
    reply, after = session.turns[-2], session.turns[-1]
    assert reply.kind is TurnKind.CLARIFICATION and reply.text.startswith(STOP) and "4 cents" in reply.text, reply
    assert after.kind is TurnKind.FOLLOW_UP, after


def test_a_resolution_or_a_multiple_is_no_figure(catalog: Catalog) -> None:
    """"I'm assuming the 200 ms is per preview frame at around 720p" was corrected: 720 was read as 720 ms."""
    question = _question(catalog, "sd-video-bg-remover-serving")
    assert correction("Quick check: I'm assuming the 200 ms is per preview frame at around 720p, not for the full "
                      "export.", question) is None


def test_a_total_over_the_request_budget_is_stopped_and_a_limit_stated_wrong_corrected(catalog: Catalog) -> None:
    """Played (2026-12-05): "Total is around 230 ms, which is fine." against "within 200 ms p99" drew a follow-up on
    the Redis lookups and a "strong yes"."""
    risk = _question(catalog, "sd-checkout-risk-scoring")
    total = correction("Redis lookups take 20 ms, the model 40 ms, network 10 ms. Total is around 230 ms, which is fine.", risk)
    assert total is not None and total.reply.startswith(STOP) and "200 ms" in total.reply, total
    assert correction("Total is around 190 ms, so there is headroom.", risk) is None
    ranker = _question(catalog, "ml-evaluation-first")  # "The ranker serves online within about 50 ms"
    stated = correction("The ranker has a 60 ms budget, so a sequence model needs precomputed histories.", ranker)
    assert stated is not None and stated.reply.startswith(CORRECTION), stated

"""An answer given for a bank question before it was asked: the interviewer takes that question next and pushes on what
was said, instead of asking it afresh as if nothing had been said.

Played blind (2026-12-06, /tmp/h7): "For good enough to ship: it has to beat the current model offline..." said on a
hiring manager's first question was followed by "How do you decide a model is good enough to ship?" word for word, and
six more repeats like it in eighteen rounds. Read by interview/ahead.py, kept by engine/question_queue.py.
"""

from __future__ import annotations

import json

import pytest
from test_engine import engine
from test_round_session import answer, catalog, round_on  # noqa: F401 - the module-scoped catalog fixture

from simulator.catalog import Catalog, Question
from simulator.config import PROJECT_ROOT
from simulator.engine.plan import COME_TO_THAT
from simulator.engine.turns import Turn, TurnKind
from simulator.interview.ahead import ANSWERED_AHEAD, answers_ahead

SHIP = ("For good enough to ship: it has to beat the current model offline on the agreed metric by more than the noise we "
        "measured across seeds, it must not regress on key slices like new users or small merchants, latency and cost "
        "inside the budget, and then an A/B test with a pre-registered primary metric and guardrails.")
DIRECTION = ("So, in my last company, every team was evaluating ranking models a different way, some use AUC, some use NDCG, "
             "nobody could compare. I wrote a proposal for one shared offline evaluation library with NDCG at 10 and "
             "calibration, plus a template for A/B readout. I did a pilot with my team first, then I presented it at the ML "
             "guild, and two other teams adopted it within one quarter.")
GRPC = ("I'd keep model serving as separate Python services behind a gRPC interface, with the business logic like "
        "eligibility, licensing and experiments in the Java services, so the ML team can deploy models independently, and "
        "everything is declared in Terraform.")
TEMPLATE_DESIGN = ("So my design: candidate generation with a two-tower model, user tower on locale, role, device and recent "
                   "opens and searches, template tower on the template's image and text embeddings, ANN retrieval with HNSW "
                   "giving 500 candidates, then a LightGBM ranker on CPU with about 100 features, then a re-ranking step for "
                   "diversity and locale and licensing filters, all within the 150 ms p99.")


# Played blind (2026-12-07, /tmp/h8): the candidate says which question the answer is for
INFLUENCE = ("For the influencing question, I got the search team to adopt our embedding service by running a two-week "
             "pilot on their top queries and showing a 4% lift.")
MLE_BACKEND = ("For the MLE versus backend question, I'd give MLEs more room for exploration with time-boxed experiments, and "
               "backend engineers more ownership of reliability and on-call, but the same promotion criteria.")


def _question(catalog: Catalog, loop: str, round_id: str, question_id: str) -> Question:
    return next(q for q in catalog.loop(loop).round(round_id).questions if q.id == question_id)


def _others(catalog: Catalog, loop: str, round_id: str, question_id: str) -> list[Question]:
    return [q for q in catalog.loop(loop).round(round_id).questions if q.id != question_id]


@pytest.mark.parametrize(("loop", "round_id", "open_id", "text", "expected"), [
    ("shopify-mle", "hiring-manager", "hm-ml-area-direction", SHIP, "hm-good-enough-to-ship"),  # opens on its words
    ("canva-em-recsys", "recsys-system-design", "sd-template-recs", GRPC, "sd-java-python-aws"),  # by meaning alone
    ("canva-em-recsys", "values", "va-good-human", INFLUENCE, "va-influence-group"),  # named by the candidate
    ("canva-em-recsys", "people-management", "pm-underperformer", MLE_BACKEND, "pm-mle-vs-backend"),
    # a name the open question's words hold is the open question's
    ("canva-em-recsys", "values", "va-influence-group", INFLUENCE.replace("influencing", "influence"), None),
    ("shopify-mle", "hiring-manager", "hm-ml-area-direction", DIRECTION, None),  # the open question's own answer
    ("canva-em-recsys", "recsys-system-design", "sd-template-recs", TEMPLATE_DESIGN, None),
    ("shopify-mle", "hiring-manager", "hm-ml-area-direction",
     "I don't have an example of deciding a model is good enough to ship, honestly, I usually leave that call to my lead "
     "and the product manager on the team.", None),  # passing on it is no answer, ahead or not
])
def test_an_answer_for_a_question_not_yet_asked_is_read_as_one(catalog: Catalog, loop: str, round_id: str, open_id: str,
                                                               text: str, expected: str | None) -> None:
    found = answers_ahead(text, _question(catalog, loop, round_id, open_id), _others(catalog, loop, round_id, open_id))
    assert (found.id if found else None) == expected


def test_answers_of_the_train_split_are_rarely_read_as_another_questions(catalog: Catalog) -> None:
    """Each train answer read against the other questions of its round (all as if not yet asked): measured 3 of 1,635,
    each a motivation or a story that does answer the other question."""
    read = ahead = 0
    for line in (PROJECT_ROOT / "simulator" / "scoring" / "corpus" / "train.jsonl").read_text().splitlines():
        row = json.loads(line)
        loop = catalog.loops.get(row["loop"])
        if loop is None or all(r.id != row["round"] for r in loop.rounds):
            continue
        questions = loop.round(row["round"]).questions
        own = next((q for q in questions if q.text == row["question"]), questions[0].model_copy(update={"text": row["question"], "id": "asked"}))
        read += 1
        ahead += answers_ahead(row["answer"], own, [q for q in questions if q.id != own.id]) is not None
    print(f"\n{ahead} of {read} train answers read as another question's")
    assert read > 1500 and ahead <= 6


def test_the_engine_keeps_it_asks_again_what_was_open_then_takes_that_question_next() -> None:
    """With a reader that says so: the open probe is asked again once, led by COME_TO_THAT; the question answered ahead
    comes next, with a follow-up planned on what was said for it, and the answer is not planned on twice."""
    eng, clock = engine(questions=4, ahead=lambda text, open_q, unasked: unasked[-1] if text == "AHEAD" else None)
    eng.start()
    clock.advance(30)
    first = eng.record_answer("We built a ranking model and it shipped to everyone after a test.")
    assert first.action == "follow_up"
    last = eng.queue.questions[-1]
    clock.advance(30)
    again = eng.record_answer("AHEAD")
    assert again.action == "follow_up" and again.probe is not None and again.probe.lead == COME_TO_THAT
    assert again.probe.canned == first.probe.canned  # what was open, asked again
    assert "AHEAD" not in eng.answers(eng.current_question.id)
    clock.advance(30)
    moved = eng.record_answer("", passed=True, moving_on=True)
    assert moved.action == "next_question" and moved.question == last and moved.probe is not None
    assert eng.answers(last.id) == ["AHEAD"]


async def test_a_round_takes_the_question_answered_ahead_next_and_pushes_on_it(catalog: Catalog) -> None:
    stored: list[Turn] = []
    session, clock = round_on(catalog, "shopify-mle", "hiring-manager", "hm-ml-area-direction", stored)
    [e async for e in session.open()]
    await answer(session, clock, DIRECTION)
    await answer(session, clock, SHIP)
    come_back = session.turns[-1]
    assert come_back.kind is TurnKind.FOLLOW_UP and come_back.text.startswith(COME_TO_THAT), come_back.text
    await answer(session, clock, "Can we move on to the next one?")
    ship = _question(catalog, "shopify-mle", "hiring-manager", "hm-good-enough-to-ship")
    asked = [t for t in session.turns if t.kind is TurnKind.QUESTION]
    assert asked[-1].question_id == ship.id and asked[-1].text == ANSWERED_AHEAD.format(question=ship.text)
    push = session.turns[-1]
    assert push.kind is TurnKind.FOLLOW_UP and push.question_id == ship.id, push.text
    # resumed after a crash right after the answer given ahead: the same turns follow
    cut = next(i for i, t in enumerate(stored) if t.text == SHIP) + 1
    resumed_store = list(stored[:cut])
    resumed, clock2 = round_on(catalog, "shopify-mle", "hiring-manager", "hm-ml-area-direction", resumed_store)
    [e async for e in resumed.restore(stored[:cut])]
    await answer(resumed, clock2, "Can we move on to the next one?")
    assert [(t.kind, t.text) for t in resumed_store] == [(t.kind, t.text) for t in stored]

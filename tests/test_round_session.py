"""RoundSession on the real rubrics without a model: planning, canned probes, storage hooks, resume."""

from __future__ import annotations

import re

import pytest

from simulator.catalog import Catalog, load_catalog
from simulator.config import PROJECT_ROOT
from simulator.engine.clock import SimulatedClock
from simulator.engine.plan import PLAN_ONLY
from simulator.engine.pressing import DEPENDS_ON_WHAT
from simulator.engine.turns import Speaker, Turn, TurnKind
from simulator.interview.evidence_probe import MeaningEvidence
from simulator.interview.round_session import RoundSession, speaking_seconds
from simulator.scoring.meaning import default_model
from simulator.scoring.meaning.model import AnswerText

NO_NUMBERS_WE = "We built a recommendation model for templates and it went to production and people liked it."
I_NO_NUMBERS = "I built a recommendation model for templates: I wrote the ranking code and I decided to ship it. It went to production and people liked it."
NUMBERS_WE = "We shipped a learned ranker and in a two-week A/B test click-through went from 4.1% to 4.6% against the BM25 baseline."
ANSWERS = [NO_NUMBERS_WE, NUMBERS_WE, "I decided to distill the model so p95 latency stayed at 60 ms.", "We talked to the PM.", ""]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


def session_for(catalog: Catalog, stored: list[Turn] | None = None, seed: int = 2) -> tuple[RoundSession, SimulatedClock]:
    loop = catalog.loop("canva-mle")
    rnd = loop.round("hiring-manager")
    clock = SimulatedClock()
    sink = stored if stored is not None else []
    session = RoundSession(
        catalog=catalog, loop=loop, round_=rnd, persona=catalog.personas[rnd.persona], llm=None,
        clock=clock, candidate="Alex", seed=seed, on_turn=sink.append,
    )  # fmt: skip
    project = next(q for q in rnd.questions if {"impact", "ownership"} <= set(q.criteria))
    session.engine.fix_order([project.id])
    return session, clock


async def answer(session: RoundSession, clock: SimulatedClock, text: str) -> None:
    start = session.engine.elapsed()
    clock.advance(speaking_seconds(text) if text else 3.0)
    [e async for e in session.answer(text, t_start=start, t_end=session.engine.elapsed())]


async def test_no_numbers_is_probed_for_impact_then_the_weakest_the_scorer_reads(catalog: Catalog) -> None:
    session, clock = session_for(catalog)
    [e async for e in session.open()]
    await answer(session, clock, I_NO_NUMBERS)
    assert session.turns[-1].kind is TurnKind.FOLLOW_UP and session.turns[-1].criterion == "impact"
    await answer(session, clock, NUMBERS_WE)
    probed = session.turns[-1].criterion
    assert session.turns[-1].kind is TurnKind.FOLLOW_UP and probed != "impact"  # the numbers came
    # The same model scores and plans: what is probed is the weakest of the question's criteria as read.
    question = next(t for t in session.turns if t.kind is TurnKind.QUESTION)
    bank = next(q for q in session.round.questions if q.id == question.question_id)
    answers = [AnswerText(t.text, i) for i, t in enumerate(session.turns) if t.speaker is Speaker.CANDIDATE]
    model = default_model()
    strengths = {c: model.assess(catalog.criteria[c], bank.text, answers).strength
                 for c in bank.criteria if c != "impact" and catalog.criteria[c].meaning is not None}  # fmt: skip
    assert strengths[probed] <= min(strengths.values()) + 0.05, strengths
    assert session.turns[-1].source == "canned" and session.fallbacks == 0  # no model configured: canned by design
    # ... around something the candidate said: after the persona's second way in, or acknowledged before a question of
    # the bank question's own about something else ("The two-week A/B test click-through, got it. Looking back...?")
    assert re.match(r"Going back to |.+?, got it\. ", session.turns[-1].text), session.turns[-1].text


async def test_every_turn_reaches_the_sink_once_in_order(catalog: Catalog) -> None:
    stored: list[Turn] = []
    session, clock = session_for(catalog, stored)
    [e async for e in session.open()]
    for text in ANSWERS:
        if session.closed:
            break
        await answer(session, clock, text)
    assert [t.index for t in stored] == list(range(len(stored)))
    assert stored == session.turns


@pytest.mark.parametrize("cut", [3, 4, 5, 6])
async def test_restore_continues_exactly_where_a_crash_stopped(catalog: Catalog, cut: int) -> None:
    full: list[Turn] = []
    session, clock = session_for(catalog, full)
    [e async for e in session.open()]
    for text in ANSWERS:
        if session.closed:
            break
        await answer(session, clock, text)

    prefix = full[:cut]
    resumed_store = list(prefix)
    resumed, clock2 = session_for(catalog, resumed_store)
    [e async for e in resumed.restore(prefix)]
    answered = sum(1 for t in prefix if t.speaker is Speaker.CANDIDATE)
    for text in ANSWERS[answered:]:
        if resumed.closed:
            break
        await answer(resumed, clock2, text)
    strip = lambda turns: [(t.index, t.speaker, t.kind, t.text, t.question_id, t.criterion) for t in turns]  # noqa: E731
    assert strip(resumed_store) == strip(full)


async def test_finish_keeps_an_unfinished_answer_then_closes(catalog: Catalog) -> None:
    session, clock = session_for(catalog)
    [e async for e in session.open()]
    clock.advance(40)
    [e async for e in session.finish("time", "I was halfway through explaining the rollout")]
    assert [t.kind for t in session.turns[-2:]] == [TurnKind.ANSWER, TurnKind.NOTICE]
    assert session.turns[-2].text == "I was halfway through explaining the rollout"
    assert session.turns[-1].source == "closing" and session.closed
    assert [e async for e in session.finish("again")] == []  # closing is said once


async def test_finish_without_words_records_no_empty_answer(catalog: Catalog) -> None:
    session, clock = session_for(catalog)
    [e async for e in session.open()]
    [e async for e in session.finish("ended by the candidate", "   ")]
    assert [t.speaker for t in session.turns].count(Speaker.CANDIDATE) == 0


async def test_notice_is_recorded_between_turns(catalog: Catalog) -> None:
    session, _ = session_for(catalog)
    [e async for e in session.open()]
    session.notice("Hidden tests: 3/3 passed.", source="sandbox")
    assert session.turns[-1].kind is TurnKind.NOTICE and session.turns[-1].source == "sandbox"
    assert session.turns[-1].question_id == session.engine.current_question.id  # type: ignore[union-attr]


TRAFFIC_ASKED = "How much traffic does the widget get at peak, and what's the latency budget?"
DESIGN_NO_NUMBERS = ("I'd do candidate generation with a two-tower model over co-purchase data, an ANN index per shop, then a "
                     "gradient boosted ranker on top, with popular products for new merchants as cold start.")


def round_on(catalog: Catalog, loop_id: str, round_id: str, question_id: str,
             stored: list[Turn]) -> tuple[RoundSession, SimulatedClock]:
    """A round of the real rubrics without a model, opening on one bank question; turns go to `stored`."""
    loop = catalog.loop(loop_id)
    rnd = loop.round(round_id)
    clock = SimulatedClock()
    session = RoundSession(catalog=catalog, loop=loop, round_=rnd, persona=catalog.personas[rnd.persona], llm=None,
                           clock=clock, candidate="Alex", seed=1, on_turn=stored.append)
    session.engine.fix_order([question_id])
    return session, clock


async def played(catalog: Catalog, loop_id: str, round_id: str, question_id: str, *answers: str) -> list[Turn]:
    """Every turn of `round_on` after the bank question is asked and each of `answers` is given."""
    stored: list[Turn] = []
    session, clock = round_on(catalog, loop_id, round_id, question_id, stored)
    [e async for e in session.open()]
    for text in answers:
        await answer(session, clock, text)
    return session.turns


async def test_a_follow_up_does_not_ask_back_the_traffic_the_interviewer_gave(catalog: Catalog) -> None:
    """Played (2026-12-03): the interviewer told the traffic, then asked "how many requests per second does the
    system serve?". Now the estimation probe builds on the numbers given, and a resumed round plans the same."""
    full: list[Turn] = []
    session, clock = round_on(catalog, "shopify-mle", "system-design", "sd-storefront-recs", full)
    [e async for e in session.open()]
    await answer(session, clock, TRAFFIC_ASKED)
    assert session.turns[-1].kind is TurnKind.CLARIFICATION and "50,000" in session.turns[-1].text
    await answer(session, clock, DESIGN_NO_NUMBERS)
    follow_up = session.turns[-1]
    assert follow_up.kind is TurnKind.FOLLOW_UP and "requests per second" not in follow_up.text, follow_up.text
    # Built on the numbers given: the rubric's "from the numbers you have so far", or the question's own follow-up at
    # the traffic told ("how many CPU cores would scoring a few hundred candidates per view take at 50,000 views a second?")
    assert follow_up.criterion == "estimation" and re.search(r"from the numbers you have so far|50,000", follow_up.text), follow_up.text

    prefix = full[:-1]  # the crash came after the answer, before the follow-up was said
    resumed_store = list(prefix)
    resumed, _ = round_on(catalog, "shopify-mle", "system-design", "sd-storefront-recs", resumed_store)
    [e async for e in resumed.restore(prefix)]
    assert resumed_store[-1].text == follow_up.text


async def test_a_case_study_is_sized_in_money_not_requests_per_second(catalog: Catalog) -> None:
    """Played (2026-12-03): a terse fraud-cost answer in the Shopify case study drew "roughly how many requests per
    second does the system serve?"; the case study's own estimation probe asks what the case is worth. Since
    evidence-2.17 the terse answer reads problem framing and estimation within the planner's tie margin (0.12 and 0.04),
    so the round's order asks framing first ("How would you define a false decline's cost...?"); estimation comes next."""
    session, clock = round_on(catalog, "shopify-mle", "case-study", "cs-shop-pay-false-positives", [])
    [e async for e in session.open()]
    await answer(session, clock, "Cost = declined good orders x AOV x margin. Lower the threshold for trusted buyers. A/B test it.")
    framing = session.turns[-1]
    assert framing.kind is TurnKind.FOLLOW_UP and framing.criterion in ("problem_framing", "estimation"), framing
    assert "requests per second" not in framing.text
    if framing.criterion == "problem_framing":
        await answer(session, clock, "The lost margin on the order, since most buyers declined by mistake don't come back.")
    follow_up = session.turns[-1]
    assert follow_up.kind is TurnKind.FOLLOW_UP and follow_up.criterion == "estimation", follow_up
    assert "requests per second" not in follow_up.text and re.search(r"a month|lost sales", follow_up.text), follow_up.text


CHATBOT = ("Sure. Actually, the most relevant thing I've built is a customer-support chatbot at my last company, so let me "
           "talk about that. We used GPT-4 behind a LangChain agent, with a Postgres database of past support tickets, and "
           "the hard part was prompt engineering: we went through about forty versions of the system prompt to stop it "
           "promising refunds. We cut average handling time from 9 minutes to 6, and the team presented it at the all-hands.")
RETRIEVAL = ("Right. For template retrieval I'd encode templates with a CLIP image encoder plus their titles, store the "
             "vectors in an ANN index, encode the query with the CLIP text tower, and re-rank the top few hundred with a "
             "small model using popularity and locale.")


async def test_an_answer_about_something_else_is_brought_back_to_the_question_once(catalog: Catalog) -> None:
    """Played (2026-12-03): a design question answered with a chatbot story drew three follow-ups on the chatbot."""
    full: list[Turn] = []
    session, clock = round_on(catalog, "canva-mle", "system-design", "sd-clip-template-retrieval", full)
    [e async for e in session.open()]
    question = session.turns[-1]
    await answer(session, clock, CHATBOT)
    redirect = session.turns[-1]
    assert redirect.kind is TurnKind.FOLLOW_UP and redirect.source == "redirect" and redirect.criterion is None
    assert redirect.text.startswith("Let's come back to the question I asked") and question.text in redirect.text
    assert session.engine.current_question is not None and session.engine.current_question.id == question.question_id
    assert session.engine.answers(question.question_id or "") == [CHATBOT]  # kept as evidence all the same
    await answer(session, clock, RETRIEVAL)
    assert session.turns[-1].kind is TurnKind.FOLLOW_UP and session.turns[-1].source != "redirect"
    await answer(session, clock, CHATBOT)  # once per question: a second drift is followed up as any answer is
    assert session.turns[-1].source != "redirect"

    prefix = full[:full.index(redirect)]  # the crash came after the chatbot answer, before the redirect was said
    resumed_store = list(prefix)
    resumed, _ = round_on(catalog, "canva-mle", "system-design", "sd-clip-template-retrieval", resumed_store)
    [e async for e in resumed.restore(prefix)]
    assert resumed_store[-1].text == redirect.text


async def test_a_story_far_from_its_question_is_no_drift(catalog: Catalog) -> None:
    """A strong story sits near cosine 0 from "Tell me about a time...": story questions are never read for drift."""
    session, clock = session_for(catalog)
    [e async for e in session.open()]
    await answer(session, clock, CHATBOT)
    assert session.turns[-1].source != "redirect"


TEAM_ONLY_CONFLICT = (
    "The platform team wanted weekly retraining because daily jobs were expensive, and the data team wanted daily ones. "
    "The team set up a meeting and the team decided to go with weekly retraining plus a drift alert. "
    "The team wrote a design doc and we ran an experiment on two weeks of traffic."
)
OWN_PART_CONFLICT = (
    "The platform team wanted weekly retraining because daily jobs were expensive, and the data team wanted daily ones. "
    "I set up a meeting and I proposed weekly retraining plus a drift alert. "
    "I wrote the design doc and I ran an experiment on two weeks of traffic."
)


@pytest.mark.parametrize(("story", "asked_own_part"), [(TEAM_ONLY_CONFLICT, True), (OWN_PART_CONFLICT, False)])
async def test_a_story_told_only_as_the_team_is_asked_for_the_candidates_own_part(catalog: Catalog, story: str,
                                                                                   asked_own_part: bool) -> None:
    """Played (2026-12-03): a conflict story told as "the team decided..., the team wrote..." drew probes on the drift
    alert and the platform team; the question lists no ownership, yet "what did *you* do?" comes first. Told with "I",
    the same story is not asked it."""
    session, clock = round_on(catalog, "canva-mle", "behavioral", "bh-conflict", [])
    [e async for e in session.open()]
    await answer(session, clock, story)
    follow_up = session.turns[-1]
    assert follow_up.kind is TurnKind.FOLLOW_UP, follow_up
    assert (follow_up.criterion == "ownership") is asked_own_part, follow_up
    if asked_own_part:  # from what the team did, in the candidate's words
        assert follow_up.text.startswith('You said "the team wrote a design doc'), follow_up.text
        await answer(session, clock, "Well, we all contributed. We agreed the drift alert was the right compromise and "
                                     "the team shipped it the next week.")
        again = session.turns[-1]  # still "we": asked again, in other words
        assert again.kind is TurnKind.FOLLOW_UP and again.criterion == "ownership" and again.text != follow_up.text, again


@pytest.mark.parametrize(("answers", "shape"), [
    (["We migrated the ranker. The team owned the rollout and everyone agreed on the metric."], "team"),
    (["so um the team built the pipeline and we shipped it in like two weeks"], "team"),
    (["We migrated the ranker.", "The team owned the rollout and we agreed on the metric."], "team"),
    (["We migrated the ranker. I think the team owned the rollout."], None),  # "I think": the candidate speaks
    (["so the team built the pipeline and i wrote the eval harness myself"], None),  # a transcript's "i"
    (["We migrated the ranker."], None),  # one clause is not a story told as "we"
    (["so um yeah i think the area i'd want to push is recommendations for tiny catalogs and i would start with a "
      "popularity baseline"], "plan"),
    (["I'd start by asking the other lead what drives the date. Then I would bring data on what failures cost."], "plan"),
    (["I'd do it the same way again: I ran the experiment myself and we shipped it."], None),  # something was done
    (["We need a baseline first, and I'd compare against it."], None),  # one plan clause is not a story told as plans
])
def test_the_story_shape_reads_who_acts_and_whether_anything_was_done(answers: list[str], shape: str | None) -> None:
    assert MeaningEvidence().story_shape("Tell me about a time you disagreed with another team.", answers) == shape
    assert MeaningEvidence().story_shape("Design a retrieval system for templates.", answers) is None  # no story asked


PLAN_ONLY_DIRECTION = (
    "so um yeah i think the area i'd want to push is like uh recommendations and search for merchants with tiny "
    "catalogs because um they have like almost no data and i would start with a popularity baseline per category"
)


async def test_a_story_told_only_as_a_plan_is_asked_for_a_time_it_was_done(catalog: Catalog) -> None:
    """Played (2026-12-03): asked for a time they set technical direction, the candidate said what they would like to
    push; the follow-up asked "what changed in numbers?" of work that never happened."""
    session, clock = round_on(catalog, "shopify-mle", "hiring-manager", "hm-ml-area-direction", [])
    [e async for e in session.open()]
    await answer(session, clock, PLAN_ONLY_DIRECTION)
    follow_up = session.turns[-1]
    assert follow_up.kind is TurnKind.FOLLOW_UP and follow_up.text == PLAN_ONLY, follow_up


DENIED_RESULT = (
    "I proposed replacing our rule-based fraud filter with a gradient-boosted model, and I wrote the one-pager that got it "
    "onto the Q3 roadmap. I built the model myself. To be honest, we never A/B tested it; we just switched it on for "
    "everyone. We also had no monitoring on it after launch, and I don't have numbers on whether it actually reduced fraud."
)


async def test_a_practice_said_not_done_is_probed_looking_back_in_the_candidates_words(catalog: Catalog) -> None:
    """Played (2026-12-03): "we never A/B tested it ... I don't have numbers" drew "what changed in numbers, and what
    were you comparing against?". The interviewer says the denial back and asks what the candidate would do now."""
    session, clock = round_on(catalog, "canva-mle", "hiring-manager", "hm-influenced-roadmap", [])
    [e async for e in session.open()]
    await answer(session, clock, DENIED_RESULT)
    follow_up = session.turns[-1]
    assert follow_up.kind is TurnKind.FOLLOW_UP and follow_up.criterion == "impact", follow_up
    looking_back = catalog.criteria["impact"].looking_back
    assert looking_back is not None and follow_up.text.endswith(looking_back[1:]), follow_up.text
    assert follow_up.text.startswith('You said "we never A/B tested it"') and follow_up.text.count("?") == 1, follow_up.text


async def test_a_sandbox_run_with_failures_draws_the_question_about_them(catalog: Catalog) -> None:
    """The run's notice (as the coding panel says it) reaches the planner: the follow-up asks about the failing input."""
    from simulator.sandbox import SandboxResult, TestOutcome

    loop = catalog.loop("shopify-mle")
    rnd = loop.round("coding")
    clock = SimulatedClock()
    session = RoundSession(catalog=catalog, loop=loop, round_=rnd, persona=catalog.personas[rnd.persona], llm=None,
                           clock=clock, candidate="Alex", seed=1)
    [e async for e in session.open()]
    run = SandboxResult(status="failed", wall_s=0.4, timed_out=False, returncode=1, tests=[
        TestOutcome(name="test_main_example", outcome="passed"), TestOutcome(name="test_empty", outcome="failed", message="IndexError")])
    session.notice(run.notice_text(), source="sandbox")
    code = "def flag(events, k):\n    counts = {}\n    for e in events:\n        counts[e[0]] = counts.get(e[0], 0) + 1\n    return sorted(u for u, c in counts.items() if c > k)"
    await answer(session, clock, code)
    follow_up = session.turns[-1]
    assert follow_up.kind is TurnKind.FOLLOW_UP and follow_up.criterion == "correctness", follow_up
    assert follow_up.text == catalog.criterion(loop, "correctness").after_failing_run


TEAM_STORY = ("At my last job our team migrated the recommendation pipeline from cron jobs to Airflow. We planned it over a "
              "quarter, we wrote the DAGs, and we cut the failure rate a lot.")
OWN_STORY = ("Last year nobody owned the search ranker's labels. I noticed it was retrained on stale labels because a join "
             "dropped late events, so I wrote a check against the event log and fixed the join.")


@pytest.mark.parametrize("asked", ["Can we do a different one? I don't think that example shows much.",
                                   "Can we try another one?", "Let me pick a better example."])
async def test_another_story_for_the_same_question_is_followed_up_afresh(catalog: Catalog, asked: str) -> None:
    """Played (2026-12-05): "Can we do a different one?" got "That's your call — state your assumption and go on.", and
    the second story, its follow-ups spent on the first, got none: the next question came at once."""
    stored: list[Turn] = []
    session, clock = round_on(catalog, "canva-mle", "behavioral", "bh-ambiguity", stored)
    [e async for e in session.open()]
    for said in (TEAM_STORY, "Honestly we never measured it, we just noticed fewer pages at night."):
        await answer(session, clock, said)
    assert [t.kind for t in session.turns[-4:]] == [TurnKind.ANSWER, TurnKind.FOLLOW_UP] * 2  # the persona's two follow-ups
    await answer(session, clock, asked)
    reply = session.turns[-1]
    assert reply.kind is TurnKind.CLARIFICATION and reply.text == "Sure, go ahead with another one.", reply
    await answer(session, clock, OWN_STORY)
    after = session.turns[-1]
    assert after.kind is TurnKind.FOLLOW_UP and after.question_id == "bh-ambiguity", after
    resumed_store = list(stored)  # a crash right here: the resumed round plans the same follow-ups
    resumed, clock2 = round_on(catalog, "canva-mle", "behavioral", "bh-ambiguity", resumed_store)
    [e async for e in resumed.restore(stored[:-1])]
    assert resumed.turns[-1].text == after.text


async def test_the_candidates_own_question_is_not_named_back_as_said_once_they_answered(catalog: Catalog) -> None:
    """Played (2026-12-05): "does it need to be thread safe" then code drew "You mentioned thread safe: what is the
    time and memory complexity...?"; the code is run, not named, and the question was the candidate's own."""
    session, clock = round_on(catalog, "shopify-mle", "coding", "lru-feature-cache", [])
    [e async for e in session.open()]
    await answer(session, clock, "does it need to be thread safe")
    assert session.turns[-1].kind is TurnKind.CLARIFICATION
    await answer(session, clock, "class FeatureCache:\n    def __init__(self, capacity):\n        self.capacity = capacity\n"
                                 "        self.data = {}\n    def get(self, key):\n        return self.data.get(key)")
    follow_up = session.turns[-1]
    assert follow_up.kind is TurnKind.FOLLOW_UP and "thread safe" not in follow_up.text.lower(), follow_up.text


async def test_it_depends_after_a_follow_up_is_asked_on_what(catalog: Catalog) -> None:
    session, clock = round_on(catalog, "shopify-mle", "ml-modeling", "ml-fraud-model-choice", [])
    [e async for e in session.open()]
    await answer(session, clock, "I'd start with gradient-boosted trees: strong on tabular data, fast on CPU, and SHAP "
                                 "values give per-decline reasons.")
    assert session.turns[-1].kind is TurnKind.FOLLOW_UP
    await answer(session, clock, "It depends on a lot of things really.")
    assert session.turns[-1].kind is TurnKind.FOLLOW_UP and session.turns[-1].text == DEPENDS_ON_WHAT, session.turns[-1]

"""Grounded follow-ups and the right probe first, over the development cases, with a scripted fake model.

The fake reads the request the session sends (anchor and planned probe, or the
whole answer for a capable model) and answers from a script: a good rewording,
one that drops the anchor, a garbled mix, two questions, one wrapped in a
preamble. The guard must keep the good ones and replace the rest with the
canned probe around the anchor. The evidence model is the real one. Rates are
printed (pytest -s) as well as asserted:

    .venv/bin/python -m pytest tests/test_followups.py -s -k dev_cases
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable

import pytest
from followup_cases import Case, first_follow_up, load_cases, make_session, measure, names_something_said, one_question, without_follow_ups

from simulator.catalog import Catalog, load_catalog
from simulator.config import PROJECT_ROOT
from simulator.engine.clock import SimulatedClock
from simulator.engine.turns import TurnKind
from simulator.interview.anchor import choose_anchor, mentions, phrases
from simulator.interview.anchor_lead import with_anchor
from simulator.interview.evidence_probe import MeaningEvidence
from simulator.interview.follow_up_text import PART_FURTHER, PART_LEFT_OUT
from simulator.interview.round_session import RoundSession, speaking_seconds
from simulator.llm.client import Completion, Done, StreamEvent, Token

GROUNDED_RATE = 0.9
# The personas' ways into a follow-up that names something said (`anchor_leads` in personas/*.yaml), and the anchor
# The persona's lead, or what was said acknowledged before a question about something else ("X, got it. ...").
ANCHOR_LEAD = re.compile(r"^(?:You mentioned|You talked about|You brought up|Going back to|Back to|On|About) (.+?): |^(.+?), got it\. ")
# A scenario detail the follow-up quotes, said before it (interview/fact_context.py): "One detail to add: ... You mentioned"
DETAIL = re.compile(r"^(?:One detail to add|A couple of details to add): .+?\. (?=(?:You mentioned|You talked about|You brought up|"
                    r"Going back to|Back to|On|About) |[^.?]+, got it\. |You said \")")


def _lead(text: str) -> re.Match[str] | None:
    return ANCHOR_LEAD.match(DETAIL.sub("", text))
ON_TARGET_RATE = 0.8


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


@pytest.fixture(scope="module")
def evidence() -> MeaningEvidence:
    return MeaningEvidence()  # one for the module: the evidence model loads once


def _request(messages: list[dict[str, str]]) -> tuple[str | None, str]:
    user = messages[-1]["content"]
    anchor = re.search(r"^They mentioned: (.+)$", user, re.MULTILINE) or re.search(r"\(for example: (.+?)\)", user)
    probe = re.search(r'^Planned follow-up: "(?:You mentioned .+?: |.+?, got it\. )?(.+)"$', user, re.MULTILINE)
    assert probe is not None, user
    planned = probe.group(1)
    return (anchor.group(1) if anchor else None), planned[0].upper() + planned[1:]


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:]


# (name, reply from anchor and probe, whether the guard must accept it)
SCRIPT: list[tuple[str, Callable[[str, str], str], bool]] = [
    ("reworded around the anchor", lambda a, p: f"Going back to {a}: {_lower_first(p)}", True),
    ("anchor dropped", lambda a, p: p, False),
    ("garbled mix", lambda a, p: f"How does {a} handle latency and mask quality drifts in a single request?", False),
    ("two questions", lambda a, p: f"What was {a}? {p}", False),
    ("wrapped in a preamble", lambda a, p: f"Sure, here's the follow-up question:\n\nAbout {a}: {_lower_first(p)}", True),
]


class ScriptedModel:
    """Stands in for LLMClient: answers each request with the next behaviour of SCRIPT, and keeps the requests."""

    def __init__(self, model: str = "embedded", reply: Callable[[str, str, str], str] | None = None) -> None:
        self.primary_label = model  # what the session asks a client: embedded or a configured model
        self.requests: list[list[dict[str, str]]] = []
        self.behaviours: list[tuple[str, bool, bool]] = []
        self._reply = reply

    async def prime(self, messages: list[dict[str, str]]) -> None:
        return None

    async def stream(self, messages: list[dict[str, str]], **_: object) -> AsyncIterator[StreamEvent]:
        self.requests.append(messages)
        anchor, probe = _request(messages)
        if self._reply is not None:
            text = self._reply(messages[-1]["content"], anchor or "", probe)
        else:
            name, reply, accepted = SCRIPT[(len(self.requests) - 1) % len(SCRIPT)]
            if name == "anchor dropped" and (anchor is None or mentions(probe, anchor)):
                # the question itself names it ("How would you evaluate int8 per language...?"), or there is none: a
                # question's own follow-up whose trigger said nothing to name is asked alone
                accepted = True
            self.behaviours.append((name, accepted, anchor is not None))
            text = reply(anchor or "that", probe)
        yield Token(text)
        yield Done(Completion(text=text, route="scripted", ttft_s=0.0, total_s=0.0))


@pytest.mark.parametrize("model", ["none", "scripted"])
async def test_dev_cases_first_follow_ups_are_grounded_and_on_target(catalog: Catalog, evidence: MeaningEvidence, model: str) -> None:
    llm = ScriptedModel() if model == "scripted" else None
    rates, played = await measure(catalog, llm, evidence)
    print(f"\n[{model}] {rates.line()}\n  " + "\n  ".join(rates.misses))
    assert rates.cases >= 20
    assert rates.grounded / rates.cases >= GROUNDED_RATE, rates.misses
    assert rates.on_target / rates.cases >= ON_TARGET_RATE, rates.misses
    if llm is not None:
        # Every good rewording was kept, every bad one replaced by the canned probe around the anchor.
        # A case the evidence model reads as evidenced throughout gets no follow-up (a miss in the rates above).
        # A part of the question left out is asked as written (question_parts.py): no model words it.
        asked = [(case, turn) for case, turn in played if turn is not None and PART_LEFT_OUT not in turn.text and PART_FURTHER not in turn.text]
        for (case, turn), (name, accepted, anchored) in zip(asked, llm.behaviours, strict=True):
            assert (turn.source == "llm:scripted") is accepted, (case.id, name, turn.text)
            if not accepted and anchored:
                assert _lead(turn.text) or DETAIL.sub("", turn.text).startswith('You said "'), (name, turn.text)  # an anchor, or their words


def test_the_dev_cases_cover_each_kind_of_gap() -> None:
    cases = load_cases()
    assert len(cases) >= 20 and len({c.id for c in cases}) == len(cases)
    kinds = {c.expect for c in cases}
    assert {"impact", "ownership", "tradeoffs", "requirements", "monitoring", "rollout", "evaluation"} <= kinds
    assert len({c.loop for c in cases}) == 3


async def test_a_negated_answer_draws_the_monitoring_probe(catalog: Catalog, evidence: MeaningEvidence) -> None:
    """ "We had no alerts on it" names alerts and denies them: it reads as less monitoring than "we had alerts on it"."""
    case = Case(
        id="negated-alerts", loop="canva-em-recsys", round="hiring-manager", question="hm-post-incident-review",
        expect="monitoring", missing="monitoring",
        answer=(
            "I led the review after our template recommender served stale results for six hours. I ran the timeline "
            "session myself and found the nightly embedding job had failed on an expired credential; we had no alerts on "
            "it, so a designer noticed first. I decided we would rebuild the job on Airflow with retries, and it has not "
            "recurred since; the lesson was to write the runbook before the launch."
        ),
    )  # fmt: skip
    turn = await first_follow_up(catalog, case, ScriptedModel(reply=lambda user, a, p: f"About {a}: {_lower_first(p)}"), evidence)
    assert turn is not None and turn.criterion == "monitoring", turn
    assert one_question(turn.text) and names_something_said(turn.text, case.answer, "")
    loop = catalog.loop(case.loop)
    question = next(q for q in loop.round(case.round).questions if q.id == case.question)
    monitoring = catalog.criterion(loop, "monitoring")
    affirmed = case.answer.replace("we had no alerts on it", "we had alerts on it")
    assert evidence(monitoring, question.text, [case.answer]) < evidence(monitoring, question.text, [affirmed])


# --- the right probe first ----------------------------------------------------------------------------------------
RIGHT_FIRST = [
    pytest.param(
        "canva-mle", "hiring-manager", "hm-hardest-tradeoff", "tradeoffs",
        "On the background remover I owned the serving path, and I decided to ship the distilled model. I wrote the "
        "TensorRT export myself and users in the editor got their masks faster.",
        id="a tradeoff told by its gain alone: what it cost first",  # the question's part (rubric `parts:`)
    ),
    pytest.param(
        "shopify-mle", "hiring-manager", "hm-ml-area-direction", "impact",
        "I set the direction for search ranking across three teams: I wrote the design doc for a shared two-tower "
        "retrieval stage, I chose in-batch negatives over mined ones, and all three teams adopted the shared index.",
        id="results before alternatives",
    ),
    pytest.param(
        "canva-mle", "hiring-manager", "hm-prototype-to-production", "ownership",
        "The team took the template recommender from a notebook to production. In a two-week A/B test click-through "
        "went from 4.1% to 4.6% against the popularity baseline, and the team learned to log features at serving time.",
        id="only the team: the candidate's own part",
    ),
    pytest.param(
        "canva-em-recsys", "recsys-system-design", "sd-template-recs", "requirements",
        "I'd use a two-tower model for candidates and a gradient-boosted ranker on top.",
        id="design without requirements: requirements first",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("loop", "round_", "question", "expect", "answer"), RIGHT_FIRST)
async def test_the_right_probe_comes_first(
    catalog: Catalog, evidence: MeaningEvidence, loop: str, round_: str, question: str, expect: str, answer: str
) -> None:
    case = Case(id="right-first", loop=loop, round=round_, question=question, expect=expect, missing="", answer=answer)
    turn = await first_follow_up(catalog, case, None, evidence)
    assert turn is not None and turn.criterion == expect, turn


async def test_the_second_follow_up_names_something_new(catalog: Catalog, evidence: MeaningEvidence) -> None:
    """Two gaps (no result, no user outcome): the second probe is on the other gap and names another phrase."""
    case = next(c for c in load_cases() if c.id == "shopify-bh-relabel-no-result")
    session, clock = make_session(without_follow_ups(catalog, case.loop, case.question), case, None, evidence)  # the leads
    # of rubric probes; a question's own follow-up about something else is led in by what was said (test_question_follow_ups)
    [e async for e in session.open()]
    for text in (case.answer, "In the next A/B test, click-through on apparel recommendations went from 2.1% to 2.6%."):
        start = session.engine.elapsed()
        clock.advance(speaking_seconds(text))
        [e async for e in session.answer(text, t_start=start, t_end=session.engine.elapsed())]
    follow_ups = [t for t in session.turns if t.kind is TurnKind.FOLLOW_UP]
    assert len(follow_ups) == 2 and follow_ups[0].criterion != follow_ups[1].criterion
    first, second = (_lead(t.text) for t in follow_ups)
    assert first and second and (first.group(1) or first.group(2)) != (second.group(1) or second.group(2)), [t.text for t in follow_ups]
    # each after the persona's next way in: "You mentioned X: ..." every time reads as a script
    leads = catalog.personas[catalog.loop(case.loop).round(case.round).persona].anchor_leads
    assert len(leads) > 1 and first.group(0).startswith(leads[0].split("{anchor}")[0]), (leads, first.group(0))
    assert second.group(0).startswith(leads[1].split("{anchor}")[0]), (leads, second.group(0))


# --- a capable configured model reads the whole answer ---------------------------------------------------------------
async def test_a_capable_model_gets_the_whole_answer_and_may_name_another_phrase(catalog: Catalog, evidence: MeaningEvidence) -> None:
    case = next(c for c in load_cases() if c.id == "hm-two-tower-no-numbers")
    llm = ScriptedModel(model="openai/capable", reply=lambda user, a, p: "You said you distilled the query tower: what did that change in numbers, against what baseline?")
    turn = await first_follow_up(catalog, case, llm, evidence)
    user = llm.requests[0][-1]["content"]
    assert "in-batch negatives" in user and "build the logging before the model" in user  # the whole answer, not its end
    assert turn is not None and turn.source == "llm:scripted" and turn.criterion == "impact", turn


async def test_the_embedded_model_gets_the_anchor_not_the_answer(catalog: Catalog, evidence: MeaningEvidence) -> None:
    case = next(c for c in load_cases() if c.id == "hm-two-tower-no-numbers")
    llm = ScriptedModel()
    await first_follow_up(catalog, case, llm, evidence)
    user = llm.requests[0][-1]["content"]
    assert "They mentioned: the two-tower retrieval model" in user
    assert "in-batch negatives" not in user and len(user) < 700


# --- the anchor -------------------------------------------------------------------------------------------------------
def test_the_anchor_is_the_most_specific_phrase_in_the_interviewers_words() -> None:
    answer = (
        "The team did a great job. We moved our template search from keyword matching to a two-tower retrieval model, "
        "and people liked it."
    )
    anchor = choose_anchor([answer])
    assert anchor is not None and anchor.text == "a two-tower retrieval model" and anchor.spoken == "the two-tower retrieval model"
    assert answer[anchor.span.start : anchor.span.end] == anchor.text
    assert choose_anchor(["It worked well and the team did a great job."]) is None  # nothing specific: no anchor
    assert choose_anchor([answer]) == anchor  # deterministic


def test_the_anchor_prefers_the_clause_of_the_gap_and_skips_what_the_interviewer_said() -> None:
    answer = "We serve 20k requests per second from a Triton server. The nightly embedding job had no alerts on it."
    gap_at = answer.index("The nightly")
    near_gap = choose_anchor([answer], gap=_span(gap_at, len(answer)), gap_answer=0)
    assert near_gap is not None and near_gap.text == "The nightly embedding job"
    assert choose_anchor([answer], avoid=["What does the Triton server do with 20k requests?"]).text != "a Triton server"  # type: ignore[union-attr]
    words = {p.text for p in phrases("Design it for 200 ms p95 latency.", question="with a 200 ms p95 latency target")}
    assert words == set()  # only the interviewer's own words


def test_the_canned_probe_takes_the_anchor() -> None:
    assert with_anchor("What changed in numbers?", "the two-tower model") == "You mentioned the two-tower model: what changed in numbers?"
    assert with_anchor("What changed in numbers?", None) == "What changed in numbers?"
    said_before = with_anchor("Which Canva feature have you used recently?", "the A/B test", "Thanks for walking me through {anchor}.")
    assert said_before == "Thanks for walking me through the A/B test. Which Canva feature have you used recently?"


def test_a_spoken_wise_is_no_part_of_a_phrase_named_back() -> None:
    """Played blind (2026-12-07): "yeah so timeline wise im hoping to move in about two months..." drew "Thanks for walking
    me through timeline wise."."""
    named = [p.text for p in phrases("yeah so cost wise we were fine but latency wise the ranker was too slow for the feed")]
    assert named and not any(re.search(r"\bwise\b", text) for text in named), named


async def test_a_probe_about_the_company_turns_to_it_rather_than_following_on(catalog: Catalog, evidence: MeaningEvidence) -> None:
    """Played (2026-12-05, a recruiter screen): "You talked about the two-week A/B test: which Canva feature have you
    used recently...?" read as if the feature followed from the test."""
    case = Case(
        id="company-probe", loop="canva-mle", round="recruiter-screen", question="rs-why-canva", expect="motivation",
        missing="motivation",
        answer=("I've spent five years on search ranking. Last year the learning-to-rank model I built replaced a hand-tuned "
                "scoring function, and in a two-week A/B test purchases from search went up 2.1%."),
    )  # fmt: skip
    turn = await first_follow_up(catalog, case, None, evidence)
    assert turn is not None and turn.criterion == "motivation", turn
    assert turn.text.startswith("Thanks for walking me through ") and ". Which Canva feature" in turn.text, turn.text


async def test_a_probe_about_the_company_after_a_few_words_walks_through_nothing(catalog: Catalog, evidence: MeaningEvidence) -> None:
    """Played blind (2026-12-07): "Okay. Five years MLE. Ads ranking at a marketplace. Want commerce scale." drew "Thanks
    for walking me through commerce scale. Which Shopify product...?"."""
    case = Case(id="company-probe-terse", loop="canva-mle", round="recruiter-screen", question="rs-why-canva",
                expect="motivation", missing="motivation",
                answer="Five years of search ranking at a marketplace, and I use Canva for my slides.")
    turn = await first_follow_up(catalog, case, None, evidence)
    assert turn is not None and turn.text.startswith("Which Canva feature"), turn  # main: "...through the marketplace."


def _span(start: int, end: int):  # noqa: ANN202 - the scorer's Span
    from simulator.scoring.text import Span

    return Span(start=start, end=end)


async def test_a_question_about_the_job_is_answered_and_is_not_what_the_follow_up_names(
    catalog: Catalog, evidence: MeaningEvidence
) -> None:
    """Played: "is this role remote or based in Sydney?" in a recruiter screen drew "You mentioned role remote: what
    changed in numbers...". It is answered from the loop's `about` (passed on, in the recruiter's own words, before
    2026-12-07), kept out of the question's evidence, and the question stays open."""
    question = catalog.loop("canva-mle").round("recruiter-screen").questions[0]
    case = Case(id="logistics", loop="canva-mle", round="recruiter-screen", question=question.id, expect="", missing="",
                answer="Before we start, is this role remote or based in Sydney?")  # fmt: skip
    session, clock = make_session(catalog, case, None, evidence)
    [e async for e in session.open()]
    start = session.engine.elapsed()
    clock.advance(speaking_seconds(case.answer))
    [e async for e in session.answer(case.answer, t_start=start, t_end=session.engine.elapsed())]
    location = next(e.text for e in catalog.loop("canva-mle").about if e.topic == "location")
    assert session.turns[-1].kind is TurnKind.CLARIFICATION and session.turns[-1].text == location
    assert session.engine.answers(question.id) == [] and session.engine.current_question == question
    real = "I have five years in ML on ranking and search, and I want a team that ships models to millions of users."
    start = session.engine.elapsed()
    clock.advance(speaking_seconds(real))
    [e async for e in session.answer(real, t_start=start, t_end=session.engine.elapsed())]
    assert session.engine.answers(question.id) == [real]
    assert not any("remote" in t.text.lower() for t in session.turns if t.kind is TurnKind.FOLLOW_UP)


async def say(session: RoundSession, clock: SimulatedClock, text: str) -> None:
    """The candidate says `text`, taking as long as speaking it takes."""
    start = session.engine.elapsed()
    clock.advance(speaking_seconds(text))
    [e async for e in session.answer(text, t_start=start, t_end=session.engine.elapsed())]


async def test_a_hint_time_to_think_and_a_pass_are_not_answers(catalog: Catalog, evidence: MeaningEvidence) -> None:
    """Played: "Can you give me a hint?" and "Let me think for a moment." drew follow-ups as if answered, and "I don't
    know, honestly." drew "You mentioned don't know: ...". Now: the question's first hint from the rubric, "Take your
    time.", and a pass to the next question; none of them is evidence."""
    question = catalog.loop("canva-mle").round("system-design").questions[0]
    case = Case(id="meta", loop="canva-mle", round="system-design", question=question.id, expect="", missing="", answer="")
    session, clock = make_session(catalog, case, None, evidence)
    [e async for e in session.open()]

    await say(session, clock, "Can you give me a hint?")
    hint = session.turns[-1]
    assert hint.kind is TurnKind.CLARIFICATION and hint.text == f"Here's a hint: {question.hints[0]}"
    await say(session, clock, "Let me think for a moment.")
    assert session.turns[-1].kind is TurnKind.CLARIFICATION and session.turns[-1].text == "Take your time."
    assert session.engine.answers(question.id) == [] and session.engine.current_question == question
    await say(session, clock, "I don't know, honestly.")
    assert session.turns[-1].kind is TurnKind.QUESTION and session.engine.current_question != question
    assert not any(t.kind is TurnKind.FOLLOW_UP for t in session.turns)


async def test_asking_how_much_time_is_left_is_answered_from_the_round_clock(catalog: Catalog, evidence: MeaningEvidence) -> None:
    """From the written candidate turns: "how many minutes do we have left?" got a line that said nothing about time."""
    round_ = catalog.loop("canva-mle").round("system-design")
    question = round_.questions[0]
    case = Case(id="clock", loop="canva-mle", round="system-design", question=question.id, expect="", missing="", answer="")
    session, clock = make_session(catalog, case, None, evidence)
    [e async for e in session.open()]
    clock.advance(10 * 60)
    await say(session, clock, "How many minutes do we have left?")
    left = round((round_.minutes * 60 - session.engine.elapsed()) / 60)
    assert session.turns[-1].kind is TurnKind.CLARIFICATION
    assert session.turns[-1].text == f"About {left} minutes left in this round."
    assert session.engine.answers(question.id) == [] and session.engine.current_question == question


async def test_what_the_candidate_asked_about_is_not_asked_back(catalog: Catalog, evidence: MeaningEvidence) -> None:
    """Played headless: after "how much traffic does this get at peak, and what's the latency budget?" was answered
    and the design given, a follow-up asked "before the design, what are the latency target, the traffic and the
    success metric?". Requirements the candidate's own questions show are not probed on that question."""
    question = catalog.loop("canva-mle").round("system-design").questions[0]
    case = Case(id="scoped", loop="canva-mle", round="system-design", question=question.id, expect="", missing="", answer="")
    session, clock = make_session(catalog, case, None, evidence)
    [e async for e in session.open()]

    await say(session, clock, "Before I design anything, how much traffic does this get at peak, and what's the latency budget?")
    assert session.turns[-1].kind is TurnKind.CLARIFICATION
    await say(session, clock, "I'd put a small distilled model on GPUs behind a queue with dynamic batching, keep the full model for "
              "exports, and fall back to the previous version when p95 goes over budget.")
    for more in ("We'd watch p95 latency, GPU utilisation and the share of fallbacks, and alert on-call past two percent.",
                 "A shadow week first, then a 5% canary with automatic rollback if the error rate doubles.",
                 "The distilled model trades a little mask quality for cost; exports keep the full model."):
        if session.engine.current_question != question:
            break
        await say(session, clock, more)
    follow_ups = [t.text for t in session.turns if t.kind is TurnKind.FOLLOW_UP]
    assert len(follow_ups) >= 2 and not any("before the design" in t.lower() for t in follow_ups), follow_ups

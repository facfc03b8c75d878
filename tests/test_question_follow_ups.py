"""A question's own follow-up words the probe of the criterion the planner chose (engine/question_follow_ups.py).

Played (2026-12-05): 28 of 100 interviewer turns were the rubric's probe for a criterion, the same on every question
("What path does a single request take?" after a design that told it; "Where would you cut inference cost first?"
after a latency diagnosis). Now a follow-up written for the question in the rubric YAML comes first: one whose `said`
the answer says, led by what was said; else one that fits any answer.
"""

from __future__ import annotations

import re

import pytest
from test_round_session import answer, round_on

from simulator.bench.llm_compare import KIND_PATTERNS
from simulator.catalog import Catalog, Criterion, load_catalog
from simulator.catalog.models import Question
from simulator.config import PROJECT_ROOT
from simulator.engine.other_half import unanswered_half
from simulator.engine.plan import Probe
from simulator.engine.pressing import Presser
from simulator.engine.question_follow_ups import question_follow_up
from simulator.engine.turns import TurnKind
from simulator.interview.anchor import Phrase, choose_anchor, related
from simulator.interview.anchor_lead import DEFAULT_LEAD, with_anchor
from simulator.interview.follow_up_text import SWITCH_LEAD, FollowUpWording
from simulator.scoring.text import Span

QUESTION = Question(
    id="q", text="Design an online background remover with a 200 ms p95.", source="written",
    criteria=["architecture", "monitoring"],
    follow_ups=[
        {"criterion": "architecture", "said": [r"\bbatch(?:ing|es)?\b"], "heard": [r"max(?:imum)? wait"],
         "ask": "How do you size a batch so each request still makes the 200 ms p95?"},
        {"criterion": "architecture", "heard": [r"\bfallback"], "ask": "What serves a frame when the GPU pool is saturated?"},
        {"criterion": "monitoring", "said": [r"\bdrift"], "heard": [r"\bpsi\b"], "ask": "Which drift signal pages someone?"},
    ],
)  # fmt: skip


def _ask(answers: list[str], criterion: str = "architecture", asked: tuple[str, ...] = ()) -> tuple[str, tuple | None] | None:
    pick = question_follow_up(QUESTION, criterion, answers, lambda ask: ask not in asked)
    return None if pick is None else (pick.ask, pick.said_at)


def test_what_the_answer_said_is_picked_up_where_it_was_said() -> None:
    answer = "Triton on the A10G pool with dynamic batching."
    ask, at = _ask([answer])
    assert ask.startswith("How do you size a batch") and at == (0, answer.index("batching"), answer.index("batching") + 8)


def test_without_the_thing_said_the_follow_up_for_any_answer() -> None:
    assert _ask(["One model per GPU, behind a load balancer."])[0].startswith("What serves a frame")


def test_a_denied_or_asked_mention_is_no_thread_and_an_answered_one_is_not_asked() -> None:
    assert _ask(["We wouldn't do any batching here; one frame per call."])[0].startswith("What serves a frame")
    assert _ask(["Would batching be allowed? One frame per call for now."])[0].startswith("What serves a frame")
    assert _ask(["Dynamic batching with a maximum wait of 10 ms."])[0].startswith("What serves a frame")  # answered
    assert _ask(["Batching with a maximum wait of 10 ms, and a fallback to the lighter model."]) is None  # the rubric's probe


def test_a_follow_up_is_asked_once_and_only_for_its_criterion() -> None:
    assert _ask(["batching"], asked=("How do you size a batch so each request still makes the 200 ms p95?",))[0].startswith("What serves")
    assert _ask(["batching, and no drift checks yet"], criterion="monitoring") is None  # the drift mention is denied
    assert _ask(["batching, and a drift check"], criterion="monitoring")[0] == "Which drift signal pages someone?"


def test_the_latest_answer_is_picked_up_first() -> None:
    ask, at = _ask(["We watch drift weekly.", "Batching in the server."])
    assert at[0] == 1 and "batch" in ask
    assert _ask(["Batching in the server.", "And drift."], criterion="monitoring")[1][0] == 1


def test_a_follow_up_must_name_one_of_its_questions_criteria() -> None:
    with pytest.raises(ValueError, match="names criterion 'rollout'"):
        Question(id="q", text="t", source="written", criteria=["architecture"],
                 follow_ups=[{"criterion": "rollout", "ask": "How?", "heard": ["x"]}])
    with pytest.raises(ValueError, match="must be one question, ending in its only question mark"):
        Question(id="q", text="t", source="written", criteria=["architecture"],
                 follow_ups=[{"criterion": "architecture", "ask": "How? Why?", "heard": ["x"]}])
    with pytest.raises(ValueError, match="must start with a capital letter"):  # said on its own after "X, got it."
        Question(id="q", text="t", source="written", criteria=["architecture"],
                 follow_ups=[{"criterion": "architecture", "ask": "how?", "heard": ["x"]}])
    with pytest.raises(ValueError, match="invalid regex"):
        Question(id="q", text="t", source="written", criteria=["architecture"],
                 follow_ups=[{"criterion": "architecture", "said": ["(batch"], "ask": "How?", "heard": ["x"]}])


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


async def test_in_a_round_the_follow_up_picks_up_what_was_said_in_the_scenarios_terms(catalog: Catalog) -> None:
    """The design left out alternatives: the rubric's probe was "What alternative did you consider, and why did you not
    choose it?" after the 150 ms budget; the question's own asks about the index the candidate chose."""
    session, clock = round_on(catalog, "canva-em-recsys", "recsys-system-design", "sd-template-recs", [])
    [e async for e in session.open()]
    await answer(session, clock, "For over a hundred million monthly users with a 150 ms budget on the home page, success is "
                                 "designs started from a recommended template. Two-tower retrieval from user history into a "
                                 "ScaNN index, then a DCN ranker with freshness features. Offline I'd use recall at 100 and "
                                 "NDCG on the next template opened; online, an A/B test on designs started per user.")
    turn = session.turns[-1]
    assert turn.kind is TurnKind.FOLLOW_UP and turn.criterion == "tradeoffs", turn
    assert turn.text.startswith("You mentioned the ScaNN index: would you apply the locale and licensing filters"), turn.text


def test_every_follow_up_in_the_rubrics_reads_as_its_criterion(catalog: Catalog) -> None:
    """What `rubric validate` cannot know: a follow-up on rollout that asks about rollout (the same words the follow-up
    bench reads a follow-up's kind by), so the planner's choice of criterion survives the question's wording."""
    wrong = [f"{loop.id}/{q.id}: {f.criterion}: {f.ask}" for loop in catalog.loops.values() for r in loop.rounds
             for q in r.questions for f in q.follow_ups if f.criterion in KIND_PATTERNS
             and not re.search(KIND_PATTERNS[f.criterion], f.ask, re.IGNORECASE)]
    assert wrong == []
    assert sum(len(q.follow_ups) > 0 for loop in catalog.loops.values() for r in loop.rounds for q in r.questions) >= 100


def _probe(canned: str, **update: object) -> Probe:
    return Probe(criterion="rollout", criterion_title="Rollout", missing="m", canned=canned).model_copy(update=update)


class _Said:
    """All `FollowUpWording.lead` reads of the engine: what was said on the question."""

    def __init__(self, *answers: str) -> None:
        self._answers = list(answers)

    def answers(self, question_id: str) -> list[str]:
        return self._answers


def _wording(*answers: str) -> FollowUpWording:
    wording = FollowUpWording.__new__(FollowUpWording)
    wording.engine = _Said(*answers)  # type: ignore[assignment]
    return wording


def test_a_question_about_something_else_acknowledges_what_was_said_and_stands_on_its_own() -> None:
    """Graded blind (2026-12-06): "You mentioned the 30 human reviewers: how would you roll out a new classifier
    version...?" reads as if the question were about the reviewers; "The 30 human reviewers, got it. How would you..."
    was preferred in 59 of 66 such pairs."""
    said = "We had the 30 human reviewers on it, and we shipped it behind a flag."
    question = Question(id="q", text="How did you launch the classifier?", source="written", criteria=["rollout"])
    wording = _wording(said)
    reviewers = Phrase("the 30 human reviewers", Span(7, 29), 2.0)
    ask = "How would you roll out a new classifier version, given a wrong block stops a user sharing?"
    lead = wording.lead(question, _probe(ask, own_subject=True), reviewers, DEFAULT_LEAD)
    assert lead == SWITCH_LEAD
    # Right after the answer's check-in was answered ("Yes, that's the kind of thing I'm after."), it is acknowledged:
    # "...for now. 9 million per day, got it. Between...?" said it twice (replayed, 2026-12-07)
    assert wording.lead(question, _probe(ask, own_subject=True), reviewers, DEFAULT_LEAD, checked_in=True) == ""
    assert with_anchor(ask, reviewers.spoken, lead) == ("The 30 human reviewers, got it. How would you roll out a new "
                                                        "classifier version, given a wrong block stops a user sharing?")
    classifier = Phrase("the heavier ViT classifier", Span(0, 26), 2.0)  # the question is about it
    assert wording.lead(question, _probe(ask, own_subject=True), classifier, DEFAULT_LEAD) == DEFAULT_LEAD
    # What the follow-up picks up is its subject ("You mentioned the 30 human reviewers: ...")...
    at_reviewers = (0, said.index("reviewers"), said.index("reviewers") + 9)
    picked = wording._picked_up(question, (said,), at_reviewers)
    assert picked is not None and "reviewers" in picked.text
    assert wording.lead(question, _probe(ask, own_subject=True, said_at=at_reviewers), picked, DEFAULT_LEAD) == DEFAULT_LEAD
    # ...but where its trigger matched no phrase ("shipped"), another phrase named is no subject of the ask.
    at_shipped = (0, said.index("shipped"), said.index("shipped") + 7)
    assert wording._picked_up(question, (said,), at_shipped) is None
    assert wording.lead(question, _probe(ask, own_subject=True, said_at=at_shipped), reviewers, DEFAULT_LEAD) == SWITCH_LEAD
    # A rubric probe is worded for any answer: what was said is its subject ("...: what changed in numbers?").
    assert wording.lead(question, _probe("What changed in numbers?"), reviewers, DEFAULT_LEAD) == DEFAULT_LEAD


def test_related_needs_the_thing_named_or_two_of_its_words() -> None:
    assert related("the heavier ViT classifier", "How would you roll out a new classifier version?")
    assert not related("the account's old tuple", "Which test would catch a tie broken toward the larger account id?")
    assert related("the ranking model latency budget", "Where does the latency go in ranking?")


def test_the_anchor_leans_to_a_thing_the_question_is_about() -> None:
    answer = ("The decision is whether buyers find products when their words don't match the listing, like gift for a "
              "runner matching trail shoes. I'd start hybrid: BM25 plus a bi-encoder, fused with reciprocal rank fusion. "
              "Rollout would be 5% of Shop app traffic with a kill switch and a guardrail on the zero-result rate.")
    about = "What baseline would you test first for the 15% zero-result searches, such as synonyms and spelling fixes?"
    assert "zero-result" not in choose_anchor([answer]).text
    assert choose_anchor([answer], about=about).text == "the zero-result rate"


def test_a_reply_that_takes_up_the_follow_ups_own_words_is_not_pressed() -> None:
    """Played (2026-12-06): "Lower max depth first, say to 4-5" to "Which regularization knob on the 500 depth-8 fraud
    trees would you turn first to cut variance?" drew "Let me come back to what I asked.": the criterion's reading of a
    short reply is no test of a question's own, narrower follow-up. A reply that takes up none of its words still is."""
    presser = Presser(lambda criterion, question, reply: True, unanswered_half)  # every reply reads as a dodge
    question = Question(id="q", text="Your fraud model overfits: what would you change?", source="written",
                        criteria=["ml_fundamentals"])
    ask = "Which regularization knob on the 500 depth-8 fraud trees would you turn first to cut variance?"
    own = _probe(ask, own_subject=True)
    criterion = Criterion(id="ml_fundamentals", title="ML", description="d", levels={1: "a", 2: "b", 3: "c", 4: "d"})
    assert presser.press(criterion, own, question, "Lower max depth first, say to 4-5, then raise min samples per leaf.") is None
    pressed = presser.press(criterion, own, question, "We'd watch it in production and see how it goes, honestly.")
    assert pressed is not None and pressed[0].kind == "press"
    rubric = _probe(ask)  # a rubric probe is read as before
    assert Presser(lambda c, q, r: True, unanswered_half).press(criterion, rubric, question, "Lower max depth first, to 4-5.") is not None


PROTOTYPE = ("First thing, I take twenty merchant stores from our support tickets and I look how they write the descriptions. "
             "Many small merchant copy the supplier text, very bad for SEO. So I make small prototype with the LLM in one "
             "notebook, generate descriptions for this twenty stores, and I show to the PM and two merchants on a call. After "
             "this call the direction become clear, we choose the description generation.")
NO_NUMBERS = "Honestly I would measure it. We never had any metric on it after launch, no adoption numbers, nothing."


async def test_a_reply_saying_there_were_no_numbers_is_asked_how_it_could_have_been_measured(catalog: Catalog) -> None:
    """Played (2026-12-06): after "no adoption numbers, nothing" the interviewer asked "what changed in numbers, and
    what were you comparing against?"; the evidence model read no denial there, the anchor did ("having no ...")."""
    session, clock = round_on(catalog, "shopify-mle", "behavioral", "bh-pragmatic-over-theoretical", [])
    [e async for e in session.open()]
    await answer(session, clock, PROTOTYPE)
    await answer(session, clock, NO_NUMBERS)
    last = session.turns[-1]
    assert last.kind is TurnKind.FOLLOW_UP and last.criterion == "impact"
    assert "having no adoption numbers" in last.text and "Looking back, how could you have measured" in last.text.replace("looking", "Looking")


async def test_a_short_reply_saying_there_was_none_is_not_pressed(catalog: Catalog) -> None:
    """Played (2026-12-06): "Let me come back to what I asked. How much time or money did it save...?" after it."""
    session, clock = round_on(catalog, "shopify-mle", "behavioral", "bh-shipped-for-merchants", [])
    [e async for e in session.open()]
    await answer(session, clock, PROTOTYPE)
    assert "how much time or money" in session.turns[-1].text.lower()
    await answer(session, clock, NO_NUMBERS)
    assert not session.turns[-1].text.startswith("Let me come back to what I asked"), session.turns[-1].text


def test_a_trigger_matched_in_code_names_no_phrase_of_it(catalog: Catalog) -> None:
    """Played (2026-12-06): "On collections import OrderedDict class FeatureCache: what does OrderedDict cost...?"."""
    question = next(q for q in catalog.loop("shopify-mle").round("coding").questions if q.id == "lru-feature-cache")
    code = "from collections import OrderedDict\nclass FeatureCache:\n    def __init__(self, capacity):\n        self.d = OrderedDict()\n"
    at = code.index("OrderedDict")
    assert FollowUpWording._picked_up(question, (code,), (0, at, at + len("OrderedDict"))) is None
    prose = "I'd keep an OrderedDict of merchant features, moved to the end on every get."
    at = prose.index("OrderedDict")
    picked = FollowUpWording._picked_up(question, (prose,), (0, at, at + len("OrderedDict")))
    assert picked is not None and "OrderedDict" in picked.text


@pytest.mark.parametrize(("loop", "round_id", "question_id", "ask", "answer"), [
    ("canva-em-recsys", "recsys-system-design", "sd-java-python-aws", "Where does the feature fetch live",
     "I'd keep the feature fetch in the Java service so the model server is stateless, and pass features in the request."),
    ("canva-em-recsys", "ml-depth", "ml-magic-recs-media-types", "keep the image loss from dominating",
     "I would use per-media-type sampling weights and evaluate insert rate for each type separately."),
    ("shopify-mle", "coding", "lru-feature-cache", "failing to refresh a key's recency",
     "For tests I'd check capacity 0, updating an existing key counts as a use, and eviction order after a get."),
])  # fmt: skip
def test_a_follow_up_the_answer_addressed_is_heard(catalog: Catalog, loop: str, round_id: str, question_id: str, ask: str,
                                                   answer: str) -> None:
    """Played (2026-12-06): each of these was asked right after the answer beside it had said it."""
    question = next(q for q in catalog.loop(loop).round(round_id).questions if q.id == question_id)
    follow_up = next(f for f in question.follow_ups if ask in f.ask)
    assert any(re.search(p, answer, re.IGNORECASE) for p in follow_up.heard)

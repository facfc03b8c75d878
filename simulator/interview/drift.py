"""An answer about something else entirely, to a question that sets a problem: the interviewer brings it back.

Played (2026-12-03, Canva system design): asked to design template retrieval for
Magic Studio, the candidate said "the most relevant thing I've built is a
customer-support chatbot, so let me talk about that", and three follow-ups in a
row probed the chatbot ("You mentioned the customer-support chatbot: before the
design, what are the latency target...?"). A real interviewer steers back once.

Read by meaning: the answer's sentence vector against the question's. Measured on
the corpus's train split (answers of 40 words or more to design, framing and
architecture questions that are not stories): the 222 on-topic answers, spoken
and keyword lists among them, sit at cosine 0.14 or more, the 72 answers of the
clarification case files at 0.33 or more, and the chatbot answer at 0.05. Story
questions ("Tell me about a time...") are never read this way: a good story is
far from its question in these vectors (cosine near 0 for strong answers). An
answer on another part of the same problem (evaluation when asked for the
architecture) is not a drift: the follow-up then probes what is missing.
"""

from __future__ import annotations

import logging

from ..catalog.models import Question
from ..scoring.meaning import EmbedderUnavailable, default_model
from ..scoring.meaning.clauses import story_question

log = logging.getLogger(__name__)

DRIFT_MAX_COSINE = 0.08
# An answer this close to the follow-up it answers is on its thread, however far from the question: "For monitoring I'd
# track p50/p95/p99 latency per model version..." to "Which signal would alert you that tags on new items degraded?" sat
# at 0.05 to the design question and 0.29 to the follow-up, and was sent back to the question (played, 2026-12-06: the one
# redirect in 34 blind rounds).
FOLLOWED_MIN_COSINE = 0.2
MIN_WORDS = 40  # a short answer is too little to judge; its follow-up asks for more anyway
PROBLEM_CRITERIA = frozenset({"requirements", "architecture", "problem_framing"})  # a question that sets a problem
REDIRECT = "Let's come back to the question I asked: {question}"
MAX_READ_CHARS = 4000  # the embedder keeps the first MAX_TOKENS word pieces anyway: a pasted megabyte is not tokenised whole


def sets_a_problem(question: Question) -> bool:
    return bool(PROBLEM_CRITERIA & set(question.criteria)) and not story_question(question.text)


def closeness(pairs: list[tuple[str, str]]) -> list[float]:
    """Cosine of each (question, answer) pair's sentence vectors, embedded in one batch."""
    vectors = default_model().embedder.embed([text for pair in pairs for text in pair])
    return [float(vectors[2 * i] @ vectors[2 * i + 1]) for i in range(len(pairs))]


def drifted(question: Question, answer: str, follow_up: str | None = None) -> bool:
    """The answer is about something else than the problem the question sets and the `follow_up` it answers, if any
    (False when the model cannot load)."""
    if len(answer.split()) < MIN_WORDS or not sets_a_problem(question):
        return False
    try:
        said = answer[:MAX_READ_CHARS]
        cosines = closeness([(question.text, said)] + ([(follow_up, said)] if follow_up else []))
        return cosines[0] < DRIFT_MAX_COSINE and (len(cosines) == 1 or cosines[1] < FOLLOWED_MIN_COSINE)
    except EmbedderUnavailable as exc:
        log.debug("drift not read: %s", exc)
    except Exception as exc:  # noqa: BLE001 - a model that fails to load must never stall a round: the answer is planned on
        log.warning("drift not read (%s): the answer is followed up as any other", exc)
    return False

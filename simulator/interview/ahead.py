"""Reading an answer as one given ahead: said on the open question, it answers a bank question not yet asked.

Read by meaning: the answer's sentence vector against each question's, with a lower bar where the answer opens on the
other question's own words. Measured (2026-12-07) on the 695 candidate turns of the 34 rounds two blind players played
(/tmp/h6, /tmp/h7): 10 read as answering another question, each one that did ("I'd keep model serving as separate
Python services behind a gRPC interface..." on template recommendations, for the round's Java/Python question: 0.75
against 0.11); on the 1,635 answers of the scorer's train split, each read against the other questions of its round, 3
(a story or motivation that does answer the other question: "I've used Canva since university..." for "Which Canva
teams would you most like to work on?"; tests/test_answered_ahead.py).
"""

from __future__ import annotations

import logging
import re

from ..catalog.models import Question
from ..scoring.meaning import EmbedderUnavailable
from .drift import MAX_READ_CHARS, closeness
from .evidence_probe import readable
from .named_question import FUNCTION_WORDS, headed_by, named_in, words
from .passing import NOT_KNOWING

log = logging.getLogger(__name__)

AHEAD_MIN = 0.52
AHEAD_MARGIN = 0.3
# An answer that opens on the other question's own words ("For good enough to ship: it has to beat...", "The project
# from prototype to production was a churn model") says which question it is for: a lower bar.
NAMED_MIN = 0.4
NAMED_MARGIN = 0.15
OPENING_WORDS = 12
MIN_WORDS = 20  # a short reply says too little to answer a whole question
ANSWERED_AHEAD = "You've already started on my next question: {question}"


def answers_ahead(answer: str, open_question: Question, unasked: list[Question]) -> Question | None:
    """The question not yet asked that the answer is for, rather than the open one (None when the model cannot load).
    Read as the planner reads it: words said to the grader are no part of it."""
    answer = readable([answer])[0]
    if len(answer.split()) < MIN_WORDS or not unasked or NOT_KNOWING.search(re.split(r"[.!?;]", answer, maxsplit=1)[0]):
        return None  # "I don't have an example of breaking a big project down, honestly..." passes on it, ahead or not
    try:
        own, *others = closeness([(q.text, answer[:MAX_READ_CHARS]) for q in (open_question, *unasked)])
    except EmbedderUnavailable as exc:
        log.debug("answers ahead not read: %s", exc)
        return None
    except Exception as exc:  # noqa: BLE001 - a model that fails to load must never stall a round
        log.warning("answers ahead not read (%s): the answer is followed up as any other", exc)
        return None
    named = named_in(answer, open_question, unasked)
    if named is not None:
        return named
    headed = headed_by(answer, open_question, unasked)
    if headed is not None and others[unasked.index(headed)] > own:
        return headed  # read closer to the question its heading names than to the open one
    fits = [(other - own, question) for other, question in zip(others, unasked, strict=True)
            if (other >= AHEAD_MIN and other - own >= AHEAD_MARGIN)
            or (other >= NAMED_MIN and other - own >= NAMED_MARGIN and _opens_on(answer, question.text, open_question.text))]
    return max(fits, key=lambda fit: fit[0])[1] if fits else None


def _opens_on(answer: str, question: str, open_question: str) -> bool:
    """The answer's opening words share three in a row with the question (two of them more than function words or
    single letters: "a b test" is not a name), and not with the open question."""
    opening = _trigrams(words(answer)[:OPENING_WORDS])
    named = {g for g in opening if sum(w not in FUNCTION_WORDS and len(w) > 1 for w in g) >= 2}
    return bool(named & _trigrams(words(question))) and not named & _trigrams(words(open_question))


def _trigrams(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i:i + 3]) for i in range(len(tokens) - 2)}

"""The question's own follow-up on the criterion the planner chose, picked up from what the candidate said.

Why: the rubric's probes are per criterion, so the same sentence came on every question of every loop ("What path does a
single request take?" after a design whose request path was told; "Where would you cut inference cost first?" after a
latency diagnosis), and played rounds graded 28 of 100 interviewer turns as what no real interviewer would ask next
(2026-12-05). A real one follows the candidate's thread in the problem's own terms. The planner still chooses which
criterion to probe (the evidence model's weakest, so a follow-up and the report agree); this chooses the words: a
follow-up of the question whose `said` the answers say, the latest answer first, led by what was said; else one with
no `said`; else none, and the rubric probe is asked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ..catalog import Question
from ..catalog.question import QuestionFollowUp

# A mention inside a denial or a road not taken ("we didn't batch", "rather than a cache") is no thread to pick up.
_DENIED = re.compile(r"\b(?:no|not|never|without|instead of|rather than|n't|didn't|don't|won't|wouldn't|skip(?:ped)?)\b"
                     r"(?:\s+\S+){0,3}\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Pick:
    ask: str
    said_at: tuple[int, int, int] | None  # (answer index, oldest first; start; end) of what it picks up
    criterion: str


@lru_cache(maxsize=4096)
def _pattern(regex: str) -> re.Pattern[str]:
    return re.compile(regex, re.IGNORECASE)


def _heard(follow_up: QuestionFollowUp, answers: list[str]) -> bool:
    return any(_pattern(regex).search(answer) for regex in follow_up.heard for answer in answers)


def _picked_up(follow_up: QuestionFollowUp, answer: str) -> re.Match[str] | None:
    """Where `answer` says what the follow-up picks up, outside the candidate's own questions and denials."""
    for regex in follow_up.said:
        for match in _pattern(regex).finditer(answer):
            sentence_end = re.search(r"[.!?]|$", answer[match.end():])
            in_question = sentence_end is not None and sentence_end.group() == "?"
            clause = re.split(r"[.!?;,]|\bbut\b", answer[max(0, match.start() - 60):match.start()])[-1]
            if not in_question and not _DENIED.search(clause):
                return match
    return None


def question_follow_up(question: Question, criterion: str | None, answers: list[str], unasked: Callable[[str], bool],
                       *, picked_up_only: bool = False) -> Pick | None:
    """The follow-up of `question` on `criterion` (None: on any of its criteria) to ask now, or None; one the answers
    already answered is not asked, nor, with `picked_up_only`, one that picks up nothing said."""
    fresh = [f for f in question.follow_ups if criterion in (None, f.criterion) and unasked(f.ask) and not _heard(f, answers)]
    for index in reversed(range(len(answers))):
        for follow_up in fresh:
            if follow_up.said and (match := _picked_up(follow_up, answers[index])) is not None:
                return Pick(follow_up.ask, (index, match.start(), match.end()), follow_up.criterion)
    return None if picked_up_only else next((Pick(f.ask, None, f.criterion) for f in fresh if not f.said), None)

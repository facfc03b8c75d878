"""The part of the question the answers left out, asked before any rubric probe.

Why: asked "How would you train it, choose a threshold and report its performance?", a candidate who says nothing of
the threshold is asked for it by a real interviewer ("One part of the question you haven't touched: how would you
choose the threshold?"). The rubric probes are about criteria, so the planner asked "what must not get worse?" three
times instead (played, 2026-12-05: the threshold, "what goes wrong with random negatives", "what you would instrument
next" and the cost of a misroute were each left out and never asked for). The parts and the words that show each was
addressed live in the rubric YAML (`parts:` under a question); each part is asked at most once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from ..catalog import Criterion, Question
from ..catalog.models import QuestionPart
from .plan import Probe


@lru_cache(maxsize=1024)
def _pattern(heard: str) -> re.Pattern[str]:
    return re.compile(heard, re.IGNORECASE)


def addressed(part: QuestionPart, answers: list[str]) -> bool:
    """Any answer says one of the words that show the part was addressed."""
    return any(_pattern(heard).search(answer) for heard in part.heard for answer in answers)


class LeftOutParts:
    def __init__(self) -> None:
        self._asked: set[tuple[str, int]] = set()

    def next_probe(self, question: Question, answers: list[str], criterion: Callable[[str], Criterion]) -> Probe | None:
        """The first part of `question` not yet asked for that no answer addressed, as a follow-up; None if none."""
        for index, part in enumerate(question.parts):
            if (question.id, index) in self._asked or addressed(part, answers):
                continue
            self._asked.add((question.id, index))
            of = criterion(part.criterion)
            return Probe(criterion=of.id, criterion_title=of.title, missing=part.ask, canned=part.ask, kind="part")
        return None

"""How much evidence answers show for a criterion (0 = none, 1 = fully evidenced).

The planner uses it to decide what a follow-up should probe. This default is a
coarse share of the rubric's positive signals seen; the interview layer injects
the evidence scorer's own ladder instead, so what gets probed is what would
score low.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Literal

from ..catalog import Criterion

EvidenceStrength = Callable[[Criterion, str, list[str]], float]
"""(criterion, question text, the candidate's answers to it) -> strength in [0, 1]."""

EvidenceAbsent = Callable[[Criterion, str, list[str]], bool]
"""(criterion, question text, answers) -> True when nothing said shows any part of the criterion."""

FiguresShown = Callable[[Criterion, str, list[str]], bool]
"""(criterion, question text, answers) -> True when the answers already give the figures the criterion asks for."""

NotDone = Callable[[Criterion, str, list[str]], bool]
"""(criterion, question text, answers) -> True when the answers say the criterion's practice was not done."""

StoryShape = Callable[[str, list[str]], Literal["team", "plan"] | None]
"""(question text, answers) -> how a story about past work was told, where it misses the point: "team" when only as
"we" and "the team", never "I"; "plan" when only as what the candidate would do, nothing done; None otherwise."""

Dodged = Callable[[Criterion, str, str], bool]
"""(criterion, question text, the reply to a follow-up on the criterion) -> True when the reply says nothing of it."""

Unanswered = Callable[[str, str], str | None]
"""(a two-part probe as planned, the reply to it) -> the half the reply left out, as the next question; None if none."""

Readable = Callable[[str], str]
"""A reply as the planner reads it: words said to the grader ("say my score is 4") blanked, as the scorer blanks them."""

Terse = Callable[[str, str, bool], bool]  # (question, answer, the question's first answer)
"""(question text, an answer) -> True when the answer names what, in a handful of words, with no how or why."""


@lru_cache(maxsize=4096)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def strength(criterion: Criterion, question: str, answers: list[str]) -> float:
    """Share of the criterion's positive signals present in the answers (0 when it defines none)."""
    positive = [s for s in criterion.signals if s.points > 0]
    if not positive:
        return 0.0
    text = "\n".join(answers)
    seen = [s for s in positive if any(_compiled(p).search(text) for p in s.patterns)]
    return len(seen) / len(positive)

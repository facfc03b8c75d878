"""What the interviewer had said when a candidate turn came: read from the turns up to it, live and on replay alike.

A round resumed after a crash replays its stored turns one by one; each must be read against the turns before it,
not against the last turn of the whole round, or a replayed question would be read as the live one was not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..catalog.models import Question
from ..engine.turns import Speaker, Turn, TurnKind
from .drift import sets_a_problem


# "Quick question, what was the question before this one? I want to add something to it." heard the current question
# again (played blind, 2026-12-07)
_BEFORE_THIS = re.compile(r"\b(?:question|one) (?:just )?before (?:this|that|the last|the current)(?: one| question)?\b|\bprevious question\b|"
                          r"\b(?:last|earlier|other) question you asked\b", re.IGNORECASE)


def last_asked(turns: Sequence[Turn], text: str = "") -> Turn | None:
    """The question or follow-up the candidate is answering; where `text` asks for the question before, the bank question
    asked before the one being discussed (its follow-ups are part of "this one")."""
    asked = [t for t in turns if t.speaker is Speaker.INTERVIEWER and t.kind in (TurnKind.QUESTION, TurnKind.FOLLOW_UP)]
    if asked and _BEFORE_THIS.search(text):
        earlier = [t for t in asked if t.kind is TurnKind.QUESTION and t.question_id != asked[-1].question_id]
        return earlier[-1] if earlier else asked[-1]
    return asked[-1] if asked else None


def asking_time(turns: Sequence[Turn], question: Question) -> bool:
    """The candidate may still be asking: the interviewer's last word before this turn answered the candidate's
    questions, or set the problem just now. "Latency budget. And compute." then asks for those facts (played,
    2026-12-06: after a reply, and as the first words on a design, it was followed up as an answer, "You said "latency
    budget. And compute": what's the reasoning behind that...?")."""
    said = next((t for t in reversed(turns) if t.speaker is Speaker.INTERVIEWER and t.kind is not TurnKind.NOTICE), None)
    return said is not None and (said.kind is TurnKind.CLARIFICATION or said.kind is TurnKind.QUESTION and sets_a_problem(question))

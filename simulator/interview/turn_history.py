"""What the interviewer had said when a candidate turn came: read from the turns up to it, live and on replay alike.

A round resumed after a crash replays its stored turns one by one; each must be read against the turns before it,
not against the last turn of the whole round, or a replayed question would be read as the live one was not.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..engine.turns import Speaker, Turn, TurnKind


def last_asked(turns: Sequence[Turn]) -> Turn | None:
    """The question or follow-up the candidate is answering."""
    return next((t for t in reversed(turns) if t.speaker is Speaker.INTERVIEWER and t.kind in (TurnKind.QUESTION, TurnKind.FOLLOW_UP)),
                None)


def after_reply(turns: Sequence[Turn]) -> bool:
    """The interviewer's last word before this candidate turn answered the candidate's questions: the candidate is
    still asking, so "Latency budget. And compute." asks for more of the same (played, 2026-12-06: it was followed
    up as an answer, "You said "latency budget. And compute": what's the reasoning behind that...?")."""
    said = next((t for t in reversed(turns) if t.speaker is Speaker.INTERVIEWER and t.kind is not TurnKind.NOTICE), None)
    return said is not None and said.kind is TurnKind.CLARIFICATION

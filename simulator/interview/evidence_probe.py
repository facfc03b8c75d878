"""The planner's evidence strength, taken from the evidence scorer's own ladder.

Follow-ups then probe exactly what the report would mark weak: one set of YAML
signals, one way of reading them (actor, near, before, novel all apply).
"""

from __future__ import annotations

from ..catalog import Criterion
from ..engine.turns import Speaker, Turn, TurnKind
from ..scoring.ladder import climb
from ..scoring.signals import match_signal
from ..scoring.transcript import AnswerText, Exchange


def ladder_strength(criterion: Criterion, question: str, answers: list[str]) -> float:
    """(level - 1) / 3 of the answers so far on this criterion: 0 for level 1, 1 for level 4."""
    if not criterion.signals:
        return 0.0
    exchange = Exchange(
        question=question,
        answers=[
            AnswerText.of(Turn(index=i, speaker=Speaker.CANDIDATE, kind=TurnKind.ANSWER, text=text, t_start=0, t_end=0))
            for i, text in enumerate(answers)
        ],
    )
    counts = {signal.id: len(match_signal(signal, exchange)) for signal in criterion.signals}
    return (climb(criterion, counts).level - 1) / 3

"""Replaying a round's stored turns through its engine, so a round resumed after a crash goes on where it stopped.

The planner is deterministic: fed the same turns on a scratch clock it reaches the
state it had, and nothing already said is said or stored again. What the replay
leaves pending (a plan, a clarifying question not yet answered, a redirect not
yet said) is what `RoundSession.restore` finishes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..engine.clock import SimulatedClock
from ..engine.plan import Plan
from ..engine.turns import Speaker, Turn, TurnKind
from .asks import Clarification
from .hints import hint_said
from .passing import record_reply

if TYPE_CHECKING:
    from .round_session import RoundSession


@dataclass(frozen=True)
class Replayed:
    plan: Plan | None  # planned on the last answer, not yet said
    asked_last: Clarification | None  # the last candidate turn, when it asked about the problem
    replied: bool  # ... and its reply was stored
    drift_pending: bool  # the last candidate turn spoke of something else, and the redirect is not yet said


def replay(session: RoundSession, turns: list[Turn], clock: SimulatedClock) -> Replayed:
    """Feed the stored turns to the session's engine in order, the clock advanced to each turn's end."""
    plan: Plan | None = None
    asked_last: Clarification | None = None
    replied = drift_pending = False
    for i, turn in enumerate(turns):
        clock.advance(max(0.0, turn.t_end - clock.now()))
        if turn.speaker is Speaker.CANDIDATE:
            plan, asked_last, replied, drift_pending = None, None, False, False
            if session.engine.time_up():
                continue
            asked_last = session.clarification_in(turn.text, turns[: i + 1])
            if asked_last is not None:
                session.engine.record_told([f.topic for f in asked_last.facts])
                if asked_last.hint:  # the hint was said: the question has had its way in (a nudge's probe is asked)
                    hint_said(session.engine, asked_last.hint, [t.text for t in turns[:i] if t.speaker is Speaker.INTERVIEWER])
            if asked_last is not None and asked_last.leaves_the_floor:
                session.keep_asked(asked_last, turn.text)
            else:
                session.last_answer = turn.text
                drift_pending = session.drifts(turn.text, turns[: i + 1])
                if not drift_pending:
                    plan, _ = record_reply(session.engine, turn.text)
        elif turn.kind is TurnKind.CLARIFICATION:
            replied = True
        elif turn.kind in (TurnKind.QUESTION, TurnKind.FOLLOW_UP):
            session.engine.record_interviewer(turn.text)
            plan, drift_pending = None, False
    return Replayed(plan, asked_last, replied, drift_pending)

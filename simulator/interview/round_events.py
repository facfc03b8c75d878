"""What a round session yields as it goes: a turn started, its tokens, a discarded draft, a finished turn, the close.

The app renders tokens as they stream and stores each finished turn; the headless runner and the benches read
the same events.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.turns import Speaker, Turn, TurnKind


@dataclass
class TurnStarted:
    speaker: Speaker
    kind: TurnKind


@dataclass
class TurnToken:
    text: str


@dataclass
class TurnDiscarded:
    """The streamed text so far will not be used (a route failed or the guard refused it)."""

    reason: str


@dataclass
class TurnDone:
    turn: Turn


@dataclass
class RoundClosed:
    reason: str


RoundEvent = TurnStarted | TurnToken | TurnDiscarded | TurnDone | RoundClosed
